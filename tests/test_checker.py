"""The checker rejects each kind of wrong kernel, and says where and by how much."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tsvc.judge import checker
from tsvc.record import catalog
from tsvc.sandbox.candidate import Outcome
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
