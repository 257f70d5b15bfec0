"""Fixtures for the project's own tests."""
import os

import pytest

from tests.project import ROOT

_XDIST_VARIABLES = ("PYTEST_XDIST_WORKER", "PYTEST_XDIST_WORKER_COUNT", "PYTEST_XDIST_TESTRUNUID")


@pytest.fixture(autouse=True)
def _inner_runs_are_not_xdist_workers(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pytest run started by pytester must not believe it is a worker of the outer xdist run.

    It imports this checkout's code (and finds its entry points, where this checkout is the one installed).
    """
    if "pytester" in request.fixturenames:
        for name in _XDIST_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
