"""Mistakes learners really make, one list per graded function.

Each entry is ``(wrong_function, text)``: the check must reject the function with
an ``AssertionError`` whose message contains ``text`` (the hint that should send
the learner to the fix). Written as a learner would write them, from scratch.
"""

import copy

import numpy as np


def sig(z):
    return 1 / (1 + np.exp(-z))


def relu(z):
    return np.maximum(0, z)


# --- basics ---------------------------------------------------------------------------------

def sd_is_sigmoid(x):
    return sig(x)


def sd_x_form(x):
    return x * (1 - x)


def sd_wrong_sign(x):
    s = 1 / (1 + np.exp(x))
    return s * (s - 1)


def i2v_row(image):
    return image.reshape(1, -1)


def i2v_fortran(image):
    return image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1, order="F")


def i2v_hardcoded(image):
    return image.reshape(3 * 3 * 2, 1)


def nr_axis0(x):
    return x / np.linalg.norm(x, axis=0, keepdims=True)


def nr_whole(x):
    return x / np.linalg.norm(x)


def nr_no_keepdims(x):
    return x / np.linalg.norm(x, axis=1)


def sm_columns(x):
    e = np.exp(x)
    return e / np.sum(e, axis=0, keepdims=True)


def sm_total(x):
    return np.exp(x) / np.sum(np.exp(x))


def sm_no_exp(x):
    return x / np.sum(x, axis=1, keepdims=True)


def l1_no_abs(yhat, y):
    return np.sum(y - yhat)


def l1_mean(yhat, y):
    return np.mean(np.abs(y - yhat))


def l1_squared(yhat, y):
    return np.sum((y - yhat) ** 2)


def l1_axis1(yhat, y):
    return np.sum(np.abs(y - yhat), axis=1)


def l2_no_return(yhat, y):
    loss = np.sum((y - yhat) ** 2)  # noqa: F841 - the mistake: no return


def l2_norm(yhat, y):
    return np.linalg.norm(y - yhat)


def l2_abs(yhat, y):
    return np.sum(np.abs(y - yhat))


def l2_mean(yhat, y):
    return np.mean((y - yhat) ** 2)


# --- logistic -------------------------------------------------------------------------------

def sigmoid_sign(z):
    return 1 / (1 + np.exp(z))


def sigmoid_tanh(z):
    return np.tanh(z)


def sigmoid_minus(z):
    return 1 / (1 - np.exp(-z))


def iwz_rank1(dim):
    return np.zeros(dim), 0.0


def iwz_row(dim):
    return np.zeros((1, dim)), 0.0


def iwz_ones(dim):
    return np.ones((dim, 1)), 0.0


