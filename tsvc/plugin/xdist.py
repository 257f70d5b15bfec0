"""Where this process stands in a pytest-xdist run, and the one way a record travels to the controller.

xdist runs the tests in worker processes and replays each test report on the
controller, user_properties included. So a plugin that needs a record made
where a test ran (its benchmark figures, its loop and verdict) ships it as JSON
in that report's user_properties (`Channel.ship`), and reads it back where the
reports are gathered (`gather`): on the controller under xdist, in the one
process without. A worker that crashes later loses nothing it already reported.
"""
from __future__ import annotations

import enum
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest


class Role(enum.StrEnum):
    ALONE = "alone"  # no xdist: this process runs the tests and sees their reports
    CONTROLLER = "controller"  # xdist's controller: runs no test, sees every worker's reports
    WORKER = "worker"  # an xdist worker: runs tests, its reports go to the controller

    @property
    def gathers(self) -> bool:
        """Whether every test report of the run is logged in this process."""
        return self is not Role.WORKER


def role(config: pytest.Config) -> Role:
    """xdist gives a worker's config `workerinput`; the controller is the process started with -n N (N > 0)."""
    if hasattr(config, "workerinput"):
        return Role.WORKER
    return Role.CONTROLLER if workers(config) else Role.ALONE


def workers(config: pytest.Config) -> int:
    """The -n the run was started with (0 without xdist); a worker's config knows it too."""
    if hasattr(config, "workerinput"):
        return int(config.workerinput.get("workercount", 1))
    count = config.getoption("numprocesses", None)  # absent without pytest-xdist
    return count if isinstance(count, int) else 0


def worker_id(config: pytest.Config) -> str | None:
    """`gw0`, `gw1`, ... in a worker; None elsewhere."""
    return config.workerinput["workerid"] if hasattr(config, "workerinput") else None


def worker_number(config: pytest.Config) -> int | None:
    """0, 1, ... in a worker (a replacement for a crashed worker reuses its number); None elsewhere."""
    name = worker_id(config)
    return None if name is None else int(name.removeprefix("gw"))


@dataclass(frozen=True)
class Channel:
    """One kind of record, shipped as JSON under `key` in test reports' user_properties."""

    key: str

    def ship(self, report: pytest.TestReport, record: object) -> None:
        report.user_properties.append((self.key, json.dumps(record, default=str)))

    def received(self, report: pytest.TestReport) -> Any | None:
        """The last record shipped on this report, or None (a crashed worker's test arrives without one)."""
        for key, value in reversed(getattr(report, "user_properties", ())):
            if key == self.key:
                return json.loads(value)
        return None


Receive = Callable[[pytest.TestReport, Any], None]


class _Gatherer:
    """Registered per config (not a module global): pytester runs sessions inside a session."""

    def __init__(self, channel: Channel, receive: Receive):
        self.channel, self.receive = channel, receive

    @pytest.hookimpl
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.receive(report, self.channel.received(report))


def gather(config: pytest.Config, channel: Channel, receive: Receive) -> None:
    """Calls receive(report, record or None) for each test report logged in this process from now on."""
    config.pluginmanager.register(_Gatherer(channel, receive), f"tsvc-gather-{channel.key}")
