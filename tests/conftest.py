"""Fixtures for the project's own tests."""
import pytest

_XDIST_VARIABLES = ("PYTEST_XDIST_WORKER", "PYTEST_XDIST_WORKER_COUNT", "PYTEST_XDIST_TESTRUNUID")


@pytest.fixture(autouse=True)
def _inner_runs_are_not_xdist_workers(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pytest run started by pytester must not believe it is a worker of the outer xdist run."""
    if "pytester" in request.fixturenames:
        for name in _XDIST_VARIABLES:
            monkeypatch.delenv(name, raising=False)
