"""Pattern 8, reductions and scans: `s += e`, `s *= e`, max/min (with argmax companions),
and the same with the running value read inside the loop (a scan)."""
from __future__ import annotations

from analysis.model import ActionKind, Pattern, PatternKind, Update
from analysis.patterns import Facts, coefficients


def _group(facts: Facts, loop: str) -> dict[str, list[Update]]:
    inside = facts.inside(loop)
    groups: dict[str, list[Update]] = {}
    for u in facts.program.updates:
        if u.stmt in inside and not u.recurrence:
            groups.setdefault(u.target, []).append(u)
    return groups


def _invariant(facts: Facts, var: str, ups: list[Update]) -> bool:
    """Every update writes a location that does not depend on the loop's iterator."""
    for u in ups:
        acc = facts.program.access(u.write_tag)
        coefs = coefficients(acc, facts.statements[acc.stmt])
        if coefs is None or any(terms.get(var) for terms, _ in coefs):
            return False
    return True


def recurrences(facts: Facts) -> list[Pattern]:
    """`X[i] = X[i-1] + e`, nothing else touching X in the loop: a prefix sum along the loop."""
    out: list[Pattern] = []
    for lp in facts.program.loops:
        carried = facts.carried(lp.id)
        inside = facts.inside(lp.id)
        for u in facts.program.updates:
            if not u.recurrence or u.stmt not in inside:
                continue
            own = {u.write_tag, *u.read_tags}
            if any(a.tag not in own for a in facts.accesses_in(lp.id, u.array)):
                continue
            flows = [facts.deps[k] for k in carried if facts.deps[k].value_based and facts.deps[k].array == u.array]
            level = [d.common.index(lp.id) for d in flows]
            lanes = all(all(p == (0, 0) for j, p in enumerate(d.distance) if j != k) for d, k in zip(flows, level))
            if not flows or not lanes or any(d.distance[k] not in ((1, 1), (-1, -1)) or d.direction[k] != "<"
                                             for d, k in zip(flows, level)):
                continue
            ks = tuple(k for k in carried if facts.deps[k].array == u.array
                       and {facts.deps[k].source_tag, facts.deps[k].sink_tag} <= own)
            out.append(Pattern(PatternKind.SCAN, lp.id, {"target": u.target, "op": "+", "recurrence": True,
                                               "reads": [facts.program.access(t).text for t in u.read_tags]},
                               ks, ActionKind.SCAN))
    return out


def ties(facts: Facts, loop: str, update: Update) -> dict:
    """Which of equal extremes an argmax/argmin keeps: a strict comparison keeps the first one met in
    execution order (the loops around the update, outermost first), a non-strict one the last."""
    st = facts.statements[update.stmt]
    cond = dict(facts.program.guards).get(st.guard[-1], "") if st.guard else ""
    order = [facts.program.loop(x).var for x in st.loops[st.loops.index(loop):]]
    keep = "last" if ("<=" in cond or ">=" in cond) else "first"
    return {"ties": keep, "order": order, "comparison": cond}


def detect(facts: Facts) -> list[Pattern]:
    out: list[Pattern] = recurrences(facts)
    for lp in facts.program.loops:
        carried = facts.carried(lp.id)
        for target, ups in _group(facts, lp.id).items():
            ops = {u.op for u in ups}
            if len(ops) != 1:
                continue
            op = ops.pop()
            array = ups[0].array
            if not facts.is_scalar(array) and not _invariant(facts, lp.var, ups):
                continue  # the location moves with the loop: not an accumulator
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
                out.append(Pattern(PatternKind.SCAN, lp.id, {"target": target, "op": op, "reads": sorted({a.text for a in others})},
                                   tuple(ks), ActionKind.SCAN))
            elif not others:
                texts = [facts.statements[c].text for c in companions]
                details = {"target": target, "op": kind_op, "companions": texts}
                if companions:
                    details.update(ties(facts, lp.id, ups[0]))
                out.append(Pattern(PatternKind.REDUCTION, lp.id, details, tuple(ks), ActionKind.REDUCTION))
    return out
