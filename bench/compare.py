#!/usr/bin/env python3
"""Side-by-side epoch time: Dendrite vs. the PyTorch reference, same model, same data, one sitting.

    /usr/bin/python3 bench/compare.py [--model seed,recipe] [--epochs 5] [--repeats 1]
                                      [--dendrite-threads 2] [--torch-threads 1,2]

Models: "seed" is the default `./dendrite train` run (784-256-10, SGD, batch 256); "recipe" is
recipes/fashion-mnist.json (784-512-256-10, dropout 0.25, AdamW, one-cycle, batch 128), run by PyTorch with the same
model, optimizer, schedule, dropout and batch. Runs `./dendrite train --log-format json` and
bench/pytorch/mlp_reference.py one after the other, --repeats times in turn, and prints the median epoch time of each
(the first epoch of a run is reported but left out of its median: it includes JIT and cache warm-up; with repeats,
the median of the runs' medians), the arithmetic rate (GFLOP/s: 2 flops per multiply-add of the forward GEMMs, the
weight-gradient GEMMs and every input-gradient GEMM but the first layer's, over the 60,000 training images), PyTorch
at its best thread count, and the ratio. Needs Debian's python3-torch.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

MODELS = {
    "seed": {"hidden": [256], "dendrite": [], "torch": []},
    "recipe": {"hidden": [512, 256], "dendrite": ["--config", "recipes/fashion-mnist.json"],
               "torch": ["--hidden", "512,256", "--batch-size", "128", "--dropout", "0.25", "--optimizer", "adamw",
                         "--lr", "0.001", "--weight-decay", "0.05", "--lr-schedule", "onecycle",
                         "--init", "kaiming_uniform"]},
}


def gflop_per_epoch(hidden, samples=60000, inputs=784, classes=10):
    widths = [inputs] + hidden + [classes]
    macs = [a * b for a, b in zip(widths, widths[1:])]
    return 2 * samples * (2 * sum(macs) + sum(macs[1:])) / 1e9


def run(cmd):
    out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    events = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    epochs = [e for e in events if e["event"] == "epoch"]
    done = next(e for e in events if e["event"] == "done")
    times = [e["seconds"] for e in epochs]
    steady = times[1:] if len(times) > 1 else times
    return {"first": times[0], "median": statistics.median(steady), "min": min(steady),
            "test_acc": done["test_acc"]}


def combine(runs):
    return {"first": statistics.median(r["first"] for r in runs), "median": statistics.median(r["median"] for r in runs),
            "min": min(r["min"] for r in runs), "test_acc": statistics.median(r["test_acc"] for r in runs),
            "runs": [r["median"] for r in runs]}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", default="seed", help="comma-separated: seed, recipe")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--repeats", type=int, default=1)
    p.add_argument("--dendrite-threads", default="2")
    p.add_argument("--torch-threads", default="1,2")
    a = p.parse_args()
    for model in a.model.split(","):
        spec = MODELS[model]
        cmds = [(f"dendrite threads={t}", ["./dendrite", "train", *spec["dendrite"], "--epochs", str(a.epochs),
                                           "--threads", t, "--log-format", "json"])
                for t in a.dendrite_threads.split(",")]
        n_dendrite = len(cmds)
        cmds += [(f"pytorch threads={t}", [sys.executable, "bench/pytorch/mlp_reference.py", *spec["torch"],
                                          "--epochs", str(a.epochs), "--threads", t])
                 for t in a.torch_threads.split(",")]
        results = {name: [] for name, _ in cmds}
        for _ in range(a.repeats):
            for name, cmd in cmds:
                results[name].append(run(cmd))
        rows = [(name, combine(results[name])) for name, _ in cmds]
        gflop = gflop_per_epoch(spec["hidden"])
        print(f"model {model}: {gflop:.1f} GFLOP per epoch, {a.epochs} epochs, {a.repeats} run(s) each")
        print(f"{'run':24} {'first epoch s':>14} {'median s':>10} {'min s':>8} {'GFLOP/s':>8} {'test acc':>9}  run medians")
        for name, r in rows:
            print(f"{name:24} {r['first']:14.3f} {r['median']:10.3f} {r['min']:8.3f} {gflop / r['median']:8.1f} "
                  f"{r['test_acc']:9.4f}  {' '.join(f'{m:.3f}' for m in r['runs'])}")
        torch_rows = rows[n_dendrite:]
        best_torch = min(torch_rows, key=lambda x: x[1]["median"])
        for name, r in rows[:n_dendrite]:
            print(f"ratio {name} / best {best_torch[0]}: {r['median'] / best_torch[1]['median']:.3f}")


if __name__ == "__main__":
    main()
