#!/usr/bin/env bash
# A first look on the GPU machine: the sandboxed worker, the baselines, a few loops checked and timed.
set -u
out=${1:?outdir}
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
export PYTHONPATH=/tmp/site:$PWD TSVC_CACHE_DIR=/tmp/tsvc-cache PYTHONUNBUFFERED=1
python3 -c "import torch, triton, pytest_benchmark; print('torch', torch.__version__, 'triton', triton.__version__, 'pytest-benchmark', pytest_benchmark.__version__)"
sel="s000 or s1113 or vsumr or s3110 or s321 or s176 or s2111 or s4112"
python3 -m pytest -q -p no:cacheprovider -n 8 tests/test_benchmark.py -k "$sel" --benchmark-json "$out/b.json" 2>&1 | grep -E "^E  |passed|failed|^FAILED" | head -30
python3 -m pytest -q -p no:cacheprovider -n 8 tests/test_correctness.py --kernels torch 2>&1 | grep -E "^E  |passed|failed|^FAILED" | head -30
python3 benchmarks/isolation_cost.py --loops s000,s311 --rounds 2 2>&1 | tail -6
