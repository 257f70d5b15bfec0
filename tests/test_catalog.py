"""The catalogue is complete and each record agrees with its own C text."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.cases import loop_cases
from tsvc import catalog, checker

INVENTORY = Path(__file__).resolve().parents[2] / "shared" / "tsvc_inventory.tsv"


def test_catalogue_holds_exactly_the_151_tsvc2_loops():
    order = (catalog.LOOPS_DIR / "ORDER").read_text().split()
    assert len(order) == len(set(order)) == 151
    assert list(catalog.catalog()) == order


@pytest.mark.skipif(not INVENTORY.is_file(), reason="the shared inventory is not beside this checkout")
def test_categories_match_the_inventory():
    rows = [line.split("\t") for line in INVENTORY.read_text().splitlines()[1:]]
    want = {row[0]: row[1] for row in rows}
    got = {loop.name: loop.category for loop in catalog.catalog().values()}
    assert got == want


@pytest.mark.parametrize("loop", loop_cases())
def test_c_reference_writes_every_array_declared_written_and_no_other(loop):
    changed: set[str] = set()
    for size in loop.sizes:
        for seed in loop.seeds:
            want = checker.expected(loop, size, seed)  # raises on a blind or non-finite configuration
            for spec in loop.arrays:
                if not np.array_equal(want.exact.arrays[spec.name], want.inputs[spec.name]):
                    changed.add(spec.name)
    declared = {spec.name for spec in loop.writes}
    assert changed <= declared, f"the C loop writes {sorted(changed - declared)}, declared read-only"
    assert changed == declared, f"declared written but never changed: {sorted(declared - changed)}"
