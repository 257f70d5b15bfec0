"""Pattern 7, scalar expansion: a scalar written before it is read in every iteration is
private to the iteration; a wrap-around scalar carries exactly one iteration's value."""
from __future__ import annotations

from analysis.model import Pattern
from analysis.patterns import Facts


def _reduction_targets(facts: Facts) -> set[str]:
    return {u.target for u in facts.program.updates}


def detect(facts: Facts) -> list[Pattern]:
    out: list[Pattern] = []
    updated = _reduction_targets(facts)
    for lp in facts.program.loops:
        level_of = {}
        by_scalar: dict[str, list[int]] = {}
        for k in facts.carried(lp.id):
            d = facts.deps[k]
            if facts.is_scalar(d.array):
                by_scalar.setdefault(d.array, []).append(k)
                level_of[k] = d.common.index(lp.id)
        for x, ks in by_scalar.items():
            flows = [facts.deps[k] for k in ks if facts.deps[k].value_based]
            inside = facts.inside(lp.id)
            live_out = any(d.value_based and d.array == x and d.source in inside and d.sink not in inside
                           for d in facts.deps)
            if not flows:
                out.append(Pattern("scalar_expansion", lp.id, {"scalar": x, "wraparound": False,
                                                               "live_out": live_out}, tuple(ks), "scalar_expansion"))
                continue
            if x in updated:
                continue  # a reduction or a recurrence: not for this module
            writes = [a for a in facts.accesses_in(lp.id, x) if a.write]
            src_reads_x = any(a.array == x and not a.write and a.stmt in {w.stmt for w in writes}
                              for a in facts.accesses_in(lp.id))
            one_back = all(d.distance[level_of[k]] == (1, 1) or d.distance[level_of[k]] == (-1, -1)
                           for k, d in zip(ks, (facts.deps[k] for k in ks)) if d.value_based)
            if writes and all(not w.may for w in writes) and not src_reads_x and one_back:
                out.append(Pattern("scalar_expansion", lp.id, {"scalar": x, "wraparound": True,
                                                               "live_out": live_out,
                                                               "note": "reads the previous iteration's value; peel the first iteration"},
                                   tuple(ks), "scalar_expansion"))
    return out
