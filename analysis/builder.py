"""Building blocks of the polyhedral model: domains, schedules, tagged accesses, statements.

The walk over the C text lives in analysis.frontend; this module turns what it
meets into ISL text. What cannot be modelled exactly is over-approximated -- a
may-access of the whole array, a guarded (may) statement -- and recorded as a caveat.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import islpy as isl
from pycparser import c_ast

from analysis import cparse
from analysis.cexpr import (EXITS, MATH, Ref, Scope, Unmodelled, affine, array_ref,
                            call_name, calls, isl_name, references, text)
from analysis.model import (Access, Exit, ExpressionNotAffineError, Induction, LoopInfo,
                            Statement, StatementKind, Update)
from analysis.updates import plain_update



@dataclass(frozen=True)
class Frame:
    loop: str
    var: str
    sign: int  # +1 increasing, -1 decreasing
    exact: bool  # domain exact (affine bounds, constant step)


@dataclass(frozen=True)
class Ctx:
    frames: tuple[Frame, ...] = ()
    constraints: tuple[str, ...] = ()
    negated: tuple[str, ...] = ()
    guards: tuple[int, ...] = ()
    may: bool = False
    helper: str | None = None

    @property
    def iters(self) -> tuple[str, ...]:
        return tuple(f.var for f in self.frames)


@dataclass
class Builder:
    name: str
    cfile: cparse.CFile
    params: tuple[str, ...]
    arrays: dict[str, int]  # name -> number of dimensions
    scalars: set[str]  # modelled scalars
    statements: list[Statement] = field(default_factory=list)
    accesses: list[Access] = field(default_factory=list)
    loops: list[LoopInfo] = field(default_factory=list)
    inductions: list[Induction] = field(default_factory=list)
    exits: list[Exit] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)
    private: dict[str, int] = field(default_factory=dict)  # scalar -> depth it was declared at
    guard_texts: dict[int, str] = field(default_factory=dict)
    branches: list[tuple[int, int]] = field(default_factory=list)
    loop_nodes: list = field(default_factory=list)  # the C `for` node of each loop, in id order
    permutations: tuple[str, ...] = ()
    exit_sites: list = field(default_factory=list)  # (text, guards, loops) of each break / goto / return
    opaque: list = field(default_factory=list)  # Opaque loops: while, do-while, for without a simple header
    env: dict[str, str | None] = field(default_factory=dict)
    active: dict[str, Induction] = field(default_factory=dict)  # induction vars of the enclosing loops
    counters: list[int] = field(default_factory=lambda: [0])
    nodes: list[c_ast.Node] = field(default_factory=list)  # the C node of each statement
    guard_ids: int = 0
    tags: int = 0

    # -- helpers -------------------------------------------------------------
    def caveat(self, msg: str) -> None:
        if msg not in self.caveats:
            self.caveats.append(msg)

    def scope(self, ctx: Ctx) -> Scope:
        return Scope(ctx.iters, frozenset(self.params), self.env)

    def header(self) -> str:
        return f"[{', '.join(self.params)}]"

    def tuple_of(self, stmt: str, ctx: Ctx) -> str:
        return f"{stmt}[{', '.join(ctx.iters)}]"

    def domain(self, stmt: str, ctx: Ctx) -> str:
        cons = " and ".join(f"({c})" for c in ctx.constraints) or "true"
        try:
            dom = isl.Set(f"{self.header()} -> {{ {self.tuple_of(stmt, ctx)} : {cons} }}")
            for neg in ctx.negated:
                dom = dom.subtract(isl.Set(f"{self.header()} -> {{ {self.tuple_of(stmt, ctx)} : {neg} }}"))
        except isl.Error as exc:  # an expression the ISL parser refused: over-approximate
            self.caveat(f"domain of {stmt} over-approximated ({exc})")
            dom = isl.Set(f"{self.header()} -> {{ {self.tuple_of(stmt, ctx)} }}")
        return str(dom.coalesce())

    def schedule(self, ctx: Ctx) -> tuple[str, ...]:
        """2d+1: the position at each depth, interleaved with the (signed) iterators."""
        vec: list[str] = []
        for k, frame in enumerate(ctx.frames):
            vec += [str(self.counters[k]), frame.var if frame.sign > 0 else f"-{frame.var}"]
        return (*vec, str(self.counters[len(ctx.frames)]))

    def next_tag(self, write: bool) -> str:
        self.tags += 1
        return f"{'W' if write else 'R'}{self.tags - 1}"

    # -- accesses ------------------------------------------------------------
    def access(self, stmt: str, ref: Ref, write: bool, ctx: Ctx) -> Access | None:
        src = self.tuple_of(stmt, ctx)
        name = ref.name
        if name in self.arrays and (ref.subscripts or self.arrays[name] == 0):
            dims = self.arrays[name]
            subs, affine_ok, counter = [], True, None
            for k in range(dims):
                node = ref.subscripts[k] if k < len(ref.subscripts) else None
                if isinstance(node, c_ast.ID) and node.name in self.active and self.active[node.name].conditional:
                    counter = node.name
                try:
                    subs.append(affine(node, self.scope(ctx)) if node is not None else f"o{k}")
                except ExpressionNotAffineError:
                    subs.append(f"o{k}")
                    affine_ok = False
            if not affine_ok:
                self.caveat(f"non-affine subscript {ref.text}")
            rel = f"{self.header()} -> {{ {src} -> {isl_name(name)}[{', '.join(subs)}] }}"
            may = ctx.may or not affine_ok
        elif name in self.scalars and not ref.subscripts:
            if name in self.active:
                return None  # an induction variable: replaced by its closed form
            depth = self.private.get(name, 0)
            rel = f"{self.header()} -> {{ {src} -> {isl_name(name)}[{', '.join(ctx.iters[:depth])}] }}"
            may, affine_ok, counter = ctx.may, True, None
        else:
            return None
        try:
            rel = str(isl.Map(rel))
        except isl.Error:
            self.caveat(f"access {ref.text} over-approximated")
            rel = str(isl.Map(f"{self.header()} -> {{ {src} -> {isl_name(name)}[{', '.join(f'o{k}' for k in range(self.arrays.get(name, 0)))}] }}"))
            may, affine_ok = True, False
        acc = Access(self.next_tag(write), stmt, name, write, rel, may, affine_ok, ref.text, counter)
        self.accesses.append(acc)
        return acc

    def whole(self, stmt: str, names: list[str], write: bool, ctx: Ctx, why: str) -> None:
        """May-accesses of whole arrays, for what the model cannot follow."""
        self.caveat(why)
        for name in names:
            dims = self.arrays.get(name, 0)
            rel = f"{self.header()} -> {{ {self.tuple_of(stmt, ctx)} -> {isl_name(name)}[{', '.join(f'o{k}' for k in range(dims))}] }}"
            self.accesses.append(Access(self.next_tag(write), stmt, name, write, str(isl.Map(rel)), True, False,
                                        f"any element of {name} ({why})"))

    # -- statements ----------------------------------------------------------
    def emit(self, node: c_ast.Node, kind: StatementKind, ctx: Ctx, reads: list[c_ast.Node | None],
             writes: list[c_ast.Node], label: str | None = None) -> Statement:
        stmt = f"S{len(self.statements)}"
        all_arrays = sorted(self.arrays)
        read_tags: list[Access] = []
        ref: Ref | None  # a reference read, then one written (None: an unmodelled write)
        for expr in reads:
            try:
                refs = references(expr)
            except Unmodelled as exc:
                self.whole(stmt, all_arrays, False, ctx, f"unmodelled read {exc}")
                refs = []
            for ref in refs:
                acc = self.access(stmt, ref, False, ctx)
                if acc:
                    read_tags.append(acc)
            for call in calls(expr):
                self.call_effects(stmt, call, ctx)
        write_accs: list[Access] = []
        for target in writes:
            ref = array_ref(target) if isinstance(target, c_ast.ArrayRef) else (
                Ref(target.name, (), target) if isinstance(target, c_ast.ID) else None)
            if ref is None:
                self.whole(stmt, all_arrays, True, ctx, f"unmodelled write {text(target)}")
                continue
            acc = self.access(stmt, ref, True, ctx)
            if acc:
                write_accs.append(acc)
        st = Statement(stmt, label or text(node), kind, ctx.iters, tuple(f.loop for f in ctx.frames),
                       self.domain(stmt, ctx), self.schedule(ctx), ctx.guards, len(self.statements))
        self.statements.append(st)
        self.nodes.append(node)
        self.counters[-1] += 1
        upd = plain_update(node, st, read_tags, write_accs)
        if upd:
            self.updates.append(upd)
        return st

    def call_effects(self, stmt: str, call: c_ast.FuncCall, ctx: Ctx) -> None:
        fname = call_name(call)
        if fname in MATH or fname in EXITS:
            return
        args = call.args.exprs if call.args else []
        arrays = [a.name for a in args if isinstance(a, c_ast.ID) and a.name in self.arrays]
        helper = self.cfile.helpers.get(fname)
        if helper is not None:
            written = cparse.writes_through(helper)
            params = cparse.helper_params(helper)
            out = [a.name for p, a in zip(params, args) if p.name in written and isinstance(a, c_ast.ID)]
            if arrays:
                self.whole(stmt, arrays, False, ctx, f"call {fname}(...) reads whole arrays {', '.join(arrays)}")
            if out:
                self.whole(stmt, out, True, ctx, f"call {fname}(...) may write {', '.join(out)}")
            if any(not isinstance(a, (c_ast.ID, c_ast.Constant, c_ast.ArrayRef, c_ast.BinaryOp)) for a in args):
                self.whole(stmt, sorted(self.arrays), True, ctx, f"call {fname}(...) with pointer arguments")
            return
        self.whole(stmt, sorted(self.arrays), True, ctx, f"unknown call {fname}(...)")
