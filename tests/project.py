"""Lays the suite out inside a pytester directory, to run it as a user would.

No conftest.py goes there: the suite's plugins come from the installed
package's pytest11 entry points, as in any project that installs tsvc-triton
(tests/conftest.py puts this checkout first on the children's PYTHONPATH, so
they import its code even where the venv's editable install points elsewhere).
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def mirror_suite(pytester, *test_modules: str) -> None:
    """The suite's test helpers and the named test modules, in pytester's directory."""
    (pytester.path / "pytest.ini").write_text("[pytest]\ntestpaths = tests\ntimeout = 120\n")
    tests = pytester.path / "tests"
    tests.mkdir(exist_ok=True)
    for name in ("__init__.py", "cases.py", *test_modules):
        (tests / name).write_text((ROOT / "tests" / name).read_text())
