"""Dependence chains: how many iterations of a loop must run one after another.

    chain_steps(loop, size) -> int | None

The latency limit of a loop (tsvc.speed.benchmark) needs a LOWER bound on its critical path: a chain
is claimed only where the analysis shows one, and None ("no chain bounds it") on any doubt.

A loop level is a chain candidate when its verdict is `sequential` (a carried cycle remains once
every pattern has done its part) and a *link* is left: a value-based flow (RAW) it carries that
no pattern of that level resolves, that is exact (no `may` access: an over-approximation proves
no flow), and that is not an additive recurrence `X[s] = X[s'] + e` (analysis.updates marks
those: a scan). A candidate is a chain unless a parallel prefix evidently exists. The chain's
statements (the links' sinks and the level's writers of the links' arrays) are read as
functions of the chain's values (references to the arrays they write):

  nonlinear    a polynomial of degree >= 2 that is not a plain product, e.g. s232's
               aa[j][i-1]^2 + bb[j][i]: compositions grow in degree, no prefix  -> chain
  linear       affine in the chain's values (s321, s322, s323, s256, s257): affine maps
               compose associatively, a scan of constant-size matrices, unless
                 H  a link's distance on the level is not a constant (s118: every earlier
                    a[k] feeds a[i], an unbounded history), or
                 C  the state crossing one iteration is a vector (a flow the level carries
                    leaves several instances of one iteration) and a flow inside the level
                    moves across its lanes (s115's a[i] -> a[j]; s2111's rows):
                    the matrices grow with the size                                 -> chain
  product      a plain product of chain values (s222's e[i-1] * e[i-1]): powers compose,
               a scan of exponents                                         -> no chain unless H or C
  unknown      calls, ternaries, division by a chain value, guards          -> no chain unless H or C

So a reduction, a scan or a recurrence with a parallel prefix is never chain-bound.

The chain's length along a level: the smallest link distance d such that EVERY iteration l of
the level (within each iteration of the loops around it) feeds iteration l + d whenever that
exists, checked with isl on the links projected onto the level's iterators, with the parameters
fixed to the size. The iterations l, l + d, ... then form a chain of extent // d + 1 iterations,
extent the largest span of the level's iterator within one iteration of the loops around it;
each iteration costs at least one dependent step. Over several chain levels the longest is kept
(s2111's wavefront is longer still: a lower bound, as a limit must be).
"""
from __future__ import annotations

import enum
from dataclasses import dataclass

import islpy as isl
from pycparser import c_ast

from analysis.cparse import parse_file
from analysis.footprint import _fix_params  # one definition of "the model at a size"
from analysis.model import Dependence, DependenceKind, LoopAnalysis, VerdictKind
from tsvc.record.catalog import Loop
from tsvc.record.inputs import scalar_values
from tsvc.record.sizes import Size

__all__ = ["chain_steps", "chain_of", "links", "form"]


def links(result: LoopAnalysis, loop_id: str) -> list[Dependence]:
    """The value flows carried by `loop_id` that make it a chain candidate (see the module's docstring)."""
    resolved = {k for p in result.patterns if p.loop == loop_id for k in p.resolves}
    scans = [{u.write_tag, *u.read_tags} for u in result.program.updates if u.recurrence]
    return [d for k, d in enumerate(result.dependences)
            if loop_id in d.carried_by and d.value_based and d.kind is DependenceKind.RAW and not d.may and k not in resolved
            and not any({d.source_tag, d.sink_tag} <= own for own in scans)]


# -- the form of the chain's statements ---------------------------------------

@dataclass(frozen=True)
class _Shape:
    degree: int  # in the chain's values
    product: bool  # a plain product of factors (no sum over a chain value)


