"""Races between programs are caught: each kernel is checked under several program orders.

The hook (tsvc.judge.orders) really reorders the programs of 1D, 2D and 3D grids and
fails loudly when Triton's internals are not what it relies on; the checker
rejects racy kernels (tests/hostile_kernels/racy_*.py) with Outcome.RACE.
That every reference kernel passes under every order is tests/test_correctness.py's
job: the order check is a step of checker.check().
"""
from __future__ import annotations

import importlib.util
import sys
import uuid
from pathlib import Path

import numpy as np
import pytest

from tsvc import backend
from tsvc.judge import checker, orders, racecheck
from tsvc.record import catalog
from tsvc.sandbox import runner
from tsvc.sandbox.candidate import CandidateError, CandidateRun, Cause, Outcome
from tsvc.judge.orders import Order, OrderHookError
from tsvc.record.sizes import Size

HOSTILE = Path(__file__).parent / "hostile_kernels"
WRONG = Path(__file__).parent / "wrong_kernels"
REFERENCE = Path(__file__).parent.parent / "generated" / "reference"
PROBE = Path(__file__).parent / "order_probe" / "record_order.py"

# (loop, fragment of the message)
RACY = [
    ("s121", "array a differs between launch order and reversed order at a["),
    # BLOCK_SIZE=1024: one program covers LEN_1D=1000, so only a larger size can show the race
    ("s151", "array a differs between launch order and reversed order at a["),
    ("s422", "array flat_2d_array differs between launch order and reversed order at flat_2d_array["),
    ("s423", "array flat_2d_array differs between launch order and reversed order at flat_2d_array["),
    ("s1113", "array a differs between launch order and reversed order at a["),
    # wrong in launch order, right reversed: a race, not a plain wrong result
    ("s2251", "array a differs between reversed order and launch order at a["),
    ("s1119", "array aa differs between launch order and reversed order at aa["),  # a 2D grid
]


def _racy(loop_name: str) -> Path:
    return HOSTILE / f"racy_{loop_name}.py"


@pytest.mark.parametrize("loop_name,fragment", RACY, ids=[r[0] for r in RACY])
@pytest.mark.parametrize("seed", [0, 1])
def test_racy_kernel_is_rejected_as_a_race(loop_name, fragment, seed, device):
    loop = catalog.get(loop_name)
    verdict = checker.check(loop, _racy(loop_name), racecheck.host_size(loop), seed, device)
    assert verdict.outcome is Outcome.RACE, verdict.message
    assert verdict.message.startswith(f"race at size {racecheck.ORDER_SIZE.label}: {fragment}"), verdict.message
    assert verdict.message.endswith(racecheck.ORDER_RULE)


# On a GPU the hardware's own program order decides whether a racy kernel passes outside the
# order check, so the two tests below (about the interpreter's launch order) hold on the CPU only.
launch_order_only = pytest.mark.skipif(backend.select().device == "cuda",
                                       reason="about the interpreter's launch order; a GPU runs programs in its own")


@launch_order_only
@pytest.mark.parametrize("loop_name", [name for name, _ in RACY if name != "s2251"])
def test_racy_kernel_passes_at_the_other_sizes(loop_name, device):
    """Outside the one checker call per seed that runs the order check, launch order hides the race."""
    loop = catalog.get(loop_name)
    verdict = checker.check(loop, _racy(loop_name), min(loop.sizes), 0, device)
    assert verdict.passed, verdict.message


@launch_order_only
@pytest.mark.parametrize("size", [Size(97, 17), Size(32000, 256)], ids=["97x17", "32000x256"])
def test_a_wrong_result_that_another_order_gets_right_is_a_race_at_any_size(size, device):
    verdict = checker.check(catalog.get("s2251"), _racy("s2251"), size, 0, device)
    assert verdict.outcome is Outcome.RACE, verdict.message


# (loop, the order in which the racy kernel passes anyway)
ONE_ORDER_PASSES = [(name, "reversed" if name == "s2251" else "launch") for name, _ in RACY]


@pytest.mark.parametrize("loop_name,order", ONE_ORDER_PASSES, ids=[r[0] for r in ONE_ORDER_PASSES])
def test_racy_kernel_passes_in_one_order(loop_name, order):
    """Each racy kernel is right in some order, with several programs: only reordering rejects it."""
    loop = catalog.get(loop_name)
    want = checker.expected(loop, racecheck.ORDER_SIZE, 0)
    run, grids = runner.run_in_order(loop, _racy(loop_name), want.inputs, want.scalars, order)
    assert checker.compare(loop, want, run).passed
    assert max(x * y * z for x, y, z in grids) > 1


