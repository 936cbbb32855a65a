"""Reference code, checks, data, plots and widgets for the Neural Networks and Deep
Learning notebooks.

Modules (each with one job):
    validation   input checks with clear messages
    data         the shipped digit images and generated 2-D point sets
    activations  sigmoid, tanh, ReLU, leaky ReLU and their backward steps
    basics       notebook 02's numpy warm-up (softmax, L1, L2...)
    logistic     logistic regression as a neural network (notebook 02)
    shallow      a network with one hidden layer (notebook 03)
    deep         an L-layer network (notebook 04)
    gradcheck    numerical gradients and relative errors
    checks       graders for the learner's versions of the functions above
"""

__version__ = "0.1.0"

# numpy's BLAS stays at one thread outside the trainers, which choose per run (see threads).
from . import threads as _threads  # noqa: E402

_threads.use_safe_default()
