"""From pytest's test reports to one result per loop.

A test is identified by its node id; its kind, loop, size, seed and sample,
and the finding of a failure or skip (tsvc.judge.findings), come from the process
where it ran, shipped in each of its reports' user_properties (which xdist
carries to the controller). Nothing here reads a message's words: a report
no test process made (a worker that died) is a crash, placed by its node id's
loop. Per-loop results are small functions of the tests' records. With
--samples K > 1 a loop's tests are judged per sample, so one failing sample
does not fail the others; the loop's own verdict (the one every pass-rate
figure counts) is sample 1's.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field

import pytest

from generation.plugin import sample_of
from generation.samples import sample_from_nodeid
from reporting.schema import LoopError, LoopResult, SampleVerdict
from tsvc.record import catalog
from tsvc.judge.findings import ErrorClass, Finding, TestKind, kind_of, of_exception

# Benchmark figures kept per loop (tsvc.speed.benchmark.Metrics.to_dict, less the session's calibration).
BENCHMARK_FIELDS = ("size", "c_time", "device_time", "wall_time", "graph_time", "device_iqr", "wall_iqr",
                    "bytes_moved", "speedup_device", "speedup_wall", "speedup_graph", "bandwidth",
                    "efficiency", "floor_multiple", "implausible", "graph_error",
                    # against every baseline (issue 19) and the loop's physical limit (issue 18)
                    "baseline_times", "speedups", "limit_time", "limit_speedup", "limit_fraction",
                    "latency_limit_time", "limit_bound", "chain_steps")
# Kept per baseline benchmark (C one thread, C OpenMP, PyTorch eager, torch.compile) beside its statistics.
BASELINE_FIELDS = ("size", "flags", "openmp", "threads", "compile_seconds", "timer")


def item_record(item: pytest.Item, call_when: str) -> dict:
    """What the process that ran the test knows about it; JSON-able."""
    params = getattr(getattr(item, "callspec", None), "params", {})
    loop = next((v for v in params.values() if isinstance(v, catalog.Loop)), None)
    size, seed = params.get("size"), params.get("seed")
    record = {"kind": kind_of(item).value, "loop": loop.name if loop else None,
              "size": getattr(size, "label", None), "seed": seed, "sample": sample_of(item)}
    if call_when == "call":
        fixture = getattr(item, "funcargs", {}).get("benchmark")
        stats = getattr(fixture, "stats", None)
        if stats is not None and not getattr(fixture, "has_error", False):
            assert fixture is not None  # it has stats
            s = stats.stats
            record["benchmark"] = {"extra_info": dict(fixture.extra_info),
                                   "stats": {"median": s.median, "iqr": s.iqr, "min": s.min, "rounds": s.rounds}}
    return record


def shipped_record(item: pytest.Item, call: pytest.CallInfo, report: pytest.TestReport) -> dict:
    """item_record, with the finding of a failure or skip: as its raiser gave it, else what it is known to be."""
    record = item_record(item, report.when)
    found = of_exception(call.excinfo.value if call.excinfo else None)
    if found is None and report.failed:
        error = ErrorClass.TEST_TIMEOUT if _raised_by_pytest_timeout(call.excinfo) else ErrorClass.HARNESS
        found = Finding(error, report_message(report))
    record["finding"] = found.to_record() if found else None
    return record


def _raised_by_pytest_timeout(excinfo: pytest.ExceptionInfo | None) -> bool:
    """Whether pytest-timeout's signal handler stopped the test (its thread method ends the process instead)."""
    handler = getattr(sys.modules.get("pytest_timeout"), "timeout_sigalrm", None)
    code = getattr(handler, "__code__", None)
    return excinfo is not None and code is not None and any(e.frame.code.raw is code for e in excinfo.traceback)


_PARAM_ID = re.compile(r"\[([^\]-]+)")


def loop_from_nodeid(nodeid: str) -> str | None:
    """`tests/test_x.py::test_y[s000-97x17-seed0]` -> `s000` when that is a catalogue loop.

    Only for a report no test process made (a worker that crashed before its
    test's first report): test ids begin with the loop's name (tests/cases.py).
    """
    match = _PARAM_ID.search(nodeid)
    return match.group(1) if match and match.group(1) in catalog.catalog() else None


