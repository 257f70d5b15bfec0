"""Loading a kernel module and calling it by the calling convention (see tsvc.record.convention).

Runs inside the worker process only (tsvc.sandbox.worker): the outcomes are a closed
set, and every call is watched (tsvc.sandbox.monitor) and fenced by guard regions.
"""
from __future__ import annotations

import enum
import importlib.util
import inspect
import sys
import traceback
import types
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import numpy as np

from tsvc.record.catalog import Loop
from tsvc.record.convention import Implementation

if TYPE_CHECKING:
    import torch


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
    RACE = "race"  # the result depends on the order in which a launch's programs run (tsvc.judge.racecheck)


class Cause(enum.StrEnum):
    """Why a candidate failed, where its outcome alone does not say: a fact known to the harness code that
    found it, which travels beside the message as data (nothing reads it back out of a message's words).

    Only harness code sets a cause: a candidate cannot name tsvc (the static policy), and whatever its
    code raises while it is imported or called is wrapped without one (load_kernel, watched_call).
    """

    SIGNATURE = "signature"  # the kernel function cannot be called with the convention's arguments
    RETURN = "return"  # the checker refused what the kernel returned (its type or shape, or None for a result)
    MISSING_FUNCTION = "missing function"  # the module defines no <loop>_triton
    ORDER_HOOK = "order hook"  # the interpreter's program-order hook cannot run: a harness problem

    @property
    def outcome(self) -> Outcome:
        """The one outcome a failure of this cause has."""
        return _CAUSE_OUTCOME[self]


_CAUSE_OUTCOME = {Cause.SIGNATURE: Outcome.RUNTIME_ERROR, Cause.RETURN: Outcome.WRONG_RESULT,
                  Cause.MISSING_FUNCTION: Outcome.LOAD_ERROR, Cause.ORDER_HOOK: Outcome.RUNTIME_ERROR}


class CandidateError(Exception):
    """A candidate failed before producing outputs."""

    def __init__(self, outcome: Outcome, message: str, cause: Cause | None = None):
        if cause is not None and cause.outcome is not outcome:
            raise ValueError(f"a failure caused by {cause.value!r} is a {cause.outcome.value}, not a {outcome.value}")
        super().__init__(message)
        self.outcome = outcome
        self.message = message
        self.cause = cause


@dataclass
class CandidateRun:
    arrays: dict[str, np.ndarray]
    result: float | None
    returned: bool  # whether the kernel returned something other than None


def load_kernel(loop: Loop, path: Path) -> Callable[..., Any]:
    """Imports the candidate module (its text, written to the worker's own folder) under the audit hook."""
    from tsvc.sandbox import confinement

    name = f"tsvc_candidate_{loop.name}_{uuid.uuid4().hex[:8]}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise CandidateError(Outcome.LOAD_ERROR, f"cannot import {path.name}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # @triton.jit looks its module up for globals
    confinement.candidate_file(Path(module.__file__ or path))
    with confinement.guarded() as refused:
        try:
            spec.loader.exec_module(module)
        except Exception as exc:
            if not refused:
                raise CandidateError(Outcome.LOAD_ERROR, f"importing the module failed: {_tail(exc)}") from exc
    if refused:
        raise CandidateError(Outcome.POLICY_VIOLATION, _refusal(refused))
    fn: Callable[..., Any] | None = getattr(module, loop.kernel_name, None)
    if not callable(fn):
        raise CandidateError(Outcome.LOAD_ERROR, f"the module defines no function {loop.kernel_name}()",
                             Cause.MISSING_FUNCTION)
    return fn


def _refusal(refused: list[str]) -> str:
    return "the sandbox refused: " + "; ".join(sorted(set(refused))) + " (a kernel module only computes)"


def _tail(exc: BaseException, lines: int = 12) -> str:
    text = "".join(traceback.format_exception(exc)).rstrip().splitlines()
    return "\n".join(text[-lines:])


def binds(fn: Callable[..., Any], arguments: dict[str, Any]) -> bool:
    """Whether the kernel function accepts the convention's keyword arguments, decided before it is called.

    Judged on a bare copy of a plain function (its code, defaults and keyword defaults: all that binding
    reads), so no attribute the candidate set (__signature__, __wrapped__) is consulted and none of its
    code runs. Whatever is not a plain function is not judged here (True): its call says.
    """
    if type(fn) is not types.FunctionType:
        return True
    bare = types.FunctionType(fn.__code__, {}, fn.__name__, fn.__defaults__, fn.__closure__)
    bare.__kwdefaults__ = fn.__kwdefaults__
    try:
        inspect.signature(bare).bind(**arguments)
    except TypeError:
        return False
    return True


def _call_cause(exc: Exception, callable_as_called: bool) -> Cause | None:
    """SIGNATURE for the TypeError of a call whose arguments the function was found not to take.

    The call is still made, for Python's own message: a plain function refuses arguments it cannot
    bind before its body runs, so none of the candidate's code runs either way. A TypeError raised
    inside the kernel (a bad call of its own) has no cause: it is a runtime error.
    """
    return Cause.SIGNATURE if not callable_as_called and type(exc) is TypeError else None


