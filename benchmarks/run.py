"""Benchmarks: `make bench` (not part of `make test`). Idle and with a busy core, side by side.

1. Each notebook: a clean headless run (as nbval runs it), total time and slowest cell.
2. Each widget's redraw, in a real kernel (benchmarks/widget_bench.py).
3. Training against PyTorch's CPU build per core: helpers at one BLAS thread (its
   default) against torch at one thread, on the same data, float64, initial parameters
   and iterations (checked: they end with the same parameters to 1e-8); and, for
   information, torch at its own default number of threads (benchmarks/against_torch.py).
4. One BLAS thread against two across model sizes (benchmarks/threads.py).
5. The training loop against the machine's limits, per core (idle only).

"busy" means another process runs ``while True: pass`` on one core (benchmarks/busy.py),
started and stopped here. Idle and busy rounds alternate within one run; tables show
medians (min-max). A full run writes its tables between the bench markers of
docs/performance.md; ``--quick`` or ``--skip`` only print them.

Usage (Linux or macOS): .venv/bin/python benchmarks/run.py [--quick] [--skip SECTION ...]
"""

import argparse
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
DOC = ROOT / "docs" / "performance.md"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import busy  # noqa: E402
import threads as thread_study  # noqa: E402  benchmarks/threads.py

from helpers import blas  # noqa: E402

# The targets (issue 24, shared/notebook-standards.md): busy core, then idle; seconds
CELL_LIMIT, NOTEBOOKS_LIMIT, REDRAW_LIMIT = 30.0, 90.0, 1.0
NOTEBOOK_QUIET_LIMIT, NOTEBOOKS_QUIET_LIMIT = 20.0, 75.0
PARITY = 1e-8  # helpers and torch must end this close (every parameter, absolute)
START, END = "<!-- bench:start (make bench writes this block) -->", "<!-- bench:end -->"


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def fmt(seconds):
    if not seconds:
        return "–"
    med = statistics.median(seconds)
    if len(seconds) == 1:
        return f"{med * 1000:,.0f} ms" if med < 10 else f"{med:,.1f} s"
    return (f"{med * 1000:,.0f} ms ({min(seconds) * 1000:,.0f}–{max(seconds) * 1000:,.0f})"
            if med < 10 else f"{med:,.1f} s ({min(seconds):,.1f}–{max(seconds):,.1f})")


def ratio(a, b):
    """Median of the per-round ratios a/b (a and b measured in the same rounds)."""
    return statistics.median(x / y for x, y in zip(a, b))


# --- 1. notebooks ----------------------------------------------------------------------------

def run_notebook(path):
    """Run a notebook under nbval, as CI does (``--nbval-lax``: outputs are not compared).

    Returns (total seconds, CPU seconds, [(seconds, cell name)]); the CPU time is that of
    pytest and the kernel together (user + system), the part other processes cannot
    stretch. nbval rather than nbclient: nbclient sometimes never sees the reply to a cell
    that shows a widget (jupyter/nbclient#312), which stalled this benchmark under load.
    """
    cpu = cpu_of_children()
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "--nbval-lax", "--nbval-current-env", "--durations=0",
                           "--durations-min=0", str(path)],
                          capture_output=True, text=True, cwd=ROOT)
    total, cpu = time.perf_counter() - start, cpu_of_children() - cpu
    cells = [(float(m.group(1)), m.group(2)) for m in
             re.finditer(r"^([\d.]+)s call\s+\S+::(Cell \d+)", proc.stdout, re.MULTILINE)]
    if proc.returncode != 0 or not cells:
        raise RuntimeError(f"{path.name} did not run cleanly under nbval:\n{proc.stdout[-2000:]}")
    return total, cpu, cells


