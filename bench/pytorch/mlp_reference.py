#!/usr/bin/env python3
"""PyTorch reference for Dendrite's side-by-side benchmark and accuracy oracle.

Trains the d2l chapter's MLP (784-256-10, ReLU, weights N(0, 0.01), biases 0, SGD lr 0.1, batch 256) on the
official Fashion-MNIST split held in memory (or, with the options below, recipes/fashion-mnist.json's model:
--hidden 512,256 --batch-size 128 --dropout 0.25 --optimizer adamw --lr 0.001 --weight-decay 0.05
--lr-schedule onecycle --init kaiming_uniform), and prints one JSON object per line in Dendrite's --log-format json
schema, so both outputs can be compared by the same script. Runs under Debian's python3-torch (1.13, CPU).
Not part of Dendrite's runtime.

    /usr/bin/python3 bench/pytorch/mlp_reference.py --threads 1 --epochs 10
    /usr/bin/python3 bench/pytorch/mlp_reference.py --infer     # batch-1 latency and batch throughput
"""
import argparse
import gzip
import json
import os
import struct
import sys
import time

import numpy as np
import torch
from torch import nn

DATA = "/usr/share/datasets/fashion-mnist"


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    _, _, dtype, ndim = struct.unpack(">BBBB", raw[:4])
    dims = struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load(folder):
    def f(name):
        for candidate in (name + ".gz", name):
            p = os.path.join(folder, candidate)
            if os.path.exists(p):
                return p
        sys.exit(f"missing {name} in {folder}")
    xtr = torch.tensor(read_idx(f("train-images-idx3-ubyte")).reshape(-1, 784), dtype=torch.float32) / 255
    ytr = torch.tensor(read_idx(f("train-labels-idx1-ubyte")).astype(np.int64))
    xte = torch.tensor(read_idx(f("t10k-images-idx3-ubyte")).reshape(-1, 784), dtype=torch.float32) / 255
    yte = torch.tensor(read_idx(f("t10k-labels-idx1-ubyte")).astype(np.int64))
    return xtr, ytr, xte, yte


def build(hidden, dropout=0.0, init="normal"):
    layers, width = [], 784
    for h in hidden:
        layers += [nn.Linear(width, h), nn.ReLU()]
        if dropout > 0:
            layers.append(nn.Dropout(dropout))
        width = h
    layers.append(nn.Linear(width, 10))
    net = nn.Sequential(*layers)
    for m in net:
        if isinstance(m, nn.Linear):
            if init == "kaiming_uniform":
                nn.init.kaiming_uniform_(m.weight, nonlinearity="relu")
            else:
                nn.init.normal_(m.weight, std=0.01)
            nn.init.zeros_(m.bias)
    return net


def accuracy(net, x, y):
    net.eval()
    with torch.no_grad():
        return (net(x).argmax(1) == y).float().mean().item()


def train(args):
    xtr, ytr, xte, yte = load(args.data)
    torch.manual_seed(args.seed)
    net = build(args.hidden, args.dropout, args.init)
    loss_fn = nn.CrossEntropyLoss()
    if args.optimizer == "adamw":
        opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    else:
        opt = torch.optim.SGD(net.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    n = xtr.shape[0]
    sched = None
    if args.lr_schedule == "onecycle":
        steps = (n + args.batch_size - 1) // args.batch_size
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=args.epochs * steps)
    total = 0.0
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        perm = torch.randperm(n)
        loss_sum, correct = 0.0, 0
        net.train()
        for i in range(0, n, args.batch_size):
            idx = perm[i:i + args.batch_size]
            x, y = xtr[idx], ytr[idx]
            out = net(x)
            loss = loss_fn(out, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            if sched is not None:
                sched.step()
            loss_sum += loss.item() * len(idx)
            correct += (out.argmax(1) == y).sum().item()
        seconds = time.perf_counter() - start
        total += seconds
        test_acc = accuracy(net, xte, yte)
        print(json.dumps({"event": "epoch", "epoch": epoch, "train_loss": round(loss_sum / n, 5),
                          "train_acc": round(correct / n, 5), "test_acc": round(test_acc, 5),
                          "seconds": round(seconds, 4)}), flush=True)
    print(json.dumps({"event": "done", "test_acc": round(accuracy(net, xte, yte), 5), "epochs": args.epochs,
                      "seconds": round(total, 4), "threads": torch.get_num_threads()}), flush=True)


def infer(args):
    _, _, xte, _ = load(args.data)
    net = build(args.hidden).eval()
    with torch.no_grad():
        one = xte[:1]
        for _ in range(2000):
            net(one)
        reps = 20000
        start = time.perf_counter()
        for _ in range(reps):
            net(one)
        batch1_us = (time.perf_counter() - start) / reps * 1e6
        # Alone: single calls 1 ms apart, as a server answering occasional requests sees them (median).
        alone = []
        for _ in range(500):
            time.sleep(0.001)
            start = time.perf_counter()
            net(one)
            alone.append(time.perf_counter() - start)
        alone_us = sorted(alone)[len(alone) // 2] * 1e6
        big = xte[:10000]
        for _ in range(3):
            net(big)
        reps = 20
        start = time.perf_counter()
        for _ in range(reps):
            net(big)
        per_sec = reps * big.shape[0] / (time.perf_counter() - start)
    print(json.dumps({"event": "infer", "batch1_us": round(batch1_us, 2), "batch1_alone_us": round(alone_us, 2),
                      "batch10000_samples_per_s": round(per_sec),
                      "threads": torch.get_num_threads()}), flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default=DATA)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--lr", type=float, default=0.1)
    p.add_argument("--hidden", default="256")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--dropout", type=float, default=0.0)
    p.add_argument("--optimizer", choices=["sgd", "adamw"], default="sgd")
    p.add_argument("--weight-decay", type=float, default=0.0)
    p.add_argument("--lr-schedule", choices=["constant", "onecycle"], default="constant")
    p.add_argument("--init", choices=["normal", "kaiming_uniform"], default="normal")
    p.add_argument("--infer", action="store_true")
    args = p.parse_args()
    args.hidden = [] if args.hidden == "none" else [int(h) for h in args.hidden.split(",")]
    torch.set_num_threads(args.threads)
    infer(args) if args.infer else train(args)


if __name__ == "__main__":
    main()
