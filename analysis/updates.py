"""Recognises statements that update one location from itself: `X op= e`, `X = X op e`,
`X = fmax(X, e)`, and the guarded `if (e > X) X = e;` -- the raw material of reductions and scans.
"""
from __future__ import annotations

from pycparser import c_ast

from analysis.cexpr import references, text
from analysis.model import Access, Statement, Update

_COMPOUND = {"+=": "+", "-=": "+", "*=": "*"}
_CALLS = {"fmax": "max", "fmaxf": "max", "max": "max", "fmin": "min", "fminf": "min", "min": "min"}


def _mentions(node: c_ast.Node, target: str) -> bool:
    try:
        return any(r.text == target for r in references(node))
    except Exception:  # an unmodelled reference: assume it may be the target
        return True


def _other_side(rv: c_ast.Node, target: str) -> tuple[str, c_ast.Node] | None:
    """(op, e) when rv is `target op e` or `e op target` for an associative-commutative op."""
    if isinstance(rv, c_ast.BinaryOp) and rv.op in ("+", "-"):
        terms = _terms(rv)
        hits = [(sg, t) for sg, t in terms if text(t) == target]
        if len(hits) == 1 and hits[0][0] == 1 and not any(_mentions(t, target) for sg, t in terms if t is not hits[0][1]):
            return "+", rv
    if isinstance(rv, c_ast.BinaryOp) and rv.op in ("+", "-", "*"):
        if text(rv.left) == target and not _mentions(rv.right, target):
            return ("*" if rv.op == "*" else "+"), rv.right
        if rv.op != "-" and text(rv.right) == target and not _mentions(rv.left, target):
            return rv.op, rv.left
    if isinstance(rv, c_ast.FuncCall) and isinstance(rv.name, c_ast.ID) and rv.name.name in _CALLS \
            and rv.args and len(rv.args.exprs) == 2:
        a, b = rv.args.exprs
        for x, e in ((a, b), (b, a)):
            if text(x) == target and not _mentions(e, target):
                return _CALLS[rv.name.name], e
    if isinstance(rv, c_ast.TernaryOp) and isinstance(rv.cond, c_ast.BinaryOp):
        op = _compare(rv.cond, target, text(rv.iftrue))
        if op and text(rv.iffalse) == target:
            return op, rv.iftrue
    return None


def _compare(cond: c_ast.BinaryOp, target: str, value: str) -> str | None:
    """max or min when `cond` is `value > target` (or alike), else None."""
    if cond.op not in ("<", "<=", ">", ">="):
        return None
    left, right = text(cond.left), text(cond.right)
    if (left, right) == (value, target):
        return "max" if cond.op in (">", ">=") else "min"
    if (left, right) == (target, value):
        return "max" if cond.op in ("<", "<=") else "min"
    return None


def _terms(node: c_ast.Node, sign: int = 1) -> list[tuple[int, c_ast.Node]]:
    if isinstance(node, c_ast.BinaryOp) and node.op in ("+", "-"):
        return _terms(node.left, sign) + _terms(node.right, sign if node.op == "+" else -sign)
    return [(sign, node)]


def recurrence_update(node: c_ast.Assignment, stmt: Statement, reads: list[Access],
                      writes: list[Access]) -> Update | None:
    """`X[s] = X[s'] + e` with e free of X: a first-order additive recurrence."""
    if node.op != "=" or not isinstance(node.lvalue, c_ast.ArrayRef):
        return None
    write = next((a for a in writes if a.text == text(node.lvalue)), None)
    if write is None:
        return None
    mine = [(sg, t) for sg, t in _terms(node.rvalue) if _mentions(t, "") or True]
    hits = [(sg, t) for sg, t in mine if isinstance(t, c_ast.ArrayRef) and
            any(a.text == text(t) and a.array == write.array for a in reads)]
    if len(hits) != 1 or hits[0][0] != 1 or text(hits[0][1]) == write.text:
        return None
    rest = [t for _, t in mine if t is not hits[0][1]]
    arrays = {a.array for a in reads if a.text != text(hits[0][1]) and any(a.text in text(t) for t in rest)}
    if write.array in arrays:
        return None
    tags = tuple(a.tag for a in reads if a.text == text(hits[0][1]))
    return Update(stmt.name, write.text, write.array, "+", write.tag, tags, recurrence=True)


def plain_update(node: c_ast.Node, stmt: Statement, reads: list[Access], writes: list[Access]) -> Update | None:
    if not isinstance(node, c_ast.Assignment) or not isinstance(node.lvalue, (c_ast.ID, c_ast.ArrayRef)):
        return None
    target = text(node.lvalue)
    if node.op in _COMPOUND:
        if _mentions(node.rvalue, target):
            return None
        op = _COMPOUND[node.op]
    elif node.op == "=":
        found = _other_side(node.rvalue, target)
        if found is None:
            return recurrence_update(node, stmt, reads, writes)
        op = found[0]
    else:
        return None
    write = next((a for a in writes if a.text == target), None)
    if write is None:
        return None
    return Update(stmt.name, target, write.array, op, write.tag,
                  tuple(a.tag for a in reads if a.text == target))


def guarded_update(cond: c_ast.Node, test_reads: list[Access], branch: list[Statement],
                   branch_nodes: list[c_ast.Node], accesses: list[Access]) -> Update | None:
    """`if (e > X) { X = e; companions... }`: a max (or min) update of X with companions."""
    if not isinstance(cond, c_ast.BinaryOp):
        return None
    for st, node in zip(branch, branch_nodes):
        if not (isinstance(node, c_ast.Assignment) and node.op == "="):
            continue
        target, value = text(node.lvalue), text(node.rvalue)
        op = _compare(cond, target, value)
        if op is None:
            continue
        write = next((a for a in accesses if a.stmt == st.name and a.write and a.text == target), None)
        if write is None:
            return None
        tags = tuple(a.tag for a in test_reads if a.text == target)
        companions = tuple(s.name for s in branch if s.name != st.name)
        return Update(st.name, target, write.array, op, write.tag, tags, companions)
    return None
