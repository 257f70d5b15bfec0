"""Pieces of C the claim rewrites share: the permutation header, the plan of code around the
permuted loop, ISL expressions as C, and small AST helpers."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

import islpy as isl
from pycparser import c_ast, c_generator

from analysis.model import AnalysisError, LoopAnalysis

if TYPE_CHECKING:
    from analysis.frontend import Walker
    from analysis.model import LoopInfo, LoopVerdict
    from tsvc.record.catalog import Loop

HEADER = """int tsvc_perm_ = 0;
#define floord(n, d) (((n) < 0) ? -((-(n) + (d) - 1) / (d)) : (n) / (d))
static void tsvc_permute_(int *v, int n, unsigned seed)
{
    if (tsvc_perm_ == 2) {
        for (int k = 0; k < n / 2; k++) { int t = v[k]; v[k] = v[n - 1 - k]; v[n - 1 - k] = t; }
        return;
    }
    unsigned s = (seed + 7919u * (unsigned) tsvc_perm_) | 1u;
    for (int k = n - 1; k > 0; k--) {
        s ^= s << 13; s ^= s >> 17; s ^= s << 5;
        int j = (int) (s % (unsigned) (k + 1));
        int t = v[k]; v[k] = v[j]; v[j] = t;
    }
}
"""
GEN = c_generator.CGenerator()


class Unexecutable(AnalysisError):
    """The claim cannot be turned into C (the reason is the message)."""


@dataclass
class Plan:
    """Pieces of C around the permuted loop, filled in by the actions."""

    preamble: list[str] = field(default_factory=list)  # before the loop, after the iterations are listed
    prefix: list[str] = field(default_factory=list)  # at the start of every iteration
    suffix: list[str] = field(default_factory=list)  # at the end of every iteration
    post: list[str] = field(default_factory=list)  # after the loop


class ClaimState:
    """What the action mixins (analysis.rewrite_scalars, analysis.rewrite_phases) use of their host,
    analysis.rewrite.Claim, declared for the type checker only: Claim sets and defines all of it."""

    loop: Loop
    result: LoopAnalysis
    lv: LoopVerdict
    walker: Walker
    main: c_ast.FuncDef
    node: c_ast.For
    info: LoopInfo
    plan: Plan
    tol: bool  # compare with a rounding tolerance
    snaps: dict[str, str]  # array -> its snapshot's name
    cases: list[tuple[dict[str, int], bool]]  # (scalar values over the record's, tolerant)
    order: list[list[str]] | None  # distribution: the statements of each part
    split: dict | None  # the index-set split's details
    scan: dict | None  # the scan's details

    if TYPE_CHECKING:
        def _is_scalar(self, name: str) -> bool: ...
        def _head(self, node: c_ast.For) -> tuple[str, str]: ...
        def _names(self) -> list[str]: ...
        def _snapshot(self, array: str, reads: set[str]) -> str: ...
        def _permuted(self, node: c_ast.For, first: bool = True, last: bool = True, part: int = 0,
                      keep: str = "1") -> str: ...


def isl_to_c(expr: str, names: list[str]) -> str:
    try:
        pw = isl.PwAff(f"[{', '.join(names)}] -> {{ [({expr})] }}")
    except isl.Error as exc:
        raise Unexecutable(f"not an affine expression: {expr}") from exc
    build = isl.AstBuild.from_context(isl.Set(f"[{', '.join(names)}] -> {{ : }}"))
    return build.expr_from_pw_aff(pw).to_C_str()

def set_to_c(isl_set: str) -> str:
    s = isl.Set(isl_set)
    s = s.gist_params(isl.Set("[LEN_1D, LEN_2D] -> { : LEN_1D >= 8 and LEN_2D >= 8 }"))
    n = s.dim(isl.dim_type.set)
    s = s.move_dims(isl.dim_type.param, s.dim(isl.dim_type.param), isl.dim_type.set, 0, n).params()
    # every parameter is named: the set was parsed from text that names them all
    names = cast(list[str], [s.get_dim_name(isl.dim_type.param, k) for k in range(s.dim(isl.dim_type.param))])
    build = isl.AstBuild.from_context(isl.Set(f"[{', '.join(names)}] -> {{ : }}"))
    return build.expr_from_set(s).to_C_str()

def walk(node: c_ast.Node):
    yield node
    for _, child in node.children():
        yield from walk(child)

def parent_of(root: c_ast.Node, target: c_ast.Node) -> tuple[c_ast.Node, str]:
    for n in walk(root):
        for slot, child in n.children():
            if child is target:
                return n, slot
    raise Unexecutable("a statement of the model is not in the C text")

def decl_type(root: c_ast.Node, name: str) -> str:
    for n in walk(root):
        if isinstance(n, c_ast.Decl) and n.name == name and isinstance(n.type, c_ast.TypeDecl) \
                and isinstance(n.type.type, c_ast.IdentifierType):
            return " ".join(n.type.type.names)
    raise Unexecutable(f"no declaration of scalar {name}")

def rename(root: c_ast.Node, old: str, new: str) -> None:
    for n in walk(root):
        if isinstance(n, c_ast.ID) and n.name == old:
            n.name = new
        elif isinstance(n, c_ast.Decl) and n.name == old:
            raise Unexecutable(f"{old} is declared inside the loop: already private")

def is_statement(root: c_ast.Node, node: c_ast.Node) -> bool:
    """`node` sits where a statement goes (a block item or an if/loop body), not inside an expression."""
    parent, slot = parent_of(root, node)
    return isinstance(parent, c_ast.Compound) or (isinstance(parent, (c_ast.If, c_ast.For)) and slot in
                                                   ("iftrue", "iffalse", "stmt"))

def is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return "." in text or "e" in text

def base(ref: c_ast.ArrayRef) -> str | None:
    while isinstance(ref, c_ast.ArrayRef):
        ref = ref.name
    return ref.name if isinstance(ref, c_ast.ID) else None

def subscripts(ref: c_ast.ArrayRef) -> list[str]:
    out = []
    while isinstance(ref, c_ast.ArrayRef):
        out.append(GEN.visit(ref.subscript))
        ref = ref.name
    return list(reversed(out))

def outer_loops(result: LoopAnalysis, loop_id: str) -> list[str]:
    chain, lp = [], result.program.loop(loop_id)
    while lp.parent is not None:
        chain.append(lp.parent)
        lp = result.program.loop(lp.parent)
    return list(reversed(chain))
