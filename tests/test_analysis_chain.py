"""Dependence chains: the iterations a loop must run one after another, derived from its dependences."""
from __future__ import annotations

import dataclasses

import pytest

import analysis
from analysis.chain import chain_of, links
from tsvc.record import catalog
from tsvc.record.sizes import Size

SMALL = Size(1000, 64)
LARGE = Size(32000 * 64, 256 * 8)


def _loop(name: str) -> catalog.Loop:
    if name not in catalog.catalog():
        pytest.skip(f"record {name} has not landed in tsvc/loops yet")
    return catalog.get(name)


# loop -> chain at a size (LEN_1D, LEN_2D), or None: no chain bounds it. The reference kernels agree: those
# with a chain step their loop sequentially, the others found the parallel form named here.
CHAINS = {
    "s115": lambda s: s.len_2d - 1,  # forward substitution: a[j] is final after column j-1, j = 0 .. LEN_2D-2
    "s118": lambda s: s.len_2d - 1,  # a[i] needs every earlier a[k], i = 1 .. LEN_2D-1: an unbounded history
    "s232": lambda s: s.len_2d - 1,  # aa[j][i] = aa[j][i-1]^2 + bb[j][i]: nonlinear, the longest row j = LEN_2D-1
    "s2111": lambda s: s.len_2d - 1,  # a wavefront: the rows, one after another (a lower bound of 2*LEN_2D-3)
    "s000": lambda s: None,  # parallel
    "vsumr": lambda s: None,  # a reduction: a parallel tree
    "s3112": lambda s: None,  # a running sum: a parallel prefix
    "s1221": lambda s: None,  # b[i] = b[i-4] + a[i]: an additive recurrence, four interleaved scans
    "s119": lambda s: None,  # aa[i][j] = aa[i-1][j-1] + bb[i][j]: scans along the diagonals
    "s321": lambda s: None,  # a[i] += a[i-1]*b[i]: first-order linear, a scan of affine maps
    "s322": lambda s: None,  # second-order linear: a scan of 2x2 affine maps
    "s323": lambda s: None,  # linear through two statements
    "s256": lambda s: None,  # a[j] = 1 - a[j-1]: linear, in lanes i
    "s257": lambda s: None,  # a[i] = aa[j][i] - a[i-1]: linear, one value crosses an iteration of i
    "s222": lambda s: None,  # e[i] = e[i-1]^2: a product, powers compose (e[0]^(2^i))
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
    (1, "a[i] = a[i-1]*b[i] + 1.0;", None),  # linear: affine maps compose
    (1, "a[i] = a[i-1]*a[i-1]*b[i];", None),  # a product: powers compose
    (1, "a[i] = sqrtf(a[i-1]) + b[i];", None),  # a call: no claim on doubt
], ids=["square", "distance-3", "additive-distance-3", "affine-guard", "data-guard", "linear", "product", "call"])
def test_chain_of_synthetic_recurrences(first, body, want):
    assert analysis.chain_steps(_synthetic(body, first), SMALL) == want


def _synthetic_2d(body: str) -> catalog.Loop:
    c = ("void t(int LEN_2D, real_t aa[LEN_2D][LEN_2D], real_t bb[LEN_2D][LEN_2D])\n{\n"
         "    for (int i = 1; i < LEN_2D; i++) {\n        for (int j = 0; j < LEN_2D; j++) {\n"
         f"            {body}\n        }}\n    }}\n}}\n")
    return catalog.parse_record({"name": "t", "category": "test", "c": c,
                                 "arrays": {"aa": {"role": "readwrite"}, "bb": {"role": "read"}}})


@pytest.mark.parametrize("body,want", [
    ("aa[i][j] = aa[i-1][j] * bb[i][j] + 1.0;", None),  # linear in independent lanes j: a scan per lane
    ("aa[i][j] = aa[i-1][j] * aa[i-1][j] + bb[i][j];", 63),  # nonlinear in each lane
    ("aa[i][j] = aa[i-1][j] * bb[i][j] + aa[i][0];", 63),  # linear, but lane 0 feeds every lane: a vector state
], ids=["linear-lanes", "nonlinear-lanes", "coupled-lanes"])
def test_chain_of_synthetic_nests(body, want):
    assert analysis.chain_steps(_synthetic_2d(body), SMALL) == want


def test_a_link_missing_for_some_iterations_breaks_the_chain():
    """The chain needs EVERY iteration to feed the next: a hole in the flow leaves no chain (conservative)."""
    result = analysis.analyze(_loop("s232"))
    values = SMALL.env()
    assert chain_of(result, values) == SMALL.len_2d - 1
    link = links(result, "L1")[0]
    k = result.dependences.index(link)
    holed = link.relation.replace("}", " and (i < 20 or i > 30) }") if " : " in link.relation else None
    assert holed is not None, link.relation
    deps = list(result.dependences)
    deps[k] = dataclasses.replace(link, relation=holed)
    assert chain_of(dataclasses.replace(result, dependences=tuple(deps)), values) is None
