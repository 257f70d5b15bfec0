"""From test reports to loop results: error classes, crashed workers, and the summary's figures."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from reporting import collect, summary
from tsvc import catalog


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


def _sampled(loop: str, seed: int, sample: int) -> str:
    return f"tests/test_correctness.py::test_kernel_matches_c_loop[{loop}-97x17-seed{seed}-sample{sample}]"


WRONG_RESULT = "AssertionError: wrong result: array a: bad\nassert False"


@pytest.mark.parametrize("failing,loop_status,sample_statuses", [
    (2, "passed", ["passed", "failed", "passed"]),
    (1, "failed", ["failed", "passed", "passed"]),
    (None, "passed", ["passed", "passed", "passed"]),
], ids=["s000-sample2-fails", "s000-sample1-fails", "s000-none-fails"])
def test_each_sample_has_its_own_verdict_and_the_loop_has_sample_1s(failing, loop_status, sample_statuses):
    log = collect.TestLog()
    for sample in (1, 2, 3):
        for seed in (0, 1):
            bad = sample == failing and seed == 1
            log.add(_report(_sampled("s000", seed, sample), "failed" if bad else "passed",
                            longrepr=WRONG_RESULT if bad else None), None)  # no properties: sample from the id
    result = collect.loop_results(log)["s000"]
    assert result["status"] == loop_status
    assert [(s["sample"], s["status"]) for s in result["samples"]] == list(zip((1, 2, 3), sample_statuses))
    assert result["tests"]["correctness"] == ({"passed": 1, "failed": 1, "skipped": 0} if failing == 1
                                              else {"passed": 2, "failed": 0, "skipped": 0})
    bad = [s for s in result["samples"] if s["error"]]
    assert [s["error"]["test"] for s in bad] == ([_sampled("s000", 1, failing)] if failing else [])


def test_the_shipped_sample_wins_over_the_node_id():
    log = collect.TestLog()
    nodeid = "tests/test_correctness.py::test_kernel_matches_c_loop[s000-97x17-seed0]"
    log.add(_report(nodeid, "failed", longrepr=WRONG_RESULT), {"test": "test_kernel_matches_c_loop", "loop": "s000",
                                                               "size": "97x17", "seed": 0, "sample": 2})
    result = collect.loop_results(log)["s000"]
    assert result["status"] == "not judged"  # sample 1 never ran
    assert [(s["sample"], s["status"]) for s in result["samples"]] == [(2, "failed")]


def test_a_one_sample_run_has_no_samples_field():
    log = collect.TestLog()
    log.add(_report("tests/test_correctness.py::test_kernel_matches_c_loop[s000-97x17-seed0]", "passed"), None)
    assert "samples" not in collect.loop_results(log)["s000"]


@pytest.mark.parametrize("params,sample", [({"tsvc_sample": 3}, 3), ({}, 1)], ids=["s000-sample3", "s000-unsampled"])
def test_the_item_record_carries_the_tests_sample(params, sample):
    item = SimpleNamespace(name="test_kernel_matches_c_loop[x]", originalname="test_kernel_matches_c_loop",
                           callspec=SimpleNamespace(params={"loop": catalog.get("s000"), "seed": 0, **params}))
    record = collect.item_record(item, "setup")
    assert (record["loop"], record["sample"]) == ("s000", sample)
