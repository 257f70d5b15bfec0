"""Static dependence analysis: golden verdicts a compiler engineer would give, the JSON
contract, the prompt text and the command line (speed: benchmarks/analysis_speed.py).

A golden row names a loop, and per loop variable (or loop id) the verdict and the action
kinds it must carry; rows whose record has not landed yet are skipped.
"""
from __future__ import annotations

import json

import pytest

import analysis
from analysis.model import VERDICTS
from tests.cases import loop_cases
from tsvc.record import catalog

P, PA, PD, SEQ, EXIT, UNANALYSED = VERDICTS

# loop -> {loop var or id: (verdict, action kinds that must be among its actions)}
GOLDEN: dict[str, dict[str, tuple[str, set[str]]]] = {
    "s000": {"i": (P, set())},
    "s111": {"i": (P, set())},
    "s1111": {"i": (P, set())},
    "s112": {"i": (PA, {"war_copy"})},
    "s113": {"i": (P, set())},
    "s1113": {"i": (PA, {"index_set_split"})},  # [0, mid] reading a copy of a[mid], then (mid, LEN_1D)
    "s281": {"i": (PA, {"index_set_split", "scalar_expansion"})},  # the halves before and after the middle
    "s114": {"i": (P, set()), "j": (P, set())},
    "s115": {"j": (SEQ, set()), "i": (P, set())},
    "s116": {"i": (PA, {"war_copy"})},
    "s118": {"i": (SEQ, set()), "j": (PA, {"reduction"})},
    "s119": {"i": (SEQ, set()), "j": (P, set())},
    "s1119": {"i": (PA, {"scan"}), "j": (P, set())},
    "s121": {"i": (PA, {"war_copy"})},
    "s122": {"i": (PA, {"induction_variable"})},
    "s123": {"i": (PA, {"stream_compaction"})},
    "s127": {"i": (PA, {"induction_variable"})},
    "s131": {"i": (PA, {"war_copy"})},
    "s132": {"i": (P, set())},
    "s141": {"i": (PA, {"scalar_expansion"})},  # flat_2d_array[k]: k a packed triangular index, one cell per (j, i)
    "s151": {"i": (PA, {"war_copy"})},
    "s161": {"i": (PD, {"distribute"})},
    "s162": {"i": (PA, {"war_copy"})},
    "s173": {"i": (P, set())},
    "s171": {"i": (PA, {"runtime_check"})},  # parallel when inc != 0, a reduction into a[0] otherwise
    "s176": {"j": (PA, {"reduction"}), "i": (P, set())},
    "s211": {"i": (PD, {"distribute"})},
    "s221": {"i": (PA, {"scan"})},
    "s2244": {"i": (PA, {"last_write_wins"})},
    "s244": {"i": (PA, {"war_copy", "last_write_wins"})},
    "s251": {"i": (PA, {"scalar_expansion"})},
    "s253": {"i": (PA, {"scalar_expansion"})},
    "s254": {"i": (PA, {"scalar_expansion"})},
    "s291": {"i": (PA, {"scalar_expansion"})},
    "s293": {"i": (P, set())},  # a[0] = a[0] at i = 0 stores nothing new
    "s256": {"i": (PA, {"privatise"}), "j": (SEQ, set())},
    "s261": {"i": (PD, {"distribute", "scalar_expansion"})},  # {S2,S3} then {S0,S1}, t private per part  # a is recomputed from a[0] by every i
    "s257": {"i": (SEQ, set()), "j": (PA, {"privatise"})},  # a[i] private to j, the last j wins
    "s2102": {"i": (P, set()), "j": (P, set())},
    "s2111": {"j": (SEQ, set()), "i": (SEQ, set())},
    "s311": {"i": (PA, {"reduction"})},
    "s3110": {"i": (PA, {"reduction"}), "j": (PA, {"reduction"})},
    "s3112": {"i": (PA, {"scan"})},
    "s315": {"i": (PA, {"reduction"})},
    "s321": {"i": (SEQ, set())},
    "s322": {"i": (SEQ, set())},
    "s332": {"i": (EXIT, set())},
    "s341": {"i": (PA, {"stream_compaction"})},
    "s351": {"i": (P, set())},
    "s353": {"i": (P, set())},
    "s421": {"i": (PA, {"war_copy"})},
    "s422": {"i": (PA, {"war_copy"})},
    "s423": {"i": (PA, {"war_copy"})},
    "s424": {"i": (SEQ, set())},
    "s4113": {"i": (P, set())},  # ip is a permutation (the record's init): distinct iterations, distinct a[ip[i]]
    "s453": {"i": (PA, {"induction_variable"})},
    "s481": {"i": (EXIT, set())},
    "s482": {"i": (EXIT, set())},
    "vag": {"i": (P, set())},
    "vas": {"i": (P, set())},  # ip is a permutation
    "vif": {"i": (P, set())},
    "vsumr": {"i": (PA, {"reduction"})},
    "vdotr": {"i": (PA, {"reduction"})},
}

