"""The analysis' safety claims, loop by loop: each fixed false claim, and a hostile variant of it
(a C text changed so that the claim would be wrong) that the analysis must refuse."""
from __future__ import annotations

import dataclasses

import pytest

import analysis
from tsvc.record import catalog


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


# -- robustness -------------------------------------------------------------------------------

def test_a_struct_is_a_typed_analysis_error():
    loop = _variant("s000", "    for (", "    struct { real_t x; } p;\n    for (")
    with pytest.raises(analysis.AnalysisError, match="struct or union"):
        analysis.analyze(loop)


@pytest.mark.parametrize("head, body", [
    ("int k = 0;\n    while (k < LEN_1D) {", "a[k] = b[k] + 1; k++;"),
    ("int k = 0;\n    do {", "a[k] = b[k] + 1; k++;"),
    ("int k = 0;\n    for (;;) {", "if (k >= LEN_1D) break; a[k] = b[k] + 1; k++;"),
], ids=["while", "do-while", "for-ever"])
def test_loops_without_an_iterator_are_not_analysed(head, body):
    loop = _loop("s000")
    start = loop.c_text.index("    for (")
    tail = "}\n    }" + (" while (k < LEN_1D);" if "do {" in head else "") + "\n}\n"
    c_text = loop.c_text[:start] + "    " + head + "\n        " + body + "\n    " + tail[2:]
    result = analysis.analyze(dataclasses.replace(loop, c_text=c_text))
    assert [lv.verdict for lv in result.loops] == ["not_analysed"]
    assert "not analysed: treat as sequential" in analysis.facts_for_prompt(dataclasses.replace(loop, c_text=c_text))


def test_analyze_all_reports_a_bad_record_and_goes_on(tmp_path, monkeypatch, capsys):
    import analysis.cli  # noqa: F401  registers `analyze`
    from tsvc.cli import main

    good = catalog.LOOPS_DIR / "s000.toml"
    (tmp_path / "s000.toml").write_text(good.read_text())
    (tmp_path / "s111.toml").write_text((catalog.LOOPS_DIR / "s111.toml").read_text())
    (tmp_path / "s1111.toml").write_text("name = [not toml")
    struct = good.read_text().replace("    for (", "    struct { real_t x; } p;\n    for (", 1)
    (tmp_path / "s112.toml").write_text(struct.replace('name = "s000"', 'name = "s112"').replace("s000(", "s112("))
    (tmp_path / "ORDER").write_text("s000 s111 s1111 s112\n")
    monkeypatch.setattr(catalog, "LOOPS_DIR", tmp_path)
    assert main(["analyze", "--all"]) == 1
    out, err = capsys.readouterr()
    assert "s000: dependence facts" in out and "s111: dependence facts" in out
    assert "s1111: analysis failed" in out and "s112: analysis failed" in out
    assert "2 of 4 loops failed: s1111, s112" in err


# -- permutations -------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["vas", "s491", "s4113"])
def test_a_scatter_through_a_permutation_is_parallel(name):
    lv = analysis.analyze(_loop(name)).loop("i")
    assert lv.verdict == "parallel", "\n".join(lv.evidence)
    assert any("ip is a permutation" in e for e in lv.evidence)


def test_a_scatter_through_an_arbitrary_index_array_is_not():
    loop = _loop("vas")
    spec = [dataclasses.replace(a, init="uniform") if a.name == "ip" else a for a in loop.arrays]
    assert analysis.analyze(dataclasses.replace(loop, arrays=tuple(spec))).loop("i").verdict == "sequential"


def test_a_permutation_indexed_by_a_constant_in_the_loop_is_not_injective():
    loop = _variant("vas", "a[ip[i]] = b[i];", "a[ip[0]] = b[i];")
    assert analysis.analyze(loop).loop("i").verdict != "parallel"


# -- facts that used to mislead ---------------------------------------------------------------------

def test_s126_k_advances_len_2d_per_i_and_one_per_j():
    result = analysis.analyze(_loop("s126"))
    (outer,) = _actions(result, "i", "induction_variable")
    (inner,) = _actions(result, "j", "induction_variable")
    assert (outer.details["step"], inner.details["step"]) == ("LEN_2D", "1")


