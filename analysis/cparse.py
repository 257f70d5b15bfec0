"""Parses a loop's C text and puts it into the shape the front end models.

Two rewrites happen before modelling, both semantics-preserving:
forward `goto`s inside one block become if/else (TSVC's arithmetic-if
emulations), and calls to the file's own void helpers are inlined.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

from pycparser import c_ast, c_parser

from analysis.model import FrontendError
from tsvc.record.csource import PARSE_PRELUDE


@dataclass(frozen=True)
class CFile:
    ast: c_ast.FileAST
    main: c_ast.FuncDef
    helpers: dict[str, c_ast.FuncDef]
    pointers: tuple[tuple[str, str], ...] = ()  # (pointer, array) pairs rewritten as integer offsets


_PARSER: list[c_parser.CParser] = []


def parse_file(c_text: str) -> c_ast.FileAST:
    """The C text (with the parse prelude) as a pycparser AST; one parser is reused."""
    if not _PARSER:
        _PARSER.append(c_parser.CParser())
    return _PARSER[0].parse(PARSE_PRELUDE + c_text)


def parse(c_text: str, name: str) -> CFile:
    try:
        ast = parse_file(c_text)
    except Exception as exc:  # pycparser raises ParseError and AssertionError
        raise FrontendError(f"{name}: C text does not parse: {exc}") from exc
    funcs = {e.decl.name: e for e in ast.ext if isinstance(e, c_ast.FuncDef)}
    if name not in funcs:
        raise FrontendError(f"{name}: no function named {name}")
    main = funcs.pop(name)  # a fresh AST: rewriting it in place is safe
    structure_gotos(main.body)
    inline_calls(main.body, funcs)
    pointers = pointer_walks(main)
    return CFile(ast, main, funcs, tuple(pointers))


# -- goto structuring ---------------------------------------------------------

def _goto_target(node: c_ast.Node | None) -> str | None:
    if isinstance(node, c_ast.Goto):
        return node.name
    if isinstance(node, c_ast.Compound) and node.block_items and len(node.block_items) == 1:
        return _goto_target(node.block_items[0])
    return None


def _label_uses(root: c_ast.Node) -> dict[str, int]:
    uses: dict[str, int] = {}

    class V(c_ast.NodeVisitor):
        def visit_Goto(self, n: c_ast.Goto) -> None:
            uses[n.name] = uses.get(n.name, 0) + 1

    V().visit(root)
    return uses


def _label_index(items: list, name: str, start: int) -> int | None:
    for k in range(start, len(items)):
        if isinstance(items[k], c_ast.Label) and items[k].name == name:
            return k
    return None


def _not(cond: c_ast.Node) -> c_ast.Node:
    return c_ast.UnaryOp("!", cond)


def _rewrite_once(items: list, uses: dict[str, int]) -> bool:
    for g, item in enumerate(items):
        if not isinstance(item, c_ast.If):
            continue
        then_t, else_t = _goto_target(item.iftrue), _goto_target(item.iffalse)
        # if (c) goto X; else goto Y;  X: ...   ==>   if (!c) goto Y;  ...
        if then_t and else_t and g + 1 < len(items) and isinstance(items[g + 1], c_ast.Label) \
                and items[g + 1].name == then_t and uses.get(then_t) == 1:
            items[g] = c_ast.If(_not(item.cond), c_ast.Goto(else_t), None)
            items[g + 1] = items[g + 1].stmt
            return True
        if not then_t or item.iffalse is not None or uses.get(then_t) != 1:
            continue
        target = _label_index(items, then_t, g + 1)
        if target is None:
            continue
        # if (c) goto X; A...; goto Y; X: B...; Y: ...   ==>   if (c) {B} else {A}
        skip = target - 1
        if skip > g and isinstance(items[skip], c_ast.Goto) and uses.get(items[skip].name) == 1:
            end = _label_index(items, items[skip].name, target + 1)
            if end is not None:
                label = items[target]
                then_part = [label.stmt, *items[target + 1:end]]
                new_if = c_ast.If(item.cond, c_ast.Compound(then_part), c_ast.Compound(items[g + 1:skip]))
                items[g:end + 1] = [new_if, items[end].stmt]
                return True
        # if (c) goto X; A...; X: B   ==>   if (!c) {A} B
        if not any(isinstance(x, c_ast.Label) for x in items[g + 1:target]):
            items[g:target + 1] = [c_ast.If(_not(item.cond), c_ast.Compound(items[g + 1:target]), None),
                                   items[target].stmt]
            return True
    return False


def structure_gotos(body: c_ast.Compound) -> None:
    """Turns forward gotos within one block into if/else, in place, until none is left that fits."""
    def blocks(node: c_ast.Node):
        if isinstance(node, c_ast.Compound) and node.block_items:
            yield node
        for _, child in node.children():
            yield from blocks(child)

    changed = True
    while changed:
        changed = False
        uses = _label_uses(body)
        for block in list(blocks(body)):
            if _rewrite_once(block.block_items, uses):
                changed = True
                break
    uses = _label_uses(body)
    for block in list(blocks(body)):  # labels no goto names any more
        block.block_items = [x.stmt if isinstance(x, c_ast.Label) and x.name not in uses else x
                             for x in block.block_items]


# -- helpers ------------------------------------------------------------------

def helper_params(fn: c_ast.FuncDef) -> list[c_ast.Decl]:
    args = fn.decl.type.args
    return [p for p in args.params if isinstance(p, c_ast.Decl)] if args else []


def is_pointer_param(p: c_ast.Decl) -> bool:
    return isinstance(p.type, (c_ast.ArrayDecl, c_ast.PtrDecl))


def returns_void(fn: c_ast.FuncDef) -> bool:
    node = fn.decl.type.type
    return isinstance(node, c_ast.TypeDecl) and node.type.names == ["void"]


class _Substitute(c_ast.NodeVisitor):
    def __init__(self, mapping: dict[str, c_ast.Node]):
        self.mapping = mapping

    def generic_visit(self, node: c_ast.Node) -> None:
        for name, child in node.children():
            if isinstance(child, c_ast.ID) and child.name in self.mapping:
                _replace(node, name, copy.deepcopy(self.mapping[child.name]))
            else:
                self.visit(child)


def _replace(parent: c_ast.Node, slot: str, new: c_ast.Node) -> None:
    if "[" in slot:
        attr, idx = slot[:-1].split("[")
        getattr(parent, attr)[int(idx)] = new
    else:
        setattr(parent, slot, new)


def inline(fn: c_ast.FuncDef, call: c_ast.FuncCall) -> c_ast.Compound | None:
    """The helper's body with its parameters replaced by the call's arguments, or None if unsafe."""
    params = helper_params(fn)
    args = call.args.exprs if call.args else []
    if len(params) != len(args) or not returns_void(fn):
        return None
    mapping: dict[str, c_ast.Node] = {}
    for p, a in zip(params, args):
        if is_pointer_param(p) and not isinstance(a, c_ast.ID):
            return None  # &a[4]: an offset view the model does not follow
        mapping[p.name] = a
    body = copy.deepcopy(fn.body)
    _Substitute(mapping).visit(body)
    structure_gotos(body)
    return body


def writes_through(fn: c_ast.FuncDef) -> set[str]:
    """Pointer/array parameters the helper assigns through."""
    names = {p.name for p in helper_params(fn) if is_pointer_param(p)}
    out: set[str] = set()

    class V(c_ast.NodeVisitor):
        def _target(self, n: c_ast.Node) -> None:
            while isinstance(n, (c_ast.ArrayRef, c_ast.UnaryOp)):
                n = n.name if isinstance(n, c_ast.ArrayRef) else n.expr
            if isinstance(n, c_ast.ID) and n.name in names:
                out.add(n.name)

        def visit_Assignment(self, n: c_ast.Assignment) -> None:
            self._target(n.lvalue)
            self.generic_visit(n)

        def visit_UnaryOp(self, n: c_ast.UnaryOp) -> None:
            if n.op in ("++", "--", "p++", "p--"):
                self._target(n.expr)
            self.generic_visit(n)

    V().visit(fn.body)
    return out


def inline_calls(body: c_ast.Node, helpers: dict[str, c_ast.FuncDef], depth: int = 0) -> None:
    """Replaces call statements to the file's void helpers by their bodies, in place."""
    for _, child in body.children():
        inline_calls(child, helpers, depth)
    items = body.block_items if isinstance(body, c_ast.Compound) else None
    if not items or depth > 4:
        return
    for k, item in enumerate(items):
        if isinstance(item, c_ast.FuncCall) and isinstance(item.name, c_ast.ID) and item.name.name in helpers:
            inlined = inline(helpers[item.name.name], item)
            if inlined is not None:
                inline_calls(inlined, helpers, depth + 1)
                items[k] = inlined


