"""What a user would pick instead of the Triton kernel: the baselines of each loop's benchmark group.

* "c": the C loop, gcc -O3 -march=native, one thread (tsvc.speed.benchmark.CLoopTimer);
* "c_openmp": the same C with `#pragma omp parallel for` on every core where the
  analysis calls the outer loop parallel as written, else the one-thread build,
  marked (tsvc.record.openmp);
* "torch_eager": our vectorized PyTorch module (generated/torch), timed in the
  worker like a kernel (device time on a GPU, wall time on the CPU);
* "torch_compile": torch.compile of that module, on a GPU only; its compile
  time is measured by one untimed call and reported beside the timing.

Each figure is measured once per process and size, and shared by the baseline's
own benchmark test and the Triton test that reports speedups against it (`record`).
C loops are timed one at a time per machine (C_TIMING_LOCK): under `pytest -n N`
with N above the core count, concurrent C timings would measure contention.
"""
from __future__ import annotations

import enum
import os
import tempfile
import time
from pathlib import Path

from filelock import FileLock

from tsvc.speed import benchmark as bench
from tsvc import kernelsets
from tsvc.record import openmp
from tsvc.record.catalog import Loop
from tsvc.record.convention import Implementation
from tsvc.record.sizes import Size
from tsvc.sandbox.timing import RoundTimes, median

TORCH_SET = "torch"
C_TIMING_LOCK = Path(tempfile.gettempdir()) / "tsvc-c-timing.lock"
# Seconds of timed C rounds per benchmark: at large scales one round takes seconds,
# and 100 of them would not fit the test timeout; fewer long rounds are as steady.
C_TIMING_BUDGET = 5.0
MIN_C_ROUNDS = 5


class Baseline(enum.StrEnum):
    C = "c"
    C_OPENMP = "c_openmp"
    TORCH_EAGER = "torch_eager"
    TORCH_COMPILE = "torch_compile"


def torch_module(loop: Loop) -> Path | None:
    return kernelsets.resolve(TORCH_SET).module_path(loop.name)


def openmp_timer(form: openmp.OpenMPForm, size: Size) -> bench.CLoopTimer:
    """The C loop timer with the OpenMP build (every core unless OMP_NUM_THREADS says otherwise).

    The form comes from the caller (openmp.form over the analysis's verdicts): tsvc does not import the analysis.
    """
    os.environ.setdefault("OMP_NUM_THREADS", str(os.cpu_count() or 1))
    timer = bench.CLoopTimer(form.loop, size)
    timer.fn = openmp.load(form)
    return timer


def torch_times(loop: Loop, size: Size, compiled: bool) -> RoundTimes:
    """The PyTorch baseline timed in the worker, exactly as a kernel is (and judged on a timed round)."""
    path = torch_module(loop)
    if path is None:
        raise FileNotFoundError(f"generated/{TORCH_SET} has no module for {loop.name}")
    return bench.time_kernel(loop, path, size, implementation=Implementation.TORCH, compile=compiled)


_measured: dict[tuple[Baseline, str, Size], list[float]] = {}


def record(kind: Baseline, loop: Loop, size: Size, times: list[float]) -> None:
    """The round times (seconds) this process measured for the baseline."""
    _measured[(kind, loop.name, size)] = times


def recorded(kind: Baseline, loop: Loop, size: Size) -> float | None:
    """The median seconds this process measured for the baseline, or None."""
    times = _measured.get((kind, loop.name, size))
    return median(times) if times else None


def forget(kind: Baseline, loop: Loop, size: Size) -> None:
    _measured.pop((kind, loop.name, size), None)


def c_rounds(timer: bench.CLoopTimer) -> tuple[int, int]:
    """(timed, warm-up) rounds for a C loop: 100 and 10, fewer where one round is long."""
    timer.restore()
    start = time.perf_counter()
    timer()
    once = time.perf_counter() - start
    timed = max(MIN_C_ROUNDS, min(bench.TIMED_ROUNDS, int(C_TIMING_BUDGET / max(once, 1e-9))))
    return timed, min(bench.WARMUP_ROUNDS, timed)


def c_times(loop: Loop, size: Size) -> list[float]:
    """The C loop's round times at `size`: those this process measured already, else measured now."""
    key = (Baseline.C, loop.name, size)
    if key not in _measured:
        timer = bench.CLoopTimer(loop, size)
        with FileLock(C_TIMING_LOCK):
            _measured[key] = timer.times(*c_rounds(timer))
    return _measured[key]


def speedups(times: dict[str, float | None], kernel_time: float) -> dict[str, float | None]:
    return {kind: (t / kernel_time if t else None) for kind, t in times.items()}
