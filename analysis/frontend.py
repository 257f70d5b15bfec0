"""The front end: a loop function's C text -> its polyhedral model (analysis.model.Program).

Walks the function body in execution order, keeping the enclosing loops, the
affine conditions and the data-dependent guards, and the affine values of
integer scalars (forward substitution, closed forms of induction variables).
"""
from __future__ import annotations

from dataclasses import replace
from typing import cast

import islpy as isl

from pycparser import c_ast

from analysis import cparse, scan
from analysis.builder import Builder, Ctx, Frame
from analysis.cexpr import EXITS, ExpressionNotAffineError, affine, affine_condition, call_name, const_int, text
from analysis.cnodes import has_array, int_declared, loop_vars, names, number, reject_aggregates, walk_nodes
from analysis.model import Exit, ExitKind, Induction, LoopInfo, Opaque, Program, StatementKind
from analysis.updates import guarded_update
from tsvc.record.catalog import Loop
from tsvc.record.csource import PARSE_PRELUDE

_PRELUDE_LINES = PARSE_PRELUDE.count("\n")
_CMP_UP = {"<": "<", "<=": "<=", "!=": "<"}
_CMP_DOWN = {">": ">", ">=": ">=", "!=": ">"}


class Walker(Builder):
    """Walks the C body and fills the Builder."""

    # set by walk() right after construction
    iterators: set[str]  # the loop variables of the body
    is_int: dict[str, bool]  # scalar -> declared as an integer
    closed_after: dict[int, tuple[str, str]]  # id of a counter's update -> (counter, its closed form after it)

    def program(self) -> Program:
        return _program(self)

    def block(self, items: list[c_ast.Node] | None, ctx: Ctx) -> None:
        for item in items or []:
            self.statement(item, ctx)

    def statement(self, node: c_ast.Node | None, ctx: Ctx) -> None:
        if isinstance(node, (c_ast.Break, c_ast.Goto)):
            self.exit_sites.append((text(node).strip().rstrip(";"), ctx.guards, tuple(f.loop for f in ctx.frames)))
        if node is None or isinstance(node, (c_ast.EmptyStatement, c_ast.Break, c_ast.Continue, c_ast.Goto)):
            return
        if isinstance(node, c_ast.Compound):
            self.block(node.block_items, ctx)
        elif isinstance(node, c_ast.DeclList):
            self.block(node.decls, ctx)
        elif isinstance(node, c_ast.Decl):
            self.declaration(node, ctx)
        elif isinstance(node, c_ast.Assignment):
            reads = [node.rvalue, *self.subscripts(node.lvalue)]
            if node.op != "=":
                reads.append(node.lvalue)
            st = self.emit(node, StatementKind.ASSIGN, ctx, reads, self.targets(node))
            self.drop_self_copies(node, st.name)
            self.after_write(node, ctx)
        elif isinstance(node, c_ast.UnaryOp) and node.op in ("++", "--", "p++", "p--"):
            self.emit(node, StatementKind.ASSIGN, ctx, [node.expr], [node.expr])
            self.after_write(node, ctx)
        elif isinstance(node, c_ast.FuncCall) and call_name(node) in EXITS:
            self.exits.append(Exit(ExitKind.EXIT, tuple(f.loop for f in ctx.frames), text(node)))
            self.emit(node, StatementKind.EXIT, ctx, [node], [])
        elif isinstance(node, c_ast.If):
            self.conditional(node, ctx)
        elif isinstance(node, c_ast.For):
            self.for_loop(node, ctx)
        elif isinstance(node, (c_ast.While, c_ast.DoWhile)):
            kind = "while" if isinstance(node, c_ast.While) else "do-while"
            self.caveat(f"{kind} loop: {text(node.cond)} (its body is modelled as guarded)")
            self.opaque_loop(kind, node, ctx)
            self.opaque_region(node.cond, node.stmt, ctx)
        elif isinstance(node, c_ast.Switch):
            self.caveat(f"switch on {text(node.cond)} (its cases are modelled as guarded)")
            self.opaque_region(node.cond, node.stmt, ctx)
        elif isinstance(node, (c_ast.Label, c_ast.Case, c_ast.Default)):
            self.block(node.stmts if not isinstance(node, c_ast.Label) else [node.stmt], ctx)
        elif isinstance(node, c_ast.Return):
            self.exit_sites.append(("return", ctx.guards, tuple(f.loop for f in ctx.frames)))
            if ctx.frames:
                self.exits.append(Exit(ExitKind.RETURN, tuple(f.loop for f in ctx.frames), text(node)))
            self.emit(node, StatementKind.RETURN, ctx, [node.expr], [])
        else:
            self.emit(node, StatementKind.CALL if isinstance(node, c_ast.FuncCall) else StatementKind.ASSIGN, ctx, [node], [])

    def drop_self_copies(self, node: c_ast.Assignment, stmt: str) -> None:
        """`a[f] = a[g]` stores nothing new where f = g (s293 at i = 0): those instances leave
        the write relation, so they make no dependence."""
        if node.op != "=" or not isinstance(node.rvalue, c_ast.ArrayRef) or not isinstance(node.lvalue, c_ast.ArrayRef):
            return
        mine = [a for a in self.accesses if a.stmt == stmt and a.affine and not a.may]
        writes = [a for a in mine if a.write and a.text == text(node.lvalue)]
        reads = [a for a in mine if not a.write and a.text == text(node.rvalue) and writes and a.array == writes[0].array]
        if len(writes) != 1 or len(reads) != 1:
            return
        w, r = isl.Map(writes[0].relation), isl.Map(reads[0].relation)
        same = w.intersect(r).domain()
        if same.is_empty():
            return
        k = self.accesses.index(writes[0])
        self.accesses[k] = replace(writes[0], relation=str(w.subtract_domain(same)), touched=writes[0].relation)
        self.caveat(f"{text(node)} copies an element onto itself where {same}: no store is modelled there")

    # -- pieces ----------------------------------------------------------------
    @staticmethod
    def subscripts(target: c_ast.Node) -> list[c_ast.Node]:
        out = []
        while isinstance(target, c_ast.ArrayRef):
            out.append(target.subscript)
            target = target.name
        return out

    @staticmethod
    def targets(node: c_ast.Assignment) -> list[c_ast.Node]:
        out = [node.lvalue]
        rv = node.rvalue
        while isinstance(rv, c_ast.Assignment):  # a = b = e
            out.append(rv.lvalue)
            rv = rv.rvalue
        return out

    def declaration(self, node: c_ast.Decl, ctx: Ctx) -> None:
        if isinstance(node.type, c_ast.ArrayDecl):
            dims, t = 0, node.type
            while isinstance(t, c_ast.ArrayDecl):
                dims, t = dims + 1, t.type
            self.arrays[node.name] = dims
            self.caveat(f"local array {node.name}")
            return
        if not isinstance(node.type, c_ast.TypeDecl):
            self.caveat(f"local pointer {node.name}: accesses through it are over-approximated")
            return
        if ctx.frames:
            self.private[node.name] = len(ctx.frames)
        self.env[node.name] = None
        if node.init is not None:
            self.scalars.add(node.name)
            self.emit(node, StatementKind.ASSIGN, ctx, [node.init], [c_ast.ID(node.name)], label=text(node))
            if "int" in text(node.type):
                self.env[node.name] = self.try_affine(node.init, ctx)

    def try_affine(self, node: c_ast.Node, ctx: Ctx) -> str | None:
        try:
            return affine(node, self.scope(ctx))
        except ExpressionNotAffineError:
            return None

    def after_write(self, node: c_ast.Node, ctx: Ctx) -> None:
        """Keeps the affine values of integer scalars up to date after an assignment."""
        closed = self.closed_after.get(id(node))
        if closed is not None:
            self.env[closed[0]] = closed[1]
            return
        target = node.lvalue if isinstance(node, c_ast.Assignment) else node.expr
        if not isinstance(target, c_ast.ID) or target.name in self.active:
            return
        name = target.name
        if isinstance(node, c_ast.Assignment) and node.op == "=":
            self.env[name] = self.try_affine(node.rvalue, ctx) if self.is_int.get(name, False) else None
        elif isinstance(node, c_ast.Assignment) and node.op in ("+=", "-=") and self.env.get(name) is not None:
            step = self.try_affine(node.rvalue, ctx)
            self.env[name] = None if step is None else f"({self.env[name]}) {node.op[0]} ({step})"
        elif isinstance(node, c_ast.UnaryOp) and self.env.get(name) is not None:
            self.env[name] = f"({self.env[name]}) {'+' if '+' in node.op else '-'} 1"
        else:
            self.env[name] = None

    def forget(self, body: c_ast.Node) -> None:
        for w in scan.scalar_writes(body):
            if w.name not in self.active:
                self.env[w.name] = None

    def opaque_loop(self, kind: str, node: c_ast.Node, ctx: Ctx) -> None:
        """A loop the model has no iterator for: recorded so that the verdicts say it was not analysed."""
        line = node.coord.line - _PRELUDE_LINES if node.coord else 0
        head = f"{kind} ({text(node.cond) if node.cond is not None else ''})"
        self.opaque.append(Opaque(f"U{len(self.opaque)}", head, len(ctx.frames), line))

    def opaque_region(self, cond: c_ast.Node, body: c_ast.Node, ctx: Ctx) -> None:
        self.emit(cond, StatementKind.TEST, ctx, [cond], [])
        self.guard_ids += 1
        self.guard_texts[self.guard_ids] = text(cond) if cond is not None else "unknown"
        self.forget(body)
        self.statement(body, replace(ctx, guards=(*ctx.guards, self.guard_ids), may=True))
        self.forget(body)

    def conditional(self, node: c_ast.If, ctx: Ctx) -> None:
        try:
            cons = affine_condition(node.cond, self.scope(ctx))
        except ExpressionNotAffineError:
            cons = None
        if cons is not None:
            self.statement(node.iftrue, replace(ctx, constraints=(*ctx.constraints, cons)))
            self.statement(node.iffalse, replace(ctx, negated=(*ctx.negated, cons)))
        else:
            first = len(self.accesses)
            test = self.emit(node.cond, StatementKind.TEST, ctx, [node.cond], [])
            test_reads = [a for a in self.accesses[first:] if a.stmt == test.name]
            self.guard_ids += 1
            then_id = self.guard_ids
            self.guard_texts[then_id] = text(node.cond)
            start = len(self.statements)
            self.statement(node.iftrue, replace(ctx, guards=(*ctx.guards, then_id), may=True))
            branch = self.statements[start:]
            if node.iffalse is not None:
                self.guard_ids += 1
                self.guard_texts[self.guard_ids] = f"!({text(node.cond)})"
                self.branches.append((then_id, self.guard_ids))
                self.statement(node.iffalse, replace(ctx, guards=(*ctx.guards, self.guard_ids), may=True))
            elif branch:
                upd = guarded_update(node.cond, test_reads, branch, self.nodes[start:], self.accesses)
                if upd is not None:
                    self.updates.append(upd)
        for part in (node.iftrue, node.iffalse):
            if part is not None:
                self.forget(part)

    # -- loops -----------------------------------------------------------------
    def loop_header(self, node: c_ast.For, ctx: Ctx) -> tuple[str, c_ast.Node | None, c_ast.Node | None, int | None, int]:
        """(var, lower, bound expression, constant step or None, direction) of a for statement."""
        init = node.init
        if isinstance(init, c_ast.DeclList) and len(init.decls) == 1:
            var, lower = init.decls[0].name, init.decls[0].init
        elif isinstance(init, c_ast.Assignment) and isinstance(init.lvalue, c_ast.ID) and init.op == "=":
            var, lower = init.lvalue.name, init.rvalue
        else:
            raise ExpressionNotAffineError(f"for loop without a simple init: {text(node)[:60]}")
        nxt, step, sign = node.next, None, 1
        if isinstance(nxt, c_ast.UnaryOp) and nxt.op in ("++", "p++", "--", "p--"):
            step, sign = (1, 1) if "+" in nxt.op else (-1, -1)
        elif isinstance(nxt, c_ast.Assignment) and nxt.op in ("+=", "-="):
            k = const_int(nxt.rvalue, self.scope(ctx))
            sign = 1 if nxt.op == "+=" else -1
            step = None if k is None else k * sign
            if k is not None and k < 0:
                sign = -sign
        elif isinstance(nxt, c_ast.Assignment) and nxt.op == "=" and isinstance(nxt.rvalue, c_ast.BinaryOp):
            k = const_int(nxt.rvalue.right, self.scope(ctx))
            sign = 1 if nxt.rvalue.op == "+" else -1
            step = None if k is None else k * sign
        cond = node.cond
        bound = cond.right if isinstance(cond, c_ast.BinaryOp) and text(cond.left) == var else None
        return var, lower, bound, step, sign

    def for_loop(self, node: c_ast.For, ctx: Ctx) -> None:
        loop_id = f"L{len(self.loops)}"
        exact = True
        try:
            var, lower, bound, step, sign = self.loop_header(node, ctx)
        except ExpressionNotAffineError as exc:
            self.caveat(str(exc))
            self.opaque_loop("for", node, ctx)
            self.opaque_region(node.cond, node.stmt, ctx)
            return
        cons: list[str] = []
        lo = self.try_affine(lower, ctx) if lower is not None else None
        op = node.cond.op if isinstance(node.cond, c_ast.BinaryOp) else None
        table = _CMP_UP if sign > 0 else _CMP_DOWN
        up = self.try_affine(bound, ctx) if bound is not None and op in table else None
        if lo is not None:
            cons.append(f"{var} {'>=' if sign > 0 else '<='} {lo}")
        if up is not None:
            assert op is not None  # up is computed only when op is in the table
            cons.append(f"{var} {table[op]} {up}")
        if lo is None or up is None or step is None:
            exact = False
            self.caveat(f"loop {var}: bounds or step not affine ({text(node.cond)}; {text(node.next)}); "
                        "its domain is over-approximated")
        if step is None and isinstance(node.next, c_ast.Assignment) and isinstance(node.next.rvalue, c_ast.ID) \
                and node.next.rvalue.name in self.params:
            cons.append(f"{node.next.rvalue.name} >= 1")  # the direction assumed above
        if step is not None and abs(step) > 1 and lo is not None:
            cons.append(f"({var} - ({lo})) mod {abs(step)} = 0")
        line = node.coord.line - _PRELUDE_LINES if node.coord else 0
        self.loop_nodes.append(node)
        self.loops.append(LoopInfo(loop_id, var, len(ctx.frames), ctx.frames[-1].loop if ctx.frames else None,
                                   lo or "?", up or "?", str(step) if step is not None else text(node.next),
                                   line, ctx.helper))
        body_ctx = replace(ctx, frames=(*ctx.frames, Frame(loop_id, var, sign, exact)),
                           constraints=(*ctx.constraints, *cons), may=ctx.may or not exact)
        leaving = scan.exits(node.stmt)
        for kind, what in leaving:
            out = (loop_id,) if kind == ExitKind.BREAK else (*(f.loop for f in ctx.frames), loop_id)
            self.exits.append(Exit(kind, out, what))
        if leaving:
            body_ctx = replace(body_ctx, may=True)
        if scan.has_unstructured(node.stmt):
            self.caveat(f"goto/continue inside loop {var}: its statements are modelled as guarded")
            self.guard_ids += 1
            self.guard_texts[self.guard_ids] = "goto/continue: the statement may be skipped"
            body_ctx = replace(body_ctx, may=True, guards=(*body_ctx.guards, self.guard_ids))
        self.env.pop(var, None)
        found = self.find_inductions(node, loop_id, var, lo, step, ctx)
        self.forget(node.stmt)
        for ind in found:
            self.active[ind.var] = ind
            self.env[ind.var] = ind.closed_form
        self.counters.append(0)
        self.statement(node.stmt, body_ctx)
        self.counters.pop()
        self.counters[-1] += 1
        for ind in found:
            del self.active[ind.var]
        self.forget(node.stmt)

    def find_inductions(self, node: c_ast.For, loop_id: str, var: str, lo: str | None, step: int | None,
                        ctx: Ctx) -> list[Induction]:
        """Scalars whose every write in the loop is an increment by a loop-invariant amount."""
        sites = scan.scalar_writes(node.stmt)
        written = {w.name for w in sites}
        local = scan.declared(node.stmt)
        out: list[Induction] = []
        for name in sorted(written - local - {var} - set(self.active) - self.iterators):
            mine = [w for w in sites if w.name == name]
            if any(w.step is None for w in mine):
                continue
            step_names = {r for w in mine for r in names(w.step)}
            if step_names & (written | self.iterators | {var}) or has_array(mine):
                continue
            conditional = any(w.conditional for w in mine)
            consts = [const_int(w.step, self.scope(ctx)) for w in mine]
            if conditional and not all(k is not None and k * w.sign > 0 for k, w in zip(consts, mine)):
                continue
            closed = None
            entry = self.env.get(name)
            one = mine[0]
            simple = all(w.top_level and not w.nested for w in mine) and not conditional
            if simple and entry is not None and None not in consts and step is not None and lo is not None:
                total: float = sum(k * w.sign for k, w in zip(cast(list[int], consts), mine))  # None not in consts
                count = f"floor((({var}) - ({lo}))/{step})" if step > 0 else f"floor((({lo}) - ({var}))/{-step})"
                closed = f"({entry}) + {total}*({count})"
                done = 0
                for k, w in zip(cast(list[int], consts), mine):  # None not in consts
                    done += k * w.sign
                    self.closed_after[id(w.node)] = (name, f"({closed}) + {done}")
            step_text = text(one.step) if len(mine) == 1 else "+".join(text(w.step) for w in mine)
            numbers = [float(k) if k is not None else number(w.step) for k, w in zip(consts, mine)]
            value = None
            if None not in numbers and all(not w.nested for w in mine) and not conditional:
                total = sum(k * w.sign for k, w in zip(cast(list[float], numbers), mine))  # None not in numbers
                value = str(int(total)) if float(total).is_integer() and None not in consts else repr(float(total))
            out.append(Induction(name, loop_id, step_text, conditional, closed, entry, value))
        self.inductions.extend(out)
        return out


