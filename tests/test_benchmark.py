"""Speed: each loop's Triton kernel (GPU, in the isolated worker) against its C loop (CPU, gcc -O3 -march=native).

Both sides of a loop form one pytest-benchmark group. The Triton side reports
device time as its statistic (see tsvc.sandbox.timing), with wall and CUDA-graph time,
speedups, bandwidth and launch-floor figures in extra_info. A kernel is timed
only after it passed the checker at the benchmark size.

Test ids carry the scale (`test_c_loop_speed[s000-scale64]`), so a baseline at
one scale never judges a run at another.
"""
from __future__ import annotations

import functools
import os
from functools import lru_cache
from pathlib import Path

import pytest
from filelock import FileLock

from tests.cases import loop_cases
from tsvc.speed import benchmark as bench
from tsvc.judge import checker, findings, racecheck
from tsvc.plugin import benchadapter, benchplugin
from tsvc.record import openmp
from tsvc.speed import baselines
from tsvc.speed.baselines import Baseline
from tsvc.sandbox.candidate import CandidateError, CandidateRun, Outcome
from tsvc.record.catalog import Loop
from tsvc.record.convention import Implementation
from tsvc.record.sizes import NATIVE, Size

# Benchmark tests at --tsvc-scale N above this get the test timeout times N / this.
TIMEOUT_SCALE_BASE = 256


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every loop, at the session's --tsvc-scale (in the id, after the loop's name)."""
    if "loop" not in metafunc.fixturenames:
        return
    scale = metafunc.config.getoption("tsvc_scale")
    marks = []
    timeout = metafunc.config.getini("timeout")
    if scale > TIMEOUT_SCALE_BASE and timeout:
        marks = [pytest.mark.timeout(float(timeout) * scale / TIMEOUT_SCALE_BASE)]
    metafunc.parametrize("loop", loop_cases())
    metafunc.parametrize("scale", [pytest.param(scale, id=f"scale{scale}", marks=marks)])


@lru_cache(maxsize=None)
def configuration_problem(loop: Loop, size: Size) -> str | None:
    """Why the loop's inputs say nothing at `size`, or None.

    The record's own sizes are meaningful by construction (the catalogue's tests
    hold that); a benchmark scale goes beyond them, where values may overflow
    float32 (s2111 at scale 64) or leave every output unchanged.
    """
    if size in loop.sizes:
        return None
    try:
        checker.expected(loop, size, 0)
    except checker.ConfigurationError as exc:
        return str(exc)
    return None


def float32_unfit(loop: Loop, size: Size) -> str | None:
    """Why a kernel cannot be judged at a size beyond the record's, or None.

    Where the float32 C loop itself strays past the tolerance from the exact
    answer (s312 at scale 64: a product of 2M factors), a kernel that evaluates
    in another order may be as right as C and still fail the tolerance rule.
    """
    if size in loop.sizes:
        return None
    want = checker.expected(loop, size, 0)
    own = checker.compare(loop, want, CandidateRun(want.single.arrays, want.single.result, True))
    if own.max_error < checker.TOLERANCE:
        return None
    return (f"at {size.label} the float32 C loop itself is {own.max_error:.3g} from the exact result "
            f"(tolerance {checker.TOLERANCE:g}), so a kernel that evaluates in another order cannot be judged")


def benchmark_size(loop, scale: int, check_configuration: bool = True) -> Size:
    largest = max(loop.sizes)
    if scale > 1 and largest < NATIVE:
        pytest.skip(f"{loop.name} is tested up to {largest.label} only (its work grows faster than its data); "
                    f"not benchmarked at scale {scale}")
    size = largest.scaled(scale)
    reason = configuration_problem(loop, size) if check_configuration else None
    if reason:
        pytest.skip(f"not benchmarked at scale {scale}: {reason}")
    return size


def judged_at_benchmark_size(loop: Loop, path: Path, size: Size, scale: int, kernels, device: str):
    """The checker's verdict at the benchmark size; a skip where the size leaves it no meaning."""
    try:
        verdict = kernels.judged(path, checker.check(loop, path, size, 0, device, kernels.implementation))
    except checker.ConfigurationError as exc:
        if size in loop.sizes:
            raise  # the record's own size: a harness bug
        pytest.skip(f"not benchmarked at scale {scale}: {exc}")
    if verdict.outcome is Outcome.WRONG_RESULT:
        reason = float32_unfit(loop, size)
        if reason:
            pytest.skip(f"not timed at scale {scale}: {reason} (the kernel: {verdict.message})")
    return verdict


