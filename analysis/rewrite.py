"""C text that executes one claim of the analysis: the loop rewritten as the claim's actions say
(snapshots, private scalars, closed forms of counters, dead stores skipped, distribution), its
iterations run in a permuted order. analysis.verify compiles it and compares it with the loop.

The permutation is chosen at run time by the global `tsvc_perm_` (0, 1: two xorshift shuffles,
2: reversed order), so one build serves every permutation.
"""
from __future__ import annotations

from pycparser import c_ast

from analysis import frontend
from analysis.cexpr import text
from analysis.cparse import _replace
from analysis.csnippets import (GEN, HEADER, Plan, Unexecutable, base, outer_loops, parent_of, rename, set_to_c,
                                subscripts, walk)
from analysis.model import Action, LoopAnalysis, LoopVerdict
from analysis.rewrite_phases import PhaseActions
from analysis.rewrite_scalars import ScalarActions
from tsvc.record.catalog import Loop

__all__ = ["Claim", "Unexecutable", "claim_c_text", "unexecutable"]

_HOLE = "tsvc_claim_loop_"


class Claim(ScalarActions, PhaseActions):
    """One loop level's claim, turned into C."""

    def __init__(self, loop: Loop, result: LoopAnalysis, lv: LoopVerdict):
        self.loop, self.result, self.lv = loop, result, lv
        self.walker = frontend.walk(loop)
        self.main = self.walker.cfile.main
        index = [lp.id for lp in result.program.loops].index(lv.id)
        self.node: c_ast.For = self.walker.loop_nodes[index]
        self.info = result.program.loops[index]
        self.plan = Plan()
        self.tol = False  # compare with a rounding tolerance (reductions reorder additions)
        self.snaps: dict[str, str] = {}  # array -> its snapshot's name
        self.cases: list[tuple[dict[str, int], bool]] = [({}, False)]  # (scalar values over the record's, tolerant)

    # -- the actions ----------------------------------------------------------------------
    def apply(self, action: Action) -> None:
        handler = getattr(self, f"_{action.kind}", None)
        if handler is None:
            raise Unexecutable(f"no executable form for action {action.kind}")
        handler(action.details)

    def _war_copy(self, d: dict) -> None:
        self._snapshot(d["array"], set(d["reads"]))

    def _snapshot(self, array: str, reads: set[str]) -> str:
        spec = self.loop.array(array)
        snap = f"{array}_snap_"
        n = " * ".join(f"({x})" for x in spec.dims)
        ctype = "real_t" if spec.ctype == "real_t" else "int"
        ptr = f"(*{snap})[{spec.dims[1]}]" if len(spec.dims) == 2 else f"*{snap}"
        self.plan.preamble.append(f"{ctype} {ptr} = malloc(sizeof({ctype}) * {n});"
                                  f" for (long q_ = 0; q_ < {n}; q_++) (({ctype} *) {snap})[q_] = (({ctype} *) {array})[q_];")
        self.plan.post.append(f"free({snap});")
        lvalues = {id(n.lvalue) for n in walk(self.node) if isinstance(n, c_ast.Assignment)}
        for n in walk(self.node.stmt):
            if isinstance(n, c_ast.ArrayRef) and id(n) not in lvalues and text(n) in reads:
                base = n
                while isinstance(base.name, c_ast.ArrayRef):
                    base = base.name
                base.name = c_ast.ID(snap)
        return snap


    def _is_scalar(self, name: str) -> bool:
        return name in self.result.program.scalars

    def _head(self, node: c_ast.For) -> tuple[str, str]:
        init = node.init
        var = init.decls[0].name if isinstance(init, c_ast.DeclList) else init.lvalue.name
        return f"{GEN.visit(node.init)}; {GEN.visit(node.cond)}; {GEN.visit(node.next)}", var


    def _privatise(self, d: dict) -> None:
        """Each iteration on its own copy of the array (taken when the loop starts); after it, the
        elements it wrote land unless a later iteration (in sequential order) wrote them too."""
        array = d["array"]
        spec = self.loop.array(array)
        ctype = "real_t" if spec.ctype == "real_t" else "int"
        n = " * ".join(f"({x})" for x in spec.dims)
        priv, orig, wrote, last = f"{array}_p_", f"{array}_o_", f"{array}_w_", f"{array}_l_"
        ptr = (lambda v: f"(*{v})[{spec.dims[1]}]") if len(spec.dims) == 2 else (lambda v: f"*{v}")
        self.plan.preamble.append(
            f"{ctype} {ptr(orig)} = malloc(sizeof({ctype}) * {n}); {ctype} {ptr(priv)} = malloc(sizeof({ctype}) * {n});"
            f" char *{wrote} = malloc({n}); int *{last} = malloc(sizeof(int) * {n});"
            f" for (long q_ = 0; q_ < {n}; q_++) {{ (({ctype} *) {orig})[q_] = (({ctype} *) {array})[q_]; {last}[q_] = -1; }}")
        self.plan.prefix.append(f"for (long q_ = 0; q_ < {n}; q_++) {{ (({ctype} *) {priv})[q_] = (({ctype} *) {orig})[q_];"
                                f" {wrote}[q_] = 0; }}")
        self.plan.suffix.append(f"for (long q_ = 0; q_ < {n}; q_++) if ({wrote}[q_] && idx_ > {last}[q_]) {{"
                                f" {last}[q_] = idx_; (({ctype} *) {array})[q_] = (({ctype} *) {priv})[q_]; }}")
        self.plan.post.append(f"free({orig}); free({priv}); free({wrote}); free({last});")
        rename(self.node.stmt, array, priv)
        for n_ in list(walk(self.node.stmt)):
            for slot, child in n_.children():
                if not (isinstance(child, c_ast.Assignment) and isinstance(child.lvalue, c_ast.ArrayRef)
                        and base(child.lvalue) == priv):
                    continue
                if not isinstance(n_, (c_ast.Compound, c_ast.If)) or slot == "cond":
                    raise Unexecutable(f"a store to {array} inside an expression")
                subs = subscripts(child.lvalue)
                flat = subs[0] if len(subs) == 1 else f"({subs[0]}) * ({spec.dims[1]}) + ({subs[1]})"
                mark = c_ast.ID(f"{wrote}[{flat}] = 1")
                _replace(n_, slot, c_ast.Compound([child, mark]))

    def _last_write_wins(self, d: dict) -> None:
        for isl_set in d["dead_stores"].values():
            stmt = isl_set[isl_set.index("{") + 1:].split("[", 1)[0].strip()
            node = self.walker.nodes[int(stmt[1:])]
            parent, slot = parent_of(self.main, node)
            _replace(parent, slot, c_ast.If(c_ast.ID(f"!({set_to_c(isl_set)})"), node, None))


    def _names(self) -> list[str]:
        outer = [self.result.program.loop(x).var for x in outer_loops(self.result, self.info.id)]
        return [*self.result.program.params, *outer, self.info.var]

    # -- the C text -------------------------------------------------------------------------
    def c_text(self) -> str:
        self.order, self.split, self.scan = None, None, None
        for a in self.lv.actions:
            self.apply(a)
        parent, slot = parent_of(self.main, self.node)
        if self.scan is not None:
            code = self._scan_code()
        elif self.split is not None:
            code = self._split_code()
        elif self.order is None:
            code = self._permuted(self.node)
        else:
            code = self._distributed(self.order)
        _replace(parent, slot, c_ast.ID(_HOLE))
        exts = self.walker.cfile.ast.ext[1:]
        out = "".join(GEN.visit(e) + ("\n" if isinstance(e, c_ast.FuncDef) else ";\n") for e in exts)
        return HEADER + out.replace(_HOLE + ";", code, 1)


    def _permuted(self, node: c_ast.For, first: bool = True, last: bool = True, part: int = 0,
                  keep: str = "1") -> str:
        """The loop with its iterations permuted; `part` orders the parts of a distribution within one
        iteration (the textual position of the part's last statement) for the last-writer rule."""
        init = node.init
        if isinstance(init, c_ast.DeclList) and len(init.decls) == 1:
            var, declared = init.decls[0].name, True
        elif isinstance(init, c_ast.Assignment) and isinstance(init.lvalue, c_ast.ID):
            var, declared = init.lvalue.name, False
        else:
            raise Unexecutable("the loop has no simple iterator")
        head = f"{GEN.visit(node.init)}; {GEN.visit(node.cond)}; {GEN.visit(node.next)}"
        body = GEN.visit(node.stmt) if isinstance(node.stmt, c_ast.Compound) else "{ " + GEN.visit(node.stmt) + "; }"
        line = self.info.line
        pre = "\n".join(self.plan.preamble) if first else ""
        post = "\n".join(self.plan.post) if last else ""
        return (
            f"{{ int n_ = 0;\n  for ({head}) if ({keep}) n_++;\n"
            f"  int *it_ = (int *) malloc(sizeof(int) * (n_ + 1)), *ord_ = (int *) malloc(sizeof(int) * (n_ + 1));\n"
            f"  n_ = 0;\n  for ({head}) if ({keep}) it_[n_++] = {var};\n"
            f"  for (int q_ = 0; q_ < n_; q_++) ord_[q_] = q_;\n"
            f"  tsvc_permute_(ord_, n_, 12345u + {line}u);\n"
            f"  {pre}\n"
            f"  for (int k_ = 0; k_ < n_; k_++) {{\n"
            f"    int idx_ = ord_[k_]; long key_ = (long) idx_ * 4096 + {part}L;\n"
            f"    {'int ' if declared else ''}{var} = it_[idx_];\n"
            f"    {' '.join(self.plan.prefix)}\n"
            f"    do {body} while (0);\n"
            f"    {' '.join(self.plan.suffix)}\n"
            f"  }}\n"
            f"  {post}\n"
            f"  free(it_); free(ord_);\n"
            + ("" if declared else f"  for ({head});\n")
            + "}\n"
        )


def claim_c_text(loop: Loop, result: LoopAnalysis, lv: LoopVerdict) -> str:
    """The loop function with loop level `lv` rewritten by its actions and permuted; raises Unexecutable."""
    if not lv.verdict.is_parallel:
        raise Unexecutable(f"{lv.verdict} is not a parallel claim")
    return Claim(loop, result, lv).c_text()


def unexecutable(loop: Loop, result: LoopAnalysis, lv: LoopVerdict) -> str | None:
    """Why the claim cannot be executed, or None (builds the C text, compiles nothing)."""
    try:
        claim_c_text(loop, result, lv)
    except Unexecutable as exc:
        return str(exc)
    return None