def cpu_of_children():
    """User + system seconds of the finished child processes and theirs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def notebooks_section(out, checks):
    paths = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    rows = ["| notebook | idle: total | idle: CPU | idle: slowest cell | busy: total | busy: CPU | "
            "busy: slowest cell |", "|---|---|---|---|---|---|---|"]
    totals = {c: 0.0 for c in busy.CONDITIONS}
    slowest_busy, slowest_idle = (0.0, ""), (0.0, "")
    for path in paths:
        row = f"| {path.name} |"
        for condition, context in busy.CONDITIONS.items():
            with context():
                total, cpu, cells = run_notebook(path)
            seconds, cell = max(cells)
            print(f"  {path.name} {condition}: {total:.1f} s", file=sys.stderr, flush=True)
            totals[condition] += total
            row += f" {total:.1f} s | {cpu:.1f} s | {seconds:.1f} s ({cell}) |"
            if condition == "busy":
                slowest_busy = max(slowest_busy, (seconds, f"{path.name} {cell}"))
            else:
                slowest_idle = max(slowest_idle, (total, path.name))
        rows.append(row)
    rows.append(f"| all four | {totals['idle']:.1f} s | | | {totals['busy']:.1f} s | | |")
    out.append("\n".join(rows))
    out.append("Each notebook is run idle, then with the busy core: one run each under nbval, "
               "as CI runs them (total includes starting pytest and the kernel; CPU: the user + "
               "system time of pytest and the kernel, which other processes cannot stretch; cell "
               "times are nbval's, \"Cell N\" counting code cells from 0).")
    checks.append((f"every notebook cell ≤ {CELL_LIMIT:.0f} s, busy",
                   f"slowest {slowest_busy[0]:.1f} s ({slowest_busy[1]})",
                   slowest_busy[0] <= CELL_LIMIT))
    checks.append((f"all four notebooks ≤ {NOTEBOOKS_LIMIT:.0f} s, busy",
                   f"{totals['busy']:.1f} s", totals["busy"] <= NOTEBOOKS_LIMIT))
    checks.append((f"each notebook's clean run ≤ {NOTEBOOK_QUIET_LIMIT:.0f} s, idle",
                   f"slowest {slowest_idle[0]:.1f} s ({slowest_idle[1]})",
                   slowest_idle[0] <= NOTEBOOK_QUIET_LIMIT))
    checks.append((f"all four notebooks ≤ {NOTEBOOKS_QUIET_LIMIT:.0f} s, idle",
                   f"{totals['idle']:.1f} s", totals["idle"] <= NOTEBOOKS_QUIET_LIMIT))


# --- 2. widgets ------------------------------------------------------------------------------

def widgets_section(out, checks, rounds):
    import nbformat
    from nbclient import NotebookClient

    code = (f"import sys; sys.path.insert(0, {str(BENCH)!r})\n"
            f"import widget_bench\nwidget_bench.main({rounds})")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    NotebookClient(nb, timeout=900, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    text = "".join(o.get("text", "") for o in nb.cells[0].outputs if o.get("name") == "stdout")
    found = json.loads(text.strip().splitlines()[-1])
    rows = ["| widget redraw | idle | busy |", "|---|---|---|"]
    worst = (0.0, "")
    for name, times in found["times"].items():
        rows.append(f"| {name} | {fmt(times['idle'])} | {fmt(times['busy'])} |")
        if "Train" not in name:
            worst = max(worst, (statistics.median(times["busy"]), name))
    out.append("\n".join(rows))
    progress = {c: [s for s in v if s is not None] for c, v in found["progress"].items()}
    out.append(f"Median over {rounds} alternating rounds (min–max), in a kernel, PNG rendering "
               f"included. Train's first progress update came after {fmt(progress['idle'])} idle, "
               f"{fmt(progress['busy'])} busy.")
    checks.append((f"every widget redraw ≤ {REDRAW_LIMIT:.0f} s, busy (median)",
                   f"slowest {worst[0] * 1000:.0f} ms ({worst[1].split(':')[0]})",
                   worst[0] <= REDRAW_LIMIT))
    first_busy = max(progress["busy"], default=float("inf"))
    checks.append(("deep playground's Train shows progress within 0.5 s, busy",
                   f"{first_busy * 1000:.0f} ms (worst)", first_busy <= 0.5))


# --- 3. training against PyTorch ---------------------------------------------------------------

def training_section(out, checks, rounds, iterations, default, limit_rows):
    """``default``: torch's own number of threads, read before anything changed it."""
    import against_torch
    import torch

    one_blas_thread = threadpool_limits(1, user_api="blas")  # helpers' default, even if
    # OPENBLAS_NUM_THREADS or its kin asked for more. Below: (column, contender, torch threads)
    runs = [("helpers", "helpers", 1), ("torch autograd", "torch autograd", 1),
            ("torch manual", "torch manual", 1),
            ("torch autograd, default", "torch autograd", default),
            ("torch manual, default", "torch manual", default)]
    per_core = ["| training (float64), 1 thread each | | helpers | torch autograd | ratio | "
                "CPU ratio | torch, manual gradients | ratio | CPU ratio |",
                "|---|---|---|---|---|---|---|---|---|"]
    defaults = [f"| training (float64), each at its default | | helpers (1 thread) | "
                f"torch autograd ({default} threads) | ratio | torch, manual gradients "
                f"({default} threads) | ratio |", "|---|---|---|---|---|---|---|"]
    worst = (0.0, "")
    for label, X, Y, dims in against_torch.cases():
        params = against_torch.initial_parameters(dims)
        times = {(c, column): [] for c in busy.CONDITIONS for column, _, _ in runs}
        cpu = {key: [] for key in times}
        for r in range(rounds):
            order = runs[r % len(runs):] + runs[:r % len(runs)]  # each goes first in turn
            for condition, context in busy.CONDITIONS.items():
                with context():
                    results = {}
                    for column, name, n_threads in order:
                        torch.set_num_threads(n_threads)
                        start = time.process_time()
                        seconds, results[column] = timed(
                            lambda: against_torch.LOOPS[name](X, Y, params, iterations))
                        times[condition, column].append(seconds)
                        cpu[condition, column].append(time.process_time() - start)
                for column, found in results.items():  # the same work: the same final parameters
                    gap = against_torch.gap(found, results["helpers"])
                    assert gap < PARITY, f"{label}: {column} ended {gap:.2e} away from helpers"
        for condition in busy.CONDITIONS:
            t = {column: times[condition, column] for column, _, _ in runs}
            c = {column: cpu[condition, column] for column, _, _ in runs}
            r_auto = ratio(t["helpers"], t["torch autograd"])
            r_manual = ratio(t["helpers"], t["torch manual"])
            per_core.append(f"| {label}, {iterations} iterations | {condition} | "
                            f"{fmt(t['helpers'])} | {fmt(t['torch autograd'])} | {r_auto:.2f} | "
                            f"{ratio(c['helpers'], c['torch autograd']):.2f} | "
                            f"{fmt(t['torch manual'])} | {r_manual:.2f} | "
                            f"{ratio(c['helpers'], c['torch manual']):.2f} |")
            worst = max(worst, (max(r_auto, r_manual), f"{label}, {condition}"))
            defaults.append(f"| {label}, {iterations} iterations | {condition} | "
                            f"{fmt(t['helpers'])} | {fmt(t['torch autograd, default'])} | "
                            f"{ratio(t['helpers'], t['torch autograd, default']):.2f} | "
                            f"{fmt(t['torch manual, default'])} | "
                            f"{ratio(t['helpers'], t['torch manual, default']):.2f} |")
        if len(dims) > 2:
            W1 = params["W1"]
            dZ1 = np.random.default_rng(1).standard_normal((dims[1], X.shape[1]))
            first = [timed(lambda: (W1 @ X, dZ1 @ X.T))[0] for _ in range(3 * rounds)]
            limit_rows.append((label, X.shape[1], dims,
                               statistics.median(times["idle", "helpers"]) / iterations,
                               statistics.median(first)))
    torch.set_num_threads(default)
    one_blas_thread.restore_original_limits()
    out.append("\n".join(per_core))
    out.append(f"Per core: helpers' own training loop at one BLAS thread (helpers' default, "
               f"helpers/blas.py) against torch at torch.set_num_threads(1) and "
               f"set_num_interop_threads(1). Median over {rounds} rounds, each round idle then "
               f"busy (min–max); within a round each contender goes first in turn. ratio = "
               f"helpers' time / torch's time, the median of the per-round ratios: below 1.0, "
               f"helpers is faster (the target). CPU ratio: the same with each run's CPU time "
               f"(user + system) in place of its wall time, which other processes on the "
               f"machine stretch less. Every run ends within {PARITY:.0e} of helpers' "
               f"parameters.")
    out.append("\n".join(defaults))
    out.append(f"For information, each at its own default: helpers at one BLAS thread (the same "
               f"runs as above), torch at its default of {default} threads (one per core; its "
               f"interop threads stay at 1, which eager code like this does not use).")
    checks.append(("helpers ≤ 1.0× PyTorch's time per core (1 thread each), idle and busy, "
                   "every model", f"worst ratio {worst[0]:.2f} ({worst[1]})", worst[0] <= 1.0))


