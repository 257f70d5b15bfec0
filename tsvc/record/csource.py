"""Reads a loop's C text: the parameters of its function and its return type.

The C text of a loop is the single source of truth. Its function's signature
fixes the names, element types, shapes and order of everything the loop
touches, so the catalogue, the C reference and the Python calling convention
all derive from it instead of repeating it.
"""
from __future__ import annotations

import ctypes
import enum
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from pycparser import c_ast, c_generator, c_parser

SIZE_NAMES = ("LEN_1D", "LEN_2D")

# Prepended only for parsing; the compiled reference defines real_t itself.
PARSE_PRELUDE = "typedef float real_t;\n"


class CSourceError(ValueError):
    """A loop's C text does not follow the catalogue's conventions."""


class Real(enum.StrEnum):
    """What real_t is in a C build: float (the precision under test) or double (the exact reference)."""

    FLOAT = "float"
    DOUBLE = "double"

    @property
    def dtype(self) -> np.dtype:
        return np.dtype(np.float32 if self is Real.FLOAT else np.float64)

    @property
    def ctypes(self) -> type:
        return ctypes.c_float if self is Real.FLOAT else ctypes.c_double


class CType(enum.StrEnum):
    """The element type of a loop parameter, and the one place that says what it is on every side.

    Arrays cross as numpy arrays of `dtype(real)` (to the C build) and as torch tensors of the same
    dtype (to a kernel: `torch_name`); scalars as Python numbers of `python_type`.
    """

    INT = "int"
    REAL = "real_t"

    def dtype(self, real: Real = Real.FLOAT) -> np.dtype:
        return np.dtype(np.int32) if self is CType.INT else real.dtype

    def ctypes(self, real: Real = Real.FLOAT) -> type:
        return ctypes.c_int if self is CType.INT else real.ctypes

    @property
    def torch_name(self) -> str:
        """The torch dtype a kernel receives, as the prompt writes it: torch.float32, torch.int32."""
        return f"torch.{self.dtype().name}"

    @property
    def python_type(self) -> type[int] | type[float]:
        return int if self is CType.INT else float

    @property
    def python_name(self) -> str:
        return self.python_type.__name__


@dataclass(frozen=True)
class CParam:
    """One parameter of a loop function, in declaration order."""

    name: str
    ctype: CType
    dims: tuple[str, ...] = ()  # C expressions over LEN_1D/LEN_2D; () for a scalar

    @property
    def is_array(self) -> bool:
        return bool(self.dims)

    @property
    def is_size(self) -> bool:
        return self.name in SIZE_NAMES


@dataclass(frozen=True)
class CSignature:
    name: str
    params: tuple[CParam, ...]
    returns: str  # "void" or "real_t"
    body_line: int  # first line of the function in the C text (1-based)


def _type_name(node: c_ast.Node) -> str:
    while not isinstance(node, c_ast.TypeDecl):
        node = node.type
    names = node.type.names
    return " ".join(names)


def _param(decl: c_ast.Decl) -> CParam:
    dims: list[str] = []
    node = decl.type
    gen = c_generator.CGenerator()
    while isinstance(node, c_ast.ArrayDecl):
        if node.dim is None:
            raise CSourceError(f"parameter {decl.name}: array dimensions must be given")
        dims.append(gen.visit(node.dim))
        node = node.type
    if isinstance(node, c_ast.PtrDecl):
        raise CSourceError(f"parameter {decl.name}: declare arrays as name[DIM], not pointers")
    ctype = _type_name(node)
    if ctype not in tuple(CType):
        raise CSourceError(f"parameter {decl.name}: type {ctype!r} is neither int nor real_t")
    return CParam(decl.name, CType(ctype), tuple(dims))


@lru_cache(maxsize=None)
def parse_function(c_text: str, name: str) -> CSignature:
    """Returns the signature of function `name` defined in `c_text`."""
    try:
        ast = c_parser.CParser().parse(PARSE_PRELUDE + c_text)
    except Exception as exc:  # pycparser raises its own ParseError and AssertionErrors
        raise CSourceError(f"{name}: C text does not parse: {exc}") from exc
    for ext in ast.ext:
        if isinstance(ext, c_ast.FuncDef) and ext.decl.name == name:
            args = ext.decl.type.args
            params = tuple(_param(p) for p in args.params) if args else ()
            returns = _type_name(ext.decl.type.type)
            if returns not in ("void", "real_t"):
                raise CSourceError(f"{name}: returns {returns!r}; use void or real_t")
            line = ext.coord.line - PARSE_PRELUDE.count("\n") if ext.coord else 1
            return CSignature(name, params, returns, line)
    raise CSourceError(f"the C text defines no function named {name!r}")
