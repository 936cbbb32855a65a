"""Benchmarks: `make bench` (not part of `make test`). Prints one markdown table.

1. Training speed of helpers against PyTorch on the CPU (float64, the same data,
   shapes, initial parameters and iterations), with autograd and with hand-written
   gradients; every comparison measured alternately (A B A B ...) in the same run,
   reported as the median over the repeats with the min-max spread.
2. The L-layer loop against the limit: its matrix-multiply flops per iteration over
   this machine's measured np.matmul throughput.
3. Wall time of a clean headless run of each notebook.
4. One slider callback (retrain + redraw) of the planar and the image playground.
5. Notebook 02's vectorization race at 10^6 elements.

Usage: .venv/bin/python benchmarks/run.py [--quick]
"""

import argparse
import io
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from helpers import data, deep, logistic  # noqa: E402


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def alternate(named_fns, repeats):
    """Run the functions in turn, ``repeats`` rounds; return {name: [seconds...]} and last results."""
    times = {name: [] for name in named_fns}
    results = {}
    for _ in range(repeats):
        for name, fn in named_fns.items():
            seconds, results[name] = timed(fn)
            times[name].append(seconds)
    return times, results


def fmt(seconds):
    med = statistics.median(seconds)
    return f"{med * 1000:,.1f} ms ({min(seconds) * 1000:,.1f}–{max(seconds) * 1000:,.1f})" \
        if med < 10 else f"{med:,.2f} s ({min(seconds):,.2f}–{max(seconds):,.2f})"


def ratio(a, b):
    """Median of the per-round ratios a/b (a and b measured in the same rounds)."""
    return statistics.median(x / y for x, y in zip(a, b))


# --- the same models in PyTorch ---------------------------------------------------------------

def torch_models():
    import torch

    torch.set_num_threads(os.cpu_count())

    def deep_autograd(X, Y, params, L, lr, iterations):
        p = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
        Xt, Yt = torch.from_numpy(X), torch.from_numpy(Y.astype(np.float64))
        for _ in range(iterations):
            A = Xt
            for l in range(1, L):
                A = torch.relu(p[f"W{l}"] @ A + p[f"b{l}"])
            Z = p[f"W{L}"] @ A + p[f"b{L}"]
            cost = torch.nn.functional.binary_cross_entropy_with_logits(Z, Yt)
            grads = torch.autograd.grad(cost, list(p.values()))
            with torch.no_grad():
                for (k, v), g in zip(p.items(), grads):
                    v -= lr * g
        return {k: v.detach().numpy() for k, v in p.items()}

    def deep_manual(X, Y, params, L, lr, iterations):
        p = {k: torch.tensor(v) for k, v in params.items()}
        Xt, Yt = torch.from_numpy(X), torch.from_numpy(Y.astype(np.float64))
        m = X.shape[1]
        for _ in range(iterations):
            As, Zs = [Xt], []
            for l in range(1, L + 1):
                Z = p[f"W{l}"] @ As[-1] + p[f"b{l}"]
                Zs.append(Z)
                As.append(torch.relu(Z) if l < L else torch.sigmoid(Z))
            dZ = As[-1] - Yt
            for l in range(L, 0, -1):
                dW = dZ @ As[l - 1].T / m
                db = dZ.sum(dim=1, keepdim=True) / m
                if l > 1:
                    dZ = (p[f"W{l}"].T @ dZ) * (Zs[l - 2] > 0)
                p[f"W{l}"] -= lr * dW
                p[f"b{l}"] -= lr * db
        return {k: v.numpy() for k, v in p.items()}

    return torch, deep_autograd, deep_manual


def helpers_deep(X, Y, params, L, lr, iterations):
    """helpers' own training loop (the one L_layer_model runs), from given parameters."""
    return deep._train(X, Y, params, lr, iterations, False, "relu", None)[0]


def helpers_logistic(X, Y, params, L, lr, iterations):
    res, _, _ = logistic.optimize(params["W1"].T, float(params["b1"].item()), X, Y, iterations, lr)
    return {"W1": res["w"].T, "b1": np.array([[res["b"]]])}


# --- the sections ---------------------------------------------------------------------------