def _shape(node: c_ast.Node, chain: frozenset[str]) -> _Shape | None:
    """The polynomial shape of an expression in the chain arrays' references; None: not a polynomial."""
    if isinstance(node, (c_ast.Constant, c_ast.ID)):
        return _Shape(0, True)
    if isinstance(node, c_ast.ArrayRef):
        base = node
        while isinstance(base, c_ast.ArrayRef):
            base = base.name
        return _Shape(1 if isinstance(base, c_ast.ID) and base.name in chain else 0, True)
    if isinstance(node, c_ast.Cast) or (isinstance(node, c_ast.UnaryOp) and node.op in ("-", "+")):
        return _shape(node.expr, chain)
    if isinstance(node, c_ast.BinaryOp) and node.op in ("+", "-", "*", "/"):
        left, right = _shape(node.left, chain), _shape(node.right, chain)
        if left is None or right is None:
            return None
        if node.op == "*":
            return _Shape(left.degree + right.degree, left.product and right.product)
        if node.op == "/":
            return left if right.degree == 0 else None
        return _Shape(max(left.degree, right.degree), left.degree == right.degree == 0)
    return None if _mentions(node, chain) else _Shape(0, True)


def _mentions(node: c_ast.Node, chain: frozenset[str]) -> bool:
    return any(isinstance(n, c_ast.ID) and n.name in chain for n in _walk(node))


def _walk(node: c_ast.Node) -> list[c_ast.Node]:
    out = [node]
    for _, child in node.children():
        out += _walk(child)
    return out


def _statement_shape(text: str, chain: frozenset[str]) -> _Shape | None:
    """The shape of an assignment's value (`x op= e` read as `x op e`); None for anything else."""
    try:
        body = parse_file(f"void chain_statement(void) {{ {text}; }}").ext[-1].body
    except Exception:  # noqa: BLE001 - pycparser raises ParseError and AssertionError: not a statement we read
        return None
    node = (body.block_items or [None])[0]
    if not isinstance(node, c_ast.Assignment):
        return None
    value = node.rvalue if node.op == "=" else c_ast.BinaryOp(node.op[:-1], node.lvalue, node.rvalue)
    return _shape(value, chain)


class Form(enum.StrEnum):
    """The chain's statements as functions of its values: only a nonlinear one has no parallel prefix."""

    LINEAR = "linear"  # affine maps compose
    PRODUCT = "product"  # powers compose
    NONLINEAR = "nonlinear"
    UNKNOWN = "unknown"  # not a polynomial (calls, ternaries): no chain is claimed on its account


def form(result: LoopAnalysis, loop_id: str) -> Form:
    """The form of the chain's statements (see Form)."""
    found = links(result, loop_id)
    arrays = {d.array for d in found}
    inside = {s.name for s in result.program.in_loop(loop_id)}
    writers = {a.stmt for a in result.program.accesses if a.write and a.array in arrays and a.stmt in inside}
    stmts = sorted({d.sink for d in found} | writers)
    chain = frozenset(a.array for a in result.program.accesses if a.write and a.stmt in stmts)
    shapes = [_statement_shape(result.program.statement(s).text, chain) for s in stmts]
    if any(s is None for s in shapes):
        return Form.UNKNOWN
    if all(s.degree <= 1 for s in shapes):  # type: ignore[union-attr]  # no None: checked just above
        return Form.LINEAR
    if all(s.product for s in shapes):  # type: ignore[union-attr]  # as above
        return Form.PRODUCT
    return Form.NONLINEAR


# -- the model at a size --------------------------------------------------------

def _flat(obj, keep: int, params: tuple[str, ...], values: dict[str, int]):
    """A relation (or set) on its first `keep` iterators, named D, with the size's parameters fixed."""
    obj = _fix_params(obj, params, values)
    if isinstance(obj, isl.Set):
        return obj.project_out(isl.dim_type.set, keep, obj.dim(isl.dim_type.set) - keep).set_tuple_name("D")
    obj = obj.project_out(isl.dim_type.in_, keep, obj.dim(isl.dim_type.in_) - keep)
    obj = obj.project_out(isl.dim_type.out, keep, obj.dim(isl.dim_type.out) - keep)
    return obj.set_tuple_name(isl.dim_type.in_, "D").set_tuple_name(isl.dim_type.out, "D")


def _shift(keep: int, d: int) -> isl.Map:
    """`{ D[o..., l] -> D[o..., l + d] }`: the same iteration of the loops around, d later on the level."""
    names = [f"x{k}" for k in range(keep)]
    moved = [*names[:-1], f"{names[-1]} + {d}"]
    return isl.Map(f"{{ D[{', '.join(names)}] -> D[{', '.join(moved)}] }}")


