#!/usr/bin/env python3
"""The data-parallel cost model of docs/scaling.md, as a table.

Per step with N ranks (one core each), global batch B, P parameters:
    T_step(N) = (T_1 - T_opt) / N + T_opt + T_copy + T_allreduce(N, n),   n = 4 * (P + 2) bytes
    T_allreduce(N, n) = 2 * ceil(log2 N) * alpha + 2 * (N - 1) / N * n / beta
(MPICH's long-message allreduce: reduce-scatter then allgather, Rabenseifner; for short messages recursive doubling
costs log2 N * (alpha + n / beta), no cheaper for these sizes). T_1 is the measured one-core step time of the whole
batch; T_opt the optimizer step every rank repeats (SGD with momentum streams 5 floats per parameter) and T_copy the
copies into and out of the reduction buffer (4 floats per parameter), both memory-bound, taken at an assumed 10 GB/s.
Speed-up = T_1 / T_step(N). It assumes a rank's GEMMs stay as efficient on B/N rows as on B (false for small B/N)
and one free core per rank.

Usage: model.py T1_SEED_MS T1_WIDE_MS LOOPBACK_ALPHA_US LOOPBACK_BETA_GBS   (docs/scaling.md: 1.72 15.5 1.3 5.7)
"""
import math
import sys

t_seed, t_wide, lo_alpha, lo_beta = (float(a) for a in sys.argv[1:5])
models = {"seed MLP 784-256-10": (203_530, t_seed / 1e3), "wide 256-1024-1024-10": (1_323_018, t_wide / 1e3)}
MEMORY = 10e9  # bytes/s one core streams (assumed)
networks = {
    "loopback (measured)": (lo_alpha * 1e-6, lo_beta * 1e9),
    "10 GbE TCP (assumed 30 us, 1.1 GB/s)": (30e-6, 1.1e9),
    "100 Gb/s IB (assumed 2 us, 11 GB/s)": (2e-6, 11e9),
}


def allreduce(n_ranks, nbytes, alpha, beta):
    if n_ranks == 1:
        return 0.0
    return 2 * math.ceil(math.log2(n_ranks)) * alpha + 2 * (n_ranks - 1) / n_ranks * nbytes / beta


print("| model | network | allreduce N=2 | speed-up N=2 | N=4 | N=8 | N=16 | N=64 |")
print("|---|---|---|---|---|---|---|---|")
for name, (params, t_one) in models.items():
    nbytes = 4 * (params + 2)
    t_opt, t_copy = 5 * 4 * params / MEMORY, 4 * 4 * params / MEMORY
    for net, (alpha, beta) in networks.items():
        cells = []
        for n in (2, 4, 8, 16, 64):
            t_step = (t_one - t_opt) / n + t_opt + t_copy + allreduce(n, nbytes, alpha, beta)
            cells.append(f"{t_one / t_step:.1f}x")
        print(f"| {name} | {net} | {allreduce(2, nbytes, alpha, beta) * 1e3:.2f} ms | " + " | ".join(cells) + " |")