def training_section(rows, repeats, iterations, torch_fns):
    torch, deep_autograd, deep_manual = torch_fns
    tx, ty, _, _, _ = data.load_dataset()
    X_digits = tx.reshape(len(tx), -1).T / 255.0
    rng = np.random.default_rng(0)
    X_course = rng.random((12288, 209))
    Y_course = (rng.random((1, 209)) > 0.5).astype(np.int64)
    cases = [
        ("logistic regression [784, 1], 4,000 digits", X_digits, ty, [784, 1]),
        ("2-layer [784, 7, 1], 4,000 digits", X_digits, ty, [784, 7, 1]),
        ("4-layer [784, 20, 7, 5, 1], 4,000 digits", X_digits, ty, [784, 20, 7, 5, 1]),
        ("4-layer [12288, 20, 7, 5, 1], 209 examples (course shapes)", X_course, Y_course,
         [12288, 20, 7, 5, 1]),
    ]
    limit_rows = []
    for label, X, Y, dims in cases:
        L = len(dims) - 1
        params = deep.initialize_parameters_deep(dims, seed=1, scale="xavier")
        lr = 0.05
        ours = helpers_logistic if L == 1 else helpers_deep
        fns = {"helpers": lambda: ours(X, Y, params, L, lr, iterations),
               "torch autograd": lambda: deep_autograd(X, Y, params, L, lr, iterations)}
        if L > 1:
            fns["torch manual"] = lambda: deep_manual(X, Y, params, L, lr, iterations)
        times, results = alternate(fns, repeats)
        for name, res in results.items():  # the same work: the same final parameters
            gap = max(float(np.max(np.abs(res[k] - results["helpers"][k]))) for k in res)
            assert gap < 1e-8, f"{label}: {name} ended {gap:.2e} away from helpers"
        row = f"| {label}, {iterations} iterations | {fmt(times['helpers'])} | " \
              f"{fmt(times['torch autograd'])} | {ratio(times['helpers'], times['torch autograd']):.2f} | "
        row += (f"{fmt(times['torch manual'])} | {ratio(times['helpers'], times['torch manual']):.2f} |"
                if "torch manual" in times else "– | – |")
        rows.append(row)
        if L > 1:
            W1 = params["W1"]
            dZ1 = np.random.default_rng(1).standard_normal((dims[1], X.shape[1]))
            first = [timed(lambda: (W1 @ X, dZ1 @ X.T))[0] for _ in range(5 * repeats)]
            limit_rows.append((label, X.shape[1], dims, statistics.median(times["helpers"]) / iterations,
                               statistics.median(first)))
    return limit_rows


def matmul_throughput(repeats):
    n = 2000
    rng = np.random.default_rng(0)
    a, b = rng.random((n, n)), rng.random((n, n))
    a @ b
    seconds = [timed(lambda: a @ b)[0] for _ in range(repeats)]
    return 2 * n ** 3 / statistics.median(seconds), seconds


