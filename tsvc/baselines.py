"""What a user would pick instead of the Triton kernel: the baselines of each loop's benchmark group.

* "c": the C loop, gcc -O3 -march=native, one thread (tsvc.benchmark.CLoopTimer);
* "c_openmp": the same C with `#pragma omp parallel for` on every core where the
  analysis calls the outer loop parallel as written, else the one-thread build,
  marked (tsvc.openmp);
* "torch_eager": our vectorized PyTorch module (generated/torch), timed in the
  worker like a kernel (device time on a GPU, wall time on the CPU);
* "torch_compile": torch.compile of that module, on a GPU only; its compile
  time is measured by one untimed call and reported beside the timing.

Each figure is measured once per process and size, and shared by the baseline's
own benchmark test and the Triton test that reports speedups against it.
"""
from __future__ import annotations

import enum
import os
from functools import lru_cache
from pathlib import Path

from tsvc import benchmark as bench
from tsvc import kernelsets, openmp
from tsvc.catalog import Loop
from tsvc.convention import Implementation
from tsvc.sizes import Size
from tsvc.timing import RoundTimes

TORCH_SET = "torch"


class Baseline(enum.StrEnum):
    C = "c"
    C_OPENMP = "c_openmp"
    TORCH_EAGER = "torch_eager"
    TORCH_COMPILE = "torch_compile"


def torch_module(loop: Loop) -> Path | None:
    return kernelsets.resolve(TORCH_SET).module_path(loop.name)


@lru_cache(maxsize=None)
def openmp_form(loop: Loop) -> openmp.OpenMPForm:
    import analysis

    return openmp.form(loop, analysis.analyze(loop).to_dict()["loops"])


def openmp_timer(loop: Loop, size: Size) -> bench.CLoopTimer:
    """The C loop timer with the OpenMP build (every core unless OMP_NUM_THREADS says otherwise)."""
    os.environ.setdefault("OMP_NUM_THREADS", str(os.cpu_count() or 1))
    timer = bench.CLoopTimer(loop, size)
    timer.fn = openmp.load(openmp_form(loop))
    return timer


def torch_times(loop: Loop, size: Size, compiled: bool) -> RoundTimes:
    """The PyTorch baseline timed in the worker, exactly as a kernel is (and judged on a timed round)."""
    path = torch_module(loop)
    if path is None:
        raise FileNotFoundError(f"generated/{TORCH_SET} has no module for {loop.name}")
    return bench.time_kernel(loop, path, size, implementation=Implementation.TORCH, compile=compiled)


_measured: dict[tuple[Baseline, str, Size], float | None] = {}


def record(kind: Baseline, loop: Loop, size: Size, seconds: float | None) -> None:
    _measured[(kind, loop.name, size)] = seconds


def recorded(kind: Baseline, loop: Loop, size: Size) -> float | None:
    """The median seconds this process measured for the baseline, or None."""
    return _measured.get((kind, loop.name, size))


def speedups(times: dict[str, float | None], kernel_time: float) -> dict[str, float | None]:
    return {kind: (t / kernel_time if t else None) for kind, t in times.items()}
