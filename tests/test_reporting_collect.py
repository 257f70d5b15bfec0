"""From test reports to loop results: findings filed by their data, crashed workers, and the summary's figures."""
from __future__ import annotations

import importlib
import json
from types import SimpleNamespace

import pytest

from reporting import collect, summary
from tests.reports import NO_KERNEL, WRONG, record, report
from tsvc.judge import checker, findings
from tsvc.record import catalog
from tsvc.sandbox.candidate import Outcome
from tsvc.judge.findings import ErrorClass, Finding, TestKind

pytest_plugins = ["pytester"]  # for the project's tests only

CORRECTNESS = "tests/test_correctness.py::test_kernel_matches_c_loop[{loop}-97x17-seed{seed}]"
SPEED = "tests/test_benchmark.py::test_triton_kernel_speed[s000-scale1]"


def _correctness(log: collect.TestLog, outcome: str, finding: Finding | None = None, text: str = "",
                 loop: str = "s000", seed: int = 0) -> None:
    nodeid = CORRECTNESS.format(loop=loop, seed=seed)
    log.add(report(nodeid, outcome, text or None), record(TestKind.CORRECTNESS, loop, finding))


# Each message reads like another class's (or like nothing): the finding alone files it.
@pytest.mark.parametrize("finding,text", [
    (Finding("wrong result", "timeout: no answer in 60 s", judged=True), "compile error: at 3:4"),
    (Finding("compile error", "wrong result: array a", judged=True), "Timeout (>60.0s) from pytest-timeout."),
    (Finding(ErrorClass.TEST_TIMEOUT, "the test ran out of time"), "wrong result: array a"),
    (Finding(ErrorClass.GENERATION, "crashed while running"), "worker 'gw1' crashed while running x"),
    (Finding(ErrorClass.HARNESS, "s000: no runnable kernel after 10 attempt(s)"), "not generated: x"),
    (Finding("timeout", "(in an earlier test of s000 in this run)"), "KeyError: 'a'"),
], ids=["wrong", "compile", "test-timeout", "generation", "harness", "timeout-earlier"])
def test_a_failure_is_filed_by_its_finding_whatever_its_message_says(finding, text):
    log = collect.TestLog()
    _correctness(log, "failed", finding, text)
    error = collect.loop_results(log)["s000"].error
    assert (error.error_class, error.message) == (finding.error, finding.message)


def test_a_reworded_message_gives_the_same_results():
    results = []
    for text in ("wrong result: array a: bad", "the kernel is wrong: timeout"):
        log = collect.TestLog()
        _correctness(log, "failed", WRONG, text)
        _correctness(log, "passed", seed=1)
        results.append(collect.loop_results(log))
    assert results[0] == results[1]


def test_a_failure_no_test_process_reported_is_a_crash_placed_by_its_node_id():
    log = collect.TestLog()
    _correctness(log, "passed", loop="s000")
    nodeid = CORRECTNESS.format(loop="s1119", seed=0)
    log.add(report(nodeid, "failed", "worker 'gw0' crashed while running " + nodeid, when="???"), None)
    result = collect.loop_results(log)["s1119"]
    assert (result.status, result.error.error_class) == ("failed", ErrorClass.NOT_RUN)
    assert result.tests == {"correctness": {"passed": 0, "failed": 1, "skipped": 0}}


def test_a_crash_after_the_tests_setup_keeps_the_setups_record():
    log = collect.TestLog()
    nodeid = CORRECTNESS.format(loop="s000", seed=0)
    log.add(report(nodeid, "passed", when="setup"), record(TestKind.CORRECTNESS, "s000"))
    log.add(report(nodeid, "failed", "worker 'gw0' crashed", when="???"), None)
    assert collect.loop_results(log)["s000"].error.error_class == ErrorClass.NOT_RUN


def test_a_loop_passes_only_when_every_correctness_test_passes():
    log = collect.TestLog()
    for seed, outcome in enumerate(("passed", "failed", "passed")):
        _correctness(log, outcome, WRONG if outcome == "failed" else None, "wrong result: array a: bad", seed=seed)
    result = collect.loop_results(log)["s000"]
    assert result.status == "failed" and result.error.message == "array a: bad"
    assert result.tests["correctness"] == {"passed": 2, "failed": 1, "skipped": 0}


