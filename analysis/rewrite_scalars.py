"""Claim actions on scalars: reductions (with tie-breaks), closed forms of counters, private and
wrap-around scalars. A mixin of analysis.rewrite.Claim."""
from __future__ import annotations

import copy

from pycparser import c_ast

from analysis.cparse import _replace
from analysis.csnippets import (GEN, ClaimState, Unexecutable, decl_type, is_float, is_statement, isl_to_c, outer_loops, parent_of,
                                rename, walk)


class ScalarActions(ClaimState):
    """Reductions, counters, private and wrap-around scalars."""

    def _reduction(self, d: dict) -> None:
        self.tol = True  # the permuted order is the claim; only rounding may differ
        if d.get("ties"):
            self._ties(d)

    def _ties(self, d: dict) -> None:
        """The tie-break as a kernel applies it: an equal value replaces the running extreme only if it
        comes earlier (ties: first) or later (last) in iteration order. Also run on inputs with ties."""
        ifs = [n for n in walk(self.node.stmt) if isinstance(n, c_ast.If) and GEN.visit(n.cond) == d["comparison"]]
        if len(ifs) != 1 or not isinstance(ifs[0].iftrue, c_ast.Compound) or ifs[0].iffalse is not None:
            raise Unexecutable("the argmax/argmin guard is not a plain if")
        node = ifs[0]
        value = next((GEN.visit(x.rvalue) for x in node.iftrue.block_items if isinstance(x, c_ast.Assignment)
                      and GEN.visit(x.lvalue) == d["target"]), None)
        if value is None:
            raise Unexecutable("the argmax/argmin guard does not assign its target")
        key = self._order_key(node)
        cmp = "<" if d["ties"] == "first" else ">"
        node.cond = c_ast.ID(f"({d['comparison']}) || (({value}) == {d['target']} && {key} {cmp} best_key_)")
        node.iftrue.block_items.append(c_ast.ID(f"best_key_ = {key}"))
        self.plan.preamble.append("long best_key_ = -1;")
        self.cases = [({}, False), ({"__ties__": 1}, False)]

    def _order_key(self, target: c_ast.Node) -> str:
        """The iteration order of the statement instance, as one number (outer loops, this one, inner)."""
        key = "0L"
        for x in outer_loops(self.result, self.info.id):
            key = f"({key} * 4096 + {self.result.program.loop(x).var})"
        key = f"({key} * 4096 + idx_)"
        for n in walk(self.node.stmt):
            if isinstance(n, c_ast.For) and any(m is target for m in walk(n.stmt)):
                if not (isinstance(n.next, c_ast.UnaryOp) and "++" in n.next.op):
                    raise Unexecutable("an inner loop of the argmax does not count up by one")
                key = f"({key} * 4096 + {self._head(n)[1]})"
        return key

    def _induction_variable(self, d: dict) -> None:
        if d.get("per_iteration") is None:
            raise Unexecutable(f"no per-iteration step of {d['var']}")
        step = d["per_iteration"] if is_float(d["per_iteration"]) else isl_to_c(d["per_iteration"], self._names())
        var = d["var"]
        kind = "double" if is_float(step) else "long"
        self.plan.preamble.append(f"{kind} {var}_entry_ = {var};")
        self.plan.prefix.append(f"{var} = {var}_entry_ + ({step}) * (long) idx_;")
        self.plan.post.append(f"{var} = {var}_entry_ + ({step}) * (long) n_;")

    def _stream_compaction(self, d: dict) -> None:
        if "per_iteration" not in d:
            return self._counted(d["counter"])
        var, terms, final = d["counter"], [], []
        self.plan.preamble.append(f"long {var}_entry_ = {var};")
        for k, (cond, m) in enumerate(d["guarded"]):
            p = f"{var}_P{k}_"
            self.plan.preamble.append(
                f"long *{p} = malloc(sizeof(long) * (n_ + 1)); {p}[0] = 0;"
                f" for (int q_ = 0; q_ < n_; q_++) {{ int {self.info.var} = it_[q_]; {p}[q_ + 1] = {p}[q_] + (({cond}) ? 1 : 0); }}")
            self.plan.post.append(f"free({p});")
            terms.append(f" + {m} * {p}[idx_]")
            final.append(f" + {m} * {p}[n_]")
        self.plan.prefix.append(f"{var} = {var}_entry_ + {d['per_iteration']} * (long) idx_{''.join(terms)};")
        self.plan.post.insert(0, f"{var} = {var}_entry_ + {d['per_iteration']} * (long) n_{''.join(final)};")

    def _counted(self, var: str) -> None:
        """A counter bumped in inner loops (s343 over i): how far each iteration moves it, counted in
        iteration order by the loop with every other statement left out; each iteration starts
        from the exclusive prefix sum of those counts."""
        from analysis.patterns.compaction import _is_increment

        stmts = self.result.program.statements
        incs = [n for st, n in zip(stmts, self.walker.nodes) if self.info.id in st.loops and _is_increment(st.text, var)]
        others = [n for st, n in zip(stmts, self.walker.nodes) if self.info.id in st.loops and n not in incs
                  and not isinstance(n, c_ast.Decl) and is_statement(self.node, n)]
        places = [(n, *parent_of(self.node, n)) for n in others]
        for _, parent, slot in places:
            _replace(parent, slot, c_ast.EmptyStatement())
        only = copy.deepcopy(self.node.stmt)
        for n, parent, slot in places:
            _replace(parent, slot, n)
        rename(only, var, f"{var}_c_")
        p = f"{var}_P_"
        self.plan.preamble.append(f"long {var}_entry_ = {var};")
        self.plan.preamble.append(
            f"long *{p} = malloc(sizeof(long) * (n_ + 1)); {p}[0] = 0;"
            f" for (int q_ = 0; q_ < n_; q_++) {{ int {self.info.var} = it_[q_]; long {var}_c_ = 0;"
            f" {GEN.visit(only)} {p}[q_ + 1] = {p}[q_] + {var}_c_; }}")
        self.plan.prefix.append(f"{var} = {var}_entry_ + {p}[idx_];")
        self.plan.post.insert(0, f"{var} = {var}_entry_ + {p}[n_]; free({p});")

    def _scalar_expansion(self, d: dict) -> None:
        x = d["scalar"]
        ctype = decl_type(self.main, x)
        priv = f"{x}_p_"
        rename(self.node.stmt, x, priv)
        self._flag_writes(priv)
        if d.get("wraparound"):
            self._entry(x)
            init = self._previous(x, d.get("snapshot") or {})
        else:
            init = x
        self.plan.prefix.append(f"{ctype} {priv} = {init}; int {priv}w_ = 0;")
        self.plan.preamble.append(f"long {x}_last_ = -1;")
        self.plan.suffix.append(f"if ({priv}w_ && key_ > {x}_last_) {{ {x}_last_ = key_; {x} = {priv}; }}")

    def _previous(self, x: str, snapshot: dict) -> str:
        """x's value at the top of iteration idx_: its defining expression for the previous iteration,
        with the scalars that expression reads followed back the same way (s255: y = x = b[i-2]);
        arrays the loop writes come from the snapshots the claim names."""
        for a in snapshot:
            if a not in self.snaps:
                self.snaps[a] = self._snapshot_name(a)
        return self._scalar_at(x, 0, -1)

    def _definition(self, x: str) -> tuple[int, c_ast.Node] | None:
        found = [(st.position, n) for st, n in zip(self.result.program.statements, self.walker.nodes)
                 if self.info.id in st.loops and isinstance(n, c_ast.Assignment) and n.op == "="
                 and isinstance(n.lvalue, c_ast.ID) and n.lvalue.name in (x, f"{x}_p_")]
        if len(found) > 1:
            raise Unexecutable(f"scalar {x} has more than one definition in the loop")
        return found[0] if found else None

    def _entry(self, x: str) -> None:
        line = f"{decl_type(self.main, x)} {x}_entry_ = {x};"
        if line not in self.plan.preamble:
            self.plan.preamble.append(line)

    def _eval(self, rvalue: c_ast.Node, k: int, pos: int) -> str:
        """The expression evaluated in iteration idx_ - k (before position `pos`)."""
        rv = copy.deepcopy(rvalue)
        inside = {st.name for st in self.result.program.in_loop(self.info.id)}
        written = {a.array for a in self.result.program.accesses if a.write and a.stmt in inside}
        scalars = set(self.result.program.scalars)
        for n in list(walk(rv)):
            if not isinstance(n, c_ast.ID):
                continue
            name = n.name[:-3] if n.name.endswith("_p_") and n.name[:-3] in scalars else n.name
            if name == self.info.var:
                n.name = f"it_[idx_ - {k}]"
            elif name in scalars and name in written:
                n.name = f"({self._scalar_at(name, k, pos)})"
            elif name in self.snaps:  # an array the claim reads from its snapshot; any other is read live
                n.name = self.snaps[name]
        return GEN.visit(rv)

    def _scalar_at(self, x: str, k: int, pos: int) -> str:
        """Scalar x read at position `pos` of iteration idx_ - k."""
        if k > 4:
            raise Unexecutable(f"wrap-around chain through {x} is too deep")
        found = self._definition(x)
        if found is None:
            return x
        dpos, node = found
        if dpos < pos:
            return self._eval(node.rvalue, k, dpos)
        self._entry(x)
        return f"((idx_ - {k}) <= 0 ? {x}_entry_ : ({self._eval(node.rvalue, k + 1, dpos)}))"

    def _snapshot_name(self, array: str) -> str:
        return self._snapshot(array, set())

    def _flag_writes(self, priv: str) -> None:
        """Every assignment to the private copy also raises its flag: the last writer in sequential
        order is the one whose value the loop leaves behind."""
        for n in list(walk(self.node.stmt)):
            for slot, child in n.children():
                if not (isinstance(child, (c_ast.Assignment, c_ast.UnaryOp)) and
                        isinstance(getattr(child, "lvalue", getattr(child, "expr", None)), c_ast.ID) and
                        getattr(child, "lvalue", getattr(child, "expr", None)).name == priv):  # type: ignore[union-attr]  # an ID: checked just above
                    continue
                if isinstance(child, c_ast.UnaryOp) and child.op not in ("++", "--", "p++", "p--"):
                    continue
                if not isinstance(n, (c_ast.Compound, c_ast.If)) or (isinstance(n, c_ast.If) and slot == "cond"):
                    raise Unexecutable(f"{priv[:-3]} is assigned inside an expression")
                flag = c_ast.Assignment("=", c_ast.ID(f"{priv}w_"), c_ast.Constant("int", "1"))
                _replace(n, slot, c_ast.Compound([child, flag]))
