"""The program-order check: a kernel's result must not depend on the order in which a launch's programs run.

A GPU runs the programs of a grid in an order nobody controls. The check runs
the kernel in Triton's interpreter with each launch's programs reordered
(tsvc.judge.orders) and judges every result against the C loop. When one order
passes and another fails, or two orders disagree, the verdict is
Outcome.RACE, naming the array, the index and the two orders.

Where and how often. The check runs at ORDER_SIZE, where a 1D kernel with
BLOCK_SIZE up to 2048 has several programs (at LEN_1D=1000 one program of
1024 covers the array, and there is nothing to reorder), once per loop and seed
(in the checker's call at the loop's middle size), and again whenever a result
is wrong, so that a wrong result which another order gets right is reported as
a race. The orders tried are in orders_for(). When they all pass, launch order
is not rerun; when one fails, launch and reversed order are, for the
comparison. A kernel with no launch of two or more programs at ORDER_SIZE has
nothing to reorder and is run once.
On a GPU run the check is the same, in an interpreter worker on CPU tensors;
when the interpreter cannot run the kernel, the verdict fails and says that
races were not checked.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tsvc.judge import orders
from tsvc.sandbox import runner
from tsvc.sandbox.candidate import CandidateError, CandidateRun, Cause, Outcome
from tsvc.record.catalog import Loop
from tsvc.judge.checker import TOLERANCE, Expected, Verdict, _errors, _index, _judge_elements, compare, expected
from tsvc.judge.orders import Order
from tsvc.record.sizes import Size

ORDER_SIZE = Size(4000, 128)
# One statement of the rule, used by the verdict and by the generation feedback.
ORDER_RULE = ("programs of one launch must not read what other programs of that launch write; "
              "use a second launch, a single program, or a snapshot taken before the launch")


@dataclass(frozen=True)
class OrderRun:
    """One run of the kernel with its programs in one order, and its verdict."""

    order: Order
    run: CandidateRun | None  # None when the kernel failed before producing outputs
    verdict: Verdict


def host_size(loop: Loop) -> Size:
    """The size whose checker call also runs the order check: the middle of the loop's sizes."""
    sizes = sorted(loop.sizes)
    return sizes[len(sizes) // 2]


def orders_for(loop: Loop, seed: int) -> tuple[Order, ...]:
    """The orders tried for one data seed: a shuffle of its own, and reversed on the loop's first seed.

    Reversed is one fixed order, so a second data seed adds little to it; each
    seed's shuffle is a new order. Over the default seeds a loop meets launch
    order (the checker's own runs), reversed and two shuffles.
    """
    shuffled = Order("shuffled", seed + 1)
    return (orders.REVERSED, shuffled) if seed == loop.seeds[0] else (shuffled,)


def _run(loop: Loop, module_path: Path, want: Expected, order: Order) -> tuple[OrderRun, int]:
    """The kernel under one order; returns its OrderRun and the most programs any launch had."""
    try:
        run, grids = runner.run_in_order(loop, module_path, want.inputs, want.scalars, order.key)
    except CandidateError as exc:
        if exc.cause is Cause.ORDER_HOOK:
            raise orders.OrderHookError(exc.message) from exc
        verdict = Verdict(exc.outcome, f"{exc.outcome.value}: {exc.message}", np.inf, cause=exc.cause)
        return OrderRun(order, None, verdict), 0
    return OrderRun(order, run, compare(loop, want, run)), max((x * y * z for x, y, z in grids), default=0)


def check_orders(loop: Loop, module_path: Path, seed: int) -> Verdict | None:
    """None when the kernel passes under every order tried at ORDER_SIZE, else the failing Verdict."""
    want = expected(loop, ORDER_SIZE, seed)
    first, *rest = orders_for(loop, seed)
    run, programs = _run(loop, module_path, want, first)
    if run.verdict.passed and programs <= 1:
        return None  # no launch has two programs: every order is launch order
    runs = [run] + [_run(loop, module_path, want, order)[0] for order in rest]
    if all(r.verdict.passed for r in runs):
        return None
    tried = {r.order for r in runs}  # a failure: launch and reversed order too, for the comparison
    runs = [_run(loop, module_path, want, order)[0] for order in (orders.LAUNCH, orders.REVERSED)
            if order not in tried] + runs
    return judge_orders(loop, want, runs, ORDER_SIZE)


def judge_orders(loop: Loop, want: Expected, runs: list[OrderRun], size: Size) -> Verdict | None:
    """The verdict on a kernel's runs under several program orders at one size."""
    failed = [r for r in runs if not r.verdict.passed]
    if not failed:
        return None
    passed = [r for r in runs if r.verdict.passed]
    pairs = [(passed[0], failed[0])] if passed else [(runs[0], other) for other in runs[1:]]
    for good, bad in pairs:
        where = _first_difference(loop, want, good, bad)
        if where is None and passed:
            where = f"the kernel passes in {good.order.label} but in {bad.order.label}: {bad.verdict.message}"
        if where is not None:
            return Verdict(Outcome.RACE, f"race at size {size.label}: {where}; {ORDER_RULE}", bad.verdict.max_error)
    first = runs[0].verdict
    return Verdict(first.outcome, f"not checked for races: in Triton's interpreter at size {size.label} the kernel "
                                  f"fails in every program order tried: {first.message}", first.max_error,
                   cause=first.cause)


def _first_difference(loop: Loop, want: Expected, good: OrderRun, bad: OrderRun) -> str | None:
    """Where two runs' outputs differ by more than the tolerance, preferring an element `bad` gets wrong."""
    if good.run is None or bad.run is None:
        return None
    between = f"between {good.order.label} and {bad.order.label}"
    for spec in loop.writes:
        x, y = good.run.arrays[spec.name], bad.run.arrays[spec.name]
        if x.shape != y.shape:
            continue
        at = _worst_difference(x, y, want.single.arrays[spec.name], want.exact.arrays[spec.name])
        if at is not None:
            return (f"array {spec.name} differs {between} at {spec.name}{_index(x.shape, at)}: "
                    f"{x.reshape(-1)[at]:.7g} vs {y.reshape(-1)[at]:.7g} (the C loop: {want.exact.arrays[spec.name].reshape(-1)[at]:.7g})")
    if loop.returns_result and good.run.result is not None and bad.run.result is not None:
        if _worst_difference(np.array([good.run.result]), np.array([bad.run.result]),
                             np.array([want.single.result]), np.array([want.exact.result])) is not None:
            return (f"the scalar result differs {between}: {good.run.result:.7g} vs {bad.run.result:.7g} "
                    f"(the C loop: {want.exact.result:.7g})")
    return None


def _worst_difference(x: np.ndarray, y: np.ndarray, single: np.ndarray, exact: np.ndarray) -> int | None:
    """The flat index where x and y differ most, among the elements y gets wrong if there are any."""
    differs = _differ(x, y)
    if not differs.any():
        return None
    err, _, bad = _judge_elements(y, single, exact)
    candidates = differs & bad if (differs & bad).any() else differs
    return int(np.argmax(np.where(candidates, np.where(np.isfinite(err), err, np.finfo(np.float64).max), -1.0)))


def _differ(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Elements that differ by the checker's tolerance; NaN against NaN is no difference."""
    if x.dtype.kind != "f":
        different: np.ndarray = x != y  # numpy types the comparison as Any
        return different
    finite = np.isfinite(x) & np.isfinite(y)
    same_special = (x == y) | (np.isnan(x) & np.isnan(y))
    return np.where(finite, _errors(y, x.astype(np.float64)) >= TOLERANCE, ~same_special)
