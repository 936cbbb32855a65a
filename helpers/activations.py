"""Activation functions g(z), their derivatives g'(z), and backward steps.

Every function works elementwise on an array ``Z`` of any shape (usually
``(n[l], m)``) and returns a new array of the same shape. Taught in notebook 03,
section 3 (activation functions) and used by notebooks 01-04.

Forward:   ``sigmoid(Z)``, ``tanh(Z)``, ``relu(Z)``, ``leaky_relu(Z)``.
Slopes:    ``sigmoid_derivative(Z)`` ... ``leaky_relu_derivative(Z)``: g'(Z).
Backward:  ``sigmoid_backward(dA, Z)`` ... : dZ = dA * g'(Z), the step
           ``linear_activation_backward`` takes in notebook 04. ``Z`` is the
           "activation cache" that the forward step stored.

The public functions below check their input (``Z`` and ``dA``: a number or a
real array of any shape, finite; ``dA`` and ``Z`` of one shape) and raise a
``TypeError``/``ValueError`` naming the argument. ``ACTIVATIONS[name]`` holds the
same functions unchecked (``.forward``, ``.derivative``, ``.backward``, and ``.slope``,
g'(Z) from the forward output A where that is cheaper): the models' equations (``nb03_shallow.forward``, ``nb04_deep.model_backward``...) use
them on arrays their graded functions have already checked.
"""

import numbers
from collections import namedtuple

import numpy as np

from .validation import check_array, check_same_shape, check_scalar

LEAKY_SLOPE = 0.01


def _sigmoid(Z):
    """sigma(z) = 1 / (1 + e^-z), computed without overflow for any z.

    For z >= 0 it uses 1 / (1 + e^-z); for z < 0 the equal form e^z / (1 + e^z),
    so e is only ever raised to a non-positive power: sigmoid(1000) is exactly
    1.0 and sigmoid(-1000) exactly 0.0, with no warning.
    """
    Z = np.asarray(Z, dtype=np.float64)
    e = np.exp(-np.abs(Z))  # in (0, 1]: never overflows
    return np.where(Z >= 0, 1.0, e) / (1.0 + e)


def _tanh(Z):
    """tanh(z) = (e^z - e^-z) / (e^z + e^-z), in (-1, 1)."""
    return np.tanh(Z)


def _relu(Z):
    """max(0, z)."""
    return np.maximum(Z, 0.0)


def _leaky_relu(Z, slope=LEAKY_SLOPE):
    """z for z > 0, slope * z otherwise (default slope 0.01)."""
    return np.where(Z > 0, Z, slope * Z)


def _sigmoid_derivative(Z):
    """sigma'(z) = sigma(z) (1 - sigma(z)); at most 0.25, at z = 0."""
    s = _sigmoid(Z)
    return s * (1.0 - s)


def _tanh_derivative(Z):
    """tanh'(z) = 1 - tanh(z)^2; at most 1, at z = 0."""
    t = np.tanh(Z)
    return 1.0 - t * t


def _relu_derivative(Z):
    """1 for z > 0, else 0 (the value at exactly 0 is a convention; we use 0)."""
    return (Z > 0).astype(np.float64)


def _leaky_relu_derivative(Z, slope=LEAKY_SLOPE):
    """1 for z > 0, else ``slope``."""
    return np.where(Z > 0, 1.0, slope)


def _sigmoid_backward(dA, Z):
    """dZ = dA * sigma'(Z). dA, Z and dZ share one shape, (n[l], m)."""
    s = _sigmoid(Z)
    return dA * s * (1.0 - s)


def _tanh_backward(dA, Z):
    """dZ = dA * (1 - tanh(Z)^2)."""
    t = np.tanh(Z)
    return dA * (1.0 - t * t)


def _relu_backward(dA, Z):
    """dZ = dA where Z > 0, else 0."""
    return np.where(Z > 0, dA, 0.0)


def _leaky_relu_backward(dA, Z, slope=LEAKY_SLOPE):
    """dZ = dA where Z > 0, else slope * dA."""
    return np.where(Z > 0, dA, slope * dA)


def _identity(Z):
    """The "linear" activation g(z) = z (notebook 03's 'linear activations collapse' demo)."""
    return np.array(Z, dtype=np.float64)


def _identity_backward(dA, Z):
    """dZ = dA: the identity's slope is 1."""
    return np.array(dA, dtype=np.float64)


def _sigmoid_slope(Z, A):
    """sigma'(Z) from the forward output A = sigma(Z): A (1 - A), no second exp."""
    return A * (1.0 - A)


