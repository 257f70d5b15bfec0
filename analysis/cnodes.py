"""Small syntactic questions about C nodes the front end asks: literal values, names used, loop
iterators, integer declarations, and the constructs it refuses outright."""
from __future__ import annotations

from pycparser import c_ast

from analysis.cexpr import text
from analysis.model import FrontendError


def number(node: c_ast.Node | None) -> float | None:
    """The value of a numeric literal, possibly cast or negated (`(real_t) 2.`, `-1`), else None."""
    if isinstance(node, c_ast.Constant) and node.type in ("int", "float", "double"):
        try:
            return float(node.value.rstrip("fFlLuU")) if node.type != "int" else float(int(node.value.rstrip("uUlL"), 0))
        except ValueError:
            return None
    if isinstance(node, c_ast.Cast):
        return number(node.expr)
    if isinstance(node, c_ast.UnaryOp) and node.op in ("-", "+"):
        v = number(node.expr)
        return None if v is None else (-v if node.op == "-" else v)
    return None


def names(node: c_ast.Node | None) -> set[str]:
    out: set[str] = set()

    class V(c_ast.NodeVisitor):
        def visit_ID(self, n: c_ast.ID) -> None:
            out.add(n.name)

    if node is not None:
        V().visit(node)
    return out


def has_array(sites: list) -> bool:
    return any(isinstance(n, c_ast.ArrayRef) for w in sites for n in walk_nodes(w.step))


def walk_nodes(node: c_ast.Node | None):
    if node is None:
        return
    yield node
    for _, child in node.children():
        yield from walk_nodes(child)


def loop_vars(body: c_ast.Node) -> set[str]:
    out: set[str] = set()
    for n in walk_nodes(body):
        if isinstance(n, c_ast.For):
            if isinstance(n.init, c_ast.DeclList):
                out.update(d.name for d in n.init.decls)
            elif isinstance(n.init, c_ast.Assignment) and isinstance(n.init.lvalue, c_ast.ID):
                out.add(n.init.lvalue.name)
    return out


def int_declared(decl: c_ast.Decl) -> bool:
    return isinstance(decl.type, c_ast.TypeDecl) and isinstance(decl.type.type, c_ast.IdentifierType) \
        and "int" in decl.type.type.names


def reject_aggregates(body: c_ast.Node, name: str) -> None:
    """Structs and unions have fields the model cannot name: refuse them with a typed error."""
    for n in walk_nodes(body):
        if isinstance(n, (c_ast.Struct, c_ast.Union, c_ast.StructRef)):
            raise FrontendError(f"{name}: a struct or union ({' '.join(text(n).split())[:40]!r}) is not modelled")
