"""The checker: a candidate kernel against the gcc-compiled C loop, element by element.

Tolerance. For every element the loop may write, and for its scalar result,
    error = |got - want| / max(1, |want|)
where `want` is the C loop compiled with real_t = double, on the same float32
inputs. An element passes when error < 1e-3 (absolute for small values,
relative for large ones), or when it is no more than twice the error that the
sequential float32 C loop itself makes at that element: recurrences such as
s115 or s2111 amplify rounding, so a right float32 kernel can differ from the
sequential float32 loop by more than 1e-3 while being as close to the exact
answer as C is. NaN or Inf where the exact result is finite always fails.
Arrays the loop only reads must come back bit for bit unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import numpy as np

from tsvc.record import reference
from tsvc.sandbox.candidate import CandidateError, CandidateRun, Cause, Outcome
from tsvc.record.catalog import Loop
from tsvc.record.convention import Implementation
from tsvc.judge.findings import Finding
from tsvc.record.inputs import make_inputs, scalar_values
from tsvc.record.sizes import Size

TOLERANCE = 1e-3
F32_ERROR_FACTOR = 2.0
DECOY_SEED_OFFSET = 7919


class ConfigurationError(RuntimeError):
    """The loop's inputs make the check meaningless (a harness bug, not the kernel's)."""


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    message: str = ""
    max_error: float = 0.0
    details: dict[str, Any] = field(default_factory=dict)
    cause: Cause | None = None  # what the outcome alone does not say (tsvc.sandbox.candidate.Cause)

    @property
    def passed(self) -> bool:
        return self.outcome is Outcome.PASSED

    def finding(self) -> Finding:
        """The verdict as the report files it: the test's own check of the kernel found it."""
        cause = {} if self.cause is None else {"cause": self.cause.value}
        return Finding(self.outcome.value, self.message, judged=True, max_error=self.max_error,
                       details={**self.details, **cause})


@dataclass(frozen=True)
class Expected:
    """What the C loop produced for one (loop, size, seed), in both precisions."""

    inputs: dict[str, np.ndarray]
    scalars: dict[str, int | float]
    single: reference.ReferenceRun
    exact: reference.ReferenceRun


def expected(loop: Loop, size: Size, seed: int) -> Expected:
    inputs = make_inputs(loop, size, seed)
    scalars = scalar_values(loop, size)
    single = reference.run(loop, inputs, scalars, "float")
    exact = reference.run(loop, inputs, scalars, "double")
    _check_configuration(loop, size, seed, inputs, exact, single)
    return Expected(inputs, scalars, single, exact)


def _check_configuration(loop: Loop, size: Size, seed: int, inputs: dict[str, np.ndarray],
                         exact: reference.ReferenceRun, single: reference.ReferenceRun) -> None:
    where = f"{loop.name} at {size.label} seed {seed}"
    for run, which in ((exact, "exact (double)"), (single, "float32")):
        for spec in loop.writes:
            if not np.all(np.isfinite(run.arrays[spec.name])):
                raise ConfigurationError(f"{where}: the {which} C result of {spec.name} is not finite; "
                                         "these inputs do not fit float32 at this size")
        if run.result is not None and not np.isfinite(run.result):
            raise ConfigurationError(f"{where}: the {which} C result is not finite")
    unchanged = all(np.array_equal(exact.arrays[s.name], inputs[s.name]) for s in loop.writes)
    if unchanged and not loop.returns_result:
        raise ConfigurationError(f"{where}: the C loop leaves every output unchanged (a blind test)")