def _tanh_slope(Z, A):
    """tanh'(Z) from the forward output A = tanh(Z): 1 - A^2, as the course writes it."""
    return 1.0 - A * A


def _relu_slope(Z, A):
    return _relu_derivative(Z)


def _leaky_relu_slope(Z, A):
    return _leaky_relu_derivative(Z)


Activation = namedtuple("Activation", ["forward", "derivative", "backward", "slope"])
Activation.__doc__ = ("g(Z), g'(Z), the backward step dZ = dA * g'(Z), and slope(Z, A): g'(Z) "
                      "from Z and the forward output A = g(Z) (cheaper for tanh and sigmoid); "
                      "unchecked.")

# The names the ``activation`` arguments accept.
ACTIVATIONS = {
    "sigmoid": Activation(_sigmoid, _sigmoid_derivative, _sigmoid_backward, _sigmoid_slope),
    "tanh": Activation(_tanh, _tanh_derivative, _tanh_backward, _tanh_slope),
    "relu": Activation(_relu, _relu_derivative, _relu_backward, _relu_slope),
    "leaky_relu": Activation(_leaky_relu, _leaky_relu_derivative, _leaky_relu_backward,
                             _leaky_relu_slope),
}


# ----- the public, checked versions ---------------------------------------------------

def _array(Z, name):
    """A checked float64 array from a number or a real array of any shape (empty is fine)."""
    if isinstance(Z, numbers.Real) and not isinstance(Z, (bool, np.bool_)):
        return np.asarray(check_scalar(Z, name), dtype=np.float64)
    return check_array(Z, name, "(...)", (None,) * getattr(Z, "ndim", 0), allow_empty=True)


def _pair(dA, Z):
    dA, Z = _array(dA, "dA"), _array(Z, "Z")
    check_same_shape(dA, "dA", Z, "Z")
    return dA, Z


def _slope(slope):
    return check_scalar(slope, "slope", minimum=0, maximum=1)


def sigmoid(Z):
    """sigma(z) = 1 / (1 + e^-z) of a number or an array ``Z`` of any shape; no overflow."""
    return _sigmoid(_array(Z, "Z"))


def tanh(Z):
    """tanh(z) = (e^z - e^-z) / (e^z + e^-z), in (-1, 1), elementwise."""
    return _tanh(_array(Z, "Z"))


def relu(Z):
    """max(0, z) elementwise."""
    return _relu(_array(Z, "Z"))


def leaky_relu(Z, slope=LEAKY_SLOPE):
    """z for z > 0, slope * z otherwise (default slope 0.01)."""
    return _leaky_relu(_array(Z, "Z"), _slope(slope))


def sigmoid_derivative(Z):
    """sigma'(z) = sigma(z) (1 - sigma(z)); at most 0.25, at z = 0."""
    return _sigmoid_derivative(_array(Z, "Z"))


def tanh_derivative(Z):
    """tanh'(z) = 1 - tanh(z)^2; at most 1, at z = 0."""
    return _tanh_derivative(_array(Z, "Z"))


def relu_derivative(Z):
    """1 for z > 0, else 0 (the value at exactly 0 is a convention; we use 0)."""
    return _relu_derivative(_array(Z, "Z"))


def leaky_relu_derivative(Z, slope=LEAKY_SLOPE):
    """1 for z > 0, else ``slope``."""
    return _leaky_relu_derivative(_array(Z, "Z"), _slope(slope))


def sigmoid_backward(dA, Z):
    """dZ = dA * sigma'(Z). dA, Z and dZ share one shape, (n[l], m)."""
    return _sigmoid_backward(*_pair(dA, Z))


def tanh_backward(dA, Z):
    """dZ = dA * (1 - tanh(Z)^2). dA, Z and dZ share one shape."""
    return _tanh_backward(*_pair(dA, Z))


def relu_backward(dA, Z):
    """dZ = dA where Z > 0, else 0. dA, Z and dZ share one shape."""
    return _relu_backward(*_pair(dA, Z))


def leaky_relu_backward(dA, Z, slope=LEAKY_SLOPE):
    """dZ = dA where Z > 0, else slope * dA. dA, Z and dZ share one shape."""
    return _leaky_relu_backward(*_pair(dA, Z), _slope(slope))


def identity(Z):
    """The "linear" activation g(z) = z (notebook 03's 'linear activations collapse' demo).

    Returns a new float64 array (never a view of ``Z``)."""
    return _identity(_array(Z, "Z"))


def identity_backward(dA, Z):
    """dZ = dA: the identity's slope is 1. Returns a new array."""
    return _identity_backward(*_pair(dA, Z))
