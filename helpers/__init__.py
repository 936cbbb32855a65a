"""Reference code, checks, data, plots and widgets for the Neural Networks and Deep
Learning notebooks.

Modules (each with one job):
    validation   input checks with clear messages
    environment  the check each notebook's first cell runs
    data         the shipped digit images and generated 2-D point sets
    activations  sigmoid, tanh, ReLU, leaky ReLU and their backward steps
    cost         the cross-entropy cost, exact from the logits
    basics       notebook 02's numpy warm-up (softmax, L1, L2...)
    logistic     logistic regression as a neural network (notebook 02)
    shallow      a network with one hidden layer (notebook 03)
    deep         an L-layer network (notebook 04); deep_inputs checks its inputs
    gradcheck    numerical gradients and relative errors
    threads      how many BLAS threads each training run uses
    experiments  notebook 01's measured experiments
    timing       best-of-n timing for notebook 02's vectorization race
    parity       notebook 04's parity demo (why depth helps)
    plots        figures, with the figure defaults in one place
    diagrams     computation graphs and forward/backward diagrams
    widgets      the notebooks' interactive widgets, one module per notebook
    checks       graders for the learner's versions of the functions above

Teacher and maintainer tooling lives outside this package: teacher_tools/ (learner
copies in nbgrader's format) and maintainer_tools/ (storing notebook outputs).
"""

__version__ = "0.1.0"

# numpy's BLAS stays at one thread outside the trainers, which choose per run (see threads).
from . import threads as _threads  # noqa: E402

_threads.use_safe_default()