# --- 4. one thread or two --------------------------------------------------------------------

def threads_section(out, rounds, budget):
    out.append("\n".join(thread_study.table(thread_study.measure(rounds, budget))))
    out.append(f"Time per training iteration of the references' own loops with numpy's BLAS "
               f"pinned to 1 or 2 threads (median of {rounds} alternating rounds): a ratio 2/1 "
               f"below 1 means the second thread helped, above 1 that it cost time. Page faults: "
               f"minor faults per iteration of a long loop at one thread (glibc gives freed "
               f"memory back to the system, and a loop whose temporaries then come back as new "
               f"pages pays one fault per page).")


# --- 5. the loop against the limit -------------------------------------------------------------

def limits_section(out, limit_rows, repeats):
    n = 2000
    rng = np.random.default_rng(0)
    a, b = rng.random((n, n)), rng.random((n, n))
    with threadpool_limits(1, user_api="blas"):
        a @ b
        peak = 2 * n ** 3 / statistics.median(timed(lambda: a @ b)[0] for _ in range(repeats))
    big = rng.random(25_000_000)  # 200 MB, far larger than the caches
    big.sum()
    bandwidth = big.nbytes / statistics.median(timed(big.sum)[0] for _ in range(repeats))
    rows = ["| loop against the limit (idle, 1 thread) | flops / iteration | flop bound | "
            "measured / iteration | fraction of the bound | memory bound (X read twice) | "
            "W1 X and dZ1 Xᵀ alone |", "|---|---|---|---|---|---|---|"]
    for label, m, dims, per_iteration, first in limit_rows:
        flops = thread_study.dense_flops(dims, m)
        bound, mem = flops / peak, 2 * dims[0] * m * 8 / bandwidth
        first_flops = 4 * dims[0] * dims[1] * m
        rows.append(f"| {label} | {flops / 1e6:,.0f} M | {bound * 1000:.2f} ms | "
                    f"{per_iteration * 1000:.2f} ms | {100 * bound / per_iteration:.0f}% | "
                    f"{mem * 1000:.2f} ms | {first * 1000:.2f} ms "
                    f"({first_flops / first / 1e9:.0f} GFLOP/s) |")
    out.append("\n".join(rows))
    out.append(f"Limits measured here at one thread: np.matmul of two 2000 × 2000 float64 "
               f"matrices runs at {peak / 1e9:.1f} GFLOP/s; summing a 200 MB array reads "
               f"{bandwidth / 1e9:.1f} GB/s. The flop bound counts matrix products only; the "
               f"memory bound only the two passes over X; \"measured\" is helpers' idle time "
               f"from the per-core table.")


