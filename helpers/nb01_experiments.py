"""Experiments notebook 01 runs and plots: how accuracy grows with the amount of data,
and how fast gradient descent makes progress with sigmoid or ReLU hidden units.
"""

from . import nb02_logistic, nb04_deep
from .validation import check_array, check_labels

# name -> hidden layer sizes (None: logistic regression); inputs and the output are added
SCALING_MODELS = {"logistic regression": None, "small network (4 units)": [4],
                  "medium network (16 units)": [16], "large network (64 + 16 units)": [64, 16]}


def downsample(images, factor=2):
    """Average ``factor`` x ``factor`` blocks: (m, 28, 28) -> X of shape (784 / factor², m) in [0, 1]."""
    m, h, w = images.shape
    if h % factor or w % factor:
        raise ValueError(f"the image size {h}x{w} must be a multiple of factor={factor}")
    small = images.reshape(m, h // factor, factor, w // factor, factor).mean(axis=(2, 4))
    return small.reshape(m, -1).T / 255.0


def scaling_curve(X_train, Y_train, X_test, Y_test, sizes, models=None, num_iterations=300,
                  learning_rate=0.5):
    """Test accuracy (%) of each model trained on the first m training examples, for m in sizes.

    X_train : (n_x, m_total)    Y_train : (1, m_total)    X_test, Y_test likewise
    models  : dict name -> hidden layer sizes, or None for logistic regression
              (default ``SCALING_MODELS``)
    Every model gets the same iterations and learning rate; networks start from the
    seeded "xavier" initialisation. Returns {name: [accuracy for each size]}.
    """
    check_array(X_train, "X_train", "(n_x, m)", (None, None))
    check_labels(Y_train, X_train.shape[1], "Y_train")
    check_array(X_test, "X_test", "(n_x, m_test)", (X_train.shape[0], None))
    check_labels(Y_test, X_test.shape[1], "Y_test")
    if max(sizes) > X_train.shape[1] or min(sizes) < 1:
        raise ValueError(f"sizes must lie between 1 and {X_train.shape[1]}, got {sizes}")
    models = SCALING_MODELS if models is None else models
    results = {}
    for name, hidden in models.items():
        accuracies = []
        for m in sizes:
            X, Y = X_train[:, :m], Y_train[:, :m]
            if hidden is None:
                run = nb02_logistic.model(X, Y, X_test, Y_test, num_iterations, learning_rate)
                accuracies.append(nb02_logistic.accuracy(run["Y_prediction_test"], Y_test))
            else:
                dims = [X.shape[0], *hidden, 1]
                params, _ = nb04_deep.L_layer_model(X, Y, dims, learning_rate, num_iterations)
                accuracies.append(nb02_logistic.accuracy(nb04_deep.predict(X_test, params), Y_test))
        results[name] = accuracies
    return results


def activation_race(X, Y, hidden=(32, 32, 32), activations=("sigmoid", "relu"),
                    num_iterations=500, learning_rate=0.5, seed=1):
    """Train the same network (same data, initial weights, steps) with each hidden activation.

    ``num_iterations`` must be a multiple of 100. Returns {activation: costs at
    iterations 0, 100, ..., num_iterations}: the costs the training recorded every
    100 iterations, then the cost after the last step, so the record covers every
    iteration trained.
    """
    if num_iterations < nb04_deep.COST_EVERY or num_iterations % nb04_deep.COST_EVERY:
        raise ValueError(f"num_iterations must be a positive multiple of {nb04_deep.COST_EVERY}, so "
                         f"the costs cover the whole run; got {num_iterations}")
    dims = [X.shape[0], *hidden, 1]
    race = {}
    for a in activations:
        params, costs = nb04_deep.L_layer_model(X, Y, dims, learning_rate, num_iterations,
                                           hidden_activation=a, seed=seed)
        final = nb04_deep.compute_cost(nb04_deep.L_model_forward(X, params, a)[0], Y)
        race[a] = costs + [final]
    return race
