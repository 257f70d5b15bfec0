#!/usr/bin/env bash
# A first look on the GPU machine: the sandboxed worker, the isolation tests, a few loops checked and timed.
set -u
out=${1:?outdir}
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
export PYTHONPATH=/tmp/site:$PWD TSVC_CACHE_DIR=/tmp/tsvc-cache PYTHONUNBUFFERED=1
python3 -c "import torch, triton, pytest_benchmark; print('torch', torch.__version__, 'triton', triton.__version__, 'pytest-benchmark', pytest_benchmark.__version__)"
python3 -m pytest -q -p no:cacheprovider tests/test_isolation.py 2>&1 | grep -E "^E  |passed|failed|^FAILED" | head -40 | tee "$out/isolation.txt"
python3 -m pytest -q -p no:cacheprovider -n 4 tests/test_correctness.py -k "s000 or s1113 or vsumr or s3110 or s151" 2>&1 | grep -E "^E  |passed|failed" | head -30
python3 -m pytest -q -p no:cacheprovider tests/test_benchmark.py -k "triton and (s000 or vsumr)" --benchmark-json "$out/b.json" 2>&1 | tail -8
