#!/usr/bin/env bash
# One device session: correctness of the reference set on the GPU, then benchmarks.
# Usage (on the GPU machine, repo root): bash benchmarks/gpu_run.sh OUTDIR STEP...
#   STEP: correctness | bench:SCALE | stream:SCALE (the fully parallel streaming loops only)
set -u
out=${1:?outdir}; shift
if [ -d .whl ]; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
  export PYTHONPATH=/tmp/site:$PWD
fi
export TSVC_CACHE_DIR=/tmp/tsvc-cache PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
python3 -c "import torch, triton; print('torch', torch.__version__, 'triton', triton.__version__)"
for step in "$@"; do
  kind=${step%%:*}; scale=${step#*:}
  case $kind in
    correctness)
      python3 -m pytest -q -p no:cacheprovider -n 8 tests/test_correctness.py --junitxml="$out/correctness.xml" 2>&1 \
        | grep -E "passed|failed|^FAILED" | tail -25 | tee "$out/correctness.txt" ;;
    bench|stream)
      select="triton"
      [ "$kind" = stream ] && select="triton and ($(python3 benchmarks/streaming_loops.py))"
      python3 -m pytest -q -p no:cacheprovider tests/test_benchmark.py -k "$select" --tsvc-scale "$scale" \
        --benchmark-json "$out/$kind-$scale.json" 2>&1 | grep -E "passed|failed|^FAILED" | tail -20
      python3 benchmarks/summarize.py "$out/$kind-$scale.json" | tee "$out/summary-$kind-$scale.txt" ;;
  esac
done
