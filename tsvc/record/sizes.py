"""Problem sizes and the small integer expressions written over them.

A loop's array shapes and scalar values are C expressions such as
``LEN_2D*LEN_2D`` or ``LEN_1D/2``; they are evaluated here with C's integer
semantics, for any size, without `eval`.
"""
from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, order=True)
class Size:
    """TSVC's two size parameters. TSVC_2 itself uses LEN_1D=32000, LEN_2D=256."""

    len_1d: int
    len_2d: int

    @property
    def label(self) -> str:
        return f"{self.len_1d}x{self.len_2d}"

    def env(self) -> dict[str, int]:
        return {"LEN_1D": self.len_1d, "LEN_2D": self.len_2d}

    def scaled(self, factor: int) -> "Size":
        """`factor` times the elements: LEN_1D * factor, LEN_2D * sqrt(factor)."""
        root = scale_root(factor)
        return Size(self.len_1d * factor, self.len_2d * root)


SCALE_RULE = ("a whole number whose square root is whole (1, 4, 16, 64, 256, 1024 ...): "
              "LEN_1D grows N times and LEN_2D sqrt(N) times, so 1D and 2D arrays both hold N times the data")


def scale_root(factor: int) -> int:
    """sqrt(factor) for a valid scale; ValueError naming the rule otherwise."""
    root = math.isqrt(factor) if factor >= 1 else 0
    if factor < 1 or root * root != factor:
        raise ValueError(f"scale must be {SCALE_RULE}; {factor} is not")
    return root


def parse_scale(text: str) -> int:
    """The value of --tsvc-scale; ValueError with the rule for anything else."""
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"scale must be {SCALE_RULE}; {text!r} is not") from None
    scale_root(value)
    return value


NATIVE = Size(32000, 256)
DEFAULT_SIZES = (Size(97, 17), Size(1000, 64), NATIVE)
DEFAULT_SEEDS = (0, 1)


def _c_div(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


_BINOPS: dict[type[ast.operator], Callable[[Any, Any], int | float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: _c_div,
    ast.FloorDiv: _c_div,
    ast.Mod: operator.mod,
}


def evaluate(expr: str, env: dict[str, int]) -> int | float:
    """Evaluates an arithmetic C expression over the names in `env`."""

    def walk(node: ast.AST) -> int | float:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return node.value
        if isinstance(node, ast.Name) and node.id in env:
            return env[node.id]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -walk(node.operand)
        if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
            left, right = walk(node.left), walk(node.right)
            if isinstance(node.op, ast.Div) and (isinstance(left, float) or isinstance(right, float)):
                return left / right
            return _BINOPS[type(node.op)](left, right)
        raise ValueError(f"unsupported expression {expr!r}")

    return walk(ast.parse(expr.strip(), mode="eval"))
