"""Hooks through which a stage serves the suite, so that the suite never names the stage.

The generation stage implements both (generation/plugin.py); a plugin of a
user's (say, a kernel store of their own) may implement them instead.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tsvc.record.catalog import Loop


@pytest.hookspec(firstresult=True)
def pytest_tsvc_kernel_path(config: pytest.Config, loop: Loop) -> Path | None:
    """The loop's kernel module when a stage provides it (generating it first if need be), else None.

    The first non-None answer wins; None from every plugin means: the kernel set's own <loop>.py.
    """


@pytest.hookspec(firstresult=True)
def pytest_tsvc_may_create_set(name: str) -> bool | None:
    """Whether `--kernels NAME`, not yet a folder, may create a set of that name (it names a model, say)."""
