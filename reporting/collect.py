"""From pytest's test reports to one result per loop.

A test is identified by its node id; the loop, size, seed and sample come
from the item where it ran (shipped in the report's user_properties, which
xdist carries to the controller) or, for a report made without the item (a
crashed worker), from the node id's parameter id. Per-loop results are small
functions of the tests' records. With --samples K > 1 a loop's tests are
judged per sample, so one failing sample does not fail the others; the loop's
own verdict (the one every pass-rate figure counts) is sample 1's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from generation.plugin import sample_of
from generation.samples import sample_from_nodeid
from tsvc import catalog
from tsvc.candidate import Outcome

# What a test is, by its function name; anything else is "other" and is only counted.
KINDS = {
    "test_kernel_matches_c_loop": "correctness",
    "test_triton_kernel_speed": "triton_speed",
    "test_c_loop_speed": "c_speed",
}

# Error classes beyond the checker's closed set of outcomes.
TEST_TIMEOUT = "test timeout"
GENERATION = "generation failed"
NOT_RUN = "crash"  # the worker running the test died
OTHER = "harness error"

# Benchmark figures kept per loop (tsvc.benchmark.Metrics.to_dict, less the session's calibration).
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
    record = {"test": getattr(item, "originalname", item.name), "loop": loop.name if loop else None,
              "size": getattr(size, "label", None), "seed": seed, "sample": sample_of(item)}
    if call_when == "call":
        fixture = getattr(item, "funcargs", {}).get("benchmark")
        stats = getattr(fixture, "stats", None)
        if stats is not None and not getattr(fixture, "has_error", False):
            s = stats.stats
            record["benchmark"] = {"extra_info": dict(fixture.extra_info),
                                   "stats": {"median": s.median, "iqr": s.iqr, "min": s.min, "rounds": s.rounds}}
    return record


_PARAM_ID = re.compile(r"\[([^\]-]+)")


def loop_from_nodeid(nodeid: str) -> str | None:
    """`tests/test_x.py::test_y[s000-97x17-seed0]` -> `s000` when that is a catalogue loop."""
    match = _PARAM_ID.search(nodeid)
    return match.group(1) if match and match.group(1) in catalog.catalog() else None


def test_name_from_nodeid(nodeid: str) -> str:
    return nodeid.split("::")[-1].split("[")[0]


def report_message(report: pytest.TestReport) -> str:
    """The failure's or skip's one-paragraph reason."""
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:  # a skip: (path, line, reason)
        return str(longrepr[2]).removeprefix("Skipped: ")
    crash = getattr(longrepr, "reprcrash", None)
    text = crash.message if crash is not None else str(longrepr or "")
    text = text.removeprefix("AssertionError: ").removeprefix("Failed: ")
    return text.split("\nassert ")[0].strip()


_OUTCOMES = sorted((o.value for o in Outcome if o is not Outcome.PASSED), key=len, reverse=True)
_GENERATION = re.compile(r"no runnable kernel after|not generated:|^generating \S+ raised")
_MISSING = re.compile(r"^no kernel for|^no usable kernel|not generated:")
# A Triton speed test's verdict on the kernel: it failed the checker at the benchmark size, or failed while timed
# (a wrong result on a timed round, a crash, a timeout); either way the message goes on with the checker's outcome.
_NOT_TIMED = re.compile(r"^not timed: (?:the kernel fails the checker at \S+(?: \(it passed in the baseline\))?: )?"
                        r"(?=(?:" + "|".join(re.escape(v) for v in _OUTCOMES) + r"): )")


def classify(message: str) -> tuple[str, str]:
    """(error class, message) of a failed test; the class is the checker's outcome where it gave one."""
    text = _NOT_TIMED.sub("", message)
    for value in _OUTCOMES:
        if text.startswith(value + ": "):
            return value, text[len(value) + 2:]
    if text.startswith("Timeout"):
        return TEST_TIMEOUT, text
    if "crashed while running" in text:
        return NOT_RUN, text
    if _GENERATION.search(text):
        return GENERATION, text
    return OTHER, text


@dataclass
class TestRecord:
    """One test's outcome, assembled from its setup, call and teardown reports."""

    nodeid: str
    test: str
    loop: str | None
    size: str | None = None
    seed: int | None = None
    sample: int = 1  # which of the loop's --samples generation chains the kernel came from
    outcome: str = "passed"  # passed, failed, skipped
    message: str = ""
    duration: float = 0.0
    benchmark: dict | None = None

    @property
    def kind(self) -> str:
        return KINDS.get(self.test, "other")

    def to_dict(self) -> dict:
        out = {k: getattr(self, k) for k in ("nodeid", "test", "loop", "size", "seed", "sample", "outcome",
                                                "message")}
        out.update(kind=self.kind, duration=round(self.duration, 3))
        return out


