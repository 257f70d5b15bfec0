"""The report's pytest plugin: --report-dir DIR writes results.json, REPORT.md and plots after the run.

Each test's loop, size, seed and benchmark figures travel from the process
that ran it to the controller inside its own test reports (tsvc.plugin.xdist, as
tsvc.plugin.benchplugin's benchmarks do), so under xdist the controller
writes one results.json with every selected loop once, and a worker that
crashes loses nothing it already reported; the crashed test itself arrives as
a failure without properties and is placed by its node id.
"""
from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

import pytest

from reporting import collect, render, results
from tsvc.judge import findings
from tsvc.plugin import xdist
from tsvc.plugin.suite import kernel_set

_CHANNEL = xdist.Channel("tsvc_result")
_LOG = pytest.StashKey[collect.TestLog]()
_STARTED = pytest.StashKey[str]()
_WRITTEN = pytest.StashKey[str]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tsvc report", "TSVC report: results.json, REPORT.md and plots")
    group.addoption("--report-dir", type=_folder, default=None, metavar="DIR",
                    help="write results.json, REPORT.md and plots/ for this run into DIR")
    group.addoption("--report-append", action="store_true",
                    help="merge this run into DIR's results.json (same kernel set) instead of replacing it, "
                         "e.g. a GPU benchmark run after a correctness run")


def _folder(text: str) -> Path:
    path = Path(text).expanduser()
    if path.exists() and not path.is_dir():
        raise pytest.UsageError(f"--report-dir {text!r} exists and is not a folder")
    return path


def _enabled(config: pytest.Config) -> bool:
    return config.getoption("report_dir", None) is not None


@pytest.hookimpl
def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{findings.MARKER}(kind): what the test is, for the report "
                                       "(a tsvc.judge.findings.TestKind)")
    if _enabled(config) and xdist.role(config).gathers:
        log = config.stash[_LOG] = collect.TestLog()
        config.stash[_STARTED] = results.now()
        xdist.gather(config, _CHANNEL, log.add)
        if config.getoption("report_append") and (config.getoption("report_dir") / results.FILENAME).is_file():
            _check_appendable(config)


def _check_appendable(config: pytest.Config) -> None:
    """A broken results.json, or one of another set, is a usage error now rather than after the run."""
    try:
        earlier = results.name(results.load(config.getoption("report_dir")))
        ours = kernel_set(config).name
    except results.ResultsError as exc:
        raise pytest.UsageError(f"--report-append: {exc}") from None
    if earlier != ours:
        raise pytest.UsageError(f"--report-append: {config.getoption('report_dir')} holds results of kernel set "
                                f"'{earlier}', not '{ours}'")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    # setup and call, and a teardown that failed: a failure that carries no record is then a crashed worker's
    if _enabled(item.config) and (report.when != "teardown" or not report.passed):
        _CHANNEL.ship(report, collect.shipped_record(item, call, report))
    return report


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    if _LOG not in config.stash:
        return
    folder: Path = config.getoption("report_dir")
    data = _results(config, config.stash[_LOG])
    if config.getoption("report_append") and (folder / results.FILENAME).is_file():
        data = results.merge(results.load(folder), data)
    path = results.write(data, folder)
    try:
        report = render.report(data, folder)
        config.stash[_WRITTEN] = f"wrote {path} ({len(data.loops)} loops) and {report}"
    except Exception as exc:  # the data is safe on disk; `tsvc report DIR` can try again
        config.stash[_WRITTEN] = f"wrote {path} ({len(data.loops)} loops); REPORT.md failed: {exc!r}"


def _results(config: pytest.Config, log: collect.TestLog) -> results.Results:
    tests: dict[str, int] = {}
    for rec in log.records.values():
        tests[rec.outcome] = tests.get(rec.outcome, 0) + 1
    run = results.RunInfo(config.stash[_STARTED], results.now(), list(config.invocation_params.args),
                          xdist.workers(config) or None, config.getoption("tsvc_scale", None), tests)
    return results.build(kernel_set(config), collect.loop_results(log), results.machine(collect.calibration(log)), run)


@pytest.hookimpl
def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    if _WRITTEN in config.stash:
        terminalreporter.write_sep("-", "tsvc report")
        terminalreporter.write_line(config.stash[_WRITTEN])
