#!/usr/bin/env bash
# One device session: correctness of a kernel set on the GPU, then the benchmark.
# Usage (on the GPU machine, repo root): bash benchmarks/gpu_run.sh OUTDIR [SCALE...]
set -u
out=${1:?outdir}; shift
scales=${*:-1}
if [ -d .whl ]; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
  export PYTHONPATH=/tmp/site:$PWD
fi
export TSVC_CACHE_DIR=/tmp/tsvc-cache PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
python3 -c "import torch, triton; print('torch', torch.__version__, 'triton', triton.__version__)"
python3 -m pytest -q -p no:cacheprovider -n 8 tests/test_correctness.py --junitxml="$out/correctness.xml" 2>&1 | tail -25 | tee "$out/correctness.txt"
for scale in $scales; do
  python3 -m pytest -q -p no:cacheprovider tests/test_benchmark.py -k triton --tsvc-scale "$scale" \
      --benchmark-json "$out/bench-$scale.json" --benchmark-columns=median,iqr 2>&1 | grep -E "passed|failed|FAILED|Error" | tail -30
  python3 benchmarks/summarize.py "$out/bench-$scale.json" | tee "$out/summary-$scale.txt"
done
