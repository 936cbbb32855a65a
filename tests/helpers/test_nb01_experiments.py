"""helpers.nb01_experiments: the data-scaling study and the activation race of notebook 01."""

import numpy as np
import pytest

from helpers import nb01_experiments, nb04_deep


def _task(seed, n_x=12, m=300):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m))
    Y = ((X[0] * X[1] > 0) ^ (X[2] > 0.5)).astype(np.int64).reshape(1, -1)  # not linear
    return X, Y


def test_downsample_averages_blocks():
    images = np.arange(2 * 4 * 4, dtype=np.uint8).reshape(2, 4, 4)
    X = nb01_experiments.downsample(images, factor=2)
    assert X.shape == (4, 2)
    assert X[0, 0] == pytest.approx(np.mean([0, 1, 4, 5]) / 255)
    with pytest.raises(ValueError, match="multiple of factor"):
        nb01_experiments.downsample(np.zeros((1, 5, 5)), factor=2)


def test_scaling_curve_shapes_and_more_data_helps():
    X, Y = _task(0)
    Xt, Yt = _task(1, m=400)
    models = {"logistic": None, "net": [16]}
    curves = nb01_experiments.scaling_curve(X, Y, Xt, Yt, [20, 300], models, num_iterations=400,
                                       learning_rate=0.5)
    assert set(curves) == {"logistic", "net"} and all(len(v) == 2 for v in curves.values())
    assert curves["net"][1] > curves["net"][0]        # more data, better test accuracy
    assert curves["net"][1] > curves["logistic"][1]   # the network beats a line on this task
    with pytest.raises(ValueError, match="sizes must lie between 1 and 300"):
        nb01_experiments.scaling_curve(X, Y, Xt, Yt, [500], models)


def test_activation_race_same_start_different_speed():
    X, Y = _task(2)
    race = nb01_experiments.activation_race(X, Y, hidden=(16, 16, 16), num_iterations=300)
    assert set(race) == {"sigmoid", "relu"} and len(race["relu"]) == 4  # iterations 0..300
    # the last entry is the cost after the final step, not before it
    params, costs = nb04_deep.L_layer_model(X, Y, [X.shape[0], 16, 16, 16, 1], 0.5, 300,
                                       hidden_activation="relu", seed=1)
    assert race["relu"][:3] == costs
    assert race["relu"][3] == pytest.approx(nb04_deep.compute_cost(nb04_deep.L_model_forward(X, params)[0], Y))
    with pytest.raises(ValueError, match="multiple of 100"):
        nb01_experiments.activation_race(X, Y, num_iterations=250)
    assert race["relu"][-1] < race["sigmoid"][-1]
