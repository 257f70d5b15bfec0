"""The checker rejects each kind of wrong kernel, and says where and by how much."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tsvc.judge import checker
from tsvc.record import catalog
from tsvc.sandbox.candidate import CandidateError, Cause, Outcome
from tsvc.record.sizes import Size

WRONG = Path(__file__).parent / "wrong_kernels"
SIZE = Size(1000, 64)

# (module, loop, outcome, fragments the message must contain)
REJECTED = [
    ("s000_skips_last", "s000", Outcome.WRONG_RESULT, ["array a: 1 of 1000 elements differ", "a[999]"]),
    ("s000_nan", "s000", Outcome.WRONG_RESULT, ["array a: 1 of 1000 elements differ", "a[500]", "got nan"]),
    ("s000_writes_input", "s000", Outcome.WRONG_RESULT, ["array b is read-only, but the kernel changed 1000 element(s)"]),
    ("s000_off_by_2e-3", "s000", Outcome.WRONG_RESULT, ["array a: 1000 of 1000 elements differ"]),
    ("s311_drops_last", "s311", Outcome.WRONG_RESULT, ["scalar result: expected"]),
    ("s311_returns_none", "s311", Outcome.WRONG_RESULT, ["returned None"]),
    ("s1119_ignores_dependence", "s1119", Outcome.WRONG_RESULT, ["array aa: 3968 of 4096 elements differ"]),
    ("s000_wrong_name", "s000", Outcome.LOAD_ERROR, ["defines no function s000_triton()"]),
    ("s000_import_error", "s000", Outcome.LOAD_ERROR, ["importing the module failed", "no_such_module"]),
    ("s000_does_not_compile", "s000", None, ["no_such_function"]),
]


@pytest.mark.parametrize("module,loop_name,outcome,fragments", REJECTED, ids=[r[0] for r in REJECTED])
def test_checker_rejects_wrong_kernel(module, loop_name, outcome, fragments, device):
    verdict = checker.check(catalog.get(loop_name), WRONG / f"{module}.py", SIZE, 0, device)
    assert not verdict.passed
    if outcome is not None:
        assert verdict.outcome is outcome, verdict.message
    else:  # the interpreter reports what a GPU compile reports as a compile error at run time
        assert verdict.outcome in (Outcome.COMPILE_ERROR, Outcome.RUNTIME_ERROR), verdict.message
    for fragment in fragments:
        assert fragment in verdict.message


def test_checker_accepts_error_within_tolerance(device):
    verdict = checker.check(catalog.get("s000"), WRONG / "s000_off_by_5e-4.py", SIZE, 0, device)
    assert verdict.passed, verdict.message
    assert 4e-4 < verdict.max_error < 6e-4


class TestCompareArray:
    """The tolerance rule, element by element, on hand-made arrays."""

    def test_small_values_are_judged_absolutely(self):
        exact = np.array([0.001, 0.5], dtype=np.float64)
        got = (exact + [9e-4, 9e-4]).astype(np.float32)
        assert checker.compare_array("a", got, exact.astype(np.float32), exact)[0] is None
        got = (exact + [0, 1.1e-3]).astype(np.float32)
        message, _ = checker.compare_array("a", got, exact.astype(np.float32), exact)
        assert "1 of 2 elements differ; worst at a[1]" in message

    def test_large_values_are_judged_relatively(self):
        exact = np.array([1e4], dtype=np.float64)
        assert checker.compare_array("a", np.array([1e4 + 9], np.float32), exact.astype(np.float32), exact)[0] is None
        assert checker.compare_array("a", np.array([1e4 + 11], np.float32), exact.astype(np.float32), exact)[0]

    def test_float32_c_error_widens_the_tolerance_only_to_twice_itself(self):
        exact = np.array([1.0], dtype=np.float64)
        single = np.array([1.01], dtype=np.float32)  # the sequential float32 loop is off by 1e-2
        assert checker.compare_array("a", np.array([0.985], np.float32), single, exact)[0] is None
        assert checker.compare_array("a", np.array([0.97], np.float32), single, exact)[0]

    def test_nan_and_inf_fail_where_the_exact_result_is_finite(self):
        exact = np.array([1.0, 2.0], dtype=np.float64)
        for bad in (np.nan, np.inf):
            got = np.array([1.0, bad], dtype=np.float32)
            assert "1 of 2 elements differ" in checker.compare_array("a", got, got, exact)[0]

    def test_2d_index_is_reported_as_row_and_column(self):
        exact = np.zeros((3, 4))
        got = np.zeros((3, 4), np.float32)
        got[2, 1] = 5
        message, _ = checker.compare_array("aa", got, exact.astype(np.float32), exact)
        assert "worst at aa[2][1]: expected 0, got 5" in message


def test_blind_configuration_is_flagged(tmp_path):
    record = {
        "name": "blind", "category": "test",
        "c": "void blind(int LEN_1D, real_t a[LEN_1D], int k)\n{\n    if (k > 0) { for (int i = 0; i < LEN_1D; i++) a[i] = 0; }\n}\n",
        "arrays": {"a": {"role": "write"}}, "scalars": {"k": {"value": "0"}},
    }
    loop = catalog.parse_record(record)
    with pytest.raises(checker.ConfigurationError, match="leaves every output unchanged"):
        checker.expected(loop, SIZE, 0)


# --- causes: the fact behind a failure travels as data from where the harness knows it (issue 17)

_S000_KERNEL = '''import torch
import triton
import triton.language as tl


@triton.jit
def s000_kernel(a_ptr, b_ptr, n, BLOCK_SIZE: tl.constexpr):
    offsets = tl.program_id(0) * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    tl.store(a_ptr + offsets, tl.load(b_ptr + offsets, mask=mask) + 1, mask=mask)


'''
_LAUNCH = "    s000_kernel[(triton.cdiv(a.numel(), 256),)](a, b, a.numel(), BLOCK_SIZE=256)\n"
# (loop, the module's text or a wrong_kernels file, outcome, cause, FailureKind value of the feedback)
CAUSED = {
    "unexpected-keyword": ("s000", _S000_KERNEL + "def s000_triton(a, b, n):\n" + _LAUNCH,
                           Outcome.RUNTIME_ERROR, Cause.SIGNATURE, "signature error"),
    "positional-only": ("s000", _S000_KERNEL + "def s000_triton(a, b, /, LEN_1D):\n" + _LAUNCH,
                        Outcome.RUNTIME_ERROR, Cause.SIGNATURE, "signature error"),
    "missing-argument": ("s000", _S000_KERNEL + "def s000_triton(a, b, LEN_1D, c):\n" + _LAUNCH,
                         Outcome.RUNTIME_ERROR, Cause.SIGNATURE, "signature error"),
    # A TypeError raised inside the kernel function, even one about calling it, is the kernel's runtime error.
    "type-error-inside": ("s000", _S000_KERNEL + "def s000_triton(a, b, LEN_1D):\n    s000_triton(a, b)\n",
                          Outcome.RUNTIME_ERROR, None, "runtime error"),
    "forged-type-error": ("s000", _S000_KERNEL + "def s000_triton(a, b, LEN_1D):\n    raise TypeError("
                          "\"s000_triton() got an unexpected keyword argument 'LEN_1D'\")\n",
                          Outcome.RUNTIME_ERROR, None, "runtime error"),
    "missing-function": ("s000", "s000_wrong_name", Outcome.LOAD_ERROR, Cause.MISSING_FUNCTION, "import error"),
    "import-error-saying-defines-no": ("s000", _S000_KERNEL + "TABLE = {'s000': 256}\n"
                                       "BLOCK = TABLE['the module defines no function s000_triton()']\n\n\n"
                                       "def s000_triton(a, b, LEN_1D):\n" + _LAUNCH,
                                       Outcome.LOAD_ERROR, None, "import error"),
    "returns-none": ("s311", "s311_returns_none", Outcome.WRONG_RESULT, Cause.RETURN, "wrong return value"),
    "returns-a-tensor": ("s311", "s311_returns_a_tensor", Outcome.WRONG_RESULT, Cause.RETURN, "wrong return value"),
    "returns-a-string": ("s311", "s311_returns_a_string", Outcome.WRONG_RESULT, Cause.RETURN, "wrong return value"),
    "wrong-sum": ("s311", "s311_drops_last", Outcome.WRONG_RESULT, None, "wrong result"),
    "returns-a-tensor-on-the-second-call": ("s311", "s311_returns_a_tensor_at_other_sizes", Outcome.WRONG_RESULT,
                                            Cause.RETURN, "wrong return value"),
}


def _module(tmp_path: Path, name: str, text: str) -> Path:
    if "\n" not in text:
        return WRONG / f"{text}.py"
    path = tmp_path / f"{name}.py"
    path.write_text(text)
    return path


@pytest.mark.parametrize("name", CAUSED)
def test_a_failure_carries_the_cause_the_harness_found_never_one_read_from_its_words(name, tmp_path, device):
    from generation.feedback import broken_rule, from_verdict

    loop_name, text, outcome, cause, kind = CAUSED[name]
    loop, path = catalog.get(loop_name), _module(tmp_path, name, text)
    verdict = checker.check(loop, path, SIZE, 0, device)
    assert (verdict.outcome, verdict.cause) == (outcome, cause), verdict.message
    assert verdict.finding().details.get("cause") == (None if cause is None else cause.value)
    failure = from_verdict(verdict, path, SIZE, loop)
    assert failure.error_class.value == kind
    assert (broken_rule(failure, loop) is not None) == (cause is not None)  # every cause here breaks a rule


def test_a_cause_goes_with_its_outcome_only():
    with pytest.raises(ValueError, match="a failure caused by 'return' is a wrong result, not a runtime error"):
        CandidateError(Outcome.RUNTIME_ERROR, "x", Cause.RETURN)


@pytest.mark.parametrize("outcome,cause", [("runtime error", "return"), ("wrong result", "no such cause"),
                                           ("crash", "order hook")], ids=["mismatched", "unknown", "crash"])
def test_a_reply_naming_a_cause_its_outcome_cannot_have_is_a_crash(outcome, cause):
    from tsvc.sandbox import runner

    error = runner.failure({"ok": False, "outcome": outcome, "message": "m", "cause": cause})
    assert (error.outcome, error.cause) == (Outcome.CRASH, None)
    assert "cannot have" in error.message


@pytest.mark.parametrize("cause", list(Cause), ids=[c.value for c in Cause])
def test_a_cause_crosses_the_wire_as_it_was_raised(cause):
    from tsvc.sandbox import runner, worker

    error = runner.failure(worker.failure_reply(CandidateError(cause.outcome, "m", cause)))
    assert (error.outcome, error.message, error.cause) == (cause.outcome, "m", cause)
