"""pytest glue for the benchmark half: scale, xdist aggregation, and per-test regressions.

pytest-benchmark disables itself under xdist and loses the workers' results,
and its --benchmark-compare-fail only raises once the session is over. Here:
* each xdist worker keeps benchmarking, and every finished benchmark travels to
  the controller inside its own test report, so a worker that crashes later
  loses nothing already measured; the controller writes one --benchmark-json
  in pytest-benchmark's own format;
* a baseline given with --benchmark-compare (a file path or a storage id) is
  checked inside each benchmark test against --benchmark-compare-fail, so every
  regressed loop is a FAILED test with its figures in the message.
"""
from __future__ import annotations

import argparse
import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Generator

import pytest

from tsvc.sizes import NATIVE, SCALE_RULE, parse_scale

_PROPERTY = "tsvc_benchmark"
_COLLECTED = pytest.StashKey[list[dict[str, Any]]]()
_BASELINE = pytest.StashKey[dict[str, Any]]()
_CHECKS = pytest.StashKey[list[Any]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tsvc", "TSVC Triton suite")
    group.addoption("--tsvc-scale", type=scale, default=1, metavar="N",
                    help=f"benchmark at N times TSVC's data size; N is {SCALE_RULE}")


def scale(text: str) -> int:
    """--tsvc-scale's value; argparse prints the message as "argument --tsvc-scale: ..." """
    try:
        return parse_scale(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


@pytest.hookimpl
def pytest_report_header(config: pytest.Config) -> list[str]:
    factor = config.getoption("tsvc_scale")
    return [f"tsvc benchmark scale: {factor} (--tsvc-scale; TSVC's own {NATIVE.label} becomes {NATIVE.scaled(factor).label})"]


def _is_xdist_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def _is_xdist_controller(config: pytest.Config) -> bool:
    return not _is_xdist_worker(config) and getattr(config.option, "numprocesses", None) not in (None, 0)


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    session = getattr(config, "_benchmarksession", None)
    if session is None:
        return
    config.stash[_COLLECTED] = []
    wanted = not config.getoption("benchmark_disable") or config.getoption("benchmark_enable")
    if _is_xdist_worker(config) and wanted and not session.skip:
        session.disabled = False  # measure here; the controller gathers the results and writes them
        session.json = session.save = session.autosave = None
    if _is_xdist_controller(config) or _is_xdist_worker(config):
        session.xdist_warning = False  # the workers do measure; this plugin gathers their results
    if session.compare:
        config.stash[_BASELINE] = _load_baseline(session, session.compare)
        config.stash[_CHECKS] = list(session.compare_fail or [])
        session.compare, session.compare_fail = None, None  # judged per test instead


def _load_baseline(session: Any, compare: Any) -> dict[str, Any]:  # pytest-benchmark's objects
    path = Path(str(compare))
    if path.is_file():
        data = json.loads(path.read_text())
    else:
        found = list(session.storage.load(None if compare is True else compare))
        if not found:
            raise pytest.UsageError(f"--benchmark-compare: no baseline matches {compare!r}")
        data = found[-1][1]
    return {bench["fullname"]: bench for bench in data["benchmarks"]}


def regressions(config: pytest.Config, fullname: str, stats: dict[str, Any]) -> list[str]:
    """Failures of --benchmark-compare-fail for one benchmark against the baseline."""
    baseline = config.stash.get(_BASELINE, {})
    if fullname not in baseline:
        return []
    found = []
    for check in config.stash.get(_CHECKS, []):
        message = check.fails(stats, baseline[fullname]["stats"])
        if message:
            found.append(f"{message} (now {stats[check.field]:.6g} s, baseline {baseline[fullname]['stats'][check.field]:.6g} s)")
    return found


def baseline_entry(config: pytest.Config, fullname: str) -> dict[str, Any] | None:
    return config.stash.get(_BASELINE, {}).get(fullname)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, None]:
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not _is_xdist_worker(item.config):
        return
    fixture: Any = getattr(item, "funcargs", {}).get("benchmark")
    stats = getattr(fixture, "stats", None)
    if stats is not None and not fixture.has_error:
        entry = stats.as_dict(include_data=True)
        entry["extra_info"]["xdist_worker"] = os.environ.get("PYTEST_XDIST_WORKER")
        entry["extra_info"]["cuda_visible_devices"] = os.environ.get("CUDA_VISIBLE_DEVICES")
        report.user_properties.append((_PROPERTY, json.dumps(entry, default=str)))


@pytest.hookimpl
def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    for key, value in getattr(report, "user_properties", ()):
        if key == _PROPERTY and _CONFIG is not None and _is_xdist_controller(_CONFIG):
            _CONFIG.stash[_COLLECTED].append(json.loads(value))


_CONFIG: pytest.Config | None = None


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    global _CONFIG
    _CONFIG = session.config


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    bench = getattr(config, "_benchmarksession", None)
    target = config.getoption("benchmark_json", None)
    if bench is None or not target or not _is_xdist_controller(config):
        return
    gathered = config.stash.get(_COLLECTED, [])
    collected = sorted(gathered, key=lambda b: b["fullname"])
    output = {
        "machine_info": bench.get_machine_info(),
        "commit_info": config.hook.pytest_benchmark_generate_commit_info(config=config),
        "benchmarks": collected,
        "datetime": datetime.now(timezone.utc).isoformat(),
        "version": _benchmark_version(),
    }
    where = write_json(target, json.dumps(output, indent=4, default=str))
    bench.logger.info(f"Wrote {len(collected)} benchmarks from the xdist workers to {where}")


def write_json(target: Any, text: str) -> str:  # an open file or a path (see below)
    """Writes the JSON where --benchmark-json points; returns the path written.

    pytest-benchmark up to 5.0 parses the option with argparse.FileType("wb"),
    so `target` is a file it already opened; later versions pass a Path.
    """
    if hasattr(target, "write"):
        with target:
            target.write(text.encode())
        return str(target.name)
    path = Path(target)
    path.write_text(text)
    return str(path)


def _benchmark_version() -> str:
    from pytest_benchmark import __version__

    return __version__
