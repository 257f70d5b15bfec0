"""The timers: one function per figure, each returning seconds per round.

Three figures for a Triton kernel call (GPU, in the worker process), because at
TSVC's sizes they differ by an order of magnitude:

* device time: CUDA events around the call, recorded after the inputs are
  restored and the L2 cache is flushed on the same stream. The flush is queued
  first, so the call's launches wait behind it and the events measure the GPU
  work of the call, with the host's launch latency hidden (as
  triton.testing.do_bench does).
* wall time: perf_counter around one synchronous call (wrapper, launches,
  synchronize) on an idle GPU: what one call costs a user.
* graph time: the call captured once in a CUDA graph, events around a replay:
  what a call costs when repeated, as TSVC repeats every loop.

And one for the C loop (CPU, in the suite's process): perf_counter around a
call of the gcc -O3 -march=native build, inputs restored before each round.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

L2_FLUSH_BYTES = 256 << 20


@dataclass
class RoundTimes:
    """Seconds per timed round for each figure; warm-up rounds are not included."""

    device: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    graph: list[float] | None = None
    graph_error: str | None = None
    compile_seconds: float | None = None  # torch.compile of a baseline: its first call, not timed


def time_c_loop(call: Callable[[], object], restore: Callable[[], None], rounds: int, warmup: int) -> list[float]:
    times = []
    for i in range(warmup + rounds):
        restore()
        start = time.perf_counter()
        call()
        elapsed = time.perf_counter() - start
        if i >= warmup:
            times.append(elapsed)
    return times


class CpuTimer:
    """Times calls on the CPU (a PyTorch baseline off the GPU): perf_counter around each call.

    Its device figure is the wall time; there are no CUDA graphs. Triton kernels are never timed
    here (the interpreter's timings mean nothing).
    """

    def device_times(self, call: Callable[[], object], restore: Callable[[], None], rounds: int, warmup: int) -> list[float]:
        return time_c_loop(call, restore, rounds, warmup)

    def all_times(self, call: Callable[[], object], restore: Callable[[], None], rounds: int, warmup: int) -> RoundTimes:
        times = self.device_times(call, restore, rounds, warmup)
        return RoundTimes(times, list(times), None, "no CUDA graphs on the CPU")


class GpuTimer:
    """Times calls on the current CUDA device. Lives in the worker process."""

    def __init__(self) -> None:
        import torch

        self.torch = torch
        self.flush_buffer = torch.empty(L2_FLUSH_BYTES // 4, dtype=torch.int32, device="cuda")

    def _events(self, n: int) -> list[Any]:
        # torch.cuda.Event's constructor is untyped
        return [self.torch.cuda.Event(enable_timing=True) for _ in range(n)]  # type: ignore[no-untyped-call]

    def device_times(self, call: Callable[[], object], restore: Callable[[], None], rounds: int, warmup: int) -> list[float]:
        total = warmup + rounds
        starts, ends = self._events(total), self._events(total)
        for i in range(total):
            restore()
            self.flush_buffer.zero_()
            starts[i].record()
            call()
            ends[i].record()
        self.torch.cuda.synchronize()
        return [s.elapsed_time(e) / 1e3 for s, e in zip(starts[warmup:], ends[warmup:])]

    def wall_times(self, call: Callable[[], object], restore: Callable[[], None], rounds: int, warmup: int) -> list[float]:
        times = []
        for i in range(warmup + rounds):
            restore()
            self.flush_buffer.zero_()
            self.torch.cuda.synchronize()
            start = time.perf_counter()
            call()
            self.torch.cuda.synchronize()
            if i >= warmup:
                times.append(time.perf_counter() - start)
        return times

    def graph_times(self, call: Callable[[], object], restore: Callable[[], None], rounds: int, warmup: int) -> list[float]:
        """Raises if the call cannot be captured (e.g. it synchronises with the host)."""
        torch = self.torch
        side = torch.cuda.Stream()
        side.wait_stream(torch.cuda.current_stream())
        with torch.cuda.stream(side):
            restore()
            call()  # allocations and compilation happen before capture
        torch.cuda.current_stream().wait_stream(side)
        graph = torch.cuda.CUDAGraph()
        restore()
        with torch.cuda.graph(graph):
            call()
        return self.device_times(graph.replay, restore, rounds, warmup)

    def all_times(self, call: Callable[[], object], restore: Callable[[], None], rounds: int, warmup: int) -> RoundTimes:
        out = RoundTimes(self.device_times(call, restore, rounds, warmup), self.wall_times(call, restore, rounds, warmup))
        try:
            out.graph = self.graph_times(call, restore, rounds, warmup)
        except Exception as exc:  # noqa: BLE001 - not every call can be captured; say why
            out.graph_error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            self.torch.cuda.synchronize()
        return out


def median(values: list[float]) -> float:
    return float(np.median(values))


def iqr(values: list[float]) -> float:
    q1, q3 = np.percentile(values, [25, 75])
    return float(q3 - q1)
