#!/usr/bin/env bash
# The suite on a host with several GPUs: 1 worker vs N workers (each pinned to its own GPU),
# then an N-worker run in which one xdist worker is killed mid-run.
# Usage (on the GPU machine, repo root): bash benchmarks/multi_gpu.sh OUTDIR SCALE
set -u
out=${1:?outdir}; scale=${2:-1}
if [ -d .whl ]; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
  export PYTHONPATH=/tmp/site:$PWD
fi
export TSVC_CACHE_DIR=/tmp/tsvc-cache PYTHONUNBUFFERED=1
gpus=$(nvidia-smi -L | grep -c '^GPU ')
echo "GPUs: $gpus"
suite() {  # correctness and benchmarks of every loop, one JSON
  python3 -m pytest -q -p no:cacheprovider tests/test_correctness.py tests/test_benchmark.py -k "not c_loop" \
    --tsvc-scale "$scale" --benchmark-json "$1" "${@:2}" 2>&1 | grep -E "passed|failed|crashed|replacing|^FAILED" | tail -8
}
pid_of_worker() {  # the xdist worker process named $1
  for p in $(pgrep -f pytest); do
    tr '\0' '\n' < /proc/$p/environ 2>/dev/null | grep -qx "PYTEST_XDIST_WORKER=$1" && echo "$p" && return
  done
}
suite "$out/warm.json" -n "$gpus" >/dev/null  # compile every kernel once: both timed runs see a warm Triton cache
for n in 1 "$gpus"; do
  start=$(date +%s.%N)
  suite "$out/n$n.json" -n "$n"
  echo "workers=$n wall_s=$(echo "$(date +%s.%N) - $start" | bc)" | tee -a "$out/walltimes.txt"
done
( sleep 40; victim=$(pid_of_worker gw1); echo "killing gw1 (pid $victim)"; kill -9 "$victim" ) &
suite "$out/killed.json" -n "$gpus"
wait
python3 - "$out" "$gpus" <<'PY'
import json, sys
from collections import Counter
out, gpus = sys.argv[1], int(sys.argv[2])
for name in ("n1", f"n{gpus}", "killed"):
    data = json.load(open(f"{out}/{name}.json"))
    names = Counter(b["fullname"] for b in data["benchmarks"])
    pinned = Counter((b["extra_info"].get("xdist_worker"), b["extra_info"].get("cuda_visible_devices")) for b in data["benchmarks"])
    print(f"{name}: {len(names)} benchmarks, duplicates: {[n for n, c in names.items() if c > 1]}; (worker, CUDA_VISIBLE_DEVICES): {dict(pinned)}")
PY
