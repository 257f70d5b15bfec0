#!/usr/bin/env bash
# The H200 session of 2026-11-30, in two calls (each under the device tool's 10 minutes).
#   bash benchmarks/gpu_final.sh OUT verify    isolation, races, policy corpus, all 906 correctness cases
#   bash benchmarks/gpu_final.sh OUT speed     every loop's benchmark group at native size (torch.compile on a sample),
#                                              the report, and the alternative kernels against the reference
set -u
out=${1:?outdir}; part=${2:?verify or speed}
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
export PYTHONPATH=/tmp/site:$PWD TSVC_CACHE_DIR=/tmp/tsvc-cache PYTHONUNBUFFERED=1
python3 -c "import numpy, torch, triton, pytest_benchmark; print('numpy', numpy.__version__, 'torch', torch.__version__, 'triton', triton.__version__, 'pytest-benchmark', pytest_benchmark.__version__)"
summary() { grep -E "^E  |passed|failed|^FAILED|^ERROR" | cut -c1-400 | tail -"${1:-20}"; }
case $part in
  verify)
    start=$(date +%s)
    timeout 200 python3 -m pytest -q -p no:cacheprovider -n 8 tests/test_isolation.py tests/test_races.py tests/test_policy.py \
      tests/test_checker.py tests/test_torch_baseline.py -k "not matches_c_loop" 2>&1 | summary 30 | tee "$out/verify-layers.txt"
    echo "layers wall_s=$(( $(date +%s) - start ))"; start=$(date +%s)
    timeout 330 python3 -m pytest -q -p no:cacheprovider -n 12 tests/test_correctness.py 2>&1 | summary 30 | tee "$out/correctness.txt"
    echo "correctness wall_s=$(( $(date +%s) - start ))" | tee -a "$out/correctness.txt" ;;
  speed)
    start=$(date +%s)
    timeout 330 python3 -m pytest -q -p no:cacheprovider -n 1 tests/test_benchmark.py -k "not compile" \
      --report-dir "$out/report" --benchmark-json "$out/bench-native.json" 2>&1 | summary 15
    echo "benchmarks wall_s=$(( $(date +%s) - start ))"; start=$(date +%s)
    timeout 100 python3 -m pytest -q -p no:cacheprovider -n 1 tests/test_benchmark.py \
      -k "compile and (s000 or s1113 or vsumr or s3110 or s2111 or s4112 or s176 or s115)" \
      --benchmark-json "$out/bench-compile.json" 2>&1 | summary 10
    echo "compile wall_s=$(( $(date +%s) - start ))"
    timeout 140 python3 benchmarks/compare_kernels.py --scale 1 --runs 3 \
      --loops vsumr,vdotr,s3112,s3110,s342,s343,s318,s315,s321,s322,s123,s2111,s232,s115,s118 --json "$out/compare-1.json" 2>&1 \
      | tail -60 | tee "$out/compare-1.txt"
    tar -czf "$out/report.tar.gz" -C "$out" report 2>/dev/null && rm -rf "$out/report" ;;
esac
