"""From test reports to loop results: error classes, crashed workers, and the summary's figures."""
from __future__ import annotations

import pytest

from reporting import collect, summary


@pytest.mark.parametrize("message,error_class", [
    ("wrong result: array a: 1 of 97 elements differ", "wrong result"),
    ("compile error: at 3:4: unsupported", "compile error"),
    ("not timed: the kernel fails the checker at 32000x256: timeout: no answer in 60 s", "timeout"),
    ("not timed: the kernel fails the checker at 32000x256 (it passed in the baseline): crash: signal 11", "crash"),
    ("not timed: wrong result: while timed (round 3 of 100): array a: 5 of 97 elements differ", "wrong result"),
    ("Timeout (>60.0s) from pytest-timeout.", collect.TEST_TIMEOUT),
    ("s000: no runnable kernel after 10 attempt(s) (attempts exhausted); last error: ...", collect.GENERATION),
    ("worker 'gw1' crashed while running 'tests/test_correctness.py::x[s000-97x17-seed0]'", collect.NOT_RUN),
    ("KeyError: 'a'", collect.OTHER),
], ids=["wrong", "compile", "not-timed", "not-timed-baseline", "wrong-while-timed", "test-timeout", "generation", "crash", "other"])
def test_error_class_of_a_failure_message(message, error_class):
    assert collect.classify(message)[0] == error_class


def _report(nodeid: str, outcome: str, when: str = "call", longrepr=None) -> pytest.TestReport:
    return pytest.TestReport(nodeid, ("tests/test_correctness.py", 10, nodeid), {}, outcome, longrepr, when)


def test_a_report_without_properties_is_placed_by_its_node_id():
    log = collect.TestLog()
    nodeid = "tests/test_correctness.py::test_kernel_matches_c_loop[s1119-97x17-seed0]"
    log.add(_report(nodeid, "failed", longrepr="worker 'gw0' crashed while running " + nodeid), None)
    result = collect.loop_results(log)["s1119"]
    assert (result["status"], result["error"]["class"]) == ("failed", collect.NOT_RUN)


def test_a_loop_passes_only_when_every_correctness_test_passes():
    log = collect.TestLog()
    for i, outcome in enumerate(("passed", "failed", "passed")):
        log.add(_report(f"tests/test_correctness.py::test_kernel_matches_c_loop[s000-97x17-seed{i}]", outcome,
                        longrepr="AssertionError: wrong result: array a: bad\nassert False" if outcome == "failed"
                        else None), None)
    result = collect.loop_results(log)["s000"]
    assert result["status"] == "failed" and result["error"]["message"] == "array a: bad"
    assert result["tests"]["correctness"] == {"passed": 2, "failed": 1, "skipped": 0}


def test_a_loop_with_no_kernel_is_missing_and_counts_against_the_pass_rate():
    log = collect.TestLog()
    log.add(_report("tests/test_correctness.py::test_kernel_matches_c_loop[s000-97x17-seed0]", "skipped",
                    longrepr=("conftest.py", 71, "Skipped: no kernel for s000 in kernel set 'x'")), None)
    result = collect.loop_results(log)["s000"]
    assert (result["status"], result["passed"]) == ("missing", False)


@pytest.mark.parametrize("values,expected", [([4.0, 1.0], 2.0), ([4.0, 0.0], 0.0), ([], None)],
                         ids=["plain", "a-failure-as-zero", "empty"])
def test_geomean(values, expected):
    assert summary.geomean(values) == expected


SPEED = "tests/test_benchmark.py::test_triton_kernel_speed[s000-scale1]"


@pytest.mark.parametrize("message,status", [
    ("not timed: wrong result: while timed (round 3 of 100): array a: 5 of 97 elements differ", "failed"),
    ("not timed: crash: the worker died", "failed"),
    ("not timed: the kernel fails the checker at 32000x256: timeout: no answer in 60 s", "failed"),
    ("implausible timing: 3.10x the device's copy bandwidth", "passed"),
    ("not timed: the PyTorch baseline fails the checker at 32000x256: wrong result: x", "passed"),
], ids=["wrong-while-timed", "crash-while-timed", "fails-checker", "implausible", "not-an-outcome"])
def test_a_kernel_failing_while_timed_fails_its_loop_and_a_rejected_timing_does_not(message, status):
    log = collect.TestLog()
    log.add(_report("tests/test_correctness.py::test_kernel_matches_c_loop[s000-97x17-seed0]", "passed"), None)
    log.add(_report(SPEED, "failed", longrepr=message), None)
    result = collect.loop_results(log)["s000"]
    assert result["status"] == status
    assert (result["speed_problem"] is None) == (status == "failed")
