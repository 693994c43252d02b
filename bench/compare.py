#!/usr/bin/env python3
"""Side-by-side epoch time: Dendrite vs. the PyTorch reference, same model, same data, one sitting.

    /usr/bin/python3 bench/compare.py [--epochs 5] [--dendrite-threads 2] [--torch-threads 1,2]

Runs `./dendrite train --log-format json` and bench/pytorch/mlp_reference.py one after the other, and prints the
median epoch time of each (the first epoch is reported but left out of the median: it includes JIT and cache
warm-up), PyTorch at its best thread count, and the ratio. Needs Debian's python3-torch.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd):
    out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    events = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    epochs = [e for e in events if e["event"] == "epoch"]
    done = next(e for e in events if e["event"] == "done")
    times = [e["seconds"] for e in epochs]
    steady = times[1:] if len(times) > 1 else times
    return {"first": times[0], "median": statistics.median(steady), "min": min(steady),
            "test_acc": done["test_acc"]}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--dendrite-threads", default="2")
    p.add_argument("--torch-threads", default="1,2")
    a = p.parse_args()
    rows = []
    for t in a.dendrite_threads.split(","):
        r = run(["./dendrite", "train", "--epochs", str(a.epochs), "--threads", t, "--log-format", "json"])
        rows.append((f"dendrite threads={t}", r))
    torch_rows = []
    for t in a.torch_threads.split(","):
        r = run([sys.executable, "bench/pytorch/mlp_reference.py", "--epochs", str(a.epochs), "--threads", t])
        torch_rows.append((f"pytorch threads={t}", r))
    rows += torch_rows
    print(f"{'run':24} {'first epoch s':>14} {'median s':>10} {'min s':>8} {'test acc':>9}")
    for name, r in rows:
        print(f"{name:24} {r['first']:14.3f} {r['median']:10.3f} {r['min']:8.3f} {r['test_acc']:9.4f}")
    best_torch = min(torch_rows, key=lambda x: x[1]["median"])
    for name, r in rows[: len(rows) - len(torch_rows)]:
        print(f"ratio {name} / best {best_torch[0]}: {r['median'] / best_torch[1]['median']:.3f}")


if __name__ == "__main__":
    main()
