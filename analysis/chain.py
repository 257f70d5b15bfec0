"""Dependence chains: how many iterations of a loop must run one after another.

    chain_steps(loop, size) -> int | None

A loop level bounds the loop by a chain when its verdict is `sequential` (a carried
cycle remains once every pattern has done its part) and a *link* is left: a value-based
flow dependence (RAW) it carries that

  * no pattern of that level resolves (reductions, scans, expansions, copies do),
  * is exact (no `may` access: an over-approximated access proves no flow), and
  * is not an additive recurrence `X[s] = X[s'] + e` (analysis.updates marks those): that
    is a scan at any distance, and a parallel prefix needs only log2 steps, so no chain.

So a reduction or a scan is never chain-bounded; a true recurrence (s115's forward
substitution, s118, s232's x^2 + b, s222's squaring) is. Linear recurrences that the
analysis leaves sequential (s321 `a[i] += a[i-1]*b[i]`, s323 across two statements) count
as chains too: an affine-map scan would beat the bound, and its fraction would show it (> 1).

The chain along a level: the smallest link distance d such that EVERY iteration l of the
level (within each iteration of the loops around it) feeds iteration l + d whenever that
exists, checked with isl on the links projected onto the level's iterators, with the
parameters fixed to the size. The iterations l, l + d, l + 2d, ... then form a chain of
extent // d + 1 iterations, extent the largest span of the level's iterator in one
iteration of the loops around it; each iteration costs at least one dependent step. The
projection assumes that within an iteration the value that arrives reaches the value that
leaves, as it does in TSVC's recurrences. Over several sequential levels the longest chain
is kept (s2111's wavefront is longer still: a lower bound, as a limit must be).
"""
from __future__ import annotations

import islpy as isl

from analysis.footprint import _fix_params  # one definition of "the model at a size"
from analysis.model import Dependence, LoopAnalysis
from tsvc.catalog import Loop
from tsvc.inputs import scalar_values
from tsvc.sizes import Size

__all__ = ["chain_steps", "chain_of", "links"]


def links(result: LoopAnalysis, loop_id: str) -> list[Dependence]:
    """The value flows carried by `loop_id` that make it a chain (see the module's docstring)."""
    resolved = {k for p in result.patterns if p.loop == loop_id for k in p.resolves}
    scans = [{u.write_tag, *u.read_tags} for u in result.program.updates if u.recurrence]
    return [d for k, d in enumerate(result.dependences)
            if loop_id in d.carried_by and d.value_based and d.kind == "RAW" and not d.may and k not in resolved
            and not any({d.source_tag, d.sink_tag} <= own for own in scans)]


def _flat(rel: isl.Map | isl.Set, keep: int, params: tuple[str, ...], values: dict[str, int]):
    """The relation (or set) on its first `keep` iterators, named D, with the size's parameters fixed."""
    rel = _fix_params(rel, params, values)
    if isinstance(rel, isl.Set):
        rel = rel.project_out(isl.dim_type.set, keep, rel.dim(isl.dim_type.set) - keep)
        return rel.set_tuple_name("D")
    rel = rel.project_out(isl.dim_type.in_, keep, rel.dim(isl.dim_type.in_) - keep)
    rel = rel.project_out(isl.dim_type.out, keep, rel.dim(isl.dim_type.out) - keep)
    return rel.set_tuple_name(isl.dim_type.in_, "D").set_tuple_name(isl.dim_type.out, "D")


def _shift(keep: int, d: int) -> isl.Map:
    """`{ D[o..., l] -> D[o..., l + d] }`: the same iteration of the loops around, d later on the level."""
    names = [f"x{k}" for k in range(keep)]
    moved = [*names[:-1], f"{names[-1]} + {d}"]
    return isl.Map(f"{{ D[{', '.join(names)}] -> D[{', '.join(moved)}] }}")


def _extent(dom: isl.Set, keep: int) -> int:
    """The largest span of the level's iterator within one iteration of the loops around it."""
    names = [f"x{k}" for k in range(keep)]
    later = [*names[:-1], "y"]
    pairs = isl.Map(f"{{ D[{', '.join(names)}] -> D[{', '.join(later)}] : y >= {names[-1]} }}")
    spans = pairs.intersect_domain(dom).intersect_range(dom).deltas()
    return int(spans.dim_max(keep - 1).get_pieces()[0][1].get_constant_val().to_python())


def _level_chain(result: LoopAnalysis, loop_id: str, values: dict[str, int]) -> int | None:
    found = links(result, loop_id)
    if not found:
        return None
    params = result.program.params
    keep = found[0].common.index(loop_id) + 1
    flows = [_flat(isl.Map(d.relation), keep, params, values) for d in found]
    stmts = {s for d in found for s in (d.source, d.sink)}
    doms = [_flat(isl.Set(result.program.statement(s).domain), keep, params, values) for s in sorted(stmts)]
    dom = doms[0]
    for other in doms[1:]:
        dom = dom.union(other)
    dom = dom.coalesce()
    if dom.is_empty():
        return None
    union = flows[0]
    for other in flows[1:]:
        union = union.union(other)
    for d in sorted({lo for dep in found if isinstance(lo := dep.distance[keep - 1][0], int) and lo > 0}):
        step = _shift(keep, d)
        need = dom.intersect(step.intersect_range(dom).domain())  # iterations with one d later
        if need.is_subset(union.intersect(step).domain()):
            return _extent(dom, keep) // d + 1
    return None


def chain_steps(loop: Loop, size: Size) -> int | None:
    """Iterations that must run one after another at `size`, or None when no dependence chain bounds the loop."""
    from analysis import analyze

    values = {k: v for k, v in {**scalar_values(loop, size), **size.env()}.items() if isinstance(v, int)}
    return chain_of(analyze(loop), values)


def chain_of(result: LoopAnalysis, values: dict[str, int]) -> int | None:
    """chain_steps of an analysis, with the model's parameters fixed to `values`."""
    chains = [_level_chain(result, lv.id, values) for lv in result.loops if lv.verdict == "sequential"]
    return max((c for c in chains if c is not None), default=None)
