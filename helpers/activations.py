"""Activation functions g(z), their derivatives g'(z), and backward steps.

Every function works elementwise on an array ``Z`` of any shape (usually
``(n[l], m)``) and returns a new array of the same shape. Taught in notebook 03,
section 3 (activation functions) and used by notebooks 01-04.

Forward:   ``sigmoid(Z)``, ``tanh(Z)``, ``relu(Z)``, ``leaky_relu(Z)``.
Slopes:    ``sigmoid_derivative(Z)`` ... ``leaky_relu_derivative(Z)``: g'(Z).
Backward:  ``sigmoid_backward(dA, Z)`` ... : dZ = dA * g'(Z), the step
           ``linear_activation_backward`` takes in notebook 04. ``Z`` is the
           "activation cache" that the forward step stored.

These functions trust their input (they sit inside training loops); the public
functions of ``logistic``, ``shallow`` and ``deep`` check arrays at their door.
"""

import numpy as np

LEAKY_SLOPE = 0.01


def sigmoid(Z):
    """sigma(z) = 1 / (1 + e^-z), computed without overflow for any z.

    For z >= 0 it uses 1 / (1 + e^-z); for z < 0 the equal form e^z / (1 + e^z),
    so e is only ever raised to a non-positive power: sigmoid(1000) is exactly
    1.0 and sigmoid(-1000) exactly 0.0, with no warning.
    """
    Z = np.asarray(Z, dtype=np.float64)
    e = np.exp(-np.abs(Z))  # in (0, 1]: never overflows
    return np.where(Z >= 0, 1.0, e) / (1.0 + e)


def tanh(Z):
    """tanh(z) = (e^z - e^-z) / (e^z + e^-z), in (-1, 1)."""
    return np.tanh(Z)


def relu(Z):
    """max(0, z)."""
    return np.maximum(Z, 0.0)


def leaky_relu(Z, slope=LEAKY_SLOPE):
    """z for z > 0, slope * z otherwise (default slope 0.01)."""
    return np.where(Z > 0, Z, slope * Z)


def sigmoid_derivative(Z):
    """sigma'(z) = sigma(z) (1 - sigma(z)); at most 0.25, at z = 0."""
    s = sigmoid(Z)
    return s * (1.0 - s)


def tanh_derivative(Z):
    """tanh'(z) = 1 - tanh(z)^2; at most 1, at z = 0."""
    t = np.tanh(Z)
    return 1.0 - t * t


def relu_derivative(Z):
    """1 for z > 0, else 0 (the value at exactly 0 is a convention; we use 0)."""
    return (Z > 0).astype(np.float64)


def leaky_relu_derivative(Z, slope=LEAKY_SLOPE):
    """1 for z > 0, else ``slope``."""
    return np.where(Z > 0, 1.0, slope)


def sigmoid_backward(dA, Z):
    """dZ = dA * sigma'(Z). dA, Z and dZ share one shape, (n[l], m)."""
    s = sigmoid(Z)
    return dA * s * (1.0 - s)


def tanh_backward(dA, Z):
    """dZ = dA * (1 - tanh(Z)^2)."""
    t = np.tanh(Z)
    return dA * (1.0 - t * t)


def relu_backward(dA, Z):
    """dZ = dA where Z > 0, else 0."""
    return np.where(Z > 0, dA, 0.0)


def leaky_relu_backward(dA, Z, slope=LEAKY_SLOPE):
    """dZ = dA where Z > 0, else slope * dA."""
    return np.where(Z > 0, dA, slope * dA)


def identity(Z):
    """The "linear" activation g(z) = z (notebook 03's 'linear activations collapse' demo)."""
    return np.array(Z, dtype=np.float64)


def identity_backward(dA, Z):
    """dZ = dA: the identity's slope is 1."""
    return np.array(dA, dtype=np.float64)


# name -> (g, g', backward step); the names the ``activation`` arguments accept
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_derivative, sigmoid_backward),
    "tanh": (tanh, tanh_derivative, tanh_backward),
    "relu": (relu, relu_derivative, relu_backward),
    "leaky_relu": (leaky_relu, leaky_relu_derivative, leaky_relu_backward),
}


def slope_from_output(activation, Z, A):
    """g'(Z) using the forward output ``A = g(Z)`` where that saves work.

    tanh' = 1 - A^2 and sigmoid' = A (1 - A) need no second exp; ReLU's slopes
    come from the sign of Z. Used by the shallow network's backward pass.
    """
    if activation == "tanh":
        return 1.0 - A * A
    if activation == "sigmoid":
        return A * (1.0 - A)
    return ACTIVATIONS[activation][1](Z)