# loop -> pattern kinds the analysis must report
PATTERNS: dict[str, set[str]] = {
    "s112": {"war"},
    "s2244": {"overwrite"},
    "s123": {"stream_compaction"},
    "s341": {"stream_compaction"},
    "s351": {"unrolling"},
    "s353": {"unrolling"},
    "s116": {"unrolling", "war"},
    "s332": {"early_exit"},
    "s482": {"early_exit"},
    "s211": {"reordering"},
    "s161": {"reordering"},
    "s251": {"scalar_expansion"},
    "s291": {"scalar_expansion"},
    "s311": {"reduction"},
    "s3112": {"scan"},
    "s176": {"convolution", "reduction"},
    "s1119": {"scan"},
    "s141": {"packed_triangular"},
}

# loop -> (action kind, detail key, expected value)
DETAILS = {
    "s311": ("reduction", "op", "+"),
    "s312": ("reduction", "op", "*"),
    "s314": ("reduction", "op", "max"),
    "s315": ("reduction", "op", "argmax"),
    "s3110": ("reduction", "op", "argmax"),
    "s291": ("scalar_expansion", "wraparound", True),
    "s251": ("scalar_expansion", "wraparound", False),
}


def _loop(name: str) -> catalog.Loop:
    if name not in catalog.catalog():
        pytest.skip(f"record {name} has not landed in tsvc/loops yet")
    return catalog.get(name)


@pytest.mark.parametrize("name", sorted(GOLDEN), ids=str)
def test_golden_verdicts(name):
    result = analysis.analyze(_loop(name))
    for key, (verdict, kinds) in GOLDEN[name].items():
        lv = result.loop(key)
        got = {a.kind for a in lv.actions}
        assert lv.verdict == verdict, f"{name} loop {key}: {lv.verdict}, want {verdict}\n" + "\n".join(lv.evidence)
        assert kinds <= got, f"{name} loop {key}: actions {sorted(got)}, want {sorted(kinds)}"


@pytest.mark.parametrize("name", sorted(PATTERNS), ids=str)
def test_golden_patterns(name):
    got = {p.kind for p in analysis.analyze(_loop(name)).patterns}
    assert PATTERNS[name] <= got, f"{name}: patterns {sorted(got)}"


@pytest.mark.parametrize("name", sorted(DETAILS), ids=str)
def test_golden_action_details(name):
    kind, key, want = DETAILS[name]
    actions = [a for lv in analysis.analyze(_loop(name)).loops for a in lv.actions if a.kind == kind]
    assert actions, f"{name}: no {kind} action"
    assert actions[0].details[key] == want, f"{name}: {kind}.{key} = {actions[0].details[key]!r}"


def test_every_pattern_kind_has_a_golden_loop():
    nine = {"war", "overwrite", "stream_compaction", "unrolling", "early_exit", "reordering",
            "scalar_expansion", "reduction", "scan", "convolution"}
    assert nine <= set().union(*PATTERNS.values())


def test_distance_and_carrier_of_a_shifted_read():
    result = analysis.analyze(_loop("s112"))
    war = [d for d in result.dependences if d.kind == "WAR" and d.array == "a"]
    assert war and war[0].carried_by == ("L0",) and war[0].distance == ((-1, -1),) and war[0].direction == ("<",)


def test_parametric_distance_is_kept_symbolic():
    result = analysis.analyze(_loop("s162"))
    war = next(d for d in result.dependences if d.kind == "WAR" and d.array == "a")
    assert war.distance == (("k", "k"),)


def test_indirect_subscripts_are_caveats_not_parallel():
    result = analysis.analyze(_loop("s4116"))  # aa[j-1][ip[i]]: ip is a permutation, but the j-1 row moves with j
    assert any("ip[i]" in c for c in result.caveats)
    result = analysis.analyze(_loop("vas"))  # parallel only through the record's permutation fact, stated as evidence
    assert any("ip[i]" in c for c in result.caveats)
    assert any("ip is a permutation" in e for e in result.loop("i").evidence)


def test_facts_do_not_depend_on_the_concrete_size():
    result = analysis.analyze(_loop("s1113"))
    text = json.dumps(result.to_dict())
    assert "LEN_1D" in text and "32000" not in text


@pytest.mark.parametrize("loop", loop_cases())
def test_every_loop_is_analysed(loop):
    result = analysis.analyze(loop)
    data = json.loads(result.to_json())
    assert data["name"] == loop.name
    for entry in data["loops"]:
        assert entry["verdict"] in VERDICTS
        assert {"var", "depth", "actions", "evidence"} <= set(entry)
    for dep in data["dependences"]:
        assert dep["kind"] in ("RAW", "WAR", "WAW")
        assert {"value_based", "array", "source", "sink", "carried_by", "distance", "direction"} <= set(dep)
    assert isinstance(data["caveats"], list)


def test_prompt_text_puts_the_verdict_first():
    text = analysis.facts_for_prompt(_loop("s112"))
    lines = text.splitlines()
    assert lines[1].startswith("loop i (L0): parallel once the actions below")
    assert "action: read a" in lines[2]


def test_cli_prints_text_and_json(capsys):
    import analysis.cli  # noqa: F401  registers `analyze`
    from tsvc.cli import main

    assert main(["analyze", "s000"]) == 0
    assert "parallel" in capsys.readouterr().out
    assert main(["analyze", "s000", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["loops"][0]["verdict"] == P
    assert main(["analyze", "s00"]) == 2
