"""Pattern 12, index-set splitting (s1113, s281): a single loop whose values flow only from the
iterations before a point p to those from p on. Run [lo, p) and then [p, hi) as two parallel
loops: every value a phase reads was written before the phase started, or by the iteration
itself. A read of an element that a later iteration of the same phase overwrites is taken from a
copy made when the phase starts.

The split point is the first iteration that reads a value written inside the loop.
"""
from __future__ import annotations

import islpy as isl

from analysis.model import ActionKind, DependenceKind, Pattern, PatternKind
from analysis.patterns import Facts


def _plain(relation: str) -> isl.Map:
    m = isl.Map(relation)
    return m.reset_tuple_id(isl.dim_type.in_).reset_tuple_id(isl.dim_type.out)


def _text(pw: isl.PwAff) -> str | None:
    pieces = pw.coalesce().get_pieces()
    if len(pieces) != 1:
        return None
    out = str(pieces[0][1])
    return out[out.index("[(") + 2:out.rindex(")]")] if "[(" in out else None


def split(facts: Facts, loop: str, unresolved: set[int]) -> Pattern | None:
    """The two-phase split of `loop`, or None when no single point separates its value flows."""
    lp = facts.program.loop(loop)
    stmts = facts.program.in_loop(loop)
    if lp.depth != 0 or any(s.iters != (lp.var,) for s in stmts) or lp.step not in ("1",):
        return None
    carried = set(facts.carried(loop))
    if any(facts.is_scalar(facts.deps[k].array) for k in unresolved):
        return None
    if any(a.may or not a.affine for s in stmts for a in facts.accesses_in(loop) if a.stmt == s.name):
        return None
    flows = [facts.deps[k] for k in carried if facts.deps[k].value_based and not facts.is_scalar(facts.deps[k].array)]
    if not flows:
        return None
    params = ", ".join(facts.program.params)
    context = isl.Set(f"[{params}] -> {{ : LEN_1D >= 8 and LEN_2D >= 8 }}")
    point = None
    for d in flows:
        first = _plain(d.relation).range().dim_min(0)
        point = first if point is None else point.min(first)
    assert point is not None  # flows is not empty
    p = _text(point.gist_params(context))
    if p is None:
        return None
    ident = isl.PwAff(f"[{params}] -> {{ [{lp.var}] -> [({lp.var})] }}")
    at = isl.PwAff(f"[{params}] -> {{ [{lp.var}] -> [({p})] }}")
    phases = (ident.lt_set(at), ident.ge_set(at))
    later = isl.Map(f"[{params}] -> {{ [{lp.var}] -> [{lp.var}_] : {lp.var}_ > {lp.var} }}")
    snapshot: list[dict[str, list[str]]] = [{}, {}]
    for k in carried:
        d = facts.deps[k]
        if facts.is_scalar(d.array) and k not in unresolved:
            continue
        rel = _plain(d.relation).intersect(later)  # the pairs this loop carries
        for n, phase in enumerate(phases):
            inside = rel.intersect_domain(phase).intersect_range(phase).intersect_params(context)
            if inside.is_empty():
                continue
            if d.kind is not DependenceKind.WAR or d.value_based:
                return None  # a value, or a store order, inside one phase
            if any(f.sink_tag == d.source_tag and not _plain(f.relation).intersect_domain(phase)
                   .intersect_range(phase).intersect_params(context).is_empty()
                   for f in facts.deps if f.value_based and loop in f.common):
                return None  # the read also takes values written in its own phase: a copy would hide them
            refs = snapshot[n].setdefault(d.array, [])
            ref = facts.program.access(d.source_tag).text
            if ref not in refs:
                refs.append(ref)
    return Pattern(PatternKind.INDEX_SET_SPLIT, loop,
                   {"at": p, "var": lp.var, "phases": [f"{lp.var} < {p}", f"{lp.var} >= {p}"],
                    "snapshot": snapshot}, tuple(sorted(k for k in carried if not facts.is_scalar(facts.deps[k].array))),
                   ActionKind.INDEX_SET_SPLIT)