def report_message(report: pytest.TestReport) -> str:
    """The failure's or skip's one-paragraph reason, for showing (never for filing)."""
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:  # a skip: (path, line, reason)
        return str(longrepr[2]).removeprefix("Skipped: ")
    crash = getattr(longrepr, "reprcrash", None)
    text = crash.message if crash is not None else str(longrepr or "")
    text = text.removeprefix("AssertionError: ").removeprefix("Failed: ")
    return text.split("\nassert ")[0].strip()


@dataclass
class TestRecord:
    """One test's outcome, assembled from its setup, call and teardown reports."""

    __test__ = False  # not a test class, whatever pytest makes of its name

    nodeid: str
    kind: TestKind
    loop: str | None
    size: str | None = None
    seed: int | None = None
    sample: int = 1  # which of the loop's --samples generation chains the kernel came from
    outcome: str = "passed"  # passed, failed, skipped
    message: str = ""  # the report's text, shown as a speed problem
    finding: Finding | None = None  # what the failure or skip means; None: passed, or a crash
    duration: float = 0.0
    benchmark: dict | None = None

    @property
    def judged(self) -> bool:
        """Whether the test's own check of the kernel failed it (a verdict, not a measurement problem)."""
        return self.outcome == "failed" and self.finding is not None and self.finding.judged

    @property
    def missing(self) -> bool:
        """A skip because the set has no kernel for the loop (and none could be had)."""
        return self.outcome == "skipped" and self.finding is not None and self.finding.error == ErrorClass.MISSING

    def error(self) -> LoopError:
        """The failure's class and message; a failure no test process reported is a crashed worker's."""
        found = self.finding or Finding(ErrorClass.NOT_RUN, self.message)
        return LoopError(str(found.error), found.message, self.nodeid)


@dataclass
class TestLog:
    """Every report the session saw, by node id (the controller's view under xdist)."""

    records: dict[str, TestRecord] = field(default_factory=dict)

    def add(self, report: pytest.TestReport, shipped: dict | None) -> None:
        rec = self.records.get(report.nodeid) or self._new(report.nodeid, shipped)
        self.records[report.nodeid] = rec
        rec.duration += getattr(report, "duration", 0.0) or 0.0
        if shipped and shipped.get("benchmark"):
            rec.benchmark = shipped["benchmark"]
        if report.when == "teardown" and rec.outcome != "passed":
            return  # the test's own outcome stands; a teardown failure after it is not the kernel's
        if report.failed or (report.skipped and rec.outcome == "passed"):
            found = (shipped or {}).get("finding")
            rec.outcome, rec.message = report.outcome, report_message(report)
            rec.finding = Finding.from_record(found) if found else None

    def _new(self, nodeid: str, shipped: dict | None) -> TestRecord:
        if shipped:
            return TestRecord(nodeid, TestKind(shipped["kind"]), shipped.get("loop"), shipped.get("size"),
                              shipped.get("seed"), shipped.get("sample") or 1)
        # no test process reported it (its worker died first): its loop from its id, and its kind from the
        # tests of the same function that did report
        function = nodeid.partition("[")[0]
        kind = next((r.kind for r in self.records.values() if r.nodeid.partition("[")[0] == function),
                    TestKind.OTHER)
        return TestRecord(nodeid, kind, loop_from_nodeid(nodeid), sample=sample_from_nodeid(nodeid))


def verdict(tests: list[TestRecord]) -> dict:  # the fields of a schema.KernelVerdict
    """The verdict on one kernel from its tests: status, passed, error, test counts, its Triton benchmark."""
    judging = [t for t in tests if t.kind is TestKind.CORRECTNESS]
    speed = [t for t in tests if t.kind is TestKind.TRITON_SPEED]
    # a speed test that failed because the kernel failed the checker is a verdict as well
    failures = [t for t in judging if t.outcome == "failed"] + [t for t in speed if t.judged]
    verdicts = [t for t in judging + speed if t.outcome == "passed"]
    skips = [t for t in judging + speed if t.outcome == "skipped"]
    if failures:
        status = "failed"
    elif verdicts:
        status = "passed"
    elif skips and all(t.missing for t in skips):
        status = "missing"
    else:
        status = "not judged"
    error = None
    if failures:
        error = failures[0].error()
    elif status == "missing":
        finding = skips[0].finding
        assert finding is not None  # a missing loop's skips say so in their finding
        error = LoopError(str(ErrorClass.MISSING), finding.message, skips[0].nodeid)
    return {
        "status": status,
        "passed": {"passed": True, "failed": False, "missing": False}.get(status),
        "error": error,
        "tests": _counts(tests),
        "benchmark": _benchmark(speed),
        "speed_problem": next((t.message for t in speed if t.outcome == "failed" and not t.judged), None),
    }


