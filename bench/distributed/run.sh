#!/usr/bin/env bash
# Issue 20, part 4: does data-parallel training pay off on this machine? For the seed MLP (Fashion-MNIST 784-256-10,
# batch 256) and a wide tabular model (256 features, 1024-1024 hidden, 10 classes, batch 256) it trains
#   1 process × 1 thread, 1 process × 2 threads, and 2 processes × 1 thread (mpiexec.mpich -n 2 … --distributed)
# three times each and prints the median training-pass seconds per epoch (epochs 2-3; epoch 1 includes the JIT) and the
# median wall time of the whole command. Then the loopback allreduce micro-benchmark (latency, bandwidth), the inputs
# of docs/scaling.md's model. After the builds the whole timed part holds `flock /work/.bench.lock` (the machine is
# shared; about 3 minutes), so runs of other benchmarks do not interleave with these.
# Usage: bench/distributed/run.sh [reps]     needs: mpich, the Fashion-MNIST Debian package, python3
set -euo pipefail
cd "$(dirname "$0")/../.."
reps=${1:-3}
lock=/work/.bench.lock
if [ -z "${DENDRITE_BENCH_LOCKED:-}" ]; then
  dotnet build src/Dendrite.Cli/Dendrite.Cli.csproj -c Release -v q -nologo > /dev/null
  dotnet build bench/distributed/AllreduceBench/AllreduceBench.csproj -c Release -v q -nologo > /dev/null
  DENDRITE_BENCH_LOCKED=1 exec flock "$lock" "$0" "$@"
fi
cli=src/Dendrite.Cli/bin/Release/net10.0/Dendrite.Cli.dll
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work/wide.csv" <<'PY'
import random, sys
random.seed(7)
with open(sys.argv[1], "w") as f:
    f.write(",".join(f"x{i}" for i in range(256)) + ",y\n")
    for _ in range(20000):
        x = [random.gauss(0, 1) for _ in range(256)]
        y = int(abs(sum(x[:8]) * 2)) % 10
        f.write(",".join(f"{v:.3f}" for v in x) + f",c{y}\n")
PY

seed_args=(train --epochs 3)
wide_args=(train --csv "$work/wide.csv" --target y --hidden 1024,1024 --batch-size 256 --epochs 3 --lr 0.05 --test-split 0.1)

# run NAME RANKS THREADS ARGS…: prints "median-epoch-seconds wall-seconds"
run() {
  local name=$1 ranks=$2 threads=$3; shift 3
  local out="$work/$name" start end
  rm -rf "$out"
  start=$(date +%s.%N)
  if [ "$ranks" -eq 1 ]; then
    dotnet "$cli" "$@" --threads "$threads" --out "$out" > "$work/log" 2>&1
  else
    mpiexec.mpich -n "$ranks" dotnet "$cli" "$@" --threads "$threads" --out "$out" --distributed > "$work/log" 2>&1
  fi || { cat "$work/log"; exit 1; }
  end=$(date +%s.%N)
  python3 - "$out/metrics.csv" "$start" "$end" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(f"{statistics.median(float(r['seconds']) for r in rows[1:]):.4f} {float(sys.argv[3]) - float(sys.argv[2]):.2f}")
PY
}

printf '%-8s %-22s %14s %10s\n' model layout epoch_s_median wall_s
for model in seed wide; do
  declare -n args="${model}_args"
  for layout in "1 1" "1 2" "2 1"; do
    read -r ranks threads <<< "$layout"
    epochs=() walls=()
    for _ in $(seq 1 "$reps"); do
      read -r e w <<< "$(run "$model-$ranks-$threads" "$ranks" "$threads" "${args[@]}")"
      epochs+=("$e"); walls+=("$w")
    done
    median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
    printf '%-8s %-22s %14s %10s   (runs: %s)\n' "$model" "$ranks proc x $threads thread" "$(median "${epochs[@]}")" "$(median "${walls[@]}")" "${epochs[*]}"
  done
  unset -n args
done

echo
echo "loopback allreduce (2 ranks):"
mpiexec.mpich -n 2 dotnet bench/distributed/AllreduceBench/bin/Release/net10.0/AllreduceBench.dll 4194304
