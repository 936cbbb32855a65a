"""One BLAS thread or two: time per training iteration across the model sizes the course
trains, idle and with a busy core. The evidence for ``helpers.blas`` (one thread).

    .venv/bin/python benchmarks/threads.py [--rounds 3] [--budget 0.3]

Each (model, condition) pair is measured in alternating rounds (idle, busy, idle, busy...;
1 thread then 2 threads inside each) with the reference's own training loops
(``nb02_logistic.descend``, ``nb04_deep.descend``); the median is reported. Also the
minor page faults per iteration at one thread: glibc returns freed memory above its
trim threshold to the system, and a loop whose temporaries then come back as fresh pages
pays a fault for each page it touches. Prints a markdown table (``make bench`` puts it in
docs/performance.md).
"""

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from busy import CONDITIONS  # noqa: E402

from helpers import nb02_logistic, nb04_deep  # noqa: E402

# (label, layer_dims, m): the shapes the notebooks, experiments and widgets train
CASES = [
    ("planar playground, 4 units", [2, 4, 1], 400),
    ("planar playground, 50 units", [2, 50, 1], 400),
    ("logistic playground (02)", [784, 1], 1000),
    ("logistic regression, 209 cat-sized images", [12288, 1], 209),
    ("logistic regression, 4,000 digits", [784, 1], 4000),
    ("01 scaling, 64 + 16 units, 4,000 examples", [196, 64, 16, 1], 4000),
    ("deep playground default, 3 × 10", [784, 10, 10, 10, 1], 1000),
    ("01 activation race, 3 × 32", [196, 32, 32, 32, 1], 1000),
    ("[784, 20, 7, 5, 1], 1,000 digits", [784, 20, 7, 5, 1], 1000),
    ("04 two-layer [784, 7, 1], 4,000 digits", [784, 7, 1], 4000),
    ("deep playground max, 4 × 50", [784, 50, 50, 50, 50, 1], 1000),
    ("[12288, 20, 7, 5, 1], 209 images", [12288, 20, 7, 5, 1], 209),
    ("04 L-layer [784, 20, 7, 5, 1], 4,000 digits", [784, 20, 7, 5, 1], 4000),
]


def dense_flops(dims, m):
    """Matrix-product flops of one training iteration: W A forward, dZ A^T and W^T dZ back
    (no dA0), 2 flops per multiply-add."""
    layers = list(zip(dims[1:], dims[:-1]))
    return sum(2 * m * n * n_prev * (3 if l > 0 else 2) for l, (n, n_prev) in enumerate(layers))


def runner(dims, m, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.random((dims[0], m))
    Y = (rng.random((1, m)) > 0.5).astype(np.float64)
    if len(dims) == 2:
        w = np.zeros((dims[0], 1))
        return lambda k: nb02_logistic.descend(w, 0.0, X, Y, k, 0.01)
    params = nb04_deep.initialize_parameters_deep(dims, seed=1, scale="xavier")
    return lambda k: nb04_deep.descend(params, X, Y, k, 0.01)


def per_iteration(run, n_threads, chunk, budget):
    """Seconds per iteration at ``n_threads``: chunks of ``chunk`` iterations until ``budget`` s."""
    done, start = 0, time.perf_counter()
    with threadpool_limits(n_threads, user_api="blas"):
        while True:
            run(chunk)
            done += chunk
            if time.perf_counter() - start > budget:
                return (time.perf_counter() - start) / done


def faults_per_iteration(run, iterations=20):
    """Minor page faults per iteration of a long ``run`` at one thread: those of
    ``iterations + 1`` iterations less those of one, so a first iteration's are left out."""
    def faults(k):
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        run(k)
        return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before

    with threadpool_limits(1, user_api="blas"):
        return (faults(iterations + 1) - faults(1)) / iterations


def measure(rounds=3, budget=0.3, cases=CASES):
    """{label: (dims, m, {(condition, threads): [seconds per iteration, one per round]},
    faults per iteration)}."""
    results = {}
    for label, dims, m in cases:
        run = runner(dims, m)
        run(2)  # warm up
        t0 = time.perf_counter()
        run(3)
        chunk = max(1, int(budget / 8 / ((time.perf_counter() - t0) / 3)))
        times = {(c, n): [] for c in CONDITIONS for n in (1, 2)}
        for _ in range(rounds):
            for condition, context in CONDITIONS.items():
                with context(settle=0.2):
                    for n in (1, 2):
                        times[condition, n].append(per_iteration(run, n, chunk, budget))
        results[label] = (dims, m, times, faults_per_iteration(run))
    return results


def fmt_ms(seconds):
    ms = seconds * 1000
    return f"{ms:.3f}" if ms < 1 else f"{ms:.2f}" if ms < 100 else f"{ms:,.0f}"


def table(results):
    rows = ["| model, m | flops / iteration | idle: 1 thread | idle: 2 threads | idle 2/1 | "
            "busy: 1 thread | busy: 2 threads | busy 2/1 | page faults / iteration |",
            "|---|---|---|---|---|---|---|---|---|"]
    for label, (dims, m, times, faults) in results.items():
        med = {k: statistics.median(v) for k, v in times.items()}
        rows.append(f"| {label} | {dense_flops(dims, m) / 1e6:,.2f} M | {fmt_ms(med['idle', 1])} ms | "
                    f"{fmt_ms(med['idle', 2])} ms | {med['idle', 2] / med['idle', 1]:.2f} | "
                    f"{fmt_ms(med['busy', 1])} ms | {fmt_ms(med['busy', 2])} ms | "
                    f"{med['busy', 2] / med['busy', 1]:.1f} | {faults:.1f} |")
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--budget", type=float, default=0.3, help="seconds per timing")
    args = parser.parse_args()
    print("\n".join(table(measure(args.rounds, args.budget))))


if __name__ == "__main__":
    main()