def _errors(got: np.ndarray, want: np.ndarray) -> np.ndarray:
    got64 = got.astype(np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        err = np.abs(got64 - want) / np.maximum(1.0, np.abs(want))
    return np.where(np.isfinite(got64), err, np.inf)


def _index(shape: tuple[int, ...], flat: int) -> str:
    idx = np.unravel_index(flat, shape)
    return "[" + "][".join(str(int(i)) for i in idx) + "]"


def _judge_elements(got: np.ndarray, single: np.ndarray, exact: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The tolerance rule (module docstring), element-wise: (error, float32 C error, failed)."""
    err = _errors(got, exact)
    f32_err = _errors(single, exact)
    f32_err = np.where(np.isfinite(f32_err), f32_err, 0.0)  # an overflowing C loop widens nothing
    bad = ~np.isfinite(got) | ((err >= TOLERANCE) & (err > F32_ERROR_FACTOR * f32_err))
    return err, f32_err, bad


def compare_array(name: str, got: np.ndarray, single: np.ndarray, exact: np.ndarray) -> tuple[str | None, float]:
    """Returns (failure message or None, worst error) for one written array."""
    if got.shape != exact.shape:
        return f"array {name}: shape {got.shape}, expected {exact.shape}", np.inf
    err, f32_err, bad = _judge_elements(got, single, exact)
    worst = float(err.max()) if err.size else 0.0
    if not bad.any():
        return None, worst
    scored = np.where(bad, err, -1.0)
    i = int(np.argmax(scored))
    flat_got, flat_want = got.reshape(-1), exact.reshape(-1)
    return (
        f"array {name}: {int(bad.sum())} of {bad.size} elements differ; worst at {name}{_index(got.shape, i)}: "
        f"expected {flat_want[i]:.7g}, got {flat_got[i]:.7g} "
        f"(error {float(err.reshape(-1)[i]):.3g}; the float32 C loop's own error there: "
        f"{float(f32_err.reshape(-1)[i]):.3g})"
    ), worst


def compare_result(got: float | None, single: float, exact: float) -> tuple[str | None, float]:
    if got is None:
        return f"returned None; the loop's scalar result is {exact:.7g}", np.inf
    errs, f32_errs, bad = _judge_elements(np.array([got]), np.array([single]), np.array([exact]))
    err, f32_err = float(errs[0]), float(f32_errs[0])
    if bad[0]:
        return (f"scalar result: expected {exact:.7g}, got {got:.7g} "
                f"(error {err:.3g}; the float32 C loop's own error: {f32_err:.3g})"), err
    return None, err


def _read_only_changes(loop: Loop, inputs: dict[str, np.ndarray], run: CandidateRun) -> list[str]:
    problems = []
    for spec in loop.arrays:
        if spec.is_written:
            continue
        before, after = inputs[spec.name], run.arrays[spec.name]
        changed = before.view(np.uint32) != after.view(np.uint32) if before.shape == after.shape else None
        if changed is None or changed.any():
            n = "its shape" if changed is None else f"{int(changed.sum())} element(s)"
            problems.append(f"array {spec.name} is read-only, but the kernel changed {n}")
    return problems


def compare(loop: Loop, want: Expected, run: CandidateRun) -> Verdict:
    """The verdict on one candidate run against the C loop's outputs."""
    problems = _read_only_changes(loop, want.inputs, run)
    worst = 0.0
    for spec in loop.writes:
        msg, err = compare_array(spec.name, run.arrays[spec.name], want.single.arrays[spec.name],
                                 want.exact.arrays[spec.name])
        worst = max(worst, err)
        if msg:
            problems.append(msg)
    if loop.returns_result:
        # A loop that returns a result has one in both C runs.
        msg, err = compare_result(run.result, cast(float, want.single.result), cast(float, want.exact.result))
        worst = max(worst, err)
        if msg:
            problems.append(msg)
    if problems:
        # None where the loop has a result is the one return the checker refuses here (candidate._result the others)
        returned_none = loop.returns_result and run.result is None
        return Verdict(Outcome.WRONG_RESULT, "; ".join(problems), worst, cause=Cause.RETURN if returned_none else None)
    return Verdict(Outcome.PASSED, f"max error {worst:.3g}", worst)


def decoy_size(loop: Loop, size: Size) -> Size:
    """Another size of the loop, for the call that comes before the judged one."""
    others = [s for s in loop.sizes if s != size]
    return min(others) if others else size


def _judge(loop: Loop, module_path: Path, size: Size, seed: int, device: str,
           implementation: Implementation) -> Verdict:
    from tsvc.sandbox import runner

    want = expected(loop, size, seed)
    try:
        run = runner.run_candidate(loop, module_path, want.inputs, want.scalars, device, implementation)
    except CandidateError as exc:
        return Verdict(exc.outcome, exc.message, np.inf, cause=exc.cause)
    return compare(loop, want, run)


def check(loop: Loop, module_path: Path, size: Size, seed: int, device: str = "cpu",
          implementation: Implementation = Implementation.TRITON) -> Verdict:
    """Runs the kernel in `module_path` on (loop, size, seed) and judges it against C.

    The kernel is called twice in one worker, each time on fresh inputs: on the
    judged size and seed, then again at another size and seed. A kernel that
    hands back an earlier call's result, or works at one size only, fails.
    Once per loop and seed, and whenever a result is wrong, the kernel is also
    run with the programs of each launch in other orders (tsvc.judge.racecheck).
    """
    verdict = _judge(loop, module_path, size, seed, device, implementation)
    if verdict.passed:
        other = decoy_size(loop, size)
        second = _judge(loop, module_path, other, seed + DECOY_SEED_OFFSET, device, implementation)
        if not second.passed:
            verdict = Verdict(second.outcome, f"(on a second call, at size {other.label}) {second.message}",
                              second.max_error, cause=second.cause)
    if implementation is not Implementation.TRITON:
        return verdict  # a PyTorch baseline launches no programs to reorder
    return _check_orders(loop, module_path, size, seed, verdict) or verdict


def _check_orders(loop: Loop, module_path: Path, size: Size, seed: int, verdict: Verdict) -> Verdict | None:
    """The program-order check's verdict where it overrides `verdict`: a race, or a pass that could not be checked."""
    from tsvc.judge import racecheck

    ran = verdict.outcome in (Outcome.PASSED, Outcome.WRONG_RESULT)
    if not ran or (verdict.passed and size != racecheck.host_size(loop)):
        return None
    race = racecheck.check_orders(loop, module_path, seed)
    if race is None or not (verdict.passed or race.outcome is Outcome.RACE):
        return None
    return race