# -- pointer walks ---------------------------------------------------------------

_STEPS = ("++", "--", "p++", "p--")


def _array_params(fn: c_ast.FuncDef) -> set[str]:
    """Parameters that are one-dimensional arrays (or plain pointers)."""
    out = set()
    for p in helper_params(fn):
        t = p.type
        if isinstance(t, c_ast.PtrDecl) or (isinstance(t, c_ast.ArrayDecl) and not isinstance(t.type, c_ast.ArrayDecl)):
            out.add(p.name)
    return out


def _pointer_base(init: c_ast.Node | None, arrays: set[str]) -> tuple[str, c_ast.Node] | None:
    """(array, start offset) of `a`, `a + e` or `&a[e]`."""
    zero = c_ast.Constant("int", "0")
    if isinstance(init, c_ast.ID) and init.name in arrays:
        return init.name, zero
    if isinstance(init, c_ast.BinaryOp) and init.op == "+" and isinstance(init.left, c_ast.ID) \
            and init.left.name in arrays:
        return init.left.name, init.right
    if isinstance(init, c_ast.UnaryOp) and init.op == "&" and isinstance(init.expr, c_ast.ArrayRef) \
            and isinstance(init.expr.name, c_ast.ID) and init.expr.name.name in arrays:
        return init.expr.name.name, init.expr.subscript
    return None


