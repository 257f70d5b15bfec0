#!/usr/bin/env bash
# Steps of a GPU session, run in order, results under OUTDIR.
# Usage (on the GPU machine, repo root): bash benchmarks/gpu_session.sh OUTDIR STEP...
#   correctness:N      tests/test_correctness.py with N xdist workers
#   bench:SCALE:N      every Triton benchmark at --tsvc-scale SCALE, N workers, then its summary
#   stream:SCALE:N     the same for the fully parallel streaming loops only
#   suite:N            correctness + Triton benchmarks of every loop with N workers, timed (wall clock)
#   killed:N           the same, with one xdist worker killed 15 s in
#   report:SCALE:N     correctness (8 workers) + Triton benchmarks (N workers) with --report-dir, in report.tar.gz
#   isolation          the hostile-kernel corpus and the isolation tests
#   races              the program-order (race) tests, the interpreter check run from a GPU session
#   cost               what the sandbox costs: worker start and a checked call, jailed vs plain
#   torch:N            the PyTorch baseline set (generated/torch) through the checker, N workers
#   compare:SCALE:LOOPS  reference vs alternative kernels, interleaved in one process (benchmarks/compare_kernels.py)
#   verify             counts the benchmarks of each suite JSON, per (worker, CUDA_VISIBLE_DEVICES)
#   group:SCALE:I/N    every benchmark of a loop's group (C, C OpenMP, PyTorch eager, torch.compile, Triton) for part I
#                      of N of the loops, at --tsvc-scale SCALE, appended to one report per scale (report-SCALE/)
#   latency            the calibration (launch floor, copy bandwidth, dependent-step latency) and the chain-bound loops' limits
#   plugin             the plugin's tests against this image's pytest-benchmark (the lower version bound)
set -u
out=${1:?outdir}; shift
if [ -d .whl ]; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
  export PYTHONPATH=/tmp/site:$PWD
fi
export TSVC_CACHE_DIR=/tmp/tsvc-cache PYTHONUNBUFFERED=1
# The plugins load through the package's pytest11 entry points: metadata beside the checkout, found on PYTHONPATH.
python3 -c "from setuptools import setup; setup()" -q egg_info >/dev/null 2>&1 && export PYTHONPATH=${PYTHONPATH:-$PWD}
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
python3 -c "import torch, triton; print('torch', torch.__version__, 'triton', triton.__version__)"
summary() { grep -E "passed|failed|crashed|replacing|^FAILED" | tail -"${1:-15}"; }
one_xdist_worker() {  # xdist starts its workers through execnet with this command line
  pgrep -f 'exec\(eval\(sys.stdin.readline' | head -1
}
for step in "$@"; do
  IFS=: read -r kind a b <<< "$step"
  echo "== $step"
  case $kind in
    correctness)
      python3 -m pytest -q -p no:cacheprovider -n "${a:-8}" tests/test_correctness.py --junitxml="$out/correctness.xml" 2>&1 \
        | summary 25 | tee "$out/correctness.txt" ;;
    bench|stream)
      select="triton"
      [ "$kind" = stream ] && select="triton and ($(python3 benchmarks/streaming_loops.py))"
      python3 -m pytest -q -p no:cacheprovider -n "${b:-1}" tests/test_benchmark.py -k "$select" --tsvc-scale "$a" \
        --benchmark-json "$out/$kind-$a.json" 2>&1 | summary
      python3 benchmarks/summarize.py "$out/$kind-$a.json" | tee "$out/summary-$kind-$a.txt" ;;
    suite|killed)
      [ "$kind" = killed ] && ( sleep 15; v=$(one_xdist_worker); echo "killing an xdist worker (pid $v)"; kill -9 "$v" ) &
      start=$(date +%s)
      python3 -m pytest -q -p no:cacheprovider -n "$a" tests/test_correctness.py tests/test_benchmark.py -k "not test_c_loop_speed" \
        --benchmark-json "$out/$kind-n$a.json" 2>&1 | summary
      echo "$kind workers=$a wall_s=$(( $(date +%s) - start ))" | tee -a "$out/walltimes.txt"
      wait ;;
    report)
      python3 -m pytest -q -p no:cacheprovider -n 8 tests/test_correctness.py --report-dir "$out/report" 2>&1 | summary 5
      python3 -m pytest -q -p no:cacheprovider -n "${b:-1}" tests/test_benchmark.py -k triton --tsvc-scale "$a" \
        --report-dir "$out/report" --report-append --benchmark-json "$out/report/bench-$a.json" 2>&1 | summary 5
      sed -n '1,60p' "$out/report/REPORT.md"
      tar -czf "$out/report.tar.gz" -C "$out" report && rm -rf "$out/report" ;;
    isolation)
      python3 -m pytest -q -p no:cacheprovider -n 8 tests/test_isolation.py tests/test_checker.py tests/test_policy.py 2>&1 \
        | summary 25 | tee "$out/isolation.txt" ;;
    races)
      python3 -m pytest -q -p no:cacheprovider -n 8 tests/test_races.py 2>&1 | summary 25 | tee "$out/races.txt" ;;
    cost)
      python3 benchmarks/isolation_cost.py --loops s000,s311,s1113 --rounds 3 2>&1 | tee "$out/isolation_cost.txt" ;;
    torch)
      python3 -m pytest -q -p no:cacheprovider -n "${a:-8}" tests/test_correctness.py --kernels torch 2>&1 \
        | summary 25 | tee "$out/torch-correctness.txt" ;;
    compare)
      python3 benchmarks/compare_kernels.py --scale "$a" --loops "$b" 2>&1 | tee "$out/compare-$a.txt" ;;
    group)
      python3 -m pytest -q -p no:cacheprovider -n 1 tests/test_benchmark.py -k "$(python3 benchmarks/loop_part.py "$b")" \
        --tsvc-scale "$a" --report-dir "$out/report-$a" --report-append \
        --benchmark-json "$out/group-$a-${b%/*}.json" 2>&1 | summary 10 ;;
    latency)
      python3 -c "from tsvc.speed import benchmark as b; print(b.calibrate())" | tee "$out/calibration.txt"
      python3 -m pytest -q -p no:cacheprovider tests/test_benchmark_limits.py 2>&1 | summary 5
      python3 -m pytest -q -p no:cacheprovider -n 1 tests/test_benchmark.py \
        -k "triton_kernel_speed and (s115 or s118 or s232 or s2111 or s321 or s000)" --benchmark-json "$out/latency.json" 2>&1 | summary 5 ;;
    plugin)
      python3 -m pytest -q -p no:cacheprovider tests/test_benchmark_plugin.py tests/test_xdist.py tests/test_suite_conventions.py 2>&1 \
        | summary 10 | tee "$out/plugin.txt" ;;
    verify)
      python3 - "$out" <<'PY'
import collections, glob, json, sys
for path in sorted(glob.glob(f"{sys.argv[1]}/*-n*.json")):
    data = json.load(open(path))
    names = collections.Counter(b["fullname"] for b in data["benchmarks"])
    pinned = collections.Counter((b["extra_info"].get("xdist_worker"), b["extra_info"].get("cuda_visible_devices"))
                                 for b in data["benchmarks"])
    print(f"{path}: {len(names)} benchmarks, duplicated: {[n for n, c in names.items() if c > 1]}, "
          f"per (worker, CUDA_VISIBLE_DEVICES): {dict(pinned)}")
PY
      ;;
  esac
done