@dataclass
class TestLog:
    """Every report the session saw, by node id (the controller's view under xdist)."""

    records: dict[str, TestRecord] = field(default_factory=dict)

    def add(self, report: pytest.TestReport, shipped: dict | None) -> None:
        rec = self.records.get(report.nodeid)
        if rec is None:
            shipped = shipped or {}
            rec = TestRecord(report.nodeid, shipped.get("test") or test_name_from_nodeid(report.nodeid),
                             shipped.get("loop") or loop_from_nodeid(report.nodeid), shipped.get("size"),
                             shipped.get("seed"), shipped.get("sample") or sample_from_nodeid(report.nodeid))
            self.records[report.nodeid] = rec
        rec.duration += getattr(report, "duration", 0.0) or 0.0
        if shipped and shipped.get("benchmark"):
            rec.benchmark = shipped["benchmark"]
        if report.when == "teardown" and rec.outcome != "passed":
            return  # the test's own outcome stands; a teardown failure after it is not the kernel's
        if report.failed:
            rec.outcome, rec.message = "failed", report_message(report)
        elif report.skipped and rec.outcome == "passed":
            rec.outcome, rec.message = "skipped", report_message(report)


def _is_missing(message: str) -> bool:
    """A skip because the set has no kernel for the loop (and none could be generated)."""
    return bool(_MISSING.search(message))


def verdict(tests: list[TestRecord]) -> dict:
    """The verdict on one kernel from its tests: status, passed, error, test counts, its Triton benchmark."""
    judging = [t for t in tests if t.kind == "correctness"]
    speed = [t for t in tests if t.kind == "triton_speed"]
    # a speed test that failed because the kernel failed the checker is a verdict as well
    failures = [t for t in judging if t.outcome == "failed"]
    failures += [t for t in speed if t.outcome == "failed" and _NOT_TIMED.match(t.message)]
    verdicts = [t for t in judging if t.outcome == "passed"] + [t for t in speed if t.outcome == "passed"]
    skips = [t for t in judging + speed if t.outcome == "skipped"]
    if failures:
        status = "failed"
    elif verdicts:
        status = "passed"
    elif skips and all(_is_missing(t.message) for t in skips):
        status = "missing"
    else:
        status = "not judged"
    error = None
    if failures:
        error_class, message = classify(failures[0].message)
        error = {"class": error_class, "message": message, "test": failures[0].nodeid}
    elif status == "missing":
        error = {"class": "missing", "message": skips[0].message, "test": skips[0].nodeid}
    return {
        "status": status,
        "passed": {"passed": True, "failed": False, "missing": False}.get(status),
        "error": error,
        "tests": _counts(tests),
        "benchmark": _benchmark(speed),
        "speed_problem": next((t.message for t in speed if t.outcome == "failed" and not _NOT_TIMED.match(t.message)),
                              None),
    }


def loop_result(name: str, tests: list[TestRecord]) -> dict:
    """One loop's result from its tests (see results.py for the fields): sample 1's verdict, and each sample's."""
    tests = sorted(tests, key=lambda t: t.nodeid)
    by_sample: dict[int, list[TestRecord]] = {}
    for t in tests:
        by_sample.setdefault(t.sample, []).append(t)
    own = verdict(by_sample.get(1, []))
    loop = catalog.catalog().get(name)
    result = {
        "loop": name,
        "category": loop.category if loop else None,
        **{k: own[k] for k in ("status", "passed", "error", "tests", "benchmark")},
        "c_benchmark": _c_benchmark([t for t in tests if t.kind == "c_speed"]),
        "baselines": _baselines(tests),
        "speed_problem": own["speed_problem"],
    }
    if set(by_sample) != {1}:  # --samples K > 1: every sample's own verdict (a K = 1 run's results keep their form)
        result["samples"] = [{"sample": k, **verdict(by_sample[k])} for k in sorted(by_sample)]
    return result


def _counts(tests: list[TestRecord]) -> dict:
    out: dict[str, dict[str, int]] = {}
    for t in tests:
        kind = out.setdefault(t.kind, {"passed": 0, "failed": 0, "skipped": 0})
        kind[t.outcome] += 1
    return out


def _benchmark(speed: list[TestRecord]) -> dict | None:
    measured = [t for t in speed if t.benchmark and t.benchmark["extra_info"].get("implementation") == "triton"]
    if not measured:
        return None
    info = measured[0].benchmark["extra_info"]
    return {k: info.get(k) for k in BENCHMARK_FIELDS}


def _c_benchmark(c_tests: list[TestRecord]) -> dict | None:
    measured = [t for t in c_tests if t.benchmark]
    if not measured:
        return None
    b = measured[0].benchmark
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
            out.setdefault(info["implementation"], baseline_entry(info, t.benchmark["stats"]))
    return out or None


def calibration(log: TestLog) -> dict | None:
    """The device calibration the Triton benchmarks were measured against, if any ran."""
    for rec in log.records.values():
        if rec.benchmark and rec.benchmark["extra_info"].get("calibration"):
            return rec.benchmark["extra_info"]["calibration"]
    return None


def loop_results(log: TestLog) -> dict[str, dict]:
    by_loop: dict[str, list[TestRecord]] = {}
    for rec in log.records.values():
        if rec.loop is not None:
            by_loop.setdefault(rec.loop, []).append(rec)
    order = list(catalog.catalog())
    return {name: loop_result(name, by_loop[name])
            for name in sorted(by_loop, key=lambda n: order.index(n) if n in order else len(order))}