def loop_result(name: str, tests: list[TestRecord]) -> LoopResult:
    """One loop's result from its tests: sample 1's verdict, and each sample's."""
    tests = sorted(tests, key=lambda t: t.nodeid)
    by_sample: dict[int, list[TestRecord]] = {}
    for t in tests:
        by_sample.setdefault(t.sample, []).append(t)
    own = verdict(by_sample.get(1, []))
    loop = catalog.catalog().get(name)
    result = LoopResult(loop=name, category=loop.category if loop else None, **own,
                        c_benchmark=_c_benchmark([t for t in tests if t.kind is TestKind.C_SPEED]),
                        baselines=_baselines(tests))
    if set(by_sample) != {1}:  # --samples K > 1: every sample's own verdict (a K = 1 run's results keep their form)
        result.samples = [SampleVerdict(sample=k, **verdict(by_sample[k])) for k in sorted(by_sample)]
    return result


def _counts(tests: list[TestRecord]) -> dict:
    out: dict[str, dict[str, int]] = {}
    for t in tests:
        kind = out.setdefault(t.kind.value, {"passed": 0, "failed": 0, "skipped": 0})
        kind[t.outcome] += 1
    return out


def _benchmark(speed: list[TestRecord]) -> dict | None:
    measured = [t.benchmark for t in speed
                if t.benchmark and t.benchmark["extra_info"].get("implementation") == "triton"]
    if not measured:
        return None
    info = measured[0]["extra_info"]
    return {k: info.get(k) for k in BENCHMARK_FIELDS}


def _c_benchmark(c_tests: list[TestRecord]) -> dict | None:
    measured = [t.benchmark for t in c_tests if t.benchmark]
    if not measured:
        return None
    b = measured[0]
    return {"size": b["extra_info"].get("size"), "median": b["stats"]["median"], "iqr": b["stats"]["iqr"]}


def baseline_entry(extra_info: dict, stats: dict) -> dict:
    """One baseline benchmark as results.json keeps it: its median and spread, and what ran."""
    out = {k: extra_info[k] for k in BASELINE_FIELDS if k in extra_info}
    out.update(median=stats.get("median"), iqr=stats.get("iqr"), rounds=stats.get("rounds"))
    return out


def _baselines(tests: list[TestRecord]) -> dict[str, dict] | None:
    """implementation -> its benchmark, for every benchmark of the loop other than the Triton kernel's."""
    out: dict[str, dict] = {}
    for t in tests:  # told apart by extra_info, whatever the test is called
        info = t.benchmark["extra_info"] if t.benchmark else {}
        if info.get("implementation") not in (None, "triton"):
            assert t.benchmark  # info is its extra_info
            out.setdefault(info["implementation"], baseline_entry(info, t.benchmark["stats"]))
    return out or None


def calibration(log: TestLog) -> dict | None:
    """The device calibration the Triton benchmarks were measured against, if any ran."""
    for rec in log.records.values():
        if rec.benchmark and rec.benchmark["extra_info"].get("calibration"):
            return rec.benchmark["extra_info"]["calibration"]
    return None


def loop_results(log: TestLog) -> dict[str, LoopResult]:
    by_loop: dict[str, list[TestRecord]] = {}
    for rec in log.records.values():
        if rec.loop is not None:
            by_loop.setdefault(rec.loop, []).append(rec)
    order = list(catalog.catalog())
    return {name: loop_result(name, by_loop[name])
            for name in sorted(by_loop, key=lambda n: order.index(n) if n in order else len(order))}
