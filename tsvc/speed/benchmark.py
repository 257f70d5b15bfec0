"""Measurements for the benchmark: one metrics record per loop, and the figures derived from it.

The Triton kernel is timed inside the isolated worker (tsvc.sandbox.worker), the C loop
in this process. Derived figures are small functions of the record.
"""
from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from tsvc import backend
from tsvc.judge import checker
from tsvc.record import reference
from tsvc.sandbox import runner
from tsvc.sandbox.candidate import CandidateError, CandidateRun
from tsvc.record.catalog import Loop
from tsvc.record.convention import Implementation
from tsvc.record.inputs import make_inputs, scalar_values
from tsvc.record.sizes import Size
from tsvc.sandbox.timing import RoundTimes, iqr, median, time_c_loop

WARMUP_ROUNDS = 10
TIMED_ROUNDS = 100
# A kernel reported faster than this multiple of the copy roofline is not believed.
IMPLAUSIBLE_FACTOR = 1.25
COMPILE_TIMEOUT_S = 600.0  # torch.compile of a baseline: minutes for the hardest loops, outside any timing


@dataclass(frozen=True)
class Calibration:
    """Measured once per session on the device."""

    gpu: str
    copy_bandwidth: float  # bytes/s, read plus write of a large device-to-device copy
    floor_device: float  # seconds: an empty Triton kernel, device time
    floor_wall: float
    floor_graph: float | None
    step_latency: float  # seconds per dependent load -> fma -> store step of a one-program chain (floor_kernel)
    register_step_latency: float  # the same chain kept in a register: the dependent fma alone (for comparison)


@lru_cache(maxsize=1)
def calibrate() -> Calibration:
    reply, _ = runner.shared("cuda").request({"cmd": "calibrate"}, {}, timeout=300)
    if not reply.get("ok"):
        raise RuntimeError(f"calibration failed: {reply.get('message')}")
    return Calibration(reply["gpu"], reply["copy_bandwidth"], reply["floor_device"], reply["floor_wall"],
                       reply["floor_graph"], reply["step_latency"], reply["register_step_latency"])


def time_kernel(loop: Loop, module_path: Path, size: Size, seed: int = 0, rounds: int = TIMED_ROUNDS,
                warmup: int = WARMUP_ROUNDS, implementation: Implementation = Implementation.TRITON,
                compile: bool = False) -> RoundTimes:
    """Device, wall and graph time per round of the kernel, measured in the worker.

    The outputs of one timed round, chosen here at random, are judged against the C loop: a
    kernel that skips work when it is timed fails (CandidateError, WRONG_RESULT).
    """
    module = runner.vet(module_path)
    want = checker.expected(loop, size, seed)
    checked = secrets.randbelow(rounds)
    header = {"cmd": "time", "loop": loop.name, "scalars": want.scalars,
              "restore": [a.name for a in loop.writes], "rounds": rounds, "warmup": warmup,
              "checked_round": checked, "implementation": implementation.value, "compile": compile}
    reply, arrays = runner.shared(backend.select().device).ask(header, want.inputs,
                                                               timeout=COMPILE_TIMEOUT_S if compile else None,
                                                               module=module)
    result = reply["result"]
    verdict = checker.compare(loop, want, CandidateRun(arrays, result, result is not None))
    if not verdict.passed:
        raise CandidateError(verdict.outcome, f"while timed (round {checked + 1} of {rounds}): {verdict.message}",
                             verdict.cause)
    return RoundTimes(reply["device"], reply["wall"], reply["graph"], reply["graph_error"], reply["compile_seconds"])


class CLoopTimer:
    """The gcc -O3 -march=native build of a loop, with inputs restored before every call."""

    def __init__(self, loop: Loop, size: Size, seed: int = 0):
        self.fn = reference.load(loop, "float", reference.BASELINE_FLAGS)
        self.pristine = make_inputs(loop, size, seed)
        self.arrays = {name: arr.copy() for name, arr in self.pristine.items()}
        self.scalars = scalar_values(loop, size)
        self.written = [a.name for a in loop.writes]

    def restore(self) -> None:
        for name in self.written:
            np.copyto(self.arrays[name], self.pristine[name])

    def __call__(self) -> float | None:
        return self.fn(self.arrays, self.scalars)

    def times(self, rounds: int = TIMED_ROUNDS, warmup: int = WARMUP_ROUNDS) -> list[float]:
        return time_c_loop(self, self.restore, rounds, warmup)


