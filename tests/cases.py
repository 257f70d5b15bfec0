"""Parameter tables shared by the test modules: every loop, at each of its sizes and seeds."""
from __future__ import annotations

import pytest

from tsvc.record import catalog


def loop_cases() -> list:
    return [pytest.param(loop, id=loop.name, marks=getattr(pytest.mark, loop.marker))
            for loop in catalog.catalog().values()]


def size_seed_cases() -> list:
    return [
        pytest.param(loop, size, seed, id=f"{loop.name}-{size.label}-seed{seed}",
                     marks=getattr(pytest.mark, loop.marker))
        for loop in catalog.catalog().values()
        for size in loop.sizes
        for seed in loop.seeds
    ]
