"""Speed: each loop's Triton kernel (GPU, in the isolated worker) against its C loop (CPU, gcc -O3 -march=native).

Both sides of a loop form one pytest-benchmark group. The Triton side reports
device time as its statistic (see tsvc.timing), with wall and CUDA-graph time,
speedups, bandwidth and launch-floor figures in extra_info. A kernel is timed
only after it passed the checker at the benchmark size.
"""
from __future__ import annotations

import math

import pytest

from tests.cases import loop_cases
from tsvc import benchmark as bench
from tsvc import benchplugin, checker, racecheck
from tsvc.sizes import NATIVE, Size


class MeasuredClock:
    """A timer for pytest-benchmark that replays round times measured in the worker."""

    __name__ = "tsvc device time (CUDA events, measured in the isolated worker)"

    def __init__(self, rounds: list[float]):
        self.rounds, self.now, self.taken = rounds, 0.0, 0

    def __call__(self) -> float:
        return self.now

    def advance(self) -> None:
        self.now += self.rounds[self.taken]
        self.taken += 1


def bytes_moved(loop, size: Size) -> int:
    """Bytes the loop must move: its exact footprint where the analysis gives one."""
    try:
        from analysis import footprint_bytes
    except ImportError:
        return sum(4 * (spec.is_read + spec.is_written) * math.prod(spec.shape(size)) for spec in loop.arrays)
    return footprint_bytes(loop, size)


@pytest.fixture(scope="session")
def scale(pytestconfig) -> int:
    """--tsvc-scale: how many times TSVC's data size the benchmark uses."""
    return pytestconfig.getoption("tsvc_scale")


def benchmark_size(loop, scale: int) -> Size:
    largest = max(loop.sizes)
    if scale > 1 and largest < NATIVE:
        pytest.skip(f"{loop.name} is tested up to {largest.label} only (its work grows faster than its data); "
                    f"not benchmarked at scale {scale}")
    return largest.scaled(scale)


def _fail_on_regression(request, benchmark) -> None:
    found = benchplugin.regressions(request.config, benchmark.fullname, benchmark.stats.stats.as_dict())
    if found:
        pytest.fail("performance regression: " + "; ".join(found), pytrace=False)


@pytest.mark.parametrize("loop", loop_cases())
def test_c_loop_speed(loop, benchmark, scale, request):
    size = benchmark_size(loop, scale)
    timer = bench.CLoopTimer(loop, size)
    benchmark.group = loop.name
    benchmark.extra_info.update(loop=loop.name, implementation="c", size=size.label, flags="gcc -O3 -march=native")
    benchmark.pedantic(timer, setup=timer.restore, rounds=bench.TIMED_ROUNDS, warmup_rounds=bench.WARMUP_ROUNDS)
    _fail_on_regression(request, benchmark)


@pytest.mark.parametrize("loop", loop_cases())
def test_triton_kernel_speed(loop, benchmark, scale, kernels, device, request, exclusive_gpu):
    if device != "cuda":
        pytest.skip("Triton kernels are timed on a CUDA GPU only; the interpreter's timings mean nothing")
    size = benchmark_size(loop, scale)
    path = kernels.path(loop)
    verdict = checker.check(loop, path, size, 0, device)
    if verdict.passed:  # a racy kernel is never timed, whether or not this size's check reorders programs
        verdict = racecheck.check_orders(loop, path, 0) or verdict
    if not verdict.passed:
        baseline = benchplugin.baseline_entry(request.config, benchmark.fullname)
        note = " (it passed in the baseline)" if baseline else ""
        pytest.fail(f"not timed: the kernel fails the checker at {size.label}{note}: "
                    f"{verdict.outcome.value}: {verdict.message}", pytrace=False)
    times = bench.time_kernel(loop, path, size)
    c_times = bench.CLoopTimer(loop, size).times()
    figures = bench.metrics(loop, size, c_times, times, bytes_moved(loop, size), bench.calibrate())
    clock = MeasuredClock(times.device)
    benchmark._timer = clock  # pytest-benchmark has no public per-test timer; its stats are the worker's rounds
    benchmark.group = loop.name
    benchmark.extra_info.update(figures.to_dict(), implementation="triton", kernel=str(path),
                                graph_error=times.graph_error)
    benchmark.pedantic(clock.advance, rounds=len(times.device), warmup_rounds=0)
    if figures.to_dict()["implausible"]:
        pytest.fail(f"implausible timing: {bench.efficiency(figures):.2f}x the device's copy bandwidth", pytrace=False)
    _fail_on_regression(request, benchmark)