@pytest.mark.parametrize("loop_name", ["s121", "s151", "s1119", "s2251"])
def test_reference_kernel_passes_every_order(loop_name):
    for seed in (0, 1):
        assert racecheck.check_orders(catalog.get(loop_name), REFERENCE / f"{loop_name}.py", seed) is None


def test_a_wrong_kernel_stays_a_wrong_result(device):
    """The order check reclassifies only results that depend on the order."""
    verdict = checker.check(catalog.get("s000"), WRONG / "s000_skips_last.py", Size(1000, 64), 0, device)
    assert verdict.outcome is Outcome.WRONG_RESULT, verdict.message


def test_a_race_is_explained_to_the_model():
    from generation.feedback import FailureKind, feedback, from_verdict

    loop = catalog.get("s121")
    verdict = racecheck.check_orders(loop, _racy("s121"), 0)
    failure = from_verdict(verdict, _racy("s121"), racecheck.host_size(loop), loop)
    assert failure.error_class is FailureKind.RACE
    text = feedback(failure, loop)
    assert "depends on the order in which a GPU runs the programs of one launch" in text
    assert racecheck.ORDER_RULE in text and "differs between launch order and reversed order" in text


def test_interpreter_failure_is_reported_not_skipped():
    """On a GPU run a kernel the interpreter cannot run fails, saying races were not checked."""
    verdict = racecheck.check_orders(catalog.get("s000"), WRONG / "s000_does_not_compile.py", 0)
    assert verdict is not None and not verdict.passed
    assert verdict.message.startswith("not checked for races: in Triton's interpreter at size 4000x128"), verdict.message


def test_cpu_worker_runs_the_interpreter_even_on_a_gpu_machine(monkeypatch):
    monkeypatch.delenv("TRITON_INTERPRET", raising=False)
    pool = runner.Runner("cpu")
    try:
        reply, _ = pool.request({"cmd": "environ"}, {})
    finally:
        pool.close()
    assert {"TRITON_INTERPRET", "CUDA_VISIBLE_DEVICES"} <= set(reply["names"])


def test_the_order_check_is_hosted_by_one_size_per_loop():
    for loop in catalog.catalog().values():
        assert racecheck.host_size(loop) in loop.sizes


def test_worker_hook_failure_is_raised_not_judged(monkeypatch):
    def broken(*args, **kwargs):
        raise CandidateError(Outcome.RUNTIME_ERROR, f"OrderHookError: {orders.HOOK_FAILURE} on Triton 0.0: gone",
                             Cause.ORDER_HOOK)

    monkeypatch.setattr(runner, "run_in_order", broken)
    with pytest.raises(OrderHookError, match="Triton 0.0"):
        racecheck.check_orders(catalog.get("s121"), _racy("s121"), 0)


def test_the_worker_states_a_hook_failure_as_its_cause(monkeypatch):
    """The hook failing in the worker reaches the order check as a cause, through the reply."""
    import triton
    from triton.runtime import interpreter

    from tsvc.sandbox import worker

    monkeypatch.delattr(interpreter, "interpreter_builder")
    monkeypatch.setattr(worker, "_kernel", lambda loop, header: None)  # the hook fails before any call
    with pytest.raises(CandidateError) as caught:
        worker.handle_run({"loop": "s000", "order": orders.REVERSED.key, "scalars": {}}, {})
    error = runner.failure(worker.failure_reply(caught.value))
    assert (error.outcome, error.cause) == (Outcome.RUNTIME_ERROR, Cause.ORDER_HOOK)
    assert error.message.startswith(f"OrderHookError: {orders.HOOK_FAILURE} on Triton {triton.__version__}")


def test_a_kernel_that_says_the_hook_cannot_run_is_judged(tmp_path):
    """A kernel's own error naming the hook failure is a verdict on the kernel, never a harness error."""
    module = tmp_path / "s000_says_the_hook_fails.py"
    module.write_text(f"def s000_triton(a, b, LEN_1D):\n    raise RuntimeError({orders.HOOK_FAILURE!r} + "
                      "' on Triton 0.0: gone')\n")
    verdict = racecheck.check_orders(catalog.get("s000"), module, 0)
    assert verdict is not None and (verdict.outcome, verdict.cause) == (Outcome.RUNTIME_ERROR, None)
    assert verdict.message.startswith("not checked for races:"), verdict.message


# --- the hook itself, on a probe kernel that records the order its programs ran in


@pytest.fixture
def record_order(monkeypatch):
    """The probe's record_order(grid), decorated under the interpreter in this process."""
    monkeypatch.setenv("TRITON_INTERPRET", "1")
    name = f"tsvc_order_probe_{uuid.uuid4().hex[:8]}"
    spec = importlib.util.spec_from_file_location(name, PROBE)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, name, module)
    spec.loader.exec_module(module)
    return module.record_order


