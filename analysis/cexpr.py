"""C expressions as ISL affine expressions, and the references an expression makes.

`affine(node, scope)` writes an expression in ISL notation (`2*(i) + 1`,
`floor((LEN_1D)/2)`) or raises ExpressionNotAffineError; `references(node)`
lists the array and scalar references read by an expression.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from pycparser import c_ast, c_generator

from analysis.model import ExpressionNotAffineError

_GEN = c_generator.CGenerator()
MATH = frozenset({
    "sin", "cos", "tan", "exp", "log", "sqrt", "fabs", "abs", "pow", "fmax", "fmin", "floor", "ceil",
    "sinf", "cosf", "tanf", "expf", "logf", "sqrtf", "fabsf", "powf", "fmaxf", "fminf", "floorf", "ceilf",
    "atan", "atan2", "tanh", "asin", "acos", "log10", "exp2", "log2", "round", "trunc", "copysign",
    "fmod", "labs", "cbrt", "hypot",
})
EXITS = frozenset({"exit", "abort", "_Exit"})
# names ISL's parser reserves; a C name equal to one is renamed in ISL text
ISL_RESERVED = frozenset({"max", "min", "mod", "floor", "ceil", "exists", "and", "or", "not", "implies",
                          "infty", "NaN", "rat", "true", "false", "cnd", "floord"})


def text(node: c_ast.Node) -> str:
    """The C text of a node."""
    return _GEN.visit(node)


def isl_name(name: str) -> str:
    return f"{name}_" if name in ISL_RESERVED else name


@dataclass
class Scope:
    """What an affine expression may mention: iterators, parameters, known integer scalars."""

    iters: tuple[str, ...]
    params: frozenset[str]
    env: dict[str, str | None] = field(default_factory=dict)  # int scalar -> affine value or None (unknown)


def const_int(node: c_ast.Node, scope: Scope) -> int | None:
    """The value of an integer constant expression, or None."""
    if isinstance(node, c_ast.Constant) and node.type in ("int", "long int", "unsigned int"):
        return int(node.value.rstrip("uUlL"), 0)
    if isinstance(node, c_ast.ID):
        val = scope.env.get(node.name)
        if val is not None and val.lstrip("-").isdigit():
            return int(val)
        return None
    if isinstance(node, c_ast.UnaryOp) and node.op in ("-", "+"):
        v = const_int(node.expr, scope)
        return None if v is None else (-v if node.op == "-" else v)
    if isinstance(node, c_ast.Cast):
        return const_int(node.expr, scope)
    if isinstance(node, c_ast.BinaryOp) and node.op in ("+", "-", "*", "/", "%"):
        a, b = const_int(node.left, scope), const_int(node.right, scope)
        if a is None or b is None:
            return None
        if node.op in ("/", "%") and b == 0:
            return None
        ops = {"+": a + b, "-": a - b, "*": a * b}
        if node.op in ops:
            return ops[node.op]
        q = abs(a) // abs(b) * (1 if (a >= 0) == (b > 0) else -1)
        return q if node.op == "/" else a - q * b
    return None


def affine(node: c_ast.Node, scope: Scope) -> str:
    """The expression in ISL notation; raises ExpressionNotAffineError."""
    k = const_int(node, scope)
    if k is not None:
        return str(k)
    if isinstance(node, c_ast.ID):
        if node.name in scope.iters or node.name in scope.params:
            return isl_name(node.name)
        val = scope.env.get(node.name)
        if val is not None:
            return f"({val})"
        raise ExpressionNotAffineError(f"{node.name} has no affine value here")
    if isinstance(node, c_ast.UnaryOp) and node.op in ("-", "+"):
        inner = affine(node.expr, scope)
        return f"-({inner})" if node.op == "-" else inner
    if isinstance(node, c_ast.Cast) and "int" in text(node.to_type):
        return affine(node.expr, scope)
    if isinstance(node, c_ast.BinaryOp):
        if node.op in ("+", "-"):
            return f"({affine(node.left, scope)}) {node.op} ({affine(node.right, scope)})"
        if node.op == "*":
            a, b = const_int(node.left, scope), const_int(node.right, scope)
            if a is not None:
                return f"{a}*({affine(node.right, scope)})"
            if b is not None:
                return f"{b}*({affine(node.left, scope)})"
        if node.op in ("/", "%"):
            b = const_int(node.right, scope)
            if b is not None and b > 0:
                inner = affine(node.left, scope)
                return f"floor(({inner})/{b})" if node.op == "/" else f"(({inner}) mod {b})"
    raise ExpressionNotAffineError(f"not affine: {text(node)}")


_CMP = {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "==": "="}


def affine_condition(node: c_ast.Node, scope: Scope) -> str:
    """A condition as an ISL constraint; raises ExpressionNotAffineError."""
    if isinstance(node, c_ast.BinaryOp):
        if node.op in ("&&", "||"):
            joiner = "and" if node.op == "&&" else "or"
            return f"({affine_condition(node.left, scope)}) {joiner} ({affine_condition(node.right, scope)})"
        if node.op in _CMP:
            return f"({affine(node.left, scope)}) {_CMP[node.op]} ({affine(node.right, scope)})"
        if node.op == "!=":
            a, b = affine(node.left, scope), affine(node.right, scope)
            return f"(({a}) < ({b}) or ({a}) > ({b}))"
    raise ExpressionNotAffineError(f"condition not affine: {text(node)}")


@dataclass(frozen=True)
class Ref:
    """A reference read or written by an expression: an array element or a scalar."""

    name: str
    subscripts: tuple[c_ast.Node, ...]  # () for a scalar
    node: c_ast.Node

    @property
    def text(self) -> str:
        return text(self.node)


def array_ref(node: c_ast.ArrayRef) -> Ref | None:
    """`aa[i][j]` as (aa, (i, j)); None when the base is not a plain name."""
    subs: list[c_ast.Node] = []
    base: c_ast.Node = node
    while isinstance(base, c_ast.ArrayRef):
        subs.append(base.subscript)
        base = base.name
    if not isinstance(base, c_ast.ID):
        return None
    return Ref(base.name, tuple(reversed(subs)), node)


class Unmodelled(Exception):
    """An expression reads memory the model cannot name (a pointer dereference)."""


def references(node: c_ast.Node | None) -> list[Ref]:
    """Every reference an expression reads, subscripts included, in evaluation order."""
    out: list[Ref] = []

    def walk(n: c_ast.Node | None) -> None:
        if n is None:
            return
        if isinstance(n, c_ast.ArrayRef):
            ref = array_ref(n)
            if ref is None:
                raise Unmodelled(text(n))
            for s in ref.subscripts:
                walk(s)
            out.append(ref)
        elif isinstance(n, c_ast.ID):
            out.append(Ref(n.name, (), n))
        elif isinstance(n, c_ast.UnaryOp) and n.op in ("*", "&"):
            if n.op == "&":
                walk(n.expr)
            else:
                raise Unmodelled(text(n))
        elif isinstance(n, c_ast.UnaryOp) and n.op == "sizeof":
            return
        elif isinstance(n, c_ast.FuncCall):
            if n.args is not None:
                for a in n.args.exprs:
                    walk(a)
        elif isinstance(n, c_ast.Cast):
            walk(n.expr)
        elif isinstance(n, c_ast.StructRef):
            raise Unmodelled(text(n))
        else:
            for _, child in n.children():
                walk(child)

    walk(node)
    return out


def calls(node: c_ast.Node | None) -> list[c_ast.FuncCall]:
    """Every function call inside an expression."""
    out: list[c_ast.FuncCall] = []

    class V(c_ast.NodeVisitor):
        def visit_FuncCall(self, n: c_ast.FuncCall) -> None:
            out.append(n)
            self.generic_visit(n)

    if node is not None:
        V().visit(node)
    return out


def call_name(node: c_ast.FuncCall) -> str:
    return node.name.name if isinstance(node.name, c_ast.ID) else text(node.name)
