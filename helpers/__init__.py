"""Reference code, checks, data, plots and widgets for the Neural Networks and Deep
Learning notebooks.

Modules named for a notebook serve that notebook; the rest are shared.

    nb01_experiments   notebook 01's measured experiments
    nb02_basics        notebook 02's numpy warm-up (softmax, L1, L2...)
    nb02_logistic      logistic regression as a neural network (notebook 02)
    nb02_timing        best-of-n timing for notebook 02's vectorization race
    nb03_shallow       a network with one hidden layer (notebook 03)
    nb04_deep          an L-layer network (notebook 04); nb04_deep_inputs checks its inputs
    nb04_gradcheck     numerical gradients and relative errors (notebook 04)
    nb04_parity        notebook 04's parity demo (why depth helps)
    activations        sigmoid, tanh, ReLU, leaky ReLU and their backward steps
    cost               the cross-entropy cost
    validation         input checks with clear messages
    environment        the check each notebook's first cell runs
    data               the shipped digit images and generated 2-D point sets
    plots              figures, with the figure defaults in one place
    diagrams           computation graphs and forward/backward diagrams
    blas               numpy's BLAS at one thread (unless you chose otherwise)
    widgets            the notebooks' interactive widgets, one module per notebook
    checks             graders for the learner's versions of the graded functions

Teacher and maintainer tooling lives outside this package: teacher_tools/ (learner
copies in nbgrader's format) and maintainer_tools/ (storing notebook outputs).
"""

__version__ = "0.1.0"

from .blas import use_one_thread  # noqa: E402

use_one_thread()