@dataclass(frozen=True)
class Metrics:
    """Everything measured for one loop at one size; seconds are medians over the timed rounds."""

    loop: str
    size: str
    c_time: float
    device_time: float
    wall_time: float
    graph_time: float | None
    device_iqr: float
    wall_iqr: float
    bytes_moved: int
    calibration: Calibration
    chain_steps: int | None = None  # dependent iterations in sequence (analysis.chain_steps); None: no chain

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.update(speedup_device=speedup(self.c_time, self.device_time), speedup_wall=speedup(self.c_time, self.wall_time),
                   speedup_graph=speedup(self.c_time, self.graph_time), bandwidth=bandwidth(self),
                   efficiency=efficiency(self), floor_multiple=floor_multiple(self), implausible=implausible(self),
                   limit_time=limit_time(self), limit_speedup=speedup(self.c_time, limit_time(self)),
                   limit_fraction=limit_fraction(self), latency_limit_time=latency_limit_time(self),
                   limit_bound=limit_bound(self))
        return out


def metrics(loop: Loop, size: Size, c_times: list[float], times: RoundTimes, bytes_moved: int,
            calibration: Calibration, chain_steps: int | None = None) -> Metrics:
    return Metrics(loop.name, size.label, median(c_times), median(times.device), median(times.wall),
                   median(times.graph) if times.graph else None, iqr(times.device), iqr(times.wall),
                   bytes_moved, calibration, chain_steps)


def speedup(c_time: float, kernel_time: float | None) -> float | None:
    return c_time / kernel_time if kernel_time else None


def bandwidth(m: Metrics) -> float:
    """Bytes the loop must move over the kernel's device time, in bytes/s."""
    return m.bytes_moved / m.device_time


def efficiency(m: Metrics) -> float:
    """Achieved bandwidth as a fraction of the device's measured copy bandwidth."""
    return bandwidth(m) / m.calibration.copy_bandwidth


def floor_multiple(m: Metrics) -> float:
    """Device time as a multiple of an empty kernel's."""
    return m.device_time / m.calibration.floor_device


def latency_limit_time(m: Metrics) -> float | None:
    """The dependence chain's bound: its steps one after another at the measured step latency; None: no chain."""
    return None if m.chain_steps is None else m.chain_steps * m.calibration.step_latency


def bounds(floor: float | None, bytes_moved: int | None, copy_bandwidth: float | None,
           latency: float | None) -> dict[str, float]:
    """Each known bound on a loop's time on a device, by name: launch, bandwidth and (where a chain binds) latency.

    The one definition of the limit: the benchmark's metrics and the optimisation rounds both take its largest.
    """
    known = {"launch": floor, "bandwidth": bytes_moved / copy_bandwidth if bytes_moved is not None and copy_bandwidth
             else None, "latency": latency}
    return {name: seconds for name, seconds in known.items() if seconds is not None}


def limit_times(m: Metrics) -> dict[str, float]:
    """Each bound on the loop's time on this device, by name (see `bounds`)."""
    return bounds(m.calibration.floor_device, m.bytes_moved, m.calibration.copy_bandwidth, latency_limit_time(m))


def limit_bound(m: Metrics) -> str:
    """Which bound is the limit: "launch", "bandwidth" or "latency" (the first of equals, in that order)."""
    bounds = limit_times(m)
    return max(bounds, key=lambda name: bounds[name])


def limit_time(m: Metrics) -> float:
    """The loop's physical limit on this device: the largest of its bounds (limit_times)."""
    return limit_times(m)[limit_bound(m)]


def limit_fraction(m: Metrics) -> float:
    """How close the kernel comes to the limit: 1.0 is at it."""
    return limit_time(m) / m.device_time


def implausible(m: Metrics) -> bool:
    return efficiency(m) > IMPLAUSIBLE_FACTOR