def _fail_on_regression(request, benchmark) -> None:
    found = benchplugin.regressions(request.config, benchmark.fullname, benchadapter.statistics(benchmark))
    if found:
        pytest.fail("performance regression: " + "; ".join(found), pytrace=False)


def _describe(benchmark, loop: Loop, scale: int, size: Size) -> None:
    benchmark.group = f"{loop.name} scale {scale}"
    benchmark.params = {"loop": loop.name, "scale": scale}  # the JSON's params: names, not records
    benchmark.extra_info.update(loop=loop.name, scale=scale, size=size.label)


def _time_c_build(benchmark, timer: bench.CLoopTimer) -> list[float] | None:
    """Times a C build behind the machine-wide C timing lock; None under --benchmark-disable."""
    with FileLock(baselines.C_TIMING_LOCK):
        rounds, warmup = baselines.c_rounds(timer)
        benchmark.pedantic(timer, setup=timer.restore, rounds=rounds, warmup_rounds=warmup)
    return benchadapter.round_times(benchmark)


@pytest.mark.tsvc_kind(findings.TestKind.C_SPEED)
def test_c_loop_speed(loop, scale, benchmark, request):
    size = benchmark_size(loop, scale)
    _describe(benchmark, loop, scale, size)
    benchmark.extra_info.update(implementation="c", flags="gcc -O3 -march=native")
    times = _time_c_build(benchmark, bench.CLoopTimer(loop, size))
    if times is None:
        return  # --benchmark-disable: the loop ran once, untimed
    baselines.record(Baseline.C, loop, size, times)
    _fail_on_regression(request, benchmark)


@functools.lru_cache(maxsize=None)
def _openmp_form(loop: Loop) -> openmp.OpenMPForm:
    from analysis import analyze  # the parallel levels (islpy: imported when timing only)

    return openmp.form(loop, analyze(loop).to_dict()["loops"])


@pytest.mark.tsvc_kind(findings.TestKind.C_OPENMP_SPEED)
def test_c_openmp_speed(loop, scale, benchmark, request):
    size = benchmark_size(loop, scale)
    form = _openmp_form(loop)
    _describe(benchmark, loop, scale, size)
    benchmark.extra_info.update(implementation=Baseline.C_OPENMP.value, openmp=form.label,
                                flags="gcc -O3 -march=native -fopenmp" if form.parallel else "gcc -O3 -march=native",
                                threads=int(os.environ.get("OMP_NUM_THREADS", os.cpu_count() or 1)))
    times = _time_c_build(benchmark, baselines.openmp_timer(form, size))
    if times is not None:
        baselines.record(Baseline.C_OPENMP, loop, size, times)
        _fail_on_regression(request, benchmark)


def _torch_baseline(loop, scale, benchmark, device, request, compiled: bool) -> None:
    kind = Baseline.TORCH_COMPILE if compiled else Baseline.TORCH_EAGER
    size = benchmark_size(loop, scale)
    path = baselines.torch_module(loop)
    if path is None:
        pytest.skip(f"generated/{baselines.TORCH_SET} has no module for {loop.name}")
    verdict = checker.check(loop, path, size, 0, device, Implementation.TORCH)
    if not verdict.passed:
        findings.fail(f"not timed: the PyTorch baseline fails the checker at {size.label}: "
                      f"{verdict.outcome.value}: {verdict.message}", verdict.finding())
    try:
        times = baselines.torch_times(loop, size, compiled)
    except CandidateError as exc:
        findings.fail(f"{kind.value}: {exc.outcome.value}: {exc.message}",
                      findings.Finding(exc.outcome.value, exc.message, judged=True))
    _describe(benchmark, loop, scale, size)
    benchmark.extra_info.update(implementation=kind.value, kernel=str(path), compile_seconds=times.compile_seconds,
                                timer="device time (CUDA events)" if device == "cuda" else "wall time (CPU)")
    benchadapter.replay(benchmark, times.device)  # the worker's rounds, as for a kernel
    baselines.record(kind, loop, size, times.device)
    _fail_on_regression(request, benchmark)