@pytest.mark.parametrize("finding,status", [(NO_KERNEL, "missing"), (None, "not judged"),
                                            (Finding(ErrorClass.HARNESS, "no kernel for s000"), "not judged")],
                         ids=["missing", "other-skip", "missing-words-other-class"])
def test_a_loop_is_missing_only_when_its_skips_say_so_as_data(finding, status):
    log = collect.TestLog()
    _correctness(log, "skipped", finding, "no kernel for s000 in kernel set 'x'")
    result = collect.loop_results(log)["s000"]
    assert (result.status, result.passed) == (status, False if status == "missing" else None)


@pytest.mark.parametrize("values,expected", [([4.0, 1.0], 2.0), ([4.0, 0.0], 0.0), ([], None)],
                         ids=["plain", "a-failure-as-zero", "empty"])
def test_geomean(values, expected):
    assert summary.geomean(values) == expected


@pytest.mark.parametrize("finding,text,status", [
    (Finding("wrong result", "while timed (round 3 of 100): array a", judged=True), "implausible timing", "failed"),
    (Finding("crash", "the worker died", judged=True), "not timed: crash: the worker died", "failed"),
    (Finding(ErrorClass.HARNESS, "implausible timing: 3.10x"), "not timed: wrong result: x", "passed"),
    (Finding("timeout", "(in an earlier test of s000)"), "not timed: timeout: x", "passed"),
    (None, "not timed: the kernel fails the checker at 32000x256: wrong result: x", "passed"),
], ids=["wrong-while-timed", "crash-while-timed", "implausible", "timed-out-earlier", "crash-of-worker"])
def test_a_kernel_failing_its_check_while_timed_fails_its_loop_and_a_rejected_timing_does_not(finding, text, status):
    log = collect.TestLog()
    _correctness(log, "passed")
    log.add(report(SPEED, "passed", when="setup"), record(TestKind.TRITON_SPEED, "s000"))
    log.add(report(SPEED, "failed", text), record(TestKind.TRITON_SPEED, "s000", finding) if finding else None)
    result = collect.loop_results(log)["s000"]
    assert result.status == status
    assert result.speed_problem == (None if status == "failed" else text)


@pytest.mark.parametrize("failing,loop_status,sample_statuses", [
    (2, "passed", ["passed", "failed", "passed"]),
    (1, "failed", ["failed", "passed", "passed"]),
    (None, "passed", ["passed", "passed", "passed"]),
], ids=["s000-sample2-fails", "s000-sample1-fails", "s000-none-fails"])
def test_each_sample_has_its_own_verdict_and_the_loop_has_sample_1s(failing, loop_status, sample_statuses):
    log = collect.TestLog()
    nodeids = {}
    for sample in (1, 2, 3):
        for seed in (0, 1):
            bad = sample == failing and seed == 1
            nodeids[sample, seed] = f"{CORRECTNESS.format(loop='s000', seed=seed)[:-1]}-sample{sample}]"
            log.add(report(nodeids[sample, seed], "failed" if bad else "passed"),
                    record(TestKind.CORRECTNESS, "s000", WRONG if bad else None, sample=sample))
    result = collect.loop_results(log)["s000"]
    assert result.status == loop_status
    assert [(s.sample, s.status) for s in result.samples] == list(zip((1, 2, 3), sample_statuses))
    assert result.tests["correctness"] == ({"passed": 1, "failed": 1, "skipped": 0} if failing == 1
                                              else {"passed": 2, "failed": 0, "skipped": 0})
    bad = [s for s in result.samples if s.error]
    assert [s.error.test for s in bad] == ([nodeids[failing, 1]] if failing else [])


def test_the_shipped_sample_wins_over_the_node_id():
    log = collect.TestLog()
    log.add(report(CORRECTNESS.format(loop="s000", seed=0), "failed"),
            record(TestKind.CORRECTNESS, "s000", WRONG, sample=2))
    result = collect.loop_results(log)["s000"]
    assert result.status == "not judged"  # sample 1 never ran
    assert [(s.sample, s.status) for s in result.samples] == [(2, "failed")]


