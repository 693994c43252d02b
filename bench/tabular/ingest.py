#!/usr/bin/python3
"""CSV ingestion, Dendrite next to pandas, on the same generated file.

Generates (once, deterministic) a 1,000,000-row, 22-column CSV of about 180 MB: 18 numeric columns (5% missing in
five of them, written as NA), 2 categorical columns (3 and 4 categories, 3% missing in one), an integer count column
and a 0/1 target: 26 features, a 0.1 GB float32 matrix. Then, each in a fresh process, times:
  pandas:   read_csv, then the preprocessing Dendrite does (numeric: fill with the mean, standardize with the
            population std; categorical: fill with the mode, one-hot), into one float32 matrix;
  dendrite: TabularCsv.Load + TabularPreprocessor.Fit + Transform (bench/Dendrite.IngestBench);
  dendrite-chunks: the same through TabularCsvChunks (the --stream path's fit, transform kept in memory here).
and prints wall time and peak resident memory (ru_maxrss / VmHWM), median of --repeats runs.

    flock /work/.bench.lock /usr/bin/python3 bench/tabular/ingest.py [--rows 1000000] [--repeats 3]
"""
import argparse, json, os, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def generate(path, rows):
    import numpy as np
    import pandas as pd
    rng = np.random.default_rng(20)
    cols = {}
    for i in range(18):
        v = rng.normal(loc=i * 10.0, scale=1.0 + i, size=rows).round(5)
        cols[f"x{i}"] = v
    df = pd.DataFrame(cols)
    for i in range(5):
        df.loc[rng.random(rows) < 0.05, f"x{i}"] = np.nan
    sizes = [3, 4]
    for i, k in enumerate(sizes):
        c = pd.Series(np.array([f"c{i}_{j}" for j in range(k)])[rng.integers(0, k, size=rows)])
        if i < 1:
            c[rng.random(rows) < 0.03] = None
        df[f"cat{i}"] = c
    df["count"] = rng.integers(0, 500, size=rows)
    df["y"] = (df["x0"].fillna(0) + rng.normal(size=rows) > 0).astype(int)
    df.to_csv(path, index=False, na_rep="NA")


def pandas_run(path):
    import resource
    import numpy as np
    import pandas as pd
    start = time.perf_counter()
    df = pd.read_csv(path, na_values=["NA", "N/A", "NaN", "null", "?"], keep_default_na=False)
    y = df.pop("y").to_numpy()
    parts = []
    for name in df.columns:
        col = df[name]
        if col.dtype == object:
            col = col.fillna(col.mode().iloc[0])
            parts.append(pd.get_dummies(col, prefix=name, dtype=np.float32).to_numpy())
        else:
            mean = col.mean()
            std = col.std(ddof=0)
            parts.append(((col.fillna(mean) - mean) / std).to_numpy(dtype=np.float32)[:, None])
    x = np.hstack(parts)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"tool": "pandas", "seconds": round(seconds, 3), "peak_rss_mb": round(peak, 1), "rows": int(x.shape[0]),
                      "features": int(x.shape[1]), "matrix_mb": round(x.nbytes / 2**20, 1)}))


def run(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    return json.loads(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--file", default="/tmp/dendrite-ingest-bench.csv")
    ap.add_argument("--pandas-only", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.pandas_only:
        pandas_run(a.file)
        return
    if not os.path.exists(a.file):
        print(f"generating {a.file} ({a.rows} rows)...", file=sys.stderr)
        generate(a.file, a.rows)
    size = os.path.getsize(a.file) / 2**20
    proj = os.path.join(ROOT, "bench", "Dendrite.IngestBench", "Dendrite.IngestBench.csproj")
    subprocess.run(["dotnet", "build", proj, "-c", "Release", "-v", "q", "-nologo"], check=True, capture_output=True)
    exe = os.path.join(ROOT, "bench", "Dendrite.IngestBench", "bin", "Release", "net10.0", "Dendrite.IngestBench.dll")
    tools = {
        "pandas": [sys.executable, __file__, "--pandas-only", "--file", a.file],
        "dendrite": ["dotnet", exe, a.file, "y"],
        "dendrite-chunks": ["dotnet", exe, a.file, "y", "--chunks"],
    }
    results = {name: [run(cmd) for _ in range(a.repeats)] for name, cmd in tools.items()}
    print(f"file: {a.file}, {size:.0f} MB; median of {a.repeats} runs, each in a fresh process")
    print(f"{'tool':<16} {'seconds':>8} {'peak RSS MB':>12} {'rows':>9} {'features':>9} {'matrix MB':>10}")
    for name, rs in results.items():
        s = statistics.median(r["seconds"] for r in rs)
        m = statistics.median(r["peak_rss_mb"] for r in rs)
        print(f"{name:<16} {s:8.2f} {m:12.0f} {rs[0]['rows']:9d} {rs[0]['features']:9d} {rs[0]['matrix_mb']:10.0f}")


if __name__ == "__main__":
    main()
