"""Pattern 8, reductions and scans: `s += e`, `s *= e`, max/min (with argmax companions),
and the same with the running value read inside the loop (a scan)."""
from __future__ import annotations

from analysis.model import Pattern, Update
from analysis.patterns import Facts


def _group(facts: Facts, loop: str) -> dict[str, list[Update]]:
    inside = facts.inside(loop)
    groups: dict[str, list[Update]] = {}
    for u in facts.program.updates:
        if u.stmt in inside:
            groups.setdefault(u.target, []).append(u)
    return groups


def detect(facts: Facts) -> list[Pattern]:
    out: list[Pattern] = []
    for lp in facts.program.loops:
        carried = facts.carried(lp.id)
        for target, ups in _group(facts, lp.id).items():
            ops = {u.op for u in ups}
            if len(ops) != 1:
                continue
            op = ops.pop()
            array = ups[0].array
            own = {u.write_tag for u in ups} | {t for u in ups for t in u.read_tags}
            accs = facts.accesses_in(lp.id, array)
            same = [a for a in accs if a.text == target]
            if any(a.write and a.tag not in own for a in accs if a.text == target or facts.is_scalar(array)):
                continue  # written some other way too
            others = [a for a in same if a.tag not in own]
            ks = [k for k in carried if facts.deps[k].source_tag in own | {a.tag for a in others}
                  and facts.deps[k].sink_tag in own | {a.tag for a in others}]
            if not ks:
                continue
            companions = sorted({c for u in ups for c in u.companions})
            comp_tags = {a.tag for a in facts.program.accesses if a.stmt in companions and a.write}
            comp_arrays = {facts.program.access(t).array for t in comp_tags}
            ks += [k for k in carried if facts.deps[k].array in comp_arrays
                   and {facts.deps[k].source_tag, facts.deps[k].sink_tag} <= comp_tags]
            if op in ("max", "min") and companions:
                kind_op = f"arg{op}"
            else:
                kind_op = op
            if others and op in ("+", "*"):
                out.append(Pattern("scan", lp.id, {"target": target, "op": op, "reads": sorted({a.text for a in others})},
                                   tuple(ks), "scan"))
            elif not others:
                texts = [facts.statements[c].text for c in companions]
                out.append(Pattern("reduction", lp.id, {"target": target, "op": kind_op, "companions": texts},
                                   tuple(ks), "reduction"))
    return out