def build(loop: Loop) -> Program:
    """The polyhedral model of a catalogue loop."""
    return walk(loop).program()


def walk(loop: Loop) -> "Walker":
    """The walk over a loop's (rewritten) C text: the model's pieces and the C nodes they came from
    (`nodes[k]` is statement Sk, `loop_nodes[k]` the `for` of loop Lk); analysis.verify rewrites them."""
    cfile = cparse.parse(loop.c_text, loop.name)
    body = cfile.main.body
    reject_aggregates(cfile.main, loop.name)
    iterators = loop_vars(body)
    written = {w.name for w in scan.scalar_writes(body)} | {
        n.name for n in walk_nodes(body) if isinstance(n, c_ast.Decl) and n.init is not None}
    fn_params = cparse.helper_params(cfile.main)
    int_params = [p.name for p in fn_params if not cparse.is_pointer_param(p) and int_declared(p)
                  and p.name not in written and p.name not in ("LEN_1D", "LEN_2D")]
    is_int = {p.name: int_declared(p) for p in fn_params}
    is_int.update({n.name: int_declared(n) for n in walk_nodes(body) if isinstance(n, c_ast.Decl)})
    arrays = {p.name: len(p.dims) for p in _cparams(loop)}
    w = Walker(loop.name, cfile, ("LEN_1D", "LEN_2D", *int_params), arrays, written - iterators)
    w.iterators, w.is_int, w.closed_after = iterators, is_int, {}
    for ptr, array in cfile.pointers:
        w.caveat(f"pointer {ptr} only walks over {array}: *{ptr} is modelled as {array}[{ptr}], {ptr} an integer offset")
    w.statement(body, Ctx())
    w.permutations = tuple(sorted(a.name for a in loop.arrays if a.init == "permutation"))
    return w


def _program(w: "Walker") -> Program:
    return Program(w.name, w.params, tuple(w.statements), tuple(w.accesses), tuple(w.loops),
                   tuple(w.inductions), tuple(w.exits), tuple(sorted(w.scalars)), tuple(sorted(w.private)),
                   tuple(w.caveats), tuple(w.updates), tuple(sorted(w.guard_texts.items())), tuple(w.branches),
                   tuple(w.opaque), w.permutations, tuple(w.exit_sites))


def _cparams(loop: Loop):
    from tsvc.record.csource import parse_function

    return [p for p in parse_function(loop.c_text, loop.name).params if p.is_array]
