"""helpers against PyTorch's CPU build: the same training, at the same number of threads.

Each case trains one model on the same data (float64), from the same initial parameters
(``nb04_deep.initialize_parameters_deep(dims, seed=1, scale="xavier")``), at the same
learning rate for the same iterations, three ways:

- helpers: the references' own training loop, ``nb02_logistic.descend`` for logistic
  regression and ``nb04_deep.descend`` for the others, at numpy's BLAS thread count
  (one unless you chose otherwise, helpers/blas.py);
- torch, autograd: the forward pass, the cost from the logits, ``torch.autograd.grad``;
- torch, manual gradients: the course's backward equations written with torch tensors.

``LOOPS[name](X, Y, parameters, iterations)`` runs one of them and returns its final
parameters (the ones passed in are left unchanged); ``gap`` says how far two results are
apart (``make bench`` requires < 1e-8). torch's threads are the caller's to set
(``torch.set_num_threads``).
"""

import numpy as np
import torch

from helpers import data, nb02_logistic, nb04_deep

LEARNING_RATE = 0.05
CONTENDERS = ("helpers", "torch autograd", "torch manual")


def cases():
    """[(label, X, Y, layer_dims)]: the models ``make bench`` compares."""
    train_x, train_y, _, _, _ = data.load_dataset()
    X_digits = train_x.reshape(len(train_x), -1).T / 255.0
    rng = np.random.default_rng(0)
    X_course = rng.random((12288, 209))
    Y_course = (rng.random((1, 209)) > 0.5).astype(np.int64)
    return [("logistic regression [784, 1], 4,000 digits", X_digits, train_y, [784, 1]),
            ("2-layer [784, 7, 1], 4,000 digits", X_digits, train_y, [784, 7, 1]),
            ("4-layer [784, 20, 7, 5, 1], 1,000 digits", X_digits[:, :1000], train_y[:, :1000],
             [784, 20, 7, 5, 1]),
            ("4-layer [784, 20, 7, 5, 1], 4,000 digits", X_digits, train_y, [784, 20, 7, 5, 1]),
            ("4-layer [12288, 20, 7, 5, 1], 209 examples (course shapes)", X_course, Y_course,
             [12288, 20, 7, 5, 1])]


def initial_parameters(dims):
    return nb04_deep.initialize_parameters_deep(dims, seed=1, scale="xavier")


def helpers_loop(X, Y, params, iterations):
    """The references' own loop; parameters keyed W1, b1, ... either way."""
    if len(params) == 2:  # logistic regression: w = W1^T, b a float
        w, b = params["W1"].T, float(params["b1"].item())
        found, _, _ = nb02_logistic.descend(w, b, X, Y, iterations, LEARNING_RATE)
        return {"W1": found["w"].T, "b1": np.array([[found["b"]]])}
    return nb04_deep.descend(params, X, Y, iterations, LEARNING_RATE)[0]


def torch_autograd(X, Y, params, iterations):
    L = len(params) // 2
    p = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
    A0, Yt = torch.from_numpy(X), torch.from_numpy(Y.astype(np.float64))
    for _ in range(iterations):
        A = A0
        for l in range(1, L):
            A = torch.relu(p[f"W{l}"] @ A + p[f"b{l}"])
        ZL = p[f"W{L}"] @ A + p[f"b{L}"]
        cost = torch.nn.functional.binary_cross_entropy_with_logits(ZL, Yt)
        grads = torch.autograd.grad(cost, list(p.values()))
        with torch.no_grad():
            for v, g in zip(p.values(), grads):
                v -= LEARNING_RATE * g
    return {k: v.detach().numpy() for k, v in p.items()}


def torch_manual(X, Y, params, iterations):
    L = len(params) // 2
    p = {k: torch.tensor(v) for k, v in params.items()}
    A0, Yt = torch.from_numpy(X), torch.from_numpy(Y.astype(np.float64))
    m = X.shape[1]
    for _ in range(iterations):
        A, Z = [A0], [None]
        for l in range(1, L + 1):
            Z.append(p[f"W{l}"] @ A[l - 1] + p[f"b{l}"])
            A.append(torch.relu(Z[l]) if l < L else torch.sigmoid(Z[l]))
        dZ = A[L] - Yt
        for l in range(L, 0, -1):
            dW = dZ @ A[l - 1].T / m
            db = dZ.sum(dim=1, keepdim=True) / m
            if l > 1:  # no dA0, as helpers' training skips it
                dZ = (p[f"W{l}"].T @ dZ) * (Z[l - 1] > 0)
            p[f"W{l}"] -= LEARNING_RATE * dW
            p[f"b{l}"] -= LEARNING_RATE * db
    return {k: v.numpy() for k, v in p.items()}


LOOPS = dict(zip(CONTENDERS, (helpers_loop, torch_autograd, torch_manual)))


def gap(a, b):
    """The largest absolute difference between two parameter dicts of the same keys."""
    return max(float(np.max(np.abs(a[k] - b[k]))) for k in a)