def _uses(root: c_ast.Node, name: str) -> list[tuple[c_ast.Node, str, c_ast.Node]]:
    """(parent, slot, node) of every node that names `name`."""
    out = []

    def walk(n: c_ast.Node) -> None:
        for slot, child in n.children():
            if isinstance(child, c_ast.ID) and child.name == name:
                out.append((n, slot, child))
            walk(child)

    walk(root)
    return out


def _walkable(root: c_ast.Node, decl: c_ast.Decl) -> bool:
    """Every use of the pointer is `*p`, `p[e]` or a constant step (`p++`, `p += k`)."""
    for parent, _slot, _node in _uses(root, decl.name):
        if isinstance(parent, c_ast.UnaryOp) and parent.op in ("*", *_STEPS):
            continue
        if isinstance(parent, c_ast.ArrayRef) and isinstance(parent.name, c_ast.ID) and parent.name.name == decl.name:
            continue
        if isinstance(parent, c_ast.Assignment) and parent.op in ("+=", "-=") and parent.lvalue.name == decl.name:
            continue
        return False
    return True


def pointer_walks(fn: c_ast.FuncDef) -> list[tuple[str, str]]:
    """`real_t *P = a; ... *P ... P++` becomes `int P = 0; ... a[P] ... P++`, in place: a pointer that
    only walks over one array parameter is an integer offset into it (s1351). Anything else done
    with the pointer leaves it alone (the model then over-approximates it)."""
    arrays = _array_params(fn)
    done: list[tuple[str, str]] = []
    decls = [n for n in _all(fn.body) if isinstance(n, c_ast.Decl) and isinstance(n.type, c_ast.PtrDecl)
             and isinstance(n.type.type, c_ast.TypeDecl)]
    for decl in decls:
        base = _pointer_base(decl.init, arrays)
        if base is None or not _walkable(fn.body, decl):
            continue
        array, start = base
        for parent, slot, node in _uses(fn.body, decl.name):
            if isinstance(parent, c_ast.UnaryOp) and parent.op == "*":
                _swap(fn.body, parent, c_ast.ArrayRef(c_ast.ID(array), c_ast.ID(decl.name)))
            elif isinstance(parent, c_ast.ArrayRef) and slot == "name":
                parent.name = c_ast.ID(array)
                parent.subscript = c_ast.BinaryOp("+", c_ast.ID(decl.name), parent.subscript)
        decl.type = c_ast.TypeDecl(decl.name, [], None, c_ast.IdentifierType(["int"]))
        decl.init = start
        done.append((decl.name, array))
    return done


def _all(node: c_ast.Node):
    yield node
    for _, child in node.children():
        yield from _all(child)


def _swap(root: c_ast.Node, old: c_ast.Node, new: c_ast.Node) -> None:
    for n in _all(root):
        for slot, child in n.children():
            if child is old:
                _replace(n, slot, new)
                return
