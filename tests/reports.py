"""Test reports as the suite's processes ship them, for the reporting tests: a record per report, findings as data."""
from __future__ import annotations

import pytest

from tsvc.judge.findings import ErrorClass, Finding, TestKind

WRONG = Finding("wrong result", "array a: bad", judged=True)
NO_KERNEL = Finding(ErrorClass.MISSING, "no kernel for s000 in kernel set 'x'")


def record(kind: TestKind, loop: str, finding: Finding | None = None, sample: int = 1, **more) -> dict:
    """What reporting.collect.shipped_record ships for a test of `kind` on `loop`."""
    return {"kind": kind.value, "loop": loop, "size": "97x17", "seed": 0, "sample": sample,
            "finding": finding.to_record() if finding else None, **more}


def report(nodeid: str, outcome: str, text: str | None = None, when: str = "call") -> pytest.TestReport:
    """A report of `outcome` whose message reads `text` (a skip's in pytest's (path, line, reason) form)."""
    longrepr = ("conftest.py", 1, f"Skipped: {text}") if outcome == "skipped" and text is not None else text
    return pytest.TestReport(nodeid, (nodeid.split("::")[0], 1, nodeid), {}, outcome, longrepr, when)
