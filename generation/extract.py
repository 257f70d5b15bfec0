"""From a model's answer to a candidate module: the code block, then a static screen.

The screen is no sandbox (the runner's isolation is): it turns away answers that
cannot be a kernel module, or that import what a kernel never needs, before they
are run, so the model hears a precise reason.
"""
from __future__ import annotations

import ast
import re

from tsvc.catalog import Loop

from generation.feedback import ErrorClass, Failure

ALLOWED_IMPORTS = frozenset({"torch", "triton", "math", "__future__", "typing", "functools"})

_FENCE = re.compile(r"```[ \t]*([A-Za-z0-9_+-]*)[^\n]*\n(.*?)(?:```|\Z)", re.DOTALL)


def extract_code(answer: str) -> str | None:
    """The answer's Python code block (the longest, when there are several), or None."""
    blocks = [(lang.lower(), body) for lang, body in _FENCE.findall(answer)]
    python = [body for lang, body in blocks if lang in ("python", "py", "")]
    if not python:
        return None
    code = max(python, key=len).strip("\n")
    return code + "\n" if code.strip() else None


def _imports(tree: ast.Module) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.append("." * node.level + (node.module or ""))
    return names


def screen(code: str, loop: Loop) -> Failure | None:
    """Why `code` cannot be run as `loop`'s kernel module, or None when it may be."""
    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        return Failure(ErrorClass.UNPARSABLE, f"the code block is not valid Python: {exc.msg} (line {exc.lineno})")
    banned = sorted({n for n in _imports(tree) if n.split(".")[0] not in ALLOWED_IMPORTS})
    if banned:
        allowed = ", ".join(sorted(ALLOWED_IMPORTS - {"__future__", "typing", "functools"}))
        return Failure(ErrorClass.POLICY, f"imports {', '.join(banned)}; a kernel module may import only {allowed}")
    defined = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    assigned = {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
    if loop.kernel_name not in defined | assigned:
        return Failure(ErrorClass.IMPORT, f"the module defines no top-level function {loop.kernel_name}()")
    return None
