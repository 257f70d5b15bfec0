"""results.json's records: written and read in one place, the same after a round trip, refused at another schema."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from reporting import render
from reporting import results as R
from reporting.schema import LoopError, LoopResult, SampleVerdict, Session
from tests.project import ROOT
from tsvc.cli import main as tsvc

EXAMPLE = ROOT / "benchmarks" / "results" / "h100-2026-11-25" / "results.json"
SESSION = {"kernel_set": {"name": "x", "path": "/nowhere", "metadata": {}}, "model": None, "provider": None,
           "prompt": {"analysis": None, "prompt_sha256": [], "max_attempts": None, "reset_after": None},
           "machine": {"device": "cpu", "timings": False}, "run": {"started": "a", "finished": "b", "tests": {}}}


def _results() -> R.Results:
    verdict = {"status": "failed", "passed": False, "error": LoopError("wrong result", "array a: bad", "t[s000]"),
               "tests": {"correctness": {"passed": 1, "failed": 1, "skipped": 0}}, "benchmark": None,
               "speed_problem": None}
    sampled = LoopResult(loop="s000", category="linear dependence testing", **verdict,
                         samples=[SampleVerdict(sample=1, **verdict), SampleVerdict(sample=2, **{**verdict,
                                  "status": "passed", "passed": True, "error": None})],
                         generation={"attempts": 2})
    plain = LoopResult(loop="s111", category=None, status="missing", passed=False,
                       error=LoopError("missing", "no kernel for s111", "t[s111]"), tests={}, benchmark=None,
                       speed_problem=None, c_benchmark={"size": "97x17", "median": 1e-5, "iqr": 1e-8})
    return R.Results(Session.from_json(SESSION), {"s000": sampled, "s111": plain})


def test_results_round_trip_through_the_file(tmp_path):
    results = _results()
    assert R.load(R.write(results, tmp_path)) == results
    assert R.Results.from_json(json.loads((tmp_path / R.FILENAME).read_text())).to_json() == results.to_json()


def test_the_file_keeps_the_keys_users_read(tmp_path):
    data = json.loads(R.write(_results(), tmp_path).read_text())
    assert data["schema"] == R.SCHEMA and data["loops"]["s000"]["error"] == {
        "class": "wrong result", "message": "array a: bad", "test": "t[s000]"}
    assert list(data["loops"]["s111"]) == ["loop", "category", "status", "passed", "error", "tests", "benchmark",
                                           "c_benchmark", "baselines", "speed_problem", "generation"]
    assert [s["sample"] for s in data["loops"]["s000"]["samples"]] == [1, 2]


@pytest.mark.parametrize("schema", [R.SCHEMA + 1, 0, None], ids=["newer", "older", "none"])
def test_another_schema_is_a_one_line_error(tmp_path, schema, capsys):
    data = _results().to_json()
    data["schema"] = schema
    (tmp_path / R.FILENAME).write_text(json.dumps(data))
    with pytest.raises(R.ResultsError, match=f"schema {schema}; this tsvc reads schema {R.SCHEMA}"):
        R.load(tmp_path)
    assert tsvc(["report", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and f"reads schema {R.SCHEMA}" in err


@pytest.mark.parametrize("breakage", ["no-session", "bad-status", "no-error-class"])
def test_a_broken_file_of_this_schema_is_a_one_line_error(tmp_path, breakage):
    data = _results().to_json()
    if breakage == "no-session":
        del data["session"]
    elif breakage == "bad-status":
        data["loops"]["s000"]["status"] = "fine"
    else:
        del data["loops"]["s000"]["error"]["class"]
    (tmp_path / R.FILENAME).write_text(json.dumps(data))
    with pytest.raises(R.ResultsError, match="not a valid results.json"):
        R.load(tmp_path)


def test_the_committed_h100_results_read_and_render(tmp_path):
    results = R.load(EXAMPLE)
    assert len(results.loops) == 151 and results.session.merged
    assert render.report(results, tmp_path, draw=False).read_text().startswith("# TSVC Triton report")


def test_a_reworded_failure_message_leaves_the_report_unchanged(tmp_path: Path):
    """The report is a function of the records: the message text of a test never reaches a decision."""
    from reporting import collect
    from tests.reports import WRONG, record, report
    from tsvc.judge.findings import TestKind

    texts = []
    for i, text in enumerate(("wrong result: array a: bad", "missing: no kernel (a harness's words)")):
        log = collect.TestLog()
        nodeid = "tests/test_correctness.py::test_kernel_matches_c_loop[s000-97x17-seed0]"
        log.add(report(nodeid, "failed", text), record(TestKind.CORRECTNESS, "s000", WRONG))
        results = R.Results(Session.from_json(SESSION), collect.loop_results(log))
        texts.append(render.report(results, tmp_path / str(i), draw=False).read_text())
    assert texts[0] == texts[1] and "| s000 | linear dependence testing | wrong result |" in texts[0]
