"""Dependence chains: the iterations a loop must run one after another, derived from its dependences."""
from __future__ import annotations

import dataclasses

import pytest

import analysis
from analysis.chain import chain_of, links
from tsvc import catalog
from tsvc.sizes import Size

SMALL = Size(1000, 64)
LARGE = Size(32000 * 64, 256 * 8)


def _loop(name: str) -> catalog.Loop:
    if name not in catalog.catalog():
        pytest.skip(f"record {name} has not landed in tsvc/loops yet")
    return catalog.get(name)


# loop -> chain at a size (LEN_1D, LEN_2D), or None: no chain bounds it
CHAINS = {
    "s115": lambda s: s.len_2d - 1,  # forward substitution: a[j] is final after column j-1, j = 0 .. LEN_2D-2
    "s118": lambda s: s.len_2d - 1,  # a[i] needs the final a[i-1], i = 1 .. LEN_2D-1
    "s232": lambda s: s.len_2d - 1,  # aa[j][i] = aa[j][i-1]^2 + ..., the longest row j = LEN_2D-1
    "s222": lambda s: s.len_1d - 1,  # e[i] = e[i-1]^2
    "s322": lambda s: s.len_1d - 2,  # second order, i = 2 .. LEN_1D-1, each i needs i-1
    "s2111": lambda s: s.len_2d - 1,  # a wavefront: the longest single level (a lower bound)
    "s000": lambda s: None,  # parallel
    "vsumr": lambda s: None,  # a reduction: a parallel tree
    "s3112": lambda s: None,  # a running sum: a parallel prefix
    "s1221": lambda s: None,  # b[i] = b[i-4] + a[i]: an additive recurrence, four interleaved scans
    "s119": lambda s: None,  # aa[i][j] = aa[i-1][j-1] + bb[i][j]: scans along the diagonals
    "s258": lambda s: None,  # a scalar set under a data-dependent guard: only `may` flows, no proven link
    "s332": lambda s: None,  # an early exit: a min-reduction finds it
}


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=lambda s: s.label)
@pytest.mark.parametrize("name", sorted(CHAINS), ids=str)
def test_chain_steps(name, size):
    assert analysis.chain_steps(_loop(name), size) == CHAINS[name](size)


def _synthetic(body: str, first: int = 1) -> catalog.Loop:
    c = (f"void t(int LEN_1D, real_t a[LEN_1D], real_t b[LEN_1D])\n{{\n    for (int i = {first}; i < LEN_1D; i++) {{\n"
         f"        {body}\n    }}\n}}\n")
    return catalog.parse_record({"name": "t", "category": "test", "c": c,
                                 "arrays": {"a": {"role": "readwrite"}, "b": {"role": "read"}}})


@pytest.mark.parametrize("first,body,want", [
    (1, "a[i] = a[i-1]*a[i-1] + b[i];", 999),
    (3, "a[i] = a[i-3]*a[i-3] + b[i];", 333),  # i = 3, 6, ..., 999: three chains of 333
    (3, "a[i] = a[i-3] + b[i];", None),  # additive at distance 3: three scans
    (1, "if (i < 10) a[i] = a[i-1]*a[i-1] + b[i]; else a[i] = b[i]*b[i];", 9),  # only i = 1 .. 9 chain
    (1, "if (b[i] > 0) a[i] = a[i-1]*a[i-1] + b[i];", None),  # a data-dependent guard proves no link
], ids=["square", "distance-3", "additive-distance-3", "affine-guard", "data-guard"])
def test_chain_of_synthetic_recurrences(first, body, want):
    assert analysis.chain_steps(_synthetic(body, first), SMALL) == want


def test_a_link_missing_for_some_iterations_breaks_the_chain():
    """The chain needs EVERY iteration to feed the next: a hole in the flow leaves no chain (conservative)."""
    result = analysis.analyze(_loop("s222"))
    values = SMALL.env()
    assert chain_of(result, values) == SMALL.len_1d - 1
    link = links(result, "L0")[0]
    k = result.dependences.index(link)
    holed = link.relation.replace("}", " and (i < 500 or i > 600) }") if " : " in link.relation else None
    assert holed is not None, link.relation
    deps = list(result.dependences)
    deps[k] = dataclasses.replace(link, relation=holed)
    assert chain_of(dataclasses.replace(result, dependences=tuple(deps)), values) is None