def memory_bandwidth(repeats):
    """Bytes per second np.sum reads from an array far larger than the caches."""
    big = np.random.default_rng(0).random(50_000_000 // 8 * 8)  # 400 MB
    big.sum()
    seconds = [timed(big.sum)[0] for _ in range(repeats)]
    return big.nbytes / statistics.median(seconds)


def iteration_bytes(dims, m):
    """Bytes the first layer's two products read from X each iteration (W1 X and dZ1 X^T);
    the other layers' arrays are small enough to stay in cache."""
    return 2 * dims[0] * m * 8


def iteration_flops(dims, m):
    """Matrix-multiply flops of one training iteration: forward W A, backward dW and dA_prev
    (no dA0). Elementwise work is left out, so the bound is optimistic."""
    total = 0
    for l in range(1, len(dims)):
        mac = dims[l] * dims[l - 1] * m
        total += 2 * mac * (3 if l > 1 else 2)
    return total


def notebooks_section(rows):
    from maintainer_tools.store_outputs import execute

    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        _, seconds = execute(path)
        rows.append(f"| clean headless run of {path.name} | {seconds:.1f} s |")


def sliders_section(rows, repeats):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from helpers import widgets

    X, Y = data.load_planar_dataset()
    tx, ty, vx, vy, _ = data.load_dataset()
    Xd = tx.reshape(len(tx), -1).T[:, :1000] / 255.0
    Vd = vx.reshape(len(vx), -1).T / 255.0

    def png(fig):
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        plt.close(fig)

    def planar():
        png(widgets.planar_figure(X, Y)[0])

    def image():
        _, costs, _, _ = widgets.train_deep(Xd, ty[:, :1000], Vd, vy)
        fig, ax = plt.subplots()
        from helpers import plots
        plots.plot_costs(costs, ax=ax)
        png(fig)

    times, _ = alternate({"planar": planar, "image": image}, repeats)
    rows.append(f"| planar playground (notebook 03), default setting: retrain 5,000 iterations + PNG | "
                f"{fmt(times['planar'])} |")
    rows.append(f"| image playground (notebook 04), default setting: 3 × 10 ReLU, 600 iterations on "
                f"1,000 images + PNG | {fmt(times['image'])} |")


def race_section(rows, repeats):
    rng = np.random.default_rng(0)
    u, v = rng.random(1_000_000), rng.random(1_000_000)

    def loop():
        total = 0.0
        for i in range(len(u)):
            total += u[i] * v[i]
        return total

    times, _ = alternate({"loop": loop, "dot": lambda: np.dot(u, v)}, repeats)
    rows.append(f"| dot product of 10⁶ numbers, Python loop | {fmt(times['loop'])} |")
    rows.append(f"| the same with np.dot | {fmt(times['dot'])} ({ratio(times['loop'], times['dot']):,.0f}× faster) |")


def machine():
    import threadpoolctl

    blas = [f"{i['internal_api']} {i['version']} ({i['num_threads']} threads)"
            for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    cpu = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}, numpy " \
           f"{np.__version__} with {', '.join(blas)}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and iterations")
    args = parser.parse_args()
    repeats, iterations = (3, 50) if args.quick else (5, 200)
    torch_fns = torch_models()
    print(f"Machine: {machine()}; torch {torch_fns[0].__version__} "
          f"({torch_fns[0].get_num_threads()} threads)\n")

    rows = ["| training (float64) | helpers | torch autograd | ratio | torch, manual gradients | ratio |",
            "|---|---|---|---|---|---|"]
    limit = training_section(rows, repeats, iterations, torch_fns)
    print("\n".join(rows))
    print(f"\nMedian over {repeats} alternating rounds (min–max). ratio = helpers' time / torch's "
          f"time, the median of the per-round ratios: below 1.0, helpers is faster.\n")

    peak, _ = matmul_throughput(repeats)
    bandwidth = memory_bandwidth(repeats)
    rows = ["| loop against the limit | flops / iteration | flop bound | measured / iteration | fraction "
            "of the bound | memory bound (X read twice) | W1 X and dZ1 Xᵀ alone |",
            "|---|---|---|---|---|---|---|"]
    for label, m, dims, per_iteration, first in limit:
        flops, nbytes = iteration_flops(dims, m), iteration_bytes(dims, m)
        bound, mem = flops / peak, nbytes / bandwidth
        first_flops = 4 * dims[0] * dims[1] * m
        rows.append(f"| {label} | {flops / 1e6:,.0f} M | {bound * 1000:.2f} ms | "
                    f"{per_iteration * 1000:.2f} ms | {100 * bound / per_iteration:.0f}% | "
                    f"{mem * 1000:.2f} ms | {first * 1000:.2f} ms ({first_flops / first / 1e9:.0f} GFLOP/s) |")
    print("\n".join(rows))
    print(f"\nLimits measured here: np.matmul of two 2000 × 2000 float64 matrices runs at "
          f"{peak / 1e9:.1f} GFLOP/s; summing a 400 MB array reads {bandwidth / 1e9:.1f} GB/s. The flop "
          f"bound counts matrix products only; the memory bound counts only the two passes over X.\n")

    rows = ["| interactive work | time |", "|---|---|"]
    sliders_section(rows, repeats)
    race_section(rows, repeats)
    notebooks_section(rows)
    print("\n".join(rows))


if __name__ == "__main__":
    main()