def test_s127_names_the_two_slots_each_iteration_writes():
    (act,) = _actions(analysis.analyze(_loop("s127")), "i", "induction_variable")
    assert act.details["closed_form"] == "-1 + 2i"
    assert sorted(act.details["uses"].values()) == ["a[1 + 2i]", "a[2i]"]
    assert "a[j] in S4 is a[1 + 2i]" in analysis.facts_for_prompt(_loop("s127"))


def test_s1351_pointers_that_walk_one_array_each_are_offsets():
    result = analysis.analyze(_loop("s1351"))
    assert result.loop("i").verdict == "parallel_with_actions"
    assert {a.details["uses"][next(iter(a.details["uses"]))] for a in result.loop("i").actions} == \
        {"a[i]", "b[i]", "c[i]"}


def test_a_pointer_that_escapes_is_not_rewritten_and_the_evidence_names_the_array():
    loop = _variant("s1351", "*A = *B + *C;", "*A = *B + *C; foo(A);")
    result = analysis.analyze(loop)
    assert result.loop("i").verdict == "sequential"
    assert any("any element of c (unknown call foo(...))" in e for e in result.loop("i").evidence)
    assert not any("*A -> " in e and "on c" in e for e in result.loop("i").evidence)


def test_no_distance_is_left_unknown():
    result = analysis.analyze(_loop("s281"))
    war = next(d for d in result.dependences if d.kind == "WAR" and d.array == "a")
    assert war.distance == ((0, "-1 + LEN_1D"),)
    for loop in catalog.catalog().values():
        for d in analysis.analyze(loop).dependences:
            assert all(None not in pair for pair in d.distance), f"{loop.name}: {d}"


# -- every fact reaches the prompt -------------------------------------------------------------------

@pytest.mark.parametrize("name, phrases", [
    ("s2244", ["the store to a[i + 1] is dead (overwritten before any read) when 0 <= i <= -3 + LEN_1D",
               "every other store lands"]),
    ("s222", ["loop i splits into parts run one after another: {S1} sequential; {S0} parallel; {S2} parallel"]),
    ("s3110", ["on ties the first extreme in execution order (i, then j) wins, as the comparison "
               "`aa[i][j] > max` is strict"]),
    ("s332", ["loop i stops at the first i, in iteration order, where a[i] > t (goto L20)",
              "S3, S4 in the exit's branch", "find the smallest such i (a min-reduction)"]),
    ("s1161", ["S1: b[i] = a[i] + (d[i] * d[i]) (only when c[i] < ((real_t) 0.))",
               "S2: a[i] = c[i] + (d[i] * e[i]) (only when !(c[i] < ((real_t) 0.)))"]),
], ids=["s2244", "s222", "s3110", "s332", "s1161"])
def test_the_prompt_states_the_fact(name, phrases):
    text = analysis.facts_for_prompt(_loop(name))
    for phrase in phrases:
        assert phrase in text, f"{name}: missing {phrase!r} in\n{text}"


def test_a_non_strict_comparison_keeps_the_last_extreme():
    loop = _variant("s3110", "if (aa[i][j] > max)", "if (aa[i][j] >= max)")
    assert "on ties the last extreme in execution order (i, then j) wins" in analysis.facts_for_prompt(loop)


def test_every_pattern_of_every_loop_is_rendered():
    """No structured fact stays in the JSON only: each pattern without an action has its sentence."""
    from analysis.render import pattern_text

    silent = {"war", "overwrite", "stream_compaction", "induction_variable", "scalar_expansion", "reduction",
              "scan", "permutation", "array_privatisation", "index_set_split", "symbolic_stride",
              "packed_triangular"}  # rendered through their actions or the evidence
    for loop in catalog.catalog().values():
        result = analysis.analyze(loop)
        for p in result.patterns:
            if p.kind == "reordering" and "sequential" not in p.details:
                continue  # the distribute action of a parallel_after_distribution loop
            assert p.kind in silent or pattern_text(p, "i"), f"{loop.name}: pattern {p.kind} is not rendered"
            if p.kind in silent - {"permutation"}:
                lv = result.loop(p.loop)
                assert lv.verdict in ("sequential", "early_exit") or p.action is None or \
                    any(a.kind == p.action for a in lv.actions), f"{loop.name}: {p.kind} has no rendered action"


