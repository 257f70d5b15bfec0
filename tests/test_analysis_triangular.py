"""Packed triangular subscripts (analysis.patterns.triangular): s141's outer loop is parallel
because k(i, j) = j(j+1)/2 + i with 0 <= i <= j names one cell per (j, i). Variants whose offset
leaves the row, or whose closed form is not exact in C, must keep the loop sequential."""
from __future__ import annotations

import dataclasses

import pytest

import analysis
from analysis.patterns.triangular import _NotPolynomial, _poly
from analysis.verify import check
from tsvc.record import catalog

_INC = "k += j+1;"
_ENTRY = "k = (i+1) * ((i+1) - 1) / 2 + (i+1)-1;"


def _variant(old: str, new: str) -> catalog.Loop:
    loop = catalog.get("s141")
    assert old in loop.c_text, f"s141: the C text no longer contains {old!r}"
    return dataclasses.replace(loop, c_text=loop.c_text.replace(old, new))


def test_s141_outer_loop_is_parallel_with_the_closed_form_as_evidence():
    loop = catalog.get("s141")
    lv = analysis.analyze(loop).loop("i")
    assert lv.verdict == "parallel_with_actions", "\n".join(lv.evidence)
    text = analysis.facts_for_prompt(loop)
    assert "flat_2d_array[k] is a packed triangular index: k = j*(j + 1)/2 + i" in text


def test_s141_outer_claim_is_executed_and_confirmed():
    loop = catalog.get("s141")
    result = analysis.analyze(loop)
    outcome = check(loop, result, result.loop("i"))
    assert outcome.status == "confirmed", outcome.detail


# C text edits that break the packed-triangle argument: the outer loop must stay sequential
HOSTILE = {
    "offset_past_row": (_INC, "k += j+2;"),  # k = j(j+1)/2 + j for every i: all i collide
    "entry_one_back": (_ENTRY, "k = (i+1) * ((i+1) - 1) / 2 + (i+1)-2;"),  # offset i-1 < 0 at i = 0
    "inexact_division": (_ENTRY, "k = (i+1) * (i+1) / 2 + (i+1)-1;"),  # C truncates (i+1)^2/2
    "conditional_step": (_INC, "if (bb[j][i] > 0) k += j+1;"),
    "second_write": (_INC, "k += j+1; k = 0;"),
}


@pytest.mark.parametrize("edit", HOSTILE.values(), ids=list(HOSTILE))
def test_hostile_variants_are_not_called_parallel(edit):
    result = analysis.analyze(_variant(*edit))
    lv = result.loop("i")
    assert not lv.verdict.is_parallel, "\n".join(lv.evidence)
    assert "packed_triangular" not in {p.kind for p in result.patterns}


def test_a_forced_parallel_claim_on_the_colliding_variant_is_refuted():
    # the colliding variant, with an update whose result depends on the order of i (s141's bb is
    # constant along a row, so reordering its additions alone changes no bit)
    loop = _variant(_INC, "k += j+2;")
    loop = dataclasses.replace(loop, c_text=loop.c_text.replace("flat_2d_array[k] += bb[j][i];",
                                                                "flat_2d_array[k] = flat_2d_array[k] * 2 + i;"))
    honest = analysis.analyze(catalog.get("s141"))
    result = analysis.analyze(loop)
    lv = dataclasses.replace(result.loop("i"), verdict="parallel_with_actions",
                             actions=honest.loop("i").actions)
    assert check(loop, result, lv).status == "refuted"


@pytest.mark.parametrize("src, want", [("(i+1) * ((i+1) - 1) / 2", "i**2/2 + i/2"), ("i*(i-1)/2 + j", "i**2/2 - i/2 + j")],
                         ids=["consecutive", "shifted"])
def test_exact_divisions_become_polynomials(src, want):
    assert str(_poly(src, {"i", "j"})) == want


@pytest.mark.parametrize("src", ["i*i/2", "(i+1)/2", "a[i]", "i / j", "i % 2"], ids=str)
def test_inexact_or_foreign_expressions_are_refused(src):
    with pytest.raises(_NotPolynomial):
        _poly(src, {"i", "j"})
