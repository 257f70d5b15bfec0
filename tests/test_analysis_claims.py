"""The analysis' safety claims, loop by loop: each fixed false claim, and a hostile variant of it
(a C text changed so that the claim would be wrong) that the analysis must refuse."""
from __future__ import annotations

import dataclasses

import pytest

import analysis
from tsvc import catalog


def _loop(name: str) -> catalog.Loop:
    if name not in catalog.catalog():
        pytest.skip(f"record {name} has not landed in tsvc/loops yet")
    return catalog.get(name)


def _variant(name: str, old: str, new: str) -> catalog.Loop:
    loop = _loop(name)
    assert old in loop.c_text, f"{name}: the C text no longer contains {old!r}"
    return dataclasses.replace(loop, c_text=loop.c_text.replace(old, new))


def _actions(result: analysis.LoopAnalysis, key: str, kind: str) -> list:
    return [a for a in result.loop(key).actions if a.kind == kind]


def test_s2251_wraparound_needs_a_snapshot_of_b():
    result = analysis.analyze(_loop("s2251"))
    (wrap,) = [a for a in _actions(result, "i", "scalar_expansion") if a.details["wraparound"]]
    assert wrap.details["snapshot"] == {"b": ["b[i]"]}
    assert "from a copy of b taken before the loop" in analysis.facts_for_prompt(_loop("s2251"))


def test_a_wraparound_whose_operand_is_computed_in_the_loop_is_sequential():
    # s = b[i] + c[i] now reads the b[i] this iteration just wrote: no snapshot holds that value
    loop = _variant("s2251", "        s = b[i] + c[i];\n        b[i] = a[i] + d[i];",
                    "        b[i] = a[i] + d[i];\n        s = b[i] + c[i];")
    assert analysis.analyze(loop).loop("i").verdict == "sequential"


@pytest.mark.parametrize("name, want", [
    ("s123", {"S2 a[j]": "i + (exclusive prefix sum over i of [c[i] > ((real_t) 0.)])",
              "S5 a[j]": "1 + i + (exclusive prefix sum over i of [c[i] > ((real_t) 0.)])"}),
    ("s124", {"S3 a[j]": "i", "S5 a[j]": "i"}),
    ("s341", {"S3 a[j]": "(exclusive prefix sum over i of [b[i] > ((real_t) 0.)])"}),
], ids=["s123", "s124", "s341"])
def test_compaction_slots(name, want):
    (act,) = _actions(analysis.analyze(_loop(name)), "i", "stream_compaction")
    assert act.details["values"] == want


def test_unequal_increments_in_the_two_branches_stay_guarded():
    loop = _variant("s124", "        } else {\n            j++;\n", "        } else {\n            j += 2;\n")
    (act,) = _actions(analysis.analyze(loop), "i", "stream_compaction")
    cond = "b[i] > ((real_t) 0.)"
    assert act.details["guarded"] == [[cond, 1], [f"!({cond})", 2]]
    both = f"(exclusive prefix sum over i of [{cond}]) + 2*(exclusive prefix sum over i of [!({cond})])"
    assert act.details["values"] == {"S3 a[j]": both, "S5 a[j]": "1 + " + both}