@pytest.mark.tsvc_kind(findings.TestKind.TORCH_EAGER_SPEED)
def test_torch_eager_speed(loop, scale, benchmark, device, request):
    _torch_baseline(loop, scale, benchmark, device, request, compiled=False)


@pytest.mark.tsvc_kind(findings.TestKind.TORCH_COMPILE_SPEED)
def test_torch_compile_speed(loop, scale, benchmark, device, request, exclusive_gpu):
    if device != "cuda":
        pytest.skip("torch.compile is timed on a CUDA GPU only (the baseline a GPU user would compile)")
    _torch_baseline(loop, scale, benchmark, device, request, compiled=True)


def _baseline_times(loop, size: Size, c_time: float) -> dict[str, float | None]:
    """The baselines this process measured for the loop (run their tests with the kernel's to fill them)."""
    times: dict[str, float | None] = {Baseline.C.value: c_time}
    for kind in (Baseline.C_OPENMP, Baseline.TORCH_EAGER, Baseline.TORCH_COMPILE):
        times[kind.value] = baselines.recorded(kind, loop, size)
    return times


@pytest.mark.tsvc_kind(findings.TestKind.TRITON_SPEED)
def test_triton_kernel_speed(loop, scale, benchmark, kernels, device, request, exclusive_gpu):
    if device != "cuda":
        pytest.skip("Triton kernels are timed on a CUDA GPU only; the interpreter's timings mean nothing")
    size = benchmark_size(loop, scale, check_configuration=False)  # the checker finds it out anyway
    path = kernels.path(loop)
    verdict = judged_at_benchmark_size(loop, path, size, scale, kernels, device)
    if verdict.passed:  # a racy kernel is never timed, whether or not this size's check reorders programs
        verdict = racecheck.check_orders(loop, path, 0) or verdict
    if not verdict.passed:
        baseline = benchplugin.baseline_entry(request.config, benchmark.fullname)
        note = " (it passed in the baseline)" if baseline else ""
        findings.fail(f"not timed: the kernel fails the checker at {size.label}{note}: "
                      f"{verdict.outcome.value}: {verdict.message}", verdict.finding())
    try:
        times = bench.time_kernel(loop, path, size, implementation=kernels.implementation)
    except CandidateError as exc:
        findings.fail(f"not timed: {exc.outcome.value}: {exc.message}",
                      findings.Finding(exc.outcome.value, exc.message, judged=True))
    from analysis import chain_steps, footprint_bytes  # bytes to move, dependence chain (islpy: when timing only)

    figures = bench.metrics(loop, size, baselines.c_times(loop, size), times, footprint_bytes(loop, size),
                            bench.calibrate(), chain_steps(loop, size))
    _describe(benchmark, loop, scale, size)
    others = _baseline_times(loop, size, figures.c_time)
    benchmark.extra_info.update(figures.to_dict(), implementation="triton", kernel=str(path),
                                graph_error=times.graph_error, baseline_times=others,
                                speedups=baselines.speedups(others, figures.device_time))
    benchadapter.replay(benchmark, times.device)  # its statistics are the worker's rounds
    if figures.to_dict()["implausible"]:
        pytest.fail(f"implausible timing: {bench.efficiency(figures):.2f}x the device's copy bandwidth", pytrace=False)
    _fail_on_regression(request, benchmark)