def _classify(exc: Exception) -> Outcome:
    names = {cls.__name__ for cls in type(exc).__mro__}
    if names & {"CompilationError", "CompileTimeAssertionFailure", "UnsupportedLanguageConstruct"}:
        return Outcome.COMPILE_ERROR
    return Outcome.RUNTIME_ERROR


def _result(loop: Loop, value: object) -> float | None:
    """The loop's scalar result from what the kernel returned: exact types only, nothing of theirs is called.

    A void loop ignores whatever comes back (`return a` is a common habit); the object is kept alive
    by the caller so that no finaliser of the candidate's runs in the harness's code.
    """
    import torch

    if not loop.returns_result:
        return None
    if value is None:
        return None
    if type(value) in (int, float):
        return float(value)  # type: ignore[arg-type]  # exactly int or float (checked above)
    if type(value) is torch.Tensor:
        if value.numel() != 1:
            raise CandidateError(Outcome.WRONG_RESULT, f"{loop.kernel_name} returned a tensor of shape "
                                 f"{tuple(value.shape)}; it must return the loop's scalar result: a Python "
                                 f"number or a one-element tensor", Cause.RETURN)
        return float(value.detach().reshape(-1)[0].item())
    raise CandidateError(Outcome.WRONG_RESULT, f"{loop.kernel_name} returned a {type(value).__name__}; it must "
                         f"return the loop's scalar result: a Python int or float, or a one-element torch.Tensor",
                         Cause.RETURN)


GUARD = 4096  # elements of sentinel before and after every array
_SENTINEL = {np.dtype(np.float32): np.array([0x7FA5A5A5], np.uint32).view(np.float32)[0],
             np.dtype(np.int32): np.int32(-0x5A5A5A5B)}


def _guarded(arr: np.ndarray, device: str) -> tuple[torch.Tensor, torch.Tensor]:
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


_kept: list[object] = []  # returned objects of void loops: never released while the worker runs


def guarded_tensors(inputs: dict[str, np.ndarray],
                    device: str) -> dict[str, tuple[torch.Tensor, torch.Tensor]]:
    """Every array as (guarded buffer, view): the same construction for checking and timing."""
    return {name: _guarded(arr, device) for name, arr in inputs.items()}


def views(guarded: dict[str, tuple[torch.Tensor, torch.Tensor]]) -> dict[str, torch.Tensor]:
    """The tensors a kernel is given: the views into the guarded buffers."""
    return {name: view for name, (_, view) in guarded.items()}


def watched_call(loop: Loop, fn: Callable[..., Any], tensors: dict[str, torch.Tensor], scalars: dict[str, int | float],
                 implementation: Implementation = Implementation.TRITON) -> float | None:
    """One call of the kernel under the run-time watch and the audit hook; raises on any violation.

    Every call of a kernel, checked or timed, comes here: its arguments are bound by `Loop.bind`.
    """
    from tsvc.sandbox import confinement, monitor

    baseline = implementation is Implementation.TORCH
    arguments = loop.bind(tensors, scalars)
    callable_as_called = binds(fn, arguments)
    try:
        with confinement.guarded(baseline) as refused, monitor.watch(list(tensors.values()), baseline) as record:
            value = fn(**arguments)
    except Exception as exc:
        if refused:
            raise CandidateError(Outcome.POLICY_VIOLATION, _refusal(refused)) from None
        raise CandidateError(_classify(exc), _tail(exc), _call_cause(exc, callable_as_called)) from exc
    if refused:
        raise CandidateError(Outcome.POLICY_VIOLATION, _refusal(refused))
    if record.violations:
        raise CandidateError(Outcome.CHEAT, monitor.violation_message(record))
    if record.launches == 0 and not baseline:
        raise CandidateError(Outcome.CHEAT, "no Triton kernel was launched")
    if not loop.returns_result:
        _kept.append(value)
    return _result(loop, value)


def unguarded_arrays(guarded: dict[str, tuple[torch.Tensor, torch.Tensor]], inputs: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The arrays out of their guarded buffers; raises WRONG_RESULT if a guard region was written."""
    buffers = {name: buf.cpu().numpy() for name, (buf, _) in guarded.items()}
    damage = [d for name, b in buffers.items() if (d := _guard_damage(name, b, inputs[name].size))]
    if damage:
        raise CandidateError(Outcome.WRONG_RESULT, "; ".join(damage))
    return {name: buffers[name][GUARD:GUARD + arr.size].reshape(arr.shape) for name, arr in inputs.items()}


def call_kernel(loop: Loop, fn: Callable[..., Any], inputs: dict[str, np.ndarray], scalars: dict[str, int | float],
                device: str, implementation: Implementation = Implementation.TRITON) -> CandidateRun:
    """Calls the kernel on fresh guarded device copies of `inputs`, watching what it does."""
    import torch

    guarded = guarded_tensors(inputs, device)
    result = watched_call(loop, fn, views(guarded), scalars, implementation)
    if device == "cuda":
        try:
            torch.cuda.synchronize()
        except Exception as exc:
            raise CandidateError(_classify(exc), _tail(exc)) from exc
    return CandidateRun(unguarded_arrays(guarded, inputs), result, result is not None)
