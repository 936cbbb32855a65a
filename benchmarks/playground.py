"""Benchmark of the live playgrounds (notebooks 03 and 04): frames and iterations per second.

Run by `make bench` after benchmarks/run.py, or alone:
    .venv/bin/python benchmarks/playground.py [--seconds S]

For each playground at its default setting (03: 4 tanh units on the flower, 10 iterations
per frame; 04: 3 x 10 ReLU units on 1,000 digits, 5 iterations per frame) it measures, in
alternating rounds, with the machine as it is ("quiet") and with one core kept busy by a
`python -c 'while True: pass'` child (ended after each round, and bounded by `timeout`):

- frames/s of the real Play loop (the asyncio task the kernel runs; capped at live.MAX_FPS),
- the wall and CPU time of one frame (train + draw + JPEG); 1 / CPU time is the frame
  rate a core of its own allows, the number least disturbed by other processes,
- iterations/s of training alone (no drawing).

These kernel-side numbers leave out the browser's share (sending and showing the JPEG).
What the learner sees is measured in the page by the browser test
(tests/browser/test_playground.py: JupyterLab in Chromium, counting changes of the
picture's src, quiet and with a core busy); this script runs it when Chromium and
Playwright are there (``--no-browser`` skips it) and prints its figures in a second table.
Numbers are the median over rounds with the min-max spread.
"""

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MPLBACKEND", "Agg")

from helpers import data, plots  # noqa: E402
from helpers.widgets import live  # noqa: E402
from helpers.widgets.nb04_playground import DeepRun, deep_playground  # noqa: E402
from helpers.widgets.nb03_playground_run import PlanarRun, split_data  # noqa: E402
from helpers.widgets.nb03_playground import planar_playground  # noqa: E402


def playgrounds():
    X, Y = data.load_planar_dataset()
    planar = planar_playground({"flower": (X, Y), **data.load_extra_datasets()})
    tx, ty, vx, vy, _ = data.load_dataset()
    Xd = tx.reshape(len(tx), -1).T[:, :1000] / 255.0
    Xv = vx.reshape(len(vx), -1).T / 255.0
    deep = deep_playground(Xd, ty[:, :1000], Xv, vy)
    runs = {"03 planar": lambda: PlanarRun(*split_data(X, Y)),
            "04 deep": lambda: DeepRun(Xd, ty[:, :1000], Xv, vy)}
    return {"03 planar": planar, "04 deep": deep}, runs


def play_for(box, seconds):
    """Press Play, let the loop run ``seconds``, pause; returns (frames/s, iterations/s)."""
    player = box.player
    player.restart()

    async def run():
        player.play()
        await asyncio.sleep(seconds)
        player.pause()
        await asyncio.sleep(0.05)

    frames, iterations = player.frames, box.state["run"].iteration
    asyncio.run(run())
    return ((player.frames - frames) / seconds, (box.state["run"].iteration - iterations) / seconds)


def frame_time(box, n=20):
    """Median wall and CPU seconds of one frame (train the frame's iterations, draw, encode).

    The CPU time is what a frame costs this process whatever else runs on the machine:
    1 / CPU time is the frame rate a core of its own would allow.
    """
    player = box.player
    player.restart()
    per_frame = player._per_frame()
    wall, cpu = [], []
    for _ in range(n):
        start, start_cpu = time.perf_counter(), time.process_time()
        player.frame(per_frame)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def train_rate(make_run, seconds=1.0):
    run = make_run()
    start, done = time.perf_counter(), 0
    while time.perf_counter() - start < seconds:
        run.advance(50)
        done += 50
    return done / (time.perf_counter() - start)


def busy_core(limit):
    """A child process spinning one core, ended by the caller (and by `timeout` at the latest)."""
    return subprocess.Popen(["timeout", str(int(limit) + 5), sys.executable, "-c",
                             "while True: pass"])


def browser_fps():
    """Run the browser test of the playgrounds; returns its figures {"03 planar, quiet": {...}}
    or a sentence saying why there are none."""
    fps_file = ROOT / "test-artifacts" / "playground_fps.json"
    if not Path("/usr/bin/chromium").exists():
        return "no browser figures: /usr/bin/chromium is not installed"
    fps_file.unlink(missing_ok=True)
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-m", "browser",
                           "-p", "no:cacheprovider", "tests/browser/test_playground.py"],
                          cwd=ROOT, capture_output=True, text=True)
    if not fps_file.exists():
        tail = (done.stdout + done.stderr).strip().splitlines()[-3:]
        return "no browser figures: the browser test did not get to measure (" + \
            " / ".join(tail) + ")"
    seen = json.loads(fps_file.read_text())
    if done.returncode:
        seen["note"] = "the browser test failed (below its targets or otherwise): see its output"
    return seen


def spread(values, fmt="{:.1f}"):
    return (f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}–"
            f"{fmt.format(max(values))})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="Play time per measurement")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true",
                        help="skip the browser test's frames per second seen in the page")
    args = parser.parse_args()
    plots.setup()
    boxes, runs = playgrounds()
    results = {(name, load): {"fps": [], "its": [], "frame": [], "cpu": [], "train": []}
               for name in boxes for load in ("quiet", "busy core")}
    for _ in range(args.rounds):
        for load in ("quiet", "busy core"):
            spinner = busy_core(4 * args.seconds + 10) if load != "quiet" else None
            try:
                for name, box in boxes.items():
                    r = results[(name, load)]
                    fps, its = play_for(box, args.seconds)
                    r["fps"].append(fps)
                    r["its"].append(its)
                    wall, cpu = frame_time(box)
                    r["frame"].append(1000 * wall)
                    r["cpu"].append(1000 * cpu)
                    r["train"].append(train_rate(runs[name]))
            finally:
                if spinner is not None:
                    spinner.terminate()
                    spinner.wait()
    print(f"Live playgrounds, {args.rounds} alternating rounds of {args.seconds:g} s of Play "
          f"(cap {live.MAX_FPS} frames/s); {os.cpu_count()} cores; load average at the end "
          f"{os.getloadavg()[0]:.2f}\n")
    print("| playground | load | Play loop frames/s | Play iterations/s | one frame, wall ms | "
          "one frame, CPU ms | frames/s a free core allows | training alone, iterations/s |")
    print("|---|---|---|---|---|---|---|---|")
    for (name, load), r in results.items():
        print(f"| {name} | {load} | {spread(r['fps'])} | {spread(r['its'], '{:.0f}')} | "
              f"{spread(r['frame'])} | {spread(r['cpu'])} | "
              f"{1000 / statistics.median(r['cpu']):.0f} | {spread(r['train'], '{:,.0f}')} |")
    if args.no_browser:
        return
    seen = browser_fps()
    print("\nIn the browser (JupyterLab in Chromium; new frames per second counted in the page "
          "over 6 s of Play; targets 20 quiet, 12 with a core busy):\n")
    if isinstance(seen, str):
        print(seen)
        return
    note = seen.pop("note", "")
    print("| playground, load | frames/s seen in the page | load average then | when |")
    print("|---|---|---|---|")
    for key, r in sorted(seen.items()):
        print(f"| {key} | {r['fps']:.1f} | {r['load_average']:.2f} | {r['when']} |")
    if note:
        print(f"\n{note}")


if __name__ == "__main__":
    main()