def test_a_one_sample_run_has_no_samples_field():
    log = collect.TestLog()
    _correctness(log, "passed")
    assert collect.loop_results(log)["s000"].samples is None


def _item(params: dict, kind: TestKind | None = TestKind.CORRECTNESS) -> SimpleNamespace:
    marker = SimpleNamespace(args=(kind,)) if kind else None
    return SimpleNamespace(name="test_kernel_matches_c_loop[x]", callspec=SimpleNamespace(params=params),
                           get_closest_marker=lambda name: marker if name == findings.MARKER else None)


@pytest.mark.parametrize("params,sample", [({"tsvc_sample": 3}, 3), ({}, 1)], ids=["s000-sample3", "s000-unsampled"])
def test_the_item_record_carries_the_tests_sample(params, sample):
    record_ = collect.item_record(_item({"loop": catalog.get("s000"), "seed": 0, **params}), "setup")
    assert (record_["loop"], record_["sample"]) == ("s000", sample)


@pytest.mark.parametrize("kind", [TestKind.CORRECTNESS, TestKind.TORCH_COMPILE_SPEED, None],
                         ids=["correctness", "torch-compile", "unmarked"])
def test_the_item_record_carries_the_kind_the_test_declares(kind):
    record_ = collect.item_record(_item({"loop": catalog.get("s000")}, kind), "setup")
    assert record_["kind"] == (kind or TestKind.OTHER).value


RECORDING_CONFTEST = """
import importlib
import json
import pytest
from reporting import collect

@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        with open("records.jsonl", "a") as out:
            out.write(json.dumps([item.name, collect.shipped_record(item, call, report)["finding"]]) + "\\n")
    return report
"""


def test_a_failure_is_a_test_timeout_only_when_pytest_timeout_stopped_it(pytester):
    pytester.makeconftest(RECORDING_CONFTEST)
    pytester.makepyfile(test_cases="""
        import time
        import pytest

        @pytest.mark.timeout(0.5, method="signal")
        def test_stopped():
            time.sleep(5)

        def test_says_timeout():
            pytest.fail("Timeout (>0.5s) from pytest-timeout.")

        def test_raises():
            raise KeyError("a")
    """)
    pytester.runpytest_inprocess("-p", "no:cacheprovider").assert_outcomes(failed=3)
    found = dict(json.loads(line) for line in (pytester.path / "records.jsonl").read_text().splitlines())
    assert {name: f["error"] for name, f in found.items()} == {
        "test_stopped": ErrorClass.TEST_TIMEOUT, "test_says_timeout": ErrorClass.HARNESS,
        "test_raises": ErrorClass.HARNESS}
    assert found["test_stopped"]["message"].startswith("Timeout")  # the report's text, shown as it was


@pytest.mark.parametrize("module", ["tests.test_correctness", "tests.test_benchmark"])
def test_every_test_of_the_suite_declares_its_own_kind(module):
    tests = {name: f for name, f in vars(importlib.import_module(module)).items() if name.startswith("test_")}
    kinds = {name: [m.args[0] for m in getattr(f, "pytestmark", []) if m.name == findings.MARKER]
             for name, f in tests.items()}
    assert all(len(k) == 1 and k[0] is not TestKind.OTHER for k in kinds.values()), kinds
    assert len({k[0] for k in kinds.values()}) == len(kinds)


@pytest.mark.parametrize("outcome,max_error", [("wrong result", 0.5), ("crash", float("inf"))], ids=["wrong", "crash"])
def test_a_checker_verdict_travels_as_its_outcome_message_and_error(outcome, max_error):
    verdict = checker.Verdict(Outcome(outcome), "array a: bad", max_error, {"array": "a"})
    found = verdict.finding()
    assert found == Finding(outcome, "array a: bad", judged=True, max_error=max_error, details={"array": "a"})
    assert Finding.from_record(json.loads(json.dumps(found.to_record()))) == found