# -- parallelism that used to be missed ---------------------------------------------------------------

def test_s293_a_self_copy_is_no_store():
    result = analysis.analyze(_loop("s293"))
    assert result.loop("i").verdict == "parallel"
    assert any("copies an element onto itself" in c for c in result.caveats)


@pytest.mark.parametrize("old, new", [("a[i] = a[0];", "a[i] = a[0] + 1;"), ("a[i] = a[0];", "a[i] = a[1] + a[0];")],
                         ids=["plus-one", "two-reads"])
def test_a_store_that_changes_the_element_is_a_store(old, new):
    result = analysis.analyze(_variant("s293", old, new))
    assert result.loop("i").verdict != "parallel"  # at best split after the iteration that writes a[0]
    assert not any("copies an element onto itself" in c for c in result.caveats)


@pytest.mark.parametrize("name, key", [("s256", "i"), ("s257", "j")])
def test_an_array_rewritten_from_scratch_by_each_iteration_is_private(name, key):
    (act,) = _actions(analysis.analyze(_loop(name)), key, "privatise")
    assert act.details["array"] == "a"


def test_an_array_whose_value_crosses_iterations_is_not_private():
    # a[j] now also reads the previous i's a[j]: a value flows from one i to the next
    loop = _variant("s256", "a[j] = (real_t)1.0 - a[j - 1];", "a[j] = a[j] - a[j - 1];")
    assert analysis.analyze(loop).loop("i").verdict == "sequential"


def test_s261_distributes_into_two_parallel_loops_with_t_private_in_each():
    lv = analysis.analyze(_loop("s261")).loop("i")
    (dist,) = [a for a in lv.actions if a.kind == "distribute"]
    assert (dist.details["order"], dist.details["expanded"]) == ([["S2", "S3"], ["S0", "S1"]], [])


def test_a_scalar_whose_value_crosses_parts_must_be_expanded():
    from analysis.patterns import Facts
    from analysis.patterns.reordering import crossing
    from analysis import dependences, frontend

    program = frontend.build(_loop("s261"))
    deps, flow = dependences.compute(program)
    facts = Facts(program, deps, flow)
    assert crossing(facts, [["S2", "S3"], ["S0", "S1"]], frozenset({"t"})) == []
    assert crossing(facts, [["S0"], ["S2", "S3"], ["S1"]], frozenset({"t"})) == ["t"]


@pytest.mark.parametrize("name, at, snapshot", [
    ("s1113", "1 + LEN_1D - floor((1 + LEN_1D)/2)", [{"a": ["a[LEN_1D / 2]"]}, {}]),
    ("s281", "LEN_1D - floor((LEN_1D)/2)", [{}, {}]),
], ids=["s1113", "s281"])
def test_a_loop_whose_values_flow_across_one_point_splits_there(name, at, snapshot):
    (act,) = _actions(analysis.analyze(_loop(name)), "i", "index_set_split")
    assert (act.details["at"], act.details["snapshot"]) == (at, snapshot)


def test_a_value_flowing_within_a_half_keeps_the_loop_sequential():
    # a[i] = a[i-1] + ...: values flow between neighbours everywhere, no point separates them
    loop = _variant("s1113", "a[i] = a[LEN_1D/2] + b[i];", "a[i] = a[LEN_1D/2] + a[i / 2] + b[i];")
    assert analysis.analyze(loop).loop("i").verdict == "sequential"


def test_s171_is_parallel_whenever_inc_is_not_zero():
    (act,) = _actions(analysis.analyze(_loop("s171")), "i", "runtime_check")
    assert (act.details["condition"], act.details["otherwise"]) == ("inc != 0", "every iteration updates a[0]: reduce it with +")


def test_a_second_subscript_of_the_array_defeats_the_stride_argument():
    loop = _variant("s171", "a[i * inc] += b[i];", "a[i * inc] += a[i] + b[i];")
    assert analysis.analyze(loop).loop("i").verdict == "sequential"
