"""Loading a kernel module and calling it by the calling convention (see tsvc.convention).

Runs inside the worker process only (tsvc.worker): the outcomes are a closed
set, and every call is watched (tsvc.monitor) and fenced by guard regions.
"""
from __future__ import annotations

import enum
import importlib.util
import sys
import traceback
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from tsvc.catalog import Loop


class Outcome(enum.Enum):
    """The closed set of verdicts on one candidate run."""

    PASSED = "passed"
    WRONG_RESULT = "wrong result"
    LOAD_ERROR = "load error"  # import failed, or the kernel function is missing
    POLICY_VIOLATION = "policy violation"
    COMPILE_ERROR = "compile error"
    RUNTIME_ERROR = "runtime error"
    TIMEOUT = "timeout"
    CRASH = "crash"  # the process running the candidate died
    CHEAT = "cheat"  # the outputs were not produced by a Triton kernel
    RACE = "race"  # the result depends on the order in which a launch's programs run (tsvc.racecheck)


class CandidateError(Exception):
    """A candidate failed before producing outputs."""

    def __init__(self, outcome: Outcome, message: str):
        super().__init__(message)
        self.outcome = outcome
        self.message = message


@dataclass
class CandidateRun:
    arrays: dict[str, np.ndarray]
    result: float | None
    returned: bool  # whether the kernel returned something other than None


def load_kernel(loop: Loop, path: Path) -> Callable:
    name = f"tsvc_candidate_{loop.name}_{uuid.uuid4().hex[:8]}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise CandidateError(Outcome.LOAD_ERROR, f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # @triton.jit looks its module up for globals
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        raise CandidateError(Outcome.LOAD_ERROR, f"importing the module failed: {_tail(exc)}") from exc
    fn = getattr(module, loop.kernel_name, None)
    if not callable(fn):
        raise CandidateError(Outcome.LOAD_ERROR, f"the module defines no function {loop.kernel_name}()")
    return fn


def _tail(exc: BaseException, lines: int = 12) -> str:
    text = "".join(traceback.format_exception(exc)).rstrip().splitlines()
    return "\n".join(text[-lines:])


def _classify(exc: Exception) -> Outcome:
    names = {cls.__name__ for cls in type(exc).__mro__}
    if names & {"CompilationError", "CompileTimeAssertionFailure", "UnsupportedLanguageConstruct"}:
        return Outcome.COMPILE_ERROR
    return Outcome.RUNTIME_ERROR


def _to_float(value: object) -> float:
    import torch

    if isinstance(value, torch.Tensor):
        if value.numel() != 1:
            raise CandidateError(Outcome.WRONG_RESULT, f"returned a tensor of shape {tuple(value.shape)}, not a scalar")
        return float(value.item())
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise CandidateError(Outcome.WRONG_RESULT, f"returned {type(value).__name__}, not a number") from None


GUARD = 4096  # elements of sentinel before and after every array
_SENTINEL = {np.dtype(np.float32): np.array([0x7FA5A5A5], np.uint32).view(np.float32)[0],
             np.dtype(np.int32): np.int32(-0x5A5A5A5B)}


def _guarded(arr: np.ndarray, device: str):
    """A device copy of `arr` inside a buffer with sentinel guard regions; returns (buffer, view)."""
    import torch

    flat = np.full(arr.size + 2 * GUARD, _SENTINEL[arr.dtype], dtype=arr.dtype)
    flat[GUARD:GUARD + arr.size] = arr.reshape(-1)
    buffer = torch.from_numpy(flat).to(device)
    return buffer, buffer[GUARD:GUARD + arr.size].view(arr.shape)


def _guard_damage(name: str, buffer: np.ndarray, size: int) -> str | None:
    guards = np.concatenate([buffer[:GUARD], buffer[GUARD + size:]])
    sentinel = np.array([_SENTINEL[buffer.dtype]], dtype=buffer.dtype)
    hit = guards.view(np.uint32) != sentinel.view(np.uint32)[0]
    if hit.any():
        return f"the kernel wrote {int(hit.sum())} element(s) outside array {name} (out-of-bounds stores)"
    return None


def call_kernel(loop: Loop, fn: Callable, inputs: dict[str, np.ndarray],
                scalars: dict[str, int | float], device: str) -> CandidateRun:
    """Calls the kernel on fresh guarded device copies of `inputs`, watching what it does."""
    import torch

    from tsvc import monitor

    guarded = {name: _guarded(arr, device) for name, arr in inputs.items()}
    tensors = {name: view for name, (_, view) in guarded.items()}
    try:
        with monitor.watch(list(tensors.values())) as record:
            value = fn(**tensors, **scalars)
        result = _to_float(value) if value is not None else None
        if device == "cuda":
            torch.cuda.synchronize()
    except CandidateError:
        raise
    except Exception as exc:
        raise CandidateError(_classify(exc), _tail(exc)) from exc
    if record.violations:
        raise CandidateError(Outcome.CHEAT, "; ".join(sorted(set(record.violations))))
    if record.launches == 0:
        raise CandidateError(Outcome.CHEAT, "no Triton kernel was launched")
    buffers = {name: buf.cpu().numpy() for name, (buf, _) in guarded.items()}
    damage = [d for name, b in buffers.items() if (d := _guard_damage(name, b, inputs[name].size))]
    if damage:
        raise CandidateError(Outcome.WRONG_RESULT, "; ".join(damage))
    arrays = {name: buffers[name][GUARD:GUARD + arr.size].reshape(arr.shape) for name, arr in inputs.items()}
    return CandidateRun(arrays, result, value is not None)
