"""pytest glue for the benchmark half: xdist aggregation and per-test regressions (the scale is tsvc.plugin.suite's).

pytest-benchmark disables itself under xdist and loses the workers' results,
and its --benchmark-compare-fail only raises once the session is over. Here:
* each xdist worker keeps benchmarking, and every finished benchmark travels to
  the controller inside its own test report (tsvc.plugin.xdist), so a worker that
  crashes later loses nothing already measured; the controller writes one
  --benchmark-json in pytest-benchmark's own format;
* a baseline given with --benchmark-compare (a file path or a storage id) is
  checked inside each benchmark test against --benchmark-compare-fail, so every
  regressed loop is a FAILED test with its figures in the message.
What this touches of pytest-benchmark is in tsvc.plugin.benchadapter.
"""
from __future__ import annotations

import json
import os
from collections.abc import Generator
from datetime import datetime, timezone
from typing import Any

import pytest

from tsvc.plugin import benchadapter, xdist

_CHANNEL = xdist.Channel("tsvc_benchmark")
Entry = dict[str, Any]  # one benchmark, as pytest-benchmark writes it in its JSON
_COLLECTED = pytest.StashKey[list[Entry]]()
_BASELINE = pytest.StashKey[dict[str, Entry]]()
_CHECKS = pytest.StashKey[list[Any]]()


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    """Not in pytest_configure: pytest-benchmark makes its session in a trylast configure of its own,
    and whether that runs before ours hangs on the order the plugins were installed in."""
    bench = benchadapter.session(session.config)
    if bench is not None:
        _take_over(session.config, bench)


def _take_over(config: pytest.Config, bench: Any) -> None:
    benchadapter.check_version(benchadapter.version())
    where = xdist.role(config)
    wanted = not config.getoption("benchmark_disable") or config.getoption("benchmark_enable")
    if where is xdist.Role.WORKER and wanted and not bench.skip:
        benchadapter.measure_here(bench)
    if where is not xdist.Role.ALONE:
        benchadapter.silence_xdist_warning(bench)
    if where is xdist.Role.CONTROLLER:
        collected: list[Entry] = []
        config.stash[_COLLECTED] = collected

        def receive(report: pytest.TestReport, entry: Entry | None) -> None:
            if entry is not None:
                collected.append(entry)

        xdist.gather(config, _CHANNEL, receive)
    if bench.compare:
        compare, checks = benchadapter.take_comparison(bench)
        config.stash[_BASELINE] = benchadapter.load_baseline(bench, compare)
        config.stash[_CHECKS] = checks


def regressions(config: pytest.Config, fullname: str, stats: dict[str, Any]) -> list[str]:
    """Failures of --benchmark-compare-fail for one benchmark against the baseline."""
    baseline = baseline_entry(config, fullname)
    if baseline is None:
        return []
    checks: list[Any] = config.stash.get(_CHECKS, [])
    return benchadapter.failed_checks(checks, stats, baseline["stats"])


def baseline_entry(config: pytest.Config, fullname: str) -> Entry | None:
    baseline: dict[str, Entry] = config.stash.get(_BASELINE, {})
    return baseline.get(fullname)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.when != "call" or xdist.role(item.config) is not xdist.Role.WORKER:
        return report
    entry = benchadapter.finished(getattr(item, "funcargs", {}).get("benchmark"))
    if entry is not None:
        entry["extra_info"]["xdist_worker"] = xdist.worker_id(item.config)
        entry["extra_info"]["cuda_visible_devices"] = _visible_devices()
        _CHANNEL.ship(report, entry)
    return report


def _visible_devices() -> str | None:
    return os.environ.get("CUDA_VISIBLE_DEVICES")  # set per worker by tsvc.plugin.suite (a GPU each)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    bench = benchadapter.session(config)
    target = config.getoption("benchmark_json", None)
    if bench is None or not target or _COLLECTED not in config.stash:
        return
    gathered: list[Entry] = config.stash[_COLLECTED]
    collected = sorted(gathered, key=lambda b: b["fullname"])
    output: dict[str, Any] = {
        "machine_info": benchadapter.machine_info(bench),
        "commit_info": config.hook.pytest_benchmark_generate_commit_info(config=config),
        "benchmarks": collected,
        "datetime": datetime.now(timezone.utc).isoformat(),
        "version": benchadapter.version(),
    }
    where = benchadapter.write_json(target, json.dumps(output, indent=4, default=str))
    benchadapter.log(bench, f"Wrote {len(collected)} benchmarks from the xdist workers to {where}")
