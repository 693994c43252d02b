#!/usr/bin/env bash
# The serving benchmark on the seed model (784-256-10 after `dendrite train --epochs 1`), into FOLDER (default
# /tmp/dendrite-serve-bench): in-process inference of Dendrite next to ONNX Runtime, then `dendrite serve` under 1, 8
# and 64 concurrent HTTP clients on loopback, once per batch window. Needs python3-onnx (the ONNX graph is built from
# the checkpoint's weights) and Fashion-MNIST; takes about three minutes. Results go to stdout as Markdown tables.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-/tmp/dendrite-serve-bench}"
seconds="${SECONDS_PER_LEVEL:-10}"
mkdir -p "$out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

"$root/dendrite" --version > /dev/null  # builds the CLI now if a source changed, not while a server is awaited
[ -f "$out/seed/best.safetensors" ] || "$root/dendrite" train --epochs 1 --out "$out/seed" > "$out/train.log"
/usr/bin/python3 "$root/bench/serving/make_onnx.py" "$out/seed/best.safetensors" "$out/seed.onnx"
dotnet build "$root/bench/Dendrite.ServeBench/Dendrite.ServeBench.csproj" -c Release -nologo -v q -o "$out/bin" > "$out/build.log" \
  || { cat "$out/build.log"; exit 1; }
bench=(dotnet "$out/bin/Dendrite.ServeBench.dll")

echo "## In-process inference"
"${bench[@]}" inproc "$out/seed" "$out/seed.onnx"

for window in 0 2; do
  echo
  echo "## dendrite serve, --batch-window-ms $window"
  "$root/dendrite" serve "$out/seed" --port 0 --batch-window-ms "$window" > "$out/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 150); do grep -q "^serving" "$out/serve.log" && break; sleep 0.2; done
  url=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$out/serve.log") || { cat "$out/serve.log"; kill "$server"; exit 1; }
  "${bench[@]}" http "$url" 1,8,64 "$seconds" 1
  if command -v wrk > /dev/null; then
    # A second opinion from a C load generator (Debian's wrk): one fixed test image, 64 connections on 2 threads.
    /usr/bin/python3 - "$out/body.json" <<'PY'
import gzip, json, sys
with gzip.open("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz") as f:
    pixels = list(f.read(16 + 784)[16:])
open(sys.argv[1], "w").write(json.dumps({"rows": [pixels]}))
PY
    printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nlocal f = io.open("%s")\nwrk.body = f:read("*a")\nf:close()\n' \
      "$out/body.json" > "$out/post.lua"
    echo
    echo "wrk -t2 -c64 -d${seconds}s:"
    wrk -t2 -c64 -d"${seconds}s" --latency -s "$out/post.lua" "$url/predict" | grep -E "Latency|50%|90%|99%|Requests/sec|Non-2xx"
  fi
  kill -TERM "$server"
  wait "$server" || true
  tail -1 "$out/serve.log"
done
