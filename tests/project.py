"""Lays the suite out inside a pytester directory, to run it as a user would."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def mirror_suite(pytester, *test_modules: str) -> None:
    """The suite's conftest and test helpers, plus the named test modules, in pytester's directory."""
    pytester.makeconftest((ROOT / "conftest.py").read_text())
    (pytester.path / "pytest.ini").write_text("[pytest]\ntestpaths = tests\ntimeout = 120\n")
    tests = pytester.path / "tests"
    tests.mkdir(exist_ok=True)
    for name in ("__init__.py", "cases.py", *test_modules):
        (tests / name).write_text((ROOT / "tests" / name).read_text())
