#!/usr/bin/env python3
"""Start-up and data-load time of the dendrite commands, phase by phase, median of several runs.

    flock /work/.bench.lock /usr/bin/python3 bench/startup.py [--runs 3] [--cli artifacts/cli/Dendrite.Cli.dll]

Runs `dotnet CLI.dll ...` directly (add `--launcher` to go through ./dendrite and include its staleness check) and
timestamps each line the process prints, from the moment it is started:
- `--version`: runtime start-up and the CLI's entry alone;
- `train --epochs 1` with the decoded-data cache filled, then off (DENDRITE_DATA_CACHE=0: gunzip every time):
  until the "Loading Fashion-MNIST" note (start-up, option parsing), until the "data:" note (the data load), until
  the first epoch's line (model build, the epoch and its test evaluation) and until exit (checkpoints, plots);
- `summary MODEL` and `predict MODEL t10k-images` (10,000 images) on the model that train run wrote;
- `eval MODEL` (loads Fashion-MNIST, with the cache).
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = "/usr/share/datasets/fashion-mnist"


def timed(cmd, env=None):
    """Runs cmd; returns ([(seconds since start, line)], total seconds, CPU seconds (user + system) of the process
    and its children). CPU time is the steadier figure on a shared machine: waiting for a core does not count."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env={**os.environ, **(env or {})})
    lines = []

    def pump(stream):
        for line in stream:
            lines.append((time.perf_counter() - start, line.rstrip()))

    threads = [threading.Thread(target=pump, args=(s,)) for s in (p.stdout, p.stderr)]
    for t in threads:
        t.start()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    total = time.perf_counter() - start
    for t in threads:
        t.join()
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n" + "\n".join(l for _, l in lines))
    return sorted(lines), total, usage.ru_utime + usage.ru_stime


def first(lines, prefix):
    return next(t for t, l in lines if l.startswith(prefix))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--cli", default="artifacts/cli/Dendrite.Cli.dll")
    p.add_argument("--launcher", action="store_true", help="run ./dendrite instead of dotnet CLI.dll")
    a = p.parse_args()
    base = ["./dendrite"] if a.launcher else ["dotnet", a.cli]
    rows = {}

    def add(name, value):
        rows.setdefault(name, []).append(value)

    with tempfile.TemporaryDirectory() as tmp:
        model = os.path.join(tmp, "warm", "last.safetensors")
        # One untimed run fills the decoded-data cache (and the OS file cache).
        timed(base + ["train", "--epochs", "1", "--log-format", "json", "--out", os.path.join(tmp, "warm")])

        def simple(name, args):
            _, total, cpu = timed(base + args)
            add(f"{name}: exit", total)
            add(f"{name}: CPU seconds", cpu)

        for i in range(a.runs):
            simple("--version", ["--version"])
            for label, env in (("train --epochs 1, cache", None), ("train --epochs 1, no cache", {"DENDRITE_DATA_CACHE": "0"})):
                lines, total, cpu = timed(base + ["train", "--epochs", "1", "--log-format", "json", "--out",
                                             os.path.join(tmp, f"r{i}{len(env or {})}")], env)
                loading, data = first(lines, "Loading Fashion-MNIST"), first(lines, "data:")
                add(f"{label}: start-up to 'Loading'", loading)
                add(f"{label}: data load", data - loading)
                add(f"{label}: to first epoch line", first(lines, '{"event":"epoch"'))
                add(f"{label}: exit", total)
                add(f"{label}: CPU seconds", cpu)
            simple("summary", ["summary", model])
            simple("predict 10,000 images", ["predict", model, os.path.join(DATA, "t10k-images-idx3-ubyte.gz"),
                                             "--out", os.path.join(tmp, "p.csv")])
            simple("eval (test set, cache)", ["eval", model])

    print(f"{'phase (seconds since process start unless a duration)':62} {'median':>7} {'min':>7} {'max':>7}")
    for name, values in rows.items():
        print(f"{name:62} {statistics.median(values):7.3f} {min(values):7.3f} {max(values):7.3f}")


if __name__ == "__main__":
    main()
