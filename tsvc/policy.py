"""The static policy a candidate module must meet before anything imports it.

A kernel needs Triton, torch (tensors, allocation) and math; nothing else. The
policy reads the module's AST: it rejects other imports, the builtins that
reach outside (open, exec, eval, __import__, globals…), dunder attribute games
that walk back to them, CUDA streams, and assignments into imported modules
(patching torch.cuda.Event or a timer). It is a first line: the isolated runner
and the run-time checks are the second.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

ALLOWED_MODULES = ("triton", "torch", "math", "typing", "__future__", "functools", "dataclasses")
FORBIDDEN_NAMES = frozenset({
    "open", "exec", "eval", "compile", "__import__", "globals", "locals", "vars", "getattr", "setattr",
    "delattr", "input", "breakpoint", "exit", "quit", "help", "memoryview", "SystemExit",
    "KeyboardInterrupt", "GeneratorExit", "__builtins__", "__loader__", "__spec__",
})
# torch attributes that reach the file system, processes, other streams or the timer.
FORBIDDEN_ATTRIBUTES = frozenset({
    "Stream", "stream", "ExternalStream", "set_stream", "Event", "cuda_graph", "CUDAGraph", "graph",
    "load", "save", "from_file", "hub", "utils", "multiprocessing", "distributed", "_C", "ops",
    "library", "compile", "jit", "cpp_extension", "_dynamo", "_inductor", "backends", "set_default_device",
})


# Tensor methods that hand the data to Python or numpy, where it could be computed on unseen.
FORBIDDEN_METHODS = frozenset({"tolist", "numpy", "__array__", "data_ptr", "untyped_storage", "storage"})


class PolicyViolation(ValueError):
    """The candidate does something no kernel needs."""


@dataclass(frozen=True)
class Finding:
    line: int
    what: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.what}"


class _Visitor(ast.NodeVisitor):
    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.module_names: set[str] = set()

    def _flag(self, node: ast.AST, what: str) -> None:
        self.findings.append(Finding(getattr(node, "lineno", 0), what))

    def _check_module(self, node: ast.AST, module: str) -> None:
        root = module.split(".")[0]
        if root not in ALLOWED_MODULES:
            self._flag(node, f"import of {module!r} (allowed: {', '.join(ALLOWED_MODULES)})")

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._check_module(node, alias.name)
            self.module_names.add((alias.asname or alias.name).split(".")[0])

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            self._flag(node, "relative import")
        self._check_module(node, node.module or "")
        for alias in node.names:
            if alias.name == "*":
                self._flag(node, f"'from {node.module} import *'")

    def visit_Name(self, node: ast.Name) -> None:
        if node.id in FORBIDDEN_NAMES:
            self._flag(node, f"use of {node.id!r}")
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr.startswith("__") and node.attr.endswith("__"):
            self._flag(node, f"dunder attribute {node.attr!r}")
        elif node.attr in FORBIDDEN_METHODS:
            self._flag(node, f".{node.attr}() (the loop's data stays on the device, in tensors)")
        elif node.attr in FORBIDDEN_ATTRIBUTES and _root_name(node) == "torch":
            self._flag(node, f"torch.…{node.attr} (streams, events, graphs, files and compilers are off limits)")
        if isinstance(node.ctx, (ast.Store, ast.Del)) and _root_name(node) in self.module_names:
            self._flag(node, f"assignment into module {_root_name(node)!r} (patching is not allowed)")
        self.generic_visit(node)

    def visit_Global(self, node: ast.Global) -> None:
        self._flag(node, "'global' statement (kernels keep no state between calls)")


def _root_name(node: ast.AST) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def findings(source: str) -> list[Finding]:
    """Every policy finding in `source`, which must parse (SyntaxError otherwise)."""
    tree = ast.parse(source)
    visitor = _Visitor()
    # Imports first, so assignments into modules are recognised wherever they stand.
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            visitor.visit(node)
    for node in tree.body:
        if not isinstance(node, (ast.Import, ast.ImportFrom)):
            visitor.visit(node)
    return sorted(set(visitor.findings), key=lambda f: f.line)


def check_source(source: str) -> None:
    """Raises PolicyViolation naming every finding."""
    found = findings(source)
    if found:
        raise PolicyViolation("; ".join(str(f) for f in found))
