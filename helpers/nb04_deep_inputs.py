"""Checks of the deep network's inputs (``helpers.nb04_deep``): parameters, layer sizes,
linear caches and the list of caches ``L_model_backward`` receives.

Kept apart so that ``nb04_deep`` reads as the course's algorithm. No state is kept. Every
check raises ``TypeError``/``ValueError`` through ``helpers.validation``; none
changes its input.
"""

import re

import numpy as np

from .activations import ACTIVATIONS
from .validation import (MAX_ELEMENTS, check_array, check_dict_keys, check_matches, check_size,
                         describe)

OUTPUT = "the output layer has 1 unit (one sigmoid probability)"


def _layer_count(parameters, name="parameters"):
    """L from the keys W1, b1, ..., WL, bL; any other key is refused."""
    check_dict_keys(parameters, ("W1", "b1"), name)
    layers = [int(k[1:]) for k in parameters
              if isinstance(k, str) and re.fullmatch(r"[Wb][1-9]\d*", k)]
    L = max(layers)
    expected = [f"{c}{l}" for l in range(1, L + 1) for c in "Wb"]
    check_dict_keys(parameters, expected, name)
    extra = [k for k in parameters if k not in expected]
    if extra:
        raise ValueError(f"{name} has unexpected key(s) {[str(k) for k in extra]}; it must hold "
                         f"exactly W1, b1, ..., W{L}, b{L} (keyed as strings)")
    return L


def check_parameters(parameters, n_x=None, one_output=False, name="parameters"):
    """Check W1, b1, ..., WL, bL chain layer to layer; return ``(L, p)``.

    ``p`` is a new dict of the float64 arrays. Names the first offending key,
    e.g. "W2 has 3 columns but W1 has 4 rows". ``one_output``: WL must have 1 row.
    """
    L = _layer_count(parameters, name)
    p, n_prev, source = {}, n_x, f"X has {n_x} rows (features)"
    for l in range(1, L + 1):
        rows = 1 if one_output and l == L else None
        W = p[f"W{l}"] = check_array(parameters[f"W{l}"], f"W{l}", f"(n[{l}], n[{l - 1}])",
                                     (rows, n_prev), sources={0: OUTPUT, 1: source})
        p[f"b{l}"] = check_array(parameters[f"b{l}"], f"b{l}", f"(n[{l}], 1)", (W.shape[0], 1),
                                 sources={0: f"W{l}"})
        n_prev, source = W.shape[0], f"W{l} has {W.shape[0]} rows"
    return L, p


def check_layer_dims(layer_dims, name):
    if isinstance(layer_dims, np.ndarray) and layer_dims.ndim == 1 and layer_dims.dtype.kind in "iu":
        # an int array of sizes is as good as a list
        layer_dims = layer_dims.tolist()
    if not isinstance(layer_dims, (list, tuple)):
        raise TypeError(f"{name} must be a list of layer sizes [n_x, n1, ..., nL], got "
                        f"{describe(layer_dims)}")
    if len(layer_dims) < 2:
        raise ValueError(f"{name} must hold at least two sizes [n_x, ..., n_y], got {layer_dims!r}")
    dims = [check_size(n, f"{name}[{i}]") for i, n in enumerate(layer_dims)]
    weights = sum(a * b for a, b in zip(dims, dims[1:]))
    if weights > MAX_ELEMENTS:
        raise ValueError(f"{name}={dims} would need {weights} weights, more than {MAX_ELEMENTS}; "
                         f"use fewer or smaller layers")
    return dims



def check_linear(A, W, b, A_name="A"):
    """W first, then A's rows against W's columns (naming both), then b; float64 arrays."""
    W = check_array(W, "W", "(n[l], n[l-1])", (None, None))
    A = check_array(A, A_name, "(n[l-1], m)", (None, None))
    if A.shape[0] != W.shape[1]:
        raise ValueError(f"W has shape {W.shape} but {A_name} has {A.shape[0]} rows: W must be "
                         f"(n[l], n[l-1]) with n[l-1] = {A_name}.shape[0] (did you swap or "
                         f"transpose them?)")
    b = check_array(b, "b", "(n[l], 1)", (W.shape[0], 1), sources={0: "W"})
    return A, W, b


def check_linear_cache(cache, name="cache"):
    if not isinstance(cache, tuple) or len(cache) != 3:
        raise TypeError(f"{name} must be the tuple (A_prev, W, b) that linear_forward returned, "
                        f"got {describe(cache)}")
    return check_linear(*cache, "A_prev")


def check_caches(caches, m, hidden_activation):
    """The list L_model_forward returned: layers chain, and A{l} = g(Z{l}) between them."""
    if not isinstance(caches, list) or not caches:
        raise TypeError(f"caches must be the non-empty list L_model_forward returned, got "
                        f"{describe(caches)}")
    how = ("pass the caches list L_model_forward returned, unchanged and in order, with the same "
           "hidden_activation")
    checked, Z_prev = [], None
    for l, cache in enumerate(caches, start=1):
        name = f"caches[{l - 1}]"
        if not isinstance(cache, tuple) or len(cache) != 2:
            raise TypeError(f"{name} (layer {l}) must be the tuple (linear_cache, Z) that "
                            f"linear_activation_forward returned, got {describe(cache)}")
        A_prev, W, b = check_linear_cache(cache[0], f"{name}[0]")
        if A_prev.shape[1] != m:
            raise ValueError(f"{name}[0]: A_prev has {A_prev.shape[1]} columns but AL has {m} "
                             f"columns (examples); {how}")
        rows = 1 if l == len(caches) else None
        Z = check_array(cache[1], f"{name}[1] (Z of layer {l})", "(n[l], m)", (rows, m),
                        sources={0: OUTPUT})
        if Z.shape[0] != W.shape[0]:
            raise ValueError(f"{name}: Z has {Z.shape[0]} rows but W has {W.shape[0]}; {how}")
        if Z_prev is not None:
            if A_prev.shape != Z_prev.shape:
                raise ValueError(f"{name}: A_prev has shape {A_prev.shape} but the Z of layer "
                                 f"{l - 1} has shape {Z_prev.shape}; {how}")
            g = ACTIVATIONS[hidden_activation][0]
            check_matches(A_prev, g(Z_prev), f"{name}[0][0] (A{l - 1})",
                          f"{hidden_activation}(Z{l - 1}) (hidden_activation={hidden_activation!r})",
                          how)
        checked.append(((A_prev, W, b), Z))
        Z_prev = Z
    return checked

