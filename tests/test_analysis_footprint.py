"""Data footprints from the polyhedral model: distinct elements each loop reads and writes."""
from __future__ import annotations


import pytest

import analysis
from analysis import Footprint
from tests.cases import loop_cases
from tsvc.record import catalog
from tsvc.record.sizes import Size

SMALL = Size(1000, 64)
LARGE = Size(32000 * 1024, 256 * 32)


def _loop(name: str) -> catalog.Loop:
    if name not in catalog.catalog():
        pytest.skip(f"record {name} has not landed in tsvc/loops yet")
    return catalog.get(name)


# loop -> {array: (elements read, elements written, exact)} at SMALL (LEN_1D=1000, LEN_2D=64)
GOLDEN: dict[str, dict[str, tuple[int, int, bool]]] = {
    "s000": {"a": (0, 1000, True), "b": (1000, 0, True)},
    "s111": {"a": (500, 500, True), "b": (500, 0, True)},  # a[i] = a[i-1] + b[i], odd i: reads even a
    "s1111": {"a": (0, 500, True), "b": (500, 0, True)},  # a[2*i] = ...
    "s113": {"a": (1, 999, True), "b": (999, 0, True)},  # a[0] only
    "s115": {"a": (64, 63, True), "aa": (64 * 63 // 2, 0, True)},  # a: LEN_2D elements; upper triangle of aa
    "s141": {"bb": (64 * 65 // 2, 0, True)},
    "s176": {"a": (500, 500, True), "b": (999, 0, True), "c": (500, 0, True)},
    "s2101": {"aa": (64, 64, True)},  # the diagonal
    "s2111": {"aa": (63 * 63 * 2 - 62 * 62, 63 * 63, True)},
    "s276": {"c": (499, 0, True), "d": (501, 0, True)},  # split at mid by an affine guard
    "s4117": {"c": (500, 0, True)},  # c[i/2]
    "s4116": {"a": (63, 0, True), "aa": (64, 0, False), "ip": (63, 0, True)},  # one row of aa, gathered
    "vas": {"a": (0, 1000, False), "ip": (1000, 0, True)},  # scatter through ip: the whole of a
    "s293": {"a": (1, 1000, True)},  # a[0] = a[0] at i = 0 makes no dependence, but its bytes still move
}


@pytest.mark.parametrize("name", sorted(GOLDEN), ids=str)
def test_golden_footprints(name):
    got = analysis.footprint(_loop(name), SMALL)
    for array, (read, written, exact) in GOLDEN[name].items():
        fp = got[array]
        assert (fp.elements_read, fp.elements_written) == (read, written), f"{name}.{array}: {fp}"
        assert fp.exact == exact, f"{name}.{array}: {fp}"


def test_s4116_touches_one_row_of_aa():
    loop = _loop("s4116")
    for size in (SMALL, LARGE):
        fp = analysis.footprint(loop, size)["aa"]
        assert fp.elements_read == size.len_2d and fp.elements_written == 0


def test_counts_scale_with_the_size():
    fp = analysis.footprint(_loop("s111"), LARGE)
    assert fp["a"] == Footprint(LARGE.len_1d // 2, LARGE.len_1d // 2, True)
    fp = analysis.footprint(_loop("s115"), LARGE)
    assert fp["aa"].elements_read == LARGE.len_2d * (LARGE.len_2d - 1) // 2


def test_bytes_count_reads_and_writes_of_an_element_twice():
    assert analysis.footprint_bytes(_loop("s000"), SMALL) == 4 * 2000
    # s111: a 500 read + 500 written, b 500 read
    assert analysis.footprint_bytes(_loop("s111"), SMALL) == 4 * 1500
    assert analysis.footprint_bytes(_loop("vpv"), SMALL) == 4 * 3000  # a[i] += b[i]


@pytest.mark.parametrize("loop", loop_cases())
def test_footprint_is_bounded_and_sees_every_write(loop):
    size = loop.sizes[0]
    got = analysis.footprint(loop, size)
    assert set(got) == {a.name for a in loop.arrays}
    for spec in loop.arrays:
        fp = got[spec.name]
        whole = 1
        for n in spec.shape(size):
            whole *= n
        assert 0 <= fp.elements_read <= whole and 0 <= fp.elements_written <= whole, f"{spec.name}: {fp}"
        if spec.is_written:
            assert fp.elements_written > 0, f"{spec.name} is declared {spec.role} but no write was found"
        if spec.is_read and spec.role == "read":
            assert fp.elements_read > 0, f"{spec.name} is declared read but no read was found"
            assert fp.elements_written == 0, f"{spec.name} is declared read-only: {fp}"
    assert analysis.footprint_bytes(loop, size) == 4 * sum(f.elements_read + f.elements_written
                                                           for f in got.values())


def test_most_loops_are_exact():
    exact = sum(all(f.exact for f in analysis.footprint(loop, SMALL).values())
                for loop in catalog.catalog().values())
    assert exact >= 0.6 * len(catalog.catalog())