def prop_no_mean(w, b, X, Y):
    A = sig(np.dot(w.T, X) + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dw = np.dot(X, (A - Y).T)
    db = np.sum(A - Y)
    return {"dw": dw, "db": db}, cost


def prop_half_cost(w, b, X, Y):
    m = X.shape[1]
    A = sig(np.dot(w.T, X) + b)
    cost = -np.sum(Y * np.log(A)) / m
    return {"dw": np.dot(X, (A - Y).T) / m, "db": np.sum(A - Y) / m}, cost


def prop_elementwise(w, b, X, Y):
    m = X.shape[1]
    A = sig(np.dot(w.T, X) + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    return {"dw": X * (A - Y) / m, "db": np.sum(A - Y) / m}, cost


def prop_cost_sign(w, b, X, Y):
    m = X.shape[1]
    A = sig(np.dot(w.T, X) + b)
    cost = np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    return {"dw": np.dot(X, (A - Y).T) / m, "db": np.sum(A - Y) / m}, cost


def prop_cost_array(w, b, X, Y):
    m = X.shape[1]
    A = sig(np.dot(w.T, X) + b)
    cost = -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m
    return {"dw": np.dot(X, (A - Y).T) / m, "db": np.sum(A - Y) / m}, cost


def _propagate_ok(w, b, X, Y):
    m = X.shape[1]
    A = sig(np.dot(w.T, X) + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    return {"dw": np.dot(X, (A - Y).T) / m, "db": np.sum(A - Y) / m}, float(cost)


def opt_plus(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = _propagate_ok(w, b, X, Y)
        w = w + learning_rate * grads["dw"]
        b = b + learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs


def opt_every_cost(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = _propagate_ok(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        costs.append(cost)
    return {"w": w, "b": b}, grads, costs


def opt_inplace(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = _propagate_ok(w, b, X, Y)
        w -= learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs


def opt_fixed_rate(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = _propagate_ok(w, b, X, Y)
        w = w - 0.009 * grads["dw"]
        b = b - 0.009 * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs


def pred_probs(w, b, X):
    return sig(np.dot(w.T, X) + b)


def pred_geq(w, b, X):
    return (sig(np.dot(w.T, X) + b) >= 0.5).astype(float)


def pred_rank1(w, b, X):
    return (sig(np.dot(w.T, X) + b) > 0.5).astype(float).ravel()


def _model_parts():
    """The learner's own initialize_with_zeros, optimize and predict (correct ones)."""
    def init(dim):
        return np.zeros((dim, 1)), 0.0

    def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
        return _opt_plain(w, b, X, Y, num_iterations, learning_rate, record=True)

    def predict(w, b, X):
        return (sig(np.dot(w.T, X) + b) > 0.5).astype(float)
    return init, optimize, predict


def model_defaults(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5,
                   print_cost=False):
    init, optimize, predict = _model_parts()
    w, b = init(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train)
    w, b = params["w"], params["b"]
    return {"costs": costs, "Y_prediction_test": predict(w, b, X_test),
            "Y_prediction_train": predict(w, b, X_train), "w": w, "b": b,
            "learning_rate": learning_rate, "num_iterations": num_iterations}


def model_swapped(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5,
                  print_cost=False):
    init, optimize, predict = _model_parts()
    w, b = init(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate)
    w, b = params["w"], params["b"]
    return {"costs": costs, "Y_prediction_test": predict(w, b, X_train),
            "Y_prediction_train": predict(w, b, X_test), "w": w, "b": b,
            "learning_rate": learning_rate, "num_iterations": num_iterations}


def model_missing_keys(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5,
                       print_cost=False):
    init, optimize, predict = _model_parts()
    w, b = init(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate)
    return {"costs": costs, "w": params["w"], "b": params["b"]}


# --- shallow --------------------------------------------------------------------------------

def ls_hardcoded(X, Y):
    return 5, 4, 2


def ls_columns(X, Y):
    return X.shape[1], 4, Y.shape[1]


def ls_hidden_from_data(X, Y):
    return X.shape[0], X.shape[1], Y.shape[0]


def ip_zeros(n_x, n_h, n_y, seed=2):
    return {"W1": np.zeros((n_h, n_x)), "b1": np.zeros((n_h, 1)),
            "W2": np.zeros((n_y, n_h)), "b2": np.zeros((n_y, 1))}


def ip_unscaled(n_x, n_h, n_y, seed=2):
    rng = np.random.default_rng(seed)
    return {"W1": rng.standard_normal((n_h, n_x)), "b1": np.zeros((n_h, 1)),
            "W2": rng.standard_normal((n_y, n_h)), "b2": np.zeros((n_y, 1))}


def ip_global_rng(n_x, n_h, n_y, seed=2):
    rng = np.random.default_rng(12345)
    return {"W1": rng.standard_normal((n_h, n_x)) * 0.01, "b1": np.zeros((n_h, 1)),
            "W2": rng.standard_normal((n_y, n_h)) * 0.01, "b2": np.zeros((n_y, 1))}


def ip_rank1_bias(n_x, n_h, n_y, seed=2):
    rng = np.random.default_rng(seed)
    return {"W1": rng.standard_normal((n_h, n_x)) * 0.01, "b1": np.zeros(n_h),
            "W2": rng.standard_normal((n_y, n_h)) * 0.01, "b2": np.zeros(n_y)}


def _fp(X, parameters, hidden, output):
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = hidden(Z1)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = output(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def fp_sigmoid_hidden(X, parameters):
    return _fp(X, parameters, sig, sig)


def fp_tanh_out(X, parameters):
    return _fp(X, parameters, np.tanh, np.tanh)


def fp_missing_cache(X, parameters):
    A2, cache = _fp(X, parameters, np.tanh, sig)
    return A2, {"Z1": cache["Z1"], "A1": cache["A1"], "A2": A2}


def fp_no_bias(X, parameters):
    Z1 = np.dot(parameters["W1"], X)
    A1 = np.tanh(Z1)
    Z2 = np.dot(parameters["W2"], A1)
    A2 = sig(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def cc_half(A2, Y):
    return float(-np.sum(Y * np.log(A2)) / Y.shape[1])


def cc_sign(A2, Y):
    return float(np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / Y.shape[1])


def cc_sum(A2, Y):
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))


def cc_array(A2, Y):
    return -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / Y.shape[1]


def _bp(parameters, cache, X, Y, slope, keepdims=True, scale=True):
    m = X.shape[1] if scale else 1
    dZ2 = cache["A2"] - Y
    dW2 = np.dot(dZ2, cache["A1"].T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=keepdims) / m
    dZ1 = np.dot(parameters["W2"].T, dZ2) * slope(cache)
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=keepdims) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def bp_tanh_from_z(parameters, cache, X, Y):
    return _bp(parameters, cache, X, Y, lambda c: 1 - np.power(c["Z1"], 2))


def bp_no_keepdims(parameters, cache, X, Y):
    return _bp(parameters, cache, X, Y, lambda c: 1 - np.power(c["A1"], 2), keepdims=False)


def bp_no_mean(parameters, cache, X, Y):
    return _bp(parameters, cache, X, Y, lambda c: 1 - np.power(c["A1"], 2), scale=False)


def bp_elementwise(parameters, cache, X, Y):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = dZ2 * cache["A1"] / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - np.power(cache["A1"], 2))
    return {"dW1": np.dot(dZ1, X.T) / m, "db1": np.sum(dZ1, axis=1, keepdims=True) / m,
            "dW2": dW2, "db2": db2}


def up_plus(parameters, grads, learning_rate=1.2):
    return {k: parameters[k] + learning_rate * grads["d" + k] for k in ("W1", "b1", "W2", "b2")}


def up_inplace(parameters, grads, learning_rate=1.2):
    for k in ("W1", "b1", "W2", "b2"):
        parameters[k] -= learning_rate * grads["d" + k]
    return parameters


def up_fixed(parameters, grads, learning_rate=1.2):
    return {k: parameters[k] - 1.2 * grads["d" + k] for k in ("W1", "b1", "W2", "b2")}


def _shallow_ref():
    """The learner's own (correct) building blocks of notebook 03."""
    import types

    def initialize_parameters(n_x, n_h, n_y, seed=2):
        rng = np.random.default_rng(seed)
        return {"W1": rng.standard_normal((n_h, n_x)) * 0.01, "b1": np.zeros((n_h, 1)),
                "W2": rng.standard_normal((n_y, n_h)) * 0.01, "b2": np.zeros((n_y, 1))}

    def forward_propagation(X, parameters):
        return _fp(X, parameters, np.tanh, sig)

    def backward_propagation(parameters, cache, X, Y):
        return _bp(parameters, cache, X, Y, lambda c: 1 - c["A1"] ** 2)

    def update_parameters(parameters, grads, learning_rate=1.2):
        return {k: parameters[k] - learning_rate * grads["d" + k] for k in parameters}
    return types.SimpleNamespace(**locals())


def nn_never_updates(X, Y, n_h, num_iterations=10000, print_cost=False, seed=3):
    s = _shallow_ref()
    parameters = s.initialize_parameters(X.shape[0], n_h, Y.shape[0], seed=seed)
    for i in range(num_iterations):
        A2, cache = s.forward_propagation(X, parameters)
        grads = s.backward_propagation(parameters, cache, X, Y)
        s.update_parameters(parameters, grads)
    return parameters


def nn_fixed_seed(X, Y, n_h, num_iterations=10000, print_cost=False, seed=3):
    s = _shallow_ref()
    parameters = s.initialize_parameters(X.shape[0], n_h, Y.shape[0], seed=2)
    for i in range(num_iterations):
        A2, cache = s.forward_propagation(X, parameters)
        grads = s.backward_propagation(parameters, cache, X, Y)
        parameters = s.update_parameters(parameters, grads)
    return parameters


def nn_hardcoded_hidden(X, Y, n_h, num_iterations=10000, print_cost=False, seed=3):
    s = _shallow_ref()
    parameters = s.initialize_parameters(X.shape[0], 4, Y.shape[0], seed=seed)
    for i in range(num_iterations):
        A2, cache = s.forward_propagation(X, parameters)
        grads = s.backward_propagation(parameters, cache, X, Y)
        parameters = s.update_parameters(parameters, grads)
    return parameters


def sp_probs(parameters, X):
    return _fp(X, parameters, np.tanh, sig)[0]


def sp_geq(parameters, X):
    return (_fp(X, parameters, np.tanh, sig)[0] >= 0.5).astype(float)


def sp_threshold_z(parameters, X):
    cache = _fp(X, parameters, np.tanh, sig)[1]
    return (cache["Z2"] > 0.5).astype(float)


# --- deep -----------------------------------------------------------------------------------

def ipd_randn(layer_dims, seed=3, scale=0.01):
    np.random.seed(seed)
    p = {}
    for l in range(1, len(layer_dims)):
        p["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        p["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return p


def ipd_off_by_one(layer_dims, seed=3, scale=0.01):
    rng = np.random.default_rng(seed)
    p = {}
    for l in range(1, len(layer_dims) - 1):
        factor = 1 / np.sqrt(layer_dims[l - 1]) if scale == "xavier" else scale
        p["W" + str(l)] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * factor
        p["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return p


def ipd_transposed(layer_dims, seed=3, scale=0.01):
    rng = np.random.default_rng(seed)
    p = {}
    for l in range(1, len(layer_dims)):
        factor = 1 / np.sqrt(layer_dims[l - 1]) if scale == "xavier" else scale
        p["W" + str(l)] = rng.standard_normal((layer_dims[l - 1], layer_dims[l])) * factor
        p["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return p


def ipd_ignores_scale(layer_dims, seed=3, scale=0.01):
    rng = np.random.default_rng(seed)
    p = {}
    for l in range(1, len(layer_dims)):
        p["W" + str(l)] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * 0.01
        p["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return p


def lf_no_bias(A, W, b):
    return np.dot(W, A), (A, W, b)


def lf_elementwise(A, W, b):
    return W * A + b, (A, W, b)


def lf_cache_order(A, W, b):
    return np.dot(W, A) + b, (W, A, b)


def _laf(A_prev, W, b, activation, swap=False, cache_order=False):
    Z = np.dot(W, A_prev) + b
    use_sigmoid = (activation == "sigmoid") != swap
    A = sig(Z) if use_sigmoid else relu(Z)
    return A, ((Z, (A_prev, W, b)) if cache_order else ((A_prev, W, b), Z))


def laf_swapped(A_prev, W, b, activation):
    return _laf(A_prev, W, b, activation, swap=True)


def laf_cache_order(A_prev, W, b, activation):
    return _laf(A_prev, W, b, activation, cache_order=True)


def laf_always_relu(A_prev, W, b, activation):
    Z = np.dot(W, A_prev) + b
    return relu(Z), ((A_prev, W, b), Z)


def _lmf(X, parameters, hidden, last, stop_early=False):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A, cache = _laf(A, parameters["W" + str(l)], parameters["b" + str(l)], hidden)
        caches.append(cache)
    AL, cache = _laf(A, parameters["W" + str(L)], parameters["b" + str(L)], last)
    if not stop_early:
        caches.append(cache)
    return AL, caches


def lmf_all_relu(X, parameters):
    return _lmf(X, parameters, "relu", "relu")


def lmf_missing_last_cache(X, parameters):
    return _lmf(X, parameters, "relu", "sigmoid", stop_early=True)


def lmf_all_sigmoid(X, parameters):
    return _lmf(X, parameters, "sigmoid", "sigmoid")


def lb_dA_mean(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return np.dot(W.T, dZ) / m, np.dot(dZ, A_prev.T) / m, np.sum(dZ, axis=1, keepdims=True) / m


def lb_no_keepdims(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return np.dot(W.T, dZ), np.dot(dZ, A_prev.T) / m, np.sum(dZ, axis=1) / m


def lb_no_mean(dZ, cache):
    A_prev, W, b = cache
    return np.dot(W.T, dZ), np.dot(dZ, A_prev.T), np.sum(dZ, axis=1, keepdims=True)


def lb_transposed_dW(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return np.dot(W.T, dZ), np.dot(A_prev, dZ.T) / m, np.sum(dZ, axis=1, keepdims=True) / m


def _lb(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return np.dot(W.T, dZ), np.dot(dZ, A_prev.T) / m, np.sum(dZ, axis=1, keepdims=True) / m


def _back(dA, Z, activation):
    if activation == "relu":
        return np.where(Z > 0, dA, 0.0)
    s = sig(Z)
    return dA * s * (1 - s)


def lab_swapped(dA, cache, activation):
    linear_cache, Z = cache
    other = "sigmoid" if activation == "relu" else "relu"
    return _lb(_back(dA, Z, other), linear_cache)


def lab_no_slope(dA, cache, activation):
    linear_cache, Z = cache
    return _lb(dA, linear_cache)


def lab_relu_from_A(dA, cache, activation):
    linear_cache, Z = cache
    if activation == "relu":
        dZ = dA * (relu(Z) > 1)
    else:
        dZ = _back(dA, Z, "sigmoid")
    return _lb(dZ, linear_cache)


def _lmb(AL, Y, caches, sign=-1, key_shift=0, last="sigmoid"):
    grads = {}
    L = len(caches)
    dA = sign * (Y / AL - (1 - Y) / (1 - AL))
    for l in reversed(range(L)):
        activation = last if l == L - 1 else "relu"
        linear_cache, Z = caches[l]
        dA_prev, dW, db = _lb(_back(dA, Z, activation), linear_cache)
        grads["dA" + str(l + key_shift)] = dA_prev
        grads["dW" + str(l + 1)] = dW
        grads["db" + str(l + 1)] = db
        dA = dA_prev
    return grads


def lmb_sign(AL, Y, caches):
    return _lmb(AL, Y, caches, sign=1)


def lmb_key_shift(AL, Y, caches):
    return _lmb(AL, Y, caches, key_shift=1)


def lmb_all_relu(AL, Y, caches):
    return _lmb(AL, Y, caches, last="relu")


def lmb_off_by_one_cache(AL, Y, caches):
    grads = {}
    L = len(caches)
    dA = -(Y / AL - (1 - Y) / (1 - AL))
    for l in reversed(range(1, L + 1)):
        activation = "sigmoid" if l == L else "relu"
        linear_cache, Z = caches[l - 2] if l > 1 else caches[0]
        dA_prev, dW, db = _lb(_back(dA, Z, activation), linear_cache)
        grads["dA" + str(l - 1)], grads["dW" + str(l)], grads["db" + str(l)] = dA_prev, dW, db
        dA = dA_prev
    return grads


def dup_skip_last(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    L = len(parameters) // 2
    for l in range(1, L):
        parameters["W" + str(l)] -= learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] -= learning_rate * grads["db" + str(l)]
    return parameters


def dup_plus(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    for l in range(1, len(parameters) // 2 + 1):
        parameters["W" + str(l)] += learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] += learning_rate * grads["db" + str(l)]
    return parameters


def dup_inplace(params, grads, learning_rate):
    for l in range(1, len(params) // 2 + 1):
        params["W" + str(l)] -= learning_rate * grads["dW" + str(l)]
        params["b" + str(l)] -= learning_rate * grads["db" + str(l)]
    return params


def _deep_ref():
    """The learner's own (correct) building blocks of notebook 04."""
    import types

    def initialize_parameters_deep(layer_dims, seed=3, scale=0.01):
        rng = np.random.default_rng(seed)
        p = {}
        for l in range(1, len(layer_dims)):
            factor = 1 / np.sqrt(layer_dims[l - 1]) if scale == "xavier" else scale
            p["W" + str(l)] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * factor
            p["b" + str(l)] = np.zeros((layer_dims[l], 1))
        return p

    def L_model_forward(X, parameters):
        return _lmf(X, parameters, "relu", "sigmoid")

    def compute_cost(AL, Y):
        return float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / Y.shape[1])

    def L_model_backward(AL, Y, caches):
        return _lmb(AL, Y, caches)

    def update_parameters(params, grads, learning_rate):
        return {k: params[k] - learning_rate * grads["d" + k] for k in params}
    return types.SimpleNamespace(**locals())


def _train(X, Y, layers_dims, learning_rate, num_iterations, scale, rate=None, update=True,
           record_all=False, seed=1):
    d = _deep_ref()
    parameters = d.initialize_parameters_deep(list(layers_dims), seed=seed, scale=scale)
    costs = []
    for i in range(num_iterations):
        AL, caches = d.L_model_forward(X, parameters)
        cost = d.compute_cost(AL, Y)
        grads = d.L_model_backward(AL, Y, caches)
        new = d.update_parameters(parameters, grads, rate if rate is not None else learning_rate)
        if update:
            parameters = new
        if record_all or i % 100 == 0:
            costs.append(cost)
    return parameters, costs


def tlm_no_update(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _train(X, Y, layers_dims, learning_rate, num_iterations, 0.01, update=False)


def tlm_fixed_rate(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _train(X, Y, layers_dims, learning_rate, num_iterations, 0.01, rate=0.0075)


def tlm_all_costs(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _train(X, Y, layers_dims, learning_rate, num_iterations, 0.01, record_all=True)


def llm_no_update(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _train(X, Y, layers_dims, learning_rate, num_iterations, "xavier", update=False)


def llm_small_init(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _train(X, Y, layers_dims, learning_rate, num_iterations, 0.01)


def llm_all_costs(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    return _train(X, Y, layers_dims, learning_rate, num_iterations, "xavier", record_all=True)



# --- mistakes from the course forums (issue 15) ---------------------------------------------

import math  # noqa: E402  (the mistake below is using it on arrays)


def sigmoid_math_exp(z):
    return 1 / (1 + math.exp(-z))


def _A(w, b, X):
    return sig(np.dot(w.T, X) + b)


def _grads(w, b, X, Y):
    m = X.shape[1]
    A = _A(w, b, X)
    return {"dw": np.dot(X, (A - Y).T) / m, "db": np.sum(A - Y) / m}


def prop_cost_transposed(w, b, X, Y):
    m = X.shape[1]
    A = _A(w, b, X)
    cost = -np.sum(np.dot(Y.T, np.log(A)) + np.dot((1 - Y).T, np.log(1 - A))) / m
    return _grads(w, b, X, Y), cost


def prop_cost_Y_T(w, b, X, Y):
    m = X.shape[1]
    A = _A(w, b, X)
    cost = -np.sum(Y.T * np.log(A) + (1 - Y).T * np.log(1 - A)) / m
    return _grads(w, b, X, Y), cost


def prop_cost_not_summed(w, b, X, Y):
    m = X.shape[1]
    A = _A(w, b, X)
    cost = -(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    return _grads(w, b, X, Y), cost


def prop_wT_times_X(w, b, X, Y):
    m = X.shape[1]
    A = sig(w.T * X + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    return {"dw": np.dot(X, (A - Y).T) / m, "db": np.sum(A - Y) / m}, cost


def prop_no_wT(w, b, X, Y):
    A = sig(np.dot(w, X) + b)
    return {"dw": A, "db": 0.0}, 0.0


def prop_dw_no_T(w, b, X, Y):
    m = X.shape[1]
    A = _A(w, b, X)
    dw = np.dot(X, A - Y) / m
    return {"dw": dw, "db": np.sum(A - Y) / m}, 0.0


def prop_float_of_11(w, b, X, Y):
    m = X.shape[1]
    A = _A(w, b, X)
    cost = -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m
    return _grads(w, b, X, Y), float(cost)


def prop_calls_reference(w, b, X, Y):
    from helpers.nb02_logistic import propagate
    return propagate(w, b, X, Y)


def opt_no_b(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = _propagate_ok(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs


def opt_calls_reference(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    import helpers.nb02_logistic
    costs = []
    for i in range(num_iterations):
        grads, cost = helpers.nb02_logistic.propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs


def model_args_swapped(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5,
                       print_cost=False):
    init, optimize, predict = _model_parts()
    w, b = init(X_train.shape[0])
    params, grads, costs = _opt_plain(w, b, X_train, Y_train, learning_rate, num_iterations)
    return {"costs": costs}


def _opt_plain(w, b, X, Y, num_iterations, learning_rate, record=False):
    costs = []
    for i in range(num_iterations):
        grads, cost = _propagate_ok(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if record and i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs


def ip_rand(n_x, n_h, n_y):
    np.random.seed(2)
    return {"W1": np.random.rand(n_h, n_x) * 0.01, "b1": np.zeros((n_h, 1)),
            "W2": np.random.rand(n_y, n_h) * 0.01, "b2": np.zeros((n_y, 1))}


def ip_same_rows(n_x, n_h, n_y):
    return {"W1": np.ones((n_h, n_x)) * 0.01, "b1": np.zeros((n_h, 1)),
            "W2": np.ones((n_y, n_h)) * 0.01, "b2": np.zeros((n_y, 1))}


def ip_random_bias(n_x, n_h, n_y):
    np.random.seed(2)
    return {"W1": np.random.randn(n_h, n_x) * 0.01, "b1": np.random.randn(n_h, 1) * 0.01,
            "W2": np.random.randn(n_y, n_h) * 0.01, "b2": np.zeros((n_y, 1))}


def cc_transposed(A2, Y):
    m = Y.shape[1]
    return float(-np.sum(np.dot(Y.T, np.log(A2)) + np.dot((1 - Y).T, np.log(1 - A2))) / m)


def cc_not_summed(A2, Y):
    m = Y.shape[1]
    return -(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m


def cc_float_of_11(A2, Y):
    m = Y.shape[1]
    return float(-(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m)


def _bp_parts(parameters, cache, X, Y):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    return m, dZ2, np.dot(dZ2, cache["A1"].T) / m, np.sum(dZ2, axis=1, keepdims=True) / m


def _bp_rest(dZ1, X, m, dW2, db2):
    return {"dW1": np.dot(dZ1, X.T) / m, "db1": np.sum(dZ1, axis=1, keepdims=True) / m,
            "dW2": dW2, "db2": db2}


def bp_uses_dW2(parameters, cache, X, Y):
    m, dZ2, dW2, db2 = _bp_parts(parameters, cache, X, Y)
    dZ1 = np.dot(dW2.T, dZ2) * (1 - np.power(cache["A1"], 2))
    return _bp_rest(dZ1, X, m, dW2, db2)


def bp_slope_as_dot(parameters, cache, X, Y):
    m, dZ2, dW2, db2 = _bp_parts(parameters, cache, X, Y)
    dZ1 = np.dot(np.dot(parameters["W2"].T, dZ2), 1 - np.power(cache["A1"], 2))
    return _bp_rest(dZ1, X, m, dW2, db2)


def bp_multiply(parameters, cache, X, Y):
    m, dZ2, dW2, db2 = _bp_parts(parameters, cache, X, Y)
    dZ1 = np.multiply(parameters["W2"].T, dZ2) * (1 - np.power(cache["A1"], 2))
    return _bp_rest(dZ1, X, m, dW2, db2)


def bp_db_float(parameters, cache, X, Y):
    m, dZ2, dW2, _ = _bp_parts(parameters, cache, X, Y)
    dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - np.power(cache["A1"], 2))
    return {"dW1": np.dot(dZ1, X.T) / m, "db1": np.sum(dZ1) / m, "dW2": dW2, "db2": np.sum(dZ2) / m}


def nn_calls_reference(X, Y, n_h, num_iterations=10000, print_cost=False):
    from helpers import nb03_shallow
    return nb03_shallow.nn_model(X, Y, n_h, num_iterations)


def lf_dot_AW(A, W, b):
    return np.dot(A, W) + b, (A, W, b)


def laf_dnn_utils_unpack(A_prev, W, b, activation):
    Z = np.dot(W, A_prev) + b
    from helpers import activations
    if activation == "sigmoid":
        A, activation_cache = activations.sigmoid(Z)
    else:
        A, activation_cache = activations.relu(Z)
    return A, ((A_prev, W, b), activation_cache)


def lmf_always_X(X, parameters):
    caches = []
    L = len(parameters) // 2
    A = X
    linear_activation_forward = _laf
    for l in range(1, L):
        A, cache = linear_activation_forward(X, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = _laf(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches


def lmf_keys_from_zero(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(L - 1):
        A, cache = _laf(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    return A, caches


def lb_dot_W_dZ(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return np.dot(W, dZ), np.dot(dZ, A_prev.T) / m, np.sum(dZ, axis=1, keepdims=True) / m


def lb_db_float(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return np.dot(W.T, dZ), np.dot(dZ, A_prev.T) / m, np.sum(dZ) / m


def lb_multiply(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return np.multiply(W.T, dZ), np.dot(dZ, A_prev.T) / m, np.sum(dZ, axis=1, keepdims=True) / m


def lmb_all_sigmoid(AL, Y, caches):
    grads = {}
    L = len(caches)
    dA = -(Y / AL - (1 - Y) / (1 - AL))
    for l in reversed(range(L)):
        linear_cache, Z = caches[l]
        dA_prev, dW, db = _lb(_back(dA, Z, "sigmoid"), linear_cache)
        grads["dA" + str(l)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = dA_prev, dW, db
        dA = dA_prev
    return grads


def lmb_caches_l(AL, Y, caches):
    grads = {}
    L = len(caches)
    dAL = -(Y / AL - (1 - Y) / (1 - AL))
    linear_cache, Z = caches[L - 1]
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = \
        _lb(_back(dAL, Z, "sigmoid"), linear_cache)
    for l in range(L - 1, 0, -1):
        linear_cache, Z = caches[l]
        grads["dA" + str(l - 1)], grads["dW" + str(l)], grads["db" + str(l)] = \
            _lb(_back(grads["dA" + str(l)], Z, "relu"), linear_cache)
    return grads


def up_weights_only(parameters, grads, learning_rate=1.2):
    return {"W1": parameters["W1"] - learning_rate * grads["dW1"], "b1": parameters["b1"],
            "W2": parameters["W2"] - learning_rate * grads["dW2"], "b2": parameters["b2"]}


def sm_no_keepdims(x):
    x_exp = np.exp(x)
    return x_exp / np.sum(x_exp, axis=1)


def dup_keys_from_zero(params, grads, learning_rate):
    parameters = {}
    for l in range(len(params) // 2):
        parameters["W" + str(l)] = params["W" + str(l)] - learning_rate * grads["dW" + str(l)]
    return parameters


def prop_m_from_rows(w, b, X, Y):
    m = X.shape[0]
    A = _A(w, b, X)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    return {"dw": np.dot(X, (A - Y).T) / m, "db": np.sum(A - Y) / m}, cost


def opt_grads_once(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    costs = []
    grads, cost = _propagate_ok(w, b, X, Y)
    for i in range(num_iterations):
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs


def bp_tanh_twice(parameters, cache, X, Y):
    return _bp(parameters, cache, X, Y, lambda c: 1 - np.tanh(c["A1"]) ** 2)


def lab_whole_cache(dA, cache, activation):
    linear_cache, Z = cache
    return _lb(_back(dA, Z, activation), cache)


def lab_relu_whole_cache(dA, cache, activation):
    from helpers import activations
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = activations.relu_backward(dA, cache)
    else:
        dZ = activations.sigmoid_backward(dA, activation_cache)
    return _lb(dZ, linear_cache)


def lmb_dAL_everywhere(AL, Y, caches):
    grads = {}
    L = len(caches)
    dAL = -(Y / AL - (1 - Y) / (1 - AL))
    for l in reversed(range(L)):
        linear_cache, Z = caches[l]
        activation = "sigmoid" if l == L - 1 else "relu"
        grads["dA" + str(l)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = \
            _lb(_back(dAL, Z, activation), linear_cache)
    return grads


def lmb_reads_dA_l(AL, Y, caches):
    grads = {}
    L = len(caches)
    dAL = -(Y / AL - (1 - Y) / (1 - AL))
    linear_cache, Z = caches[L - 1]
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = \
        _lb(_back(dAL, Z, "sigmoid"), linear_cache)
    for l in reversed(range(L - 1)):
        linear_cache, Z = caches[l]
        grads["dA" + str(l)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = \
            _lb(_back(grads["dA" + str(l)], Z, "relu"), linear_cache)
    return grads


def tlm_stale_weights(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    d = _deep_ref()
    parameters = d.initialize_parameters_deep(list(layers_dims), seed=1, scale=0.01)
    W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
    costs = []
    for i in range(num_iterations):
        A1, cache1 = _laf(X, W1, b1, "relu")
        A2, cache2 = _laf(A1, W2, b2, "sigmoid")
        cost = d.compute_cost(A2, Y)
        dA2 = -(Y / A2 - (1 - Y) / (1 - A2))
        dA1, dW2, db2 = _lb(_back(dA2, cache2[1], "sigmoid"), cache2[0])
        dA0, dW1, db1 = _lb(_back(dA1, cache1[1], "relu"), cache1[0])
        parameters = d.update_parameters(parameters, {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2},
                                         learning_rate)
        if i % 100 == 0:
            costs.append(cost)
    return parameters, costs


def dup_fixed_rate(params, grads, learning_rate):
    parameters = {}
    for l in range(1, len(params) // 2 + 1):
        parameters["W" + str(l)] = params["W" + str(l)] - 0.0075 * grads["dW" + str(l)]
        parameters["b" + str(l)] = params["b" + str(l)] - 0.0075 * grads["db" + str(l)]
    return parameters


def tlm_calls_reference(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    from helpers.nb04_deep import L_layer_model
    return L_layer_model(X, Y, layers_dims, learning_rate, num_iterations)


def llm_forever(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    i = 0
    while i < num_iterations or True:  # the loop never ends
        i += 1


# Functions that change an input but return the right result: they pass, with a note.
MUTATING = {
    "nb02_logistic.optimize": opt_inplace,
    "nb03_shallow.update_parameters": up_inplace,
    "nb04_deep.update_parameters": dup_inplace,
}


WRONG = {
    "nb02_basics.sigmoid_derivative": [(sd_is_sigmoid, "that is the sigmoid itself"),
                                  (sd_x_form, "not x * (1 - x)"), (sd_wrong_sign, "a sign slip")],
    "nb02_basics.image2vector": [(i2v_row, "a column, not a row"), (i2v_fortran, "C) order"),
                            (i2v_hardcoded, "read the sizes from the image")],
    "nb02_basics.normalize_rows": [(nr_axis0, "its own length"), (nr_whole, "whole matrix"),
                              (nr_no_keepdims, "keepdims=True")],
    "nb02_basics.softmax": [(sm_columns, "each row must sum to 1"), (sm_total, "its own sum"),
                       (sm_no_exp, "np.exp first"), (sm_no_keepdims, "keepdims=True")],
    "nb02_basics.L1": [(l1_no_abs, "absolute value"), (l1_mean, "not np.mean"),
                  (l1_squared, "that is L2"), (l1_axis1, "without axis=")],
    "nb02_basics.L2": [(l2_norm, "without a square root"), (l2_abs, "square the differences"),
                  (l2_mean, "not np.mean"), (l2_no_return, "returns nothing")],
    "nb02_logistic.sigmoid": [(sigmoid_sign, "exponent's sign"), (sigmoid_tanh, "that is tanh"),
                         (sigmoid_minus, "1 + np.exp(-z) in the denominator"),
                         (sigmoid_math_exp, "use np.exp")],
    "nb02_logistic.initialize_with_zeros": [(iwz_rank1, "np.zeros((dim, 1))"),
                                       (iwz_row, "not a row"), (iwz_ones, "not np.ones")],
    "nb02_logistic.propagate": [(prop_no_mean, "times too large: divide by m"),
                           (prop_half_cost, "needs both terms"),
                           (prop_elementwise, "instead of with np.dot"),
                           (prop_cost_sign, "wrong sign"), (prop_cost_array, "np.squeeze"),
                           (prop_cost_transposed, "a stray transpose"),
                           (prop_cost_Y_T, "a stray transpose"),
                           (prop_cost_not_summed, "one loss per example"),
                           (prop_wT_times_X, "np.dot(w.T, X)"),
                           (prop_no_wT, "np.dot(w.T, X)"),
                           (prop_dw_no_T, "np.dot(X, A - Y.T)"),
                           (prop_float_of_11, "np.squeeze"),
                           (prop_calls_reference, "write propagate yourself"),
                           (prop_m_from_rows, "instead of m = 3")],
    "nb02_logistic.optimize": [(opt_plus, "against the gradient"),
                          (opt_every_cost, "only every 100 iterations"),
                          (opt_fixed_rate, "not a fixed number"), (opt_no_b, "b never changes"),
                          (opt_calls_reference, "write optimize yourself"),
                          (opt_grads_once, "call propagate inside the loop")],
    "nb02_logistic.predict": [(pred_probs, "labels, not probabilities"), (pred_geq, "not >= 0.5"),
                         (pred_rank1, "rank-1")],
    "nb02_logistic.model": [(model_defaults, "used optimize's defaults"), (model_swapped, "swapped"),
                       (model_missing_keys, "missing the key"),
                       (model_args_swapped, "check the order of the arguments")],
    "nb03_shallow.layer_sizes": [(ls_hardcoded, "read the sizes from the data"),
                            (ls_columns, "shape[1] is m"), (ls_hidden_from_data, "n_h is a choice")],
    "nb03_shallow.initialize_parameters": [(ip_zeros, "must be random"), (ip_unscaled, "* 0.01"),
                                      (ip_global_rng, "ignores its seed argument"),
                                      (ip_rank1_bias, "rank-1"), (ip_rand, "np.random.rand"),
                                      (ip_same_rows, "must start different"),
                                      (ip_random_bias, "start at zero")],
    "nb03_shallow.forward_propagation": [(fp_sigmoid_hidden, "hidden layer uses tanh"),
                                    (fp_tanh_out, "output layer uses the sigmoid"),
                                    (fp_missing_cache, "missing the key(s) ['Z2']"),
                                    (fp_no_bias, "A2 is wrong")],
    "nb03_shallow.compute_cost": [(cc_half, "needs both terms"), (cc_sign, "wrong sign"),
                             (cc_sum, "times too large"), (cc_array, "np.squeeze"),
                             (cc_transposed, "a stray transpose"),
                             (cc_not_summed, "one loss per example"),
                             (cc_float_of_11, "np.squeeze")],
    "nb03_shallow.backward_propagation": [(bp_tanh_from_z, "not 1 - Z1**2"), (bp_no_keepdims, "keepdims=True"),
                                     (bp_no_mean, "divide by m"), (bp_elementwise, "np.dot"),
                                     (bp_uses_dW2, "not their gradient dW2"),
                                     (bp_slope_as_dot, "multiplies elementwise"),
                                     (bp_multiply, "np.dot(parameters[\"W2\"].T, dZ2)"),
                                     (bp_db_float, "one value per unit"),
                                     (bp_tanh_twice, "A1 is already tanh(Z1)")],
    "nb03_shallow.update_parameters": [(up_plus, "against the gradient"),
                                  (up_fixed, "not a fixed number"),
                                  (up_weights_only, "update the biases too")],
    "nb03_shallow.nn_model": [(nn_never_updates, "never changed"), (nn_fixed_seed, "pass seed on"),
                         (nn_hardcoded_hidden, "shape"),
                         (nn_calls_reference, "write nn_model yourself")],
    "nb03_shallow.predict": [(sp_probs, "labels, not probabilities"), (sp_geq, "use A2 > 0.5"),
                        (sp_threshold_z, "predictions is wrong")],
    "nb04_deep.initialize_parameters_deep": [(ipd_randn, "xavier"),
                                        (ipd_off_by_one, "includes the last"),
                                        (ipd_transposed, "rows are this layer's units"),
                                        (ipd_ignores_scale, "xavier")],
    "nb04_deep.linear_forward": [(lf_no_bias, "add the bias"), (lf_elementwise, "np.dot(W, A)"),
                            (lf_cache_order, "the linear cache is (A, W, b)"),
                            (lf_dot_AW, "the order is np.dot(W, A)")],
    "nb04_deep.linear_activation_forward": [(laf_swapped, "activation that was asked for"),
                                       (laf_cache_order, "((A_prev, W, b), Z)"),
                                       (laf_always_relu, "activation that was asked for"),
                                       (laf_dnn_utils_unpack, "return only A")],
    "nb04_deep.L_model_forward": [(lmf_all_relu, "last layer uses the sigmoid"),
                             (lmf_missing_last_cache, "one cache per layer"),
                             (lmf_all_sigmoid, "hidden layers use ReLU"),
                             (lmf_always_X, "not X"), (lmf_keys_from_zero, "numbered from 1")],
    "nb04_deep.compute_cost": [(cc_half, "needs both terms"), (cc_sign, "wrong sign"),
                          (cc_sum, "times too large"), (cc_transposed, "a stray transpose"),
                          (cc_not_summed, "one loss per example")],
    "nb04_deep.linear_backward": [(lb_dA_mean, "has no 1/m"), (lb_no_keepdims, "keepdims=True"),
                             (lb_no_mean, "divide by m"), (lb_transposed_dW, "transpose"),
                             (lb_dot_W_dZ, "np.dot(W.T, dZ)"), (lb_db_float, "one value per unit"),
                             (lb_multiply, "np.dot(W.T, dZ)")],
    "nb04_deep.linear_activation_backward": [(lab_swapped, "activation asked for"),
                                        (lab_no_slope, "first turn dA into dZ"),
                                        (lab_relu_from_A, "dA_prev is wrong"),
                                        (lab_whole_cache, "unpack it first"),
                                        (lab_relu_whole_cache, "activation cache")],
    "nb04_deep.L_model_backward": [(lmb_sign, "leading minus"), (lmb_key_shift, "one lower than the layer"),
                              (lmb_all_relu, "its backward step uses \"sigmoid\""),
                              (lmb_off_by_one_cache, "raised ValueError"),
                              (lmb_all_sigmoid, "hidden layers are ReLU layers"),
                              (lmb_caches_l, "use caches[l - 1]"),
                              (lmb_dAL_everywhere, "not dAL every time"),
                              (lmb_reads_dA_l, "takes the dA the layer above stored")],
    "nb04_deep.update_parameters": [(dup_skip_last, "update every layer"),
                               (dup_plus, "against the gradient"),
                               (dup_fixed_rate, "not a fixed number"),
                               (dup_keys_from_zero, "numbered from 1")],
    "nb04_deep.two_layer_model": [(tlm_no_update, "never changed"), (tlm_fixed_rate, "pass learning_rate"),
                             (tlm_all_costs, "every 100 iterations"),
                             (tlm_calls_reference, "write two_layer_model yourself"),
                             (tlm_stale_weights, "inside the loop (after each update)")],
    "nb04_deep.L_layer_model": [(llm_no_update, "never changed"), (llm_small_init, "weights' spread"),
                           (llm_all_costs, "every 100 iterations")],
}
