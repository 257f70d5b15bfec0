"""The xdist role of a process, and records shipped in test reports to where reports are gathered."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from tsvc.plugin import xdist

pytest_plugins = ["pytester"]


def _config(numprocesses=None, workerid=None):
    options = {"numprocesses": numprocesses}
    config = SimpleNamespace(getoption=lambda name, default=None: options.get(name, default))
    if workerid is not None:
        config.workerinput = {"workerid": workerid, "workercount": 3}
    return config


@pytest.mark.parametrize("numprocesses,workerid,role,workers,number", [
    (None, None, xdist.Role.ALONE, 0, None),
    (0, None, xdist.Role.ALONE, 0, None),  # -n 0: xdist off
    (2, None, xdist.Role.CONTROLLER, 2, None),
    (None, "gw2", xdist.Role.WORKER, 3, 2),  # a worker's own options do not say -n
])
def test_the_role_of_a_process(numprocesses, workerid, role, workers, number):
    config = _config(numprocesses, workerid)
    assert (xdist.role(config), xdist.workers(config), xdist.worker_number(config)) == (role, workers, number)
    assert xdist.role(config).gathers == (role is not xdist.Role.WORKER)


def test_a_record_comes_back_as_shipped_and_a_report_without_one_gives_none():
    channel, report = xdist.Channel("tsvc_test"), SimpleNamespace(user_properties=[("other", "1")])
    assert channel.received(report) is None
    channel.ship(report, {"loop": "s000", "size": [97, 17]})
    channel.ship(report, {"loop": "s000", "size": [1000, 64]})
    assert channel.received(report) == {"loop": "s000", "size": [1000, 64]}  # the last one shipped


def test_records_shipped_on_workers_are_gathered_once_on_the_controller(pytester):
    pytester.makeconftest("""
        import pytest
        from tsvc.plugin import xdist

        CHANNEL = xdist.Channel("probe")

        def pytest_configure(config):
            if xdist.role(config).gathers:
                config.stash_seen = []
                xdist.gather(config, CHANNEL, lambda report, record: config.stash_seen.append((report.when, record)))

        @pytest.hookimpl(wrapper=True)
        def pytest_runtest_makereport(item, call):
            report = yield
            if report.when == "call":
                CHANNEL.ship(report, {"test": item.name, "worker": xdist.worker_id(item.config)})
            return report

        def pytest_terminal_summary(terminalreporter, config):
            records = sorted(r["test"] for when, r in config.stash_seen if r)
            workers = {r["worker"] for when, r in config.stash_seen if r}
            terminalreporter.write_line(f"GATHERED {records} FROM {sorted(workers)}")
    """)
    pytester.makepyfile(test_probe="""
        import pytest

        @pytest.mark.parametrize("n", range(4))
        def test_one(n):
            pass
    """)
    result = pytester.runpytest_subprocess("-n", "2", "-p", "no:cacheprovider", "-p", "no:tsvc.plugin.suite",
                                           "-p", "no:generation.plugin", "-p", "no:reporting.plugin",
                                           "-p", "no:tsvc.plugin.benchplugin")
    result.assert_outcomes(passed=4)
    result.stdout.fnmatch_lines(["GATHERED ['test_one[0]', 'test_one[1]', 'test_one[2]', 'test_one[3]'] "
                                 "FROM ['gw0', 'gw1']"])
