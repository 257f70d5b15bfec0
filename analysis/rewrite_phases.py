"""Claim actions that reshape the loop into phases: scans, distribution, index-set splits and
run-time branches. A mixin of analysis.rewrite.Claim."""
from __future__ import annotations

import copy

from pycparser import c_ast

from analysis.cparse import _replace
from analysis.csnippets import GEN, ClaimState, Unexecutable, is_statement, isl_to_c, parent_of, rename, walk
from analysis.model import ActionKind, StatementKind

# actions whose statements another phase rewrites
_REWRITTEN_ELSEWHERE = (ActionKind.INDUCTION_VARIABLE, ActionKind.STREAM_COMPACTION, ActionKind.PRIVATISE)


class PhaseActions(ClaimState):
    """Scans, distribution, index-set splits, run-time branches."""

    def _scan(self, d: dict) -> None:
        self.scan = d
        self.tol = True  # the contribution is summed on its own before it joins the running value

    def _scan_code(self) -> str:
        """A scan executed as a kernel would: the contributions e of `X = X' op e` for every iteration
        (permuted, with the statements before the update), the running values in iteration order,
        then the statements after the update (permuted) reading those values. An update inside an
        inner loop (s1119: a scan over i in every lane j) keeps one contribution per execution."""
        if any(a.kind not in (ActionKind.SCAN, ActionKind.INDUCTION_VARIABLE) for a in self.lv.actions):
            raise Unexecutable("a scan together with actions other than closed forms is not executed")
        d, body = self.scan, self.node.stmt
        assert d is not None  # c_text calls this only when a scan action set it
        stmts = self.result.program.statements
        found = [(st, n) for st, n in zip(stmts, self.walker.nodes) for u in self.result.program.updates
                 if u.stmt == st.name and u.target == d["target"] and self.info.id in st.loops]
        if len(found) != 1 or not isinstance(body, c_ast.Compound):
            raise Unexecutable("the scan's update is not one statement of this loop")
        st, node = found[0]
        k = next((j for j, item in enumerate(body.block_items) if any(m is node for m in walk(item))), None)
        item = body.block_items[k] if k is not None else None
        inside = {id(m) for m in walk(item)} if item is not None else set()
        if item is None or any(id(n) in inside and s2.position > st.position for s2, n in zip(stmts, self.walker.nodes)):
            raise Unexecutable("a statement follows the scan's update inside its inner loop")
        assert k is not None  # item is None exactly when k is
        before, after = body.block_items[:k], body.block_items[k + 1:]
        declared = {n.name for x in [*before, item] for n in walk(x) if isinstance(n, c_ast.Decl)}
        if any(isinstance(n, c_ast.ID) and n.name in declared for x in after for n in walk(x)):
            raise Unexecutable("a scalar declared before the scan's update is read after it")
        ident = {"+": "0", "*": "1"}.get(d["op"])
        if ident is None or not isinstance(node, c_ast.Assignment):
            raise Unexecutable(f"a scan with {d['op']} is not executed")
        target, reads = d["target"], set(d.get("reads", []))
        contribution = copy.deepcopy(node.rvalue)
        if node.op == "=":
            for n in list(walk(contribution)):
                for slot, child in n.children():
                    if GEN.visit(child) in reads | {target}:
                        _replace(n, slot, c_ast.Constant("int", ident))
            if GEN.visit(contribution) in reads | {target}:
                contribution = c_ast.Constant("int", ident)
            update = f"{target} = {sorted(reads)[0] if reads - {target} else target} {d['op']} E_[q_ * M_ + c_++]"
        else:
            update = f"{target} {node.op} E_[q_ * M_ + c_++]"
        scalar = target not in {a.text for a in self.result.program.accesses if not self._is_scalar(a.array)}
        head, var = self._head(self.node)
        phase_a = copy.deepcopy(self.node)
        phase_a.stmt = c_ast.Compound([c_ast.ID("int c_ = 0"), *copy.deepcopy(before),
                                       self._swapped(item, node, f"E_[idx_ * M_ + c_++] = ({GEN.visit(contribution)})")])
        phase_c = copy.deepcopy(self.node)
        phase_c.stmt = c_ast.Compound(copy.deepcopy(after))
        if scalar:
            rename(phase_c.stmt, target, "S_[idx_]")
        record = f" S_[q_] = {target};" if scalar else ""
        count = GEN.visit(self._swapped(item, node, "c_++", alone=True))
        run = GEN.visit(self._swapped(item, node, update, alone=True))
        return ("{\n" + "\n".join(self.plan.preamble)
                + f"\n  int nn_ = 0, M_ = 1; for ({head}) {{ int c_ = 0; {count} if (c_ > M_) M_ = c_; nn_++; }}\n"
                f"  double *E_ = malloc(sizeof(double) * (nn_ + 1) * M_), *S_ = malloc(sizeof(double) * (nn_ + 1));\n"
                + self._permuted(phase_a, first=False, last=False)
                + f"  {{ int q_ = 0; for ({head}) {{ int c_ = 0; {run}{record} q_++; }} }}\n"
                + self._permuted(phase_c, first=False, last=False)
                + "  free(E_); free(S_);\n  { int n_ = nn_; (void) n_;\n" + "\n".join(self.plan.post) + "}\n}\n")

    def _swapped(self, item: c_ast.Node, node: c_ast.Node, code: str, alone: bool = False) -> c_ast.Node:
        """A copy of `item` with the statement `node` replaced by `code`; with `alone`, every other
        statement of the model inside it is left out (the loops and conditions around it stay)."""
        marker = c_ast.ID(code)
        gone = [(n, *parent_of(item, n)) for n in self.walker.nodes if alone and n is not node
                and any(m is n for m in walk(item)) and not isinstance(n, c_ast.Decl) and is_statement(item, n)]
        if item is node:
            return c_ast.Compound([marker])
        parent, slot = parent_of(item, node)
        _replace(parent, slot, marker)
        for n, p, sl in gone:
            _replace(p, sl, c_ast.EmptyStatement())
        out = copy.deepcopy(item)
        for n, p, sl in gone:
            _replace(p, sl, n)
        _replace(parent, slot, node)
        return out

    def _distribute(self, d: dict) -> None:
        self.order = d["order"]

    def _distributed(self, order: list[list[str]]) -> str:
        stmts = self.result.program.statements
        movable = {st.name: n for st, n in zip(stmts, self.walker.nodes)
                   if self.info.id in st.loops and st.kind in (StatementKind.ASSIGN, StatementKind.CALL) and not isinstance(n, c_ast.Decl)}
        if any(a.kind in _REWRITTEN_ELSEWHERE or a.details.get("wraparound")
               for a in self.lv.actions):
            raise Unexecutable("distribution together with counters, wrap-arounds or private arrays is not executed")
        if self.lv.actions[-1].details.get("expanded"):
            raise Unexecutable("a scalar whose value crosses parts of the distribution is not executed")
        pos = {st.name: st.position for st in stmts}
        parts = ["\n".join(self.plan.preamble)]
        for comp in order:
            gone = [(n, *parent_of(self.node, n)) for name, n in movable.items() if name not in comp]
            for n, parent, slot in gone:
                _replace(parent, slot, c_ast.EmptyStatement())
            parts.append(self._permuted(copy.deepcopy(self.node), first=False, last=False,
                                        part=max(pos[x] for x in comp)))
            for n, parent, slot in gone:
                _replace(parent, slot, n)
        return "{\n" + "\n".join([*parts, *self.plan.post]) + "}\n"

    def _runtime_check(self, d: dict) -> None:
        """Both branches run: the record's value of the parameter, and 0 (the reduction branch)."""
        if "sequentially" in d["otherwise"]:
            raise Unexecutable(f"the {d['param']} == 0 branch is sequential and is not executed")
        self.cases = [({}, False), ({d["param"]: 0}, True)]

    def _index_set_split(self, d: dict) -> None:
        self.split = d

    def _split_code(self) -> str:
        """The two phases, one after the other, each permuted; a phase's snapshots are taken when it starts."""
        if any(a.kind in _REWRITTEN_ELSEWHERE or a.details.get("wraparound")
               for a in self.lv.actions):
            raise Unexecutable("a split together with counters, wrap-arounds or private arrays is not executed")
        d, var = self.split, self.info.var
        assert d is not None  # c_text calls this only when a split action set it
        at = isl_to_c(d["at"], [*self.result.program.params, var])
        parts = ["\n".join(self.plan.preamble)]
        for n, op in enumerate(("<", ">=")):
            node = copy.deepcopy(self.node)
            saved, self.node, self.plan.preamble, self.plan.post = (self.node, self.plan.preamble, self.plan.post), \
                node, [], []
            for array, refs in d["snapshot"][n].items():
                self._snapshot(array, set(refs))
            parts += [*self.plan.preamble, self._permuted(node, first=False, last=False, part=n << 40,
                                                            keep=f"{var} {op} ({at})"), *self.plan.post]
            self.node, self.plan.preamble, self.plan.post = saved
        return "{\n" + "\n".join([*parts, *self.plan.post]) + "}\n"
