"""Syntactic pre-scans of a loop body: scalar writes, increments, declarations, exits."""
from __future__ import annotations

from dataclasses import dataclass

from pycparser import c_ast

from analysis.cexpr import EXITS, call_name
from analysis.model import ExitKind

LOOPS = (c_ast.For, c_ast.While, c_ast.DoWhile)


@dataclass(frozen=True)
class WriteSite:
    name: str
    node: c_ast.Node  # the statement-level node that writes
    conditional: bool  # under an if / switch / while / after a label
    nested: bool  # inside an inner loop
    top_level: bool  # a direct item of the scanned body
    step: c_ast.Node | None  # the increment if the write is `x += step` and alike, else None
    sign: int  # +1 or -1 for increments


def _increment(node: c_ast.Node) -> tuple[str, c_ast.Node | None, int] | None:
    """(name, step, sign) of a scalar write; step None when it is not an increment."""
    one = c_ast.Constant("int", "1")
    if isinstance(node, c_ast.UnaryOp) and node.op in ("++", "--", "p++", "p--") \
            and isinstance(node.expr, c_ast.ID):
        return node.expr.name, one, (1 if "+" in node.op else -1)
    if isinstance(node, c_ast.Assignment) and isinstance(node.lvalue, c_ast.ID):
        name = node.lvalue.name
        if node.op in ("+=", "-="):
            return name, node.rvalue, (1 if node.op == "+=" else -1)
        rv = node.rvalue
        if node.op == "=" and isinstance(rv, c_ast.BinaryOp) and rv.op in ("+", "-") \
                and isinstance(rv.left, c_ast.ID) and rv.left.name == name:
            return name, rv.right, (1 if rv.op == "+" else -1)
        if node.op == "=" and isinstance(rv, c_ast.BinaryOp) and rv.op == "+" \
                and isinstance(rv.right, c_ast.ID) and rv.right.name == name:
            return name, rv.left, 1
        return name, None, 1
    return None


def scalar_writes(body: c_ast.Node) -> list[WriteSite]:
    """Every write of a plain name inside `body`, with how it happens."""
    out: list[WriteSite] = []
    top = {id(x) for x in (body.block_items or [])} if isinstance(body, c_ast.Compound) else {id(body)}

    def expr(e: c_ast.Node | None, stmt: c_ast.Node, cond: bool, nested: bool) -> None:
        if e is None:
            return
        inc = _increment(e)
        if inc is not None:
            name, step, sign = inc
            out.append(WriteSite(name, stmt, cond, nested, id(stmt) in top and e is stmt, step, sign))
        branch = isinstance(e, c_ast.TernaryOp)
        for _, child in e.children():
            expr(child, stmt, cond or branch, nested)

    def statement(s: c_ast.Node | None, cond: bool, nested: bool) -> None:
        if s is None:
            return
        if isinstance(s, c_ast.Compound):
            for item in s.block_items or []:
                statement(item, cond, nested)
        elif isinstance(s, c_ast.If):
            expr(s.cond, s, cond, nested)
            statement(s.iftrue, True, nested)
            statement(s.iffalse, True, nested)
        elif isinstance(s, LOOPS):
            if isinstance(s, c_ast.For):
                statement(s.init, cond, nested) if isinstance(s.init, c_ast.DeclList) else expr(s.init, s, cond, nested)
                expr(s.next, s, cond, True)
            statement(s.stmt, cond or not isinstance(s, c_ast.For), True)
        elif isinstance(s, (c_ast.Switch, c_ast.Label, c_ast.Case, c_ast.Default)):
            for _, child in s.children():
                statement(child, True, nested)
        elif isinstance(s, c_ast.DeclList):
            for d in s.decls:
                statement(d, cond, nested)
        elif isinstance(s, c_ast.Decl):
            expr(s.init, s, cond, nested)
        else:
            expr(s, s, cond, nested)

    statement(body, False, False)
    # a goto, continue or label anywhere in the body makes every write conditional
    if has_unstructured(body):
        out = [WriteSite(w.name, w.node, True, w.nested, w.top_level, w.step, w.sign) for w in out]
    return out


def declared(body: c_ast.Node) -> set[str]:
    names: set[str] = set()

    class V(c_ast.NodeVisitor):
        def visit_Decl(self, n: c_ast.Decl) -> None:
            if n.name:
                names.add(n.name)
            self.generic_visit(n)

    V().visit(body)
    return names


def has_unstructured(body: c_ast.Node) -> bool:
    """A goto or label, or a continue of this loop, inside the body."""
    found = False

    def walk(n: c_ast.Node, inner_loop: bool) -> None:
        nonlocal found
        if isinstance(n, (c_ast.Goto, c_ast.Label)) or (isinstance(n, c_ast.Continue) and not inner_loop):
            found = True
        for _, child in n.children():
            walk(child, inner_loop or isinstance(n, LOOPS))

    walk(body, False)
    return found


def labels(body: c_ast.Node) -> set[str]:
    out: set[str] = set()

    class V(c_ast.NodeVisitor):
        def visit_Label(self, n: c_ast.Label) -> None:
            out.add(n.name)
            self.generic_visit(n)

    V().visit(body)
    return out


def exits(body: c_ast.Node) -> list[tuple[ExitKind, str]]:
    """(kind, text) of each way out of the loop with this body: break, goto out, return, exit()."""
    inside = labels(body)
    out: list[tuple[ExitKind, str]] = []

    def walk(n: c_ast.Node, in_loop: bool, in_switch: bool) -> None:
        if isinstance(n, c_ast.Break) and not in_loop and not in_switch:
            out.append((ExitKind.BREAK, "break"))
        elif isinstance(n, c_ast.Goto) and n.name not in inside:
            out.append((ExitKind.GOTO, f"goto {n.name}"))
        elif isinstance(n, c_ast.Return):
            out.append((ExitKind.RETURN, "return"))
        elif isinstance(n, c_ast.FuncCall) and call_name(n) in EXITS:
            out.append((ExitKind.EXIT, f"{call_name(n)}()"))
        for _, child in n.children():
            walk(child, in_loop or isinstance(n, LOOPS), in_switch or isinstance(n, c_ast.Switch))

    walk(body, False, False)
    return out