# --- the report ------------------------------------------------------------------------------

def machine(torch_threads):
    import threadpoolctl
    import torch

    numpy_blas = [f"{i['internal_api']} {i['version']}" for i in threadpoolctl.threadpool_info()
                  if i["user_api"] == "blas" and "numpy" in i["filepath"]]
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    env = ", ".join(f"{k}={os.environ[k]}" for k in blas.YOUR_CHOICE if k in os.environ) or "none"
    return (f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}, numpy "
            f"{np.__version__} with {', '.join(numpy_blas) or 'an unknown BLAS'}; torch "
            f"{torch.__version__} ({torch_threads} threads by default); thread "
            f"variables set: {env}")


def busy_cores(seconds=0.5):
    """How many cores the machine's processes kept busy over ``seconds`` (/proc/stat; this
    process sleeps meanwhile), or None where there is no /proc/stat."""
    def sample():
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:9]]  # the "cpu" line, all cores
        return sum(fields), fields[3] + fields[4]  # total, idle + iowait
    try:
        total0, idle0 = sample()
        time.sleep(seconds)
        total1, idle1 = sample()
    except OSError:
        return None
    return os.cpu_count() * (1 - (idle1 - idle0) / max(total1 - total0, 1))


def load_now():
    load = f"1-minute load average {os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else ""
    cores = busy_cores()
    return load + (f", {cores:.2f} cores busy (0.5 s sample)" if cores is not None else "")