GRIDS = {"1d": (7,), "2d": (3, 4), "3d": (2, 3, 2)}
ORDERS = [orders.LAUNCH, orders.REVERSED, Order("shuffled", 1), Order("shuffled", 2)]


@pytest.mark.parametrize("order", ORDERS, ids=[o.key for o in ORDERS])
@pytest.mark.parametrize("grid", GRIDS.values(), ids=GRIDS.keys())
def test_hook_runs_the_programs_in_the_chosen_order(record_order, grid, order):
    n = int(np.prod(grid))
    with orders.program_order(order) as seen:
        ran = record_order(grid)
    assert ran == [int(i) for i in order.permutation(n)]
    assert seen.grids == [tuple(grid) + (1,) * (3 - len(grid))]


def test_without_the_hook_programs_run_in_launch_order(record_order):
    assert record_order((2, 3, 2)) == list(range(12))


def test_orders_differ_from_each_other():
    perms = [tuple(o.permutation(12)) for o in ORDERS]
    assert len(set(perms)) == len(perms)


def test_hook_leaves_the_builder_as_it_found_it(record_order):
    from triton.runtime.interpreter import interpreter_builder

    with orders.program_order(orders.REVERSED):
        record_order((3,))
    assert not {"set_grid_dim", "set_grid_idx"} & set(vars(interpreter_builder))
    assert record_order((3,)) == [0, 1, 2]


def _fake_call(self, *args, **kwargs):  # a grid loop that no longer goes through the builder
    return None


@pytest.mark.parametrize("remove", ["interpreter_builder", "set_grid_idx", "grid_loop", "program_id"])
def test_hook_fails_loudly_when_triton_internals_are_missing(monkeypatch, remove):
    import triton
    from triton.runtime import interpreter

    if remove == "interpreter_builder":
        monkeypatch.delattr(interpreter, "interpreter_builder")
    elif remove == "set_grid_idx":
        monkeypatch.delattr(interpreter.InterpreterBuilder, "set_grid_idx")
    elif remove == "grid_loop":
        monkeypatch.setattr(interpreter.GridExecutor, "__call__", _fake_call)
    else:
        monkeypatch.setattr(interpreter.InterpreterBuilder, "create_get_program_id", _fake_call)
    with pytest.raises(OrderHookError, match=f"{orders.HOOK_FAILURE} on Triton {triton.__version__}"):
        with orders.program_order(orders.REVERSED):
            pass


def test_hook_fails_loudly_when_the_grid_is_walked_in_another_order():
    from triton.runtime.interpreter import interpreter_builder

    with pytest.raises(OrderHookError, match="the hook expects the grid walked x, y, z in nested loops"):
        with orders.program_order(orders.REVERSED):
            interpreter_builder.set_grid_dim(2, 1, 1)
            interpreter_builder.set_grid_idx(1, 0, 0)  # the second program started first


def test_hook_fails_loudly_when_nothing_ran_through_the_interpreter():
    with pytest.raises(OrderHookError, match="no launch went through the interpreter's grid loop"):
        with orders.program_order(orders.REVERSED):
            pass


def test_unknown_order_is_a_one_line_error():
    with pytest.raises(ValueError, match="unknown program order 'sideways'"):
        Order.parse("sideways")


def _order_run(loop, want, order: Order, shift: dict[int, float]):
    arrays = {name: arr.copy() for name, arr in want.inputs.items()}
    for spec in loop.writes:
        arrays[spec.name] = want.single.arrays[spec.name].copy()
        for index, delta in shift.items():
            arrays[spec.name][index] += delta
    run = CandidateRun(arrays, None, False)
    return racecheck.OrderRun(order, run, checker.compare(loop, want, run))


@pytest.mark.parametrize("shift,race", [({5: 1e-5}, False), ({5: 0.5}, True), ({5: np.nan}, True)],
                         ids=["within-tolerance", "wrong", "nan"])
def test_only_differences_the_checker_would_fail_are_a_race(shift, race):
    """Atomics make float rounding depend on the order; that alone is no race."""
    loop = catalog.get("s000")
    want = checker.expected(loop, Size(97, 17), 0)
    runs = [_order_run(loop, want, orders.LAUNCH, {}), _order_run(loop, want, orders.REVERSED, shift)]
    verdict = racecheck.judge_orders(loop, want, runs, Size(97, 17))
    if not race:
        assert verdict is None
    else:
        assert verdict.outcome is Outcome.RACE
        assert verdict.message.startswith("race at size 97x17: array a differs between launch order and reversed order at a[5]: ")
