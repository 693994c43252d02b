#!/usr/bin/python3
"""Dendrite vs scikit-learn MLPs on the real tabular data sets that ship with Debian's python3-sklearn.

For each data set the script writes train.csv and test.csv (header row, one fixed stratified/random split with
random_state 0), so both tools see exactly the same rows. It then trains, over several seeds:

  * scikit-learn's MLPClassifier / MLPRegressor with plain minibatch SGD (no momentum, constant learning rate,
    no L2, no early stopping) on StandardScaler'd features (fitted on the training rows), and for regression on the
    standardized target (TransformedTargetRegressor), which is what Dendrite's preprocessing does;
  * `dendrite train --csv train.csv --test-csv test.csv --log-format json` with the same hidden sizes, activation,
    batch size and epochs.

Matched learning rates: sklearn's regression loss is ½·mean squared error, half of Dendrite's MSE, so sklearn gets
twice Dendrite's learning rate for regression (identical gradient steps); classification losses (mean
cross-entropy) are the same. Remaining differences: sklearn initializes with Glorot-uniform
U(±sqrt(6/(in+out))), Dendrite (--init default) with PyTorch's U(±1/sqrt(in)); the random streams differ.

Usage: bench/tabular/compare_sklearn.py [--seeds 5] [--epochs 100] [--batch 64] [--lr 0.05] [--hidden 64]
Prints a table: data set, rows, metric, sklearn mean ± std, dendrite mean ± std (std over seeds).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np
from sklearn.compose import TransformedTargetRegressor
from sklearn.datasets import load_breast_cancer, load_diabetes, load_wine
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import accuracy_score, mean_squared_error
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SKLEARN_DATA = "/usr/lib/python3/dist-packages/sklearn/datasets/data"
TRAIN_SECONDS = []  # Dendrite's own "seconds" (in-process training), without process start-up and JIT


def boston():
    # Line 1 is "506,13", line 2 the header (load_boston was removed from scikit-learn 1.2).
    data = np.loadtxt(os.path.join(SKLEARN_DATA, "boston_house_prices.csv"), delimiter=",", skiprows=2)
    return data[:, :-1], data[:, -1]


def datasets():
    bc = load_breast_cancer()
    wine = load_wine()
    diab = load_diabetes(scaled=False)
    x_boston, y_boston = boston()
    return [
        ("breast_cancer", "classification", bc.data, bc.target),
        ("wine", "classification", wine.data, wine.target),
        ("boston", "regression", x_boston, y_boston),
        ("diabetes", "regression", diab.data, diab.target),
    ]


def write_csv(path, x, y):
    names = [f"f{i}" for i in range(x.shape[1])]
    with open(path, "w") as f:
        f.write(",".join(names + ["target"]) + "\n")
        for row, t in zip(x, y):
            f.write(",".join(repr(float(v)) for v in row) + "," + repr(t.item()) + "\n")


def sklearn_run(task, x_train, y_train, x_test, y_test, seed, a):
    common = dict(hidden_layer_sizes=tuple(a.hidden), activation="relu", solver="sgd", batch_size=a.batch,
                  learning_rate="constant", momentum=0.0, nesterovs_momentum=False, alpha=0.0, max_iter=a.epochs,
                  shuffle=True, tol=0.0, n_iter_no_change=a.epochs + 1, early_stopping=False, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # max_iter reached is the point: fixed epochs
        if task == "classification":
            model = make_pipeline(StandardScaler(), MLPClassifier(learning_rate_init=a.lr, **common))
            model.fit(x_train, y_train)
            return accuracy_score(y_test, model.predict(x_test))
        model = TransformedTargetRegressor(
            regressor=make_pipeline(StandardScaler(), MLPRegressor(learning_rate_init=2 * a.lr, **common)),
            transformer=StandardScaler())
        model.fit(x_train, y_train)
        return mean_squared_error(y_test, model.predict(x_test)) ** 0.5


def dendrite_run(task, train_csv, test_csv, seed, a):
    cmd = [os.path.join(ROOT, "dendrite"), "train", "--csv", train_csv, "--test-csv", test_csv, "--target", "target",
           "--task", task, "--epochs", str(a.epochs), "--batch-size", str(a.batch), "--lr", str(a.lr),
           "--hidden", ",".join(map(str, a.hidden)) if a.hidden else "none", "--activation", "relu",
           "--init", "default", "--seed", str(seed), "--log-format", "json"]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"dendrite failed ({out.returncode}): {out.stderr.strip()}")
    done = json.loads(out.stdout.strip().splitlines()[-1])
    assert done["event"] == "done", done
    TRAIN_SECONDS.append(done["seconds"])
    return done["test_acc"] if task == "classification" else done["test_rmse"]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seeds", type=int, default=5)
    p.add_argument("--epochs", type=int, default=100)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=0.05, help="Dendrite's learning rate (sklearn regression gets twice it)")
    p.add_argument("--hidden", type=lambda s: [int(v) for v in s.split(",")] if s != "none" else [], default=[64])
    p.add_argument("--only", help="comma-separated data set names")
    a = p.parse_args()

    subprocess.run([os.path.join(ROOT, "dendrite"), "--version"], check=True, capture_output=True)  # build once, untimed
    rows = []
    with tempfile.TemporaryDirectory(prefix="dendrite-sklearn-") as tmp:
        for name, task, x, y in datasets():
            if a.only and name not in a.only.split(","):
                continue
            x_train, x_test, y_train, y_test = train_test_split(
                x, y, test_size=0.2, random_state=0, stratify=y if task == "classification" else None)
            train_csv, test_csv = os.path.join(tmp, f"{name}_train.csv"), os.path.join(tmp, f"{name}_test.csv")
            write_csv(train_csv, x_train, y_train)
            write_csv(test_csv, x_test, y_test)
            seeds = range(a.seeds)
            t0 = time.perf_counter()
            sk = [sklearn_run(task, x_train, y_train, x_test, y_test, s, a) for s in seeds]
            t1 = time.perf_counter()
            TRAIN_SECONDS.clear()
            dn = [dendrite_run(task, train_csv, test_csv, s, a) for s in seeds]
            t2 = sum(TRAIN_SECONDS) + t1  # report the in-process training time
            metric = "test accuracy" if task == "classification" else "test RMSE"
            rows.append((name, f"{len(x_train)}/{len(x_test)}", metric, sk, dn, t1 - t0, t2 - t1))
            print(f"{name}: sklearn {sk}\n{' ' * len(name)}  dendrite {dn}", file=sys.stderr)

    hidden = "-".join(map(str, a.hidden)) or "linear"
    print(f"\nhidden {hidden} relu, SGD lr {a.lr} (sklearn regression {2 * a.lr}), batch {a.batch}, {a.epochs} epochs, "
          f"{a.seeds} seeds, same 80/20 split (random_state 0)\n")
    print(f"| data set | train/test | metric | scikit-learn | Dendrite | diff / pooled std | sklearn s | dendrite s (in-process) |")
    print(f"|---|---|---|---|---|---|---|---|")
    for name, sizes, metric, sk, dn, tsk, tdn in rows:
        sk, dn = np.array(sk), np.array(dn)
        pooled = np.sqrt((sk.var(ddof=1) + dn.var(ddof=1)) / 2) if len(sk) > 1 else float("nan")
        z = (dn.mean() - sk.mean()) / pooled if pooled > 0 else 0.0
        print(f"| {name} | {sizes} | {metric} | {sk.mean():.4f} ± {sk.std(ddof=1):.4f} | {dn.mean():.4f} ± {dn.std(ddof=1):.4f} "
              f"| {z:+.2f} | {tsk:.1f} | {tdn:.1f} |")


if __name__ == "__main__":
    main()