def _extent(dom: isl.Set, keep: int) -> int | None:
    """The largest span of the level's iterator within one iteration of the loops around it; None where it
    is not one number (a parameter the size does not fix)."""
    names = [f"x{k}" for k in range(keep)]
    later = [*names[:-1], "y"]
    pairs = isl.Map(f"{{ D[{', '.join(names)}] -> D[{', '.join(later)}] : y >= {names[-1]} }}")
    pieces = pairs.intersect_domain(dom).intersect_range(dom).deltas().dim_max(keep - 1).get_pieces()
    if len(pieces) != 1 or not pieces[0][1].is_cst():
        return None
    return int(pieces[0][1].get_constant_val().to_python())


def _vector_state(result: LoopAnalysis, loop_id: str, values: dict[str, int]) -> bool:
    """Condition C: several instances of one iteration feed later ones, and a flow crosses lanes."""
    arrays = {d.array for d in links(result, loop_id)}
    flows = [d for d in result.dependences if d.value_based and d.kind is DependenceKind.RAW and not d.may
             and d.array in arrays and loop_id in d.common]
    level = {id(d): d.common.index(loop_id) for d in flows}
    crossing = any(p != (0, 0) for d in flows for p in d.distance[level[id(d)] + 1:])
    if not crossing:
        return False
    for d in flows:
        if loop_id not in d.carried_by:
            continue
        sources = _fix_params(isl.Map(d.relation), result.program.params, values).domain()
        keep = level[id(d)] + 1
        inner = sources.dim(isl.dim_type.set) - keep
        by_iteration = isl.Map.from_range(sources).move_dims(isl.dim_type.in_, 0, isl.dim_type.out, 0, keep)
        if inner and not by_iteration.is_single_valued():
            return True
    return False


def _bounds(result: LoopAnalysis, loop_id: str, values: dict[str, int]) -> bool:
    """Whether the level is a chain, not a scan in disguise (the module's docstring)."""
    found = links(result, loop_id)
    if not found:
        return False
    history = any(lo != hi or not isinstance(lo, int) for d in found
                  for lo, hi in [d.distance[d.common.index(loop_id)]])
    shape = form(result, loop_id)
    return shape is Form.NONLINEAR or history or _vector_state(result, loop_id, values)


def _level_chain(result: LoopAnalysis, loop_id: str, values: dict[str, int]) -> int | None:
    if not _bounds(result, loop_id, values):
        return None
    found = links(result, loop_id)
    params = result.program.params
    keep = found[0].common.index(loop_id) + 1
    union = _flat(isl.Map(found[0].relation), keep, params, values)
    for d in found[1:]:
        union = union.union(_flat(isl.Map(d.relation), keep, params, values))
    stmts = sorted({s for d in found for s in (d.source, d.sink)})
    dom = _flat(isl.Set(result.program.statement(stmts[0]).domain), keep, params, values)
    for s in stmts[1:]:
        dom = dom.union(_flat(isl.Set(result.program.statement(s).domain), keep, params, values))
    dom = dom.coalesce()
    if dom.is_empty():
        return None
    for dist in sorted({lo for dep in found if isinstance(lo := dep.distance[keep - 1][0], int) and lo > 0}):
        step = _shift(keep, dist)
        need = dom.intersect(step.intersect_range(dom).domain())  # iterations with one d later
        if need.is_subset(union.intersect(step).domain()):
            extent = _extent(dom, keep)
            return None if extent is None else extent // dist + 1
    return None


def chain_steps(loop: Loop, size: Size) -> int | None:
    """Iterations that must run one after another at `size`, or None when no dependence chain bounds the loop."""
    from analysis import analyze

    values = {k: v for k, v in {**scalar_values(loop, size), **size.env()}.items() if isinstance(v, int)}
    return chain_of(analyze(loop), values)


def chain_of(result: LoopAnalysis, values: dict[str, int]) -> int | None:
    """chain_steps of an analysis, with the model's parameters fixed to `values`."""
    chains = [_level_chain(result, lv.id, values) for lv in result.loops if lv.verdict is VerdictKind.SEQUENTIAL]
    return max((c for c in chains if c is not None), default=None)
