"""Pattern 7, scalar expansion: a scalar written before it is read in every iteration is
private to the iteration; a wrap-around scalar carries exactly one iteration's value."""
from __future__ import annotations

import islpy as isl

from analysis.model import ActionKind, Pattern, PatternKind
from analysis.patterns import Facts
from analysis.patterns.war import reads_only_old_values


def _reduction_targets(facts: Facts) -> set[str]:
    return {u.target for u in facts.program.updates}


def _companions(facts: Facts) -> set[str]:
    stmts = {c for u in facts.program.updates for c in u.companions}
    return {a.array for a in facts.program.accesses if a.stmt in stmts and a.write}


def _dominated(facts: Facts, loop: str, x: str) -> bool:
    """Every read of x in the loop follows, in the same iteration, a write of x that surely ran:
    same loops, an enclosing guard, a domain that covers the read's."""
    accs = facts.accesses_in(loop, x)
    writes = [a for a in accs if a.write]
    for r in (a for a in accs if not a.write):
        rs = facts.statements[r.stmt]
        ok = False
        for w in writes:
            ws = facts.statements[w.stmt]
            if ws.position >= rs.position or ws.loops != rs.loops or rs.guard[:len(ws.guard)] != ws.guard:
                continue
            if isl.Set(rs.domain).set_tuple_name(ws.name).is_subset(isl.Set(ws.domain)):
                ok = True
                break
        if not ok:
            return False
    return bool(writes)


def _snapshot(facts: Facts, loop: str, x: str, writes: list) -> dict[str, list[str]] | None:
    """What the wrap-around substitution needs: iteration i evaluates x's defining expression in
    place of iteration i-1, so every array it reads that the loop writes must come from a copy
    taken before the loop ({array: [refs]}); None when that is not enough (the defining statement
    reads an array element computed inside the loop). Scalars it reads are themselves private or
    wrap-around and carry their own action."""
    written = {a.array for a in facts.accesses_in(loop) if a.write}
    out: dict[str, set[str]] = {}
    for w in writes:
        for r in facts.program.accesses:
            if r.stmt != w.stmt or r.write or r.array == x or r.array not in written or facts.is_scalar(r.array):
                continue
            if not reads_only_old_values(facts, loop, r.tag):
                return None
            out.setdefault(r.array, set()).add(r.text)
    return {a: sorted(refs) for a, refs in sorted(out.items())}


def detect(facts: Facts) -> list[Pattern]:
    out: list[Pattern] = []
    updated = _reduction_targets(facts)
    companions = _companions(facts)
    for lp in facts.program.loops:
        level_of = {}
        by_scalar: dict[str, list[int]] = {}
        for k in facts.carried(lp.id):
            d = facts.deps[k]
            if facts.is_scalar(d.array):
                by_scalar.setdefault(d.array, []).append(k)
                level_of[k] = d.common.index(lp.id)
        for x, ks in by_scalar.items():
            if x in companions:
                continue  # carried along by an argmax/argmin reduction
            flows = [facts.deps[k] for k in ks if facts.deps[k].value_based]
            if flows and x not in updated and _dominated(facts, lp.id, x):
                flows = []  # the flows isl reports run through guarded writes that always precede the reads
            inside = facts.inside(lp.id)
            live_out = any(d.value_based and d.array == x and d.source in inside and d.sink not in inside
                           for d in facts.deps)
            if not flows:
                guarded = any(a.may for a in facts.accesses_in(lp.id, x) if a.write)
                out.append(Pattern(PatternKind.SCALAR_EXPANSION, lp.id, {"scalar": x, "wraparound": False,
                                                               "live_out": live_out, "conditional": guarded},
                                   tuple(ks), ActionKind.SCALAR_EXPANSION))
                continue
            if x in updated:
                continue  # a reduction or a recurrence: not for this module
            writes = [a for a in facts.accesses_in(lp.id, x) if a.write]
            src_reads_x = any(a.array == x and not a.write and a.stmt in {w.stmt for w in writes}
                              for a in facts.accesses_in(lp.id))
            one_back = all(d.distance[level_of[k]] == (1, 1) or d.distance[level_of[k]] == (-1, -1)
                           for k, d in zip(ks, (facts.deps[k] for k in ks)) if d.value_based)
            snapshot = _snapshot(facts, lp.id, x, writes)
            if writes and all(not w.may for w in writes) and not src_reads_x and one_back and snapshot is not None:
                out.append(Pattern(PatternKind.SCALAR_EXPANSION, lp.id, {"scalar": x, "wraparound": True,
                                                               "live_out": live_out, "snapshot": snapshot,
                                                               "note": "reads the previous iteration's value; peel the first iteration"},
                                   tuple(ks), ActionKind.SCALAR_EXPANSION))
    return out
