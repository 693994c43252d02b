#!/usr/bin/python3
"""Dendrite -> PyTorch, checked live: trains small Fashion-MNIST models with ./dendrite train, loads each run's
checkpoint into the same torch.nn.Sequential with load_state_dict(strict=True) (training tensors filtered out), and
the plain file of `./dendrite export --format safetensors` without any filtering, then compares PyTorch's class
probabilities on the 10,000 test images with `./dendrite predict`'s.

    /usr/bin/python3 bench/pytorch/check_dendrite_to_torch.py [--epochs 1] [--keep DIR]

Needs Debian's python3-torch and the Fashion-MNIST files in /usr/share/datasets/fashion-mnist (dataset-fashion-mnist).
Exits 1 when a load is not strict or a probability differs by more than 1e-5.
"""
import argparse
import csv
import gzip
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from dendrite_torch import sequential  # noqa: E402
from safetensors_io import load, load_state_dict  # noqa: E402

DATA = "/usr/share/datasets/fashion-mnist"
TOLERANCE = 1e-5

CONFIGS = [
    ("relu 784-64-10", ["--hidden", "64"]),
    ("gelu+batchnorm 784-64-32-10", ["--hidden", "64,32", "--activation", "gelu", "--batchnorm", "--init", "default"]),
    ("swiglu+dropout 784-64-10", ["--hidden", "64", "--activation", "swiglu", "--dropout", "0.2", "--init", "default"]),
    ("prelu adam+early-stopping", ["--hidden", "64", "--activation", "prelu", "--optimizer", "adam", "--init", "default",
                                   "--val-split", "0.1", "--early-stopping", "3"]),
]


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def dendrite(*args):
    return subprocess.run([os.path.join(ROOT, "dendrite"), *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout


def predictions(path, classes):
    """./dendrite predict --top 10 --out CSV, as [samples, classes] probabilities in class-index order."""
    index = {name: i for i, name in enumerate(classes)}
    rows = []
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            p = [0.0] * len(classes)
            for j in range(1, len(classes) + 1):
                p[index[r[f"class_{j}"]]] = float(r[f"probability_{j}"])
            rows.append(p)
    return torch.tensor(rows, dtype=torch.float64)


def check(name, flags, epochs, work):
    run = os.path.join(work, name.split()[0])
    dendrite("train", "--epochs", str(epochs), "--out", run, "--log-format", "json", *flags)
    checkpoint = os.path.join(run, "best.safetensors")
    tensors, meta = load(checkpoint)
    classes = json.loads(meta["dendrite.class_names"])
    scale = json.loads(meta["dendrite.input"]).get("scale", 1 / 255)

    net = sequential(meta["dendrite.architecture"])
    state = load_state_dict(checkpoint)
    result = net.load_state_dict(state, strict=True)  # raises on any missing or unexpected key
    filtered = len(tensors) - len(state)

    plain = os.path.join(run, "plain.safetensors")
    dendrite("export", run, "--format", "safetensors", "--out", plain)
    net2 = sequential(meta["dendrite.architecture"])
    net2.load_state_dict(load(plain)[0], strict=True)  # the exported file needs no filtering

    images = read_idx(os.path.join(DATA, "t10k-images-idx3-ubyte.gz")).reshape(-1, 784)
    labels = torch.tensor(read_idx(os.path.join(DATA, "t10k-labels-idx1-ubyte.gz")).astype(np.int64))
    x = torch.tensor(images, dtype=torch.float32) * scale
    net.eval()
    net2.eval()
    with torch.no_grad():
        torch_p = torch.softmax(net(x), dim=1).double()
        torch_p2 = torch.softmax(net2(x), dim=1).double()
    out = os.path.join(run, "predictions.csv")
    dendrite("predict", run, os.path.join(DATA, "t10k-images-idx3-ubyte.gz"), "--top", str(len(classes)), "--out", out)
    dendrite_p = predictions(out, classes)

    diff = (torch_p - dendrite_p).abs().max().item()
    diff2 = (torch_p2 - torch_p).abs().max().item()
    agree = (torch_p.argmax(1) == dendrite_p.argmax(1)).double().mean().item()
    acc_t = (torch_p.argmax(1) == labels).double().mean().item()
    acc_d = (dendrite_p.argmax(1) == labels).double().mean().item()
    ok = not result.missing_keys and not result.unexpected_keys and diff <= TOLERANCE and diff2 == 0.0
    print(f"{name:30s} strict load OK: {len(state)} tensors ({filtered} training tensors filtered); plain export strict OK; "
          f"max |p_torch - p_dendrite| = {diff:.2e}; argmax agree {agree:.4f}; test acc torch {acc_t:.4f} dendrite {acc_d:.4f}"
          f"{'' if ok else '  FAIL'}")
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--keep", help="keep the run folders in this folder")
    args = ap.parse_args()
    torch.set_num_threads(1)
    work = args.keep or tempfile.mkdtemp(prefix="dendrite-torch-")
    os.makedirs(work, exist_ok=True)
    print(f"torch {torch.__version__}; {dendrite('--version').strip()}; {args.epochs} epoch(s) on Fashion-MNIST; 10,000 test images")
    try:
        ok = all([check(name, flags, args.epochs, work) for name, flags in CONFIGS])
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("all strict loads and outputs match" if ok else "MISMATCH")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