def write_doc(text):
    """Put ``text`` between the bench markers of docs/performance.md (written whole, at once)."""
    before, rest = DOC.read_text().split(START, 1)
    new = DOC.with_suffix(".md.new")
    new.write_text(before + START + "\n" + text + rest[rest.index(END):])
    new.replace(DOC)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="fewer rounds and iterations; prints, leaves docs/ alone")
    parser.add_argument("--skip", nargs="*", default=[],
                        choices=["notebooks", "widgets", "torch", "threads"],
                        help="leave sections out (a partial run leaves docs/ alone)")
    args = parser.parse_args()

    import torch

    torch_threads = torch.get_num_threads()  # its default: one per core
    torch.set_num_interop_threads(1)  # before torch runs anything; only settable once
    rounds, iterations = (2, 30) if args.quick else (3, 100)
    started = time.perf_counter()
    kind = (f"--quick ({rounds} rounds, {rounds + 2} against PyTorch, {iterations} iterations)"
            if args.quick else f"full ({rounds} rounds, {rounds + 2} against PyTorch)")
    date = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    out = [f"Machine: {machine(torch_threads)}. Run: {kind}, {date}"
           + (f", without {', '.join(args.skip)}" if args.skip else "") + ".",
           f"Before measuring: {load_now()}."]
    checks, limit_rows = [], []
    sections = [("notebooks", "Notebooks", lambda: notebooks_section(out, checks)),
                ("widgets", "Widgets", lambda: widgets_section(out, checks, rounds)),
                ("torch", "Training against PyTorch, per core",
                 lambda: training_section(out, checks, rounds + 2, iterations, torch_threads,
                                          limit_rows)),
                ("threads", "One BLAS thread or two",
                 lambda: threads_section(out, 2 if args.quick else 3,
                                         0.15 if args.quick else 0.25)),
                ("torch", "The loop against the limit",
                 lambda: limits_section(out, limit_rows, rounds))]
    print("\n\n".join(out), flush=True)
    for key, title, run in sections:
        if key not in args.skip:
            out.append(f"### {title}")
            first = len(out)
            run()
            print("\n\n".join(out[first - 1:]) + "\n", flush=True)
    out.append(f"After measuring: {load_now()}. The whole benchmark took "
               f"{(time.perf_counter() - started) / 60:.1f} minutes.")
    target_rows = ["| target (issue 24) | measured | met |", "|---|---|---|"]
    target_rows += [f"| {t} | {m} | {'yes' if ok else '**no**'} |" for t, m, ok in checks]
    print("\n".join(target_rows) + "\n\n" + out[-1])
    if args.quick or args.skip:
        print(f"\n(a partial run: {DOC.relative_to(ROOT)} left as it was)")
        return
    write_doc("\n\n".join(out[:2] + ["### Targets", "\n".join(target_rows)] + out[2:]) + "\n")
    print(f"\nwrote {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
