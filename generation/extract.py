"""From a model's answer to a candidate module: the code block, then a static screen.

The screen is no sandbox (the runner's isolation is): it turns away answers that
cannot be a kernel module, or that import what a kernel never needs, before they
are run, so the model hears a precise reason.
"""
from __future__ import annotations

import ast
import re

from tsvc import policy
from tsvc.catalog import Loop

from generation.feedback import ErrorClass, Failure

_FENCE = re.compile(r"```[ \t]*([A-Za-z0-9_+-]*)[^\n]*\n(.*?)(?:```|\Z)", re.DOTALL)


def extract_code(answer: str) -> str | None:
    """The answer's Python code block (the longest, when there are several), or None."""
    blocks = [(lang.lower(), body) for lang, body in _FENCE.findall(answer)]
    python = [body for lang, body in blocks if lang in ("python", "py", "")]
    if not python:
        return None
    code = max(python, key=len).strip("\n")
    return code + "\n" if code.strip() else None


def screen(code: str, loop: Loop) -> Failure | None:
    """Why `code` cannot be run as `loop`'s kernel module, or None when it may be."""
    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        return Failure(ErrorClass.UNPARSABLE, f"the code block is not valid Python: {exc.msg} (line {exc.lineno})")
    findings = policy.findings(code)  # the same policy the runner enforces
    if findings:
        return Failure(ErrorClass.POLICY, "; ".join(str(f) for f in findings))
    defined = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    assigned = {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
    if loop.kernel_name not in defined | assigned:
        return Failure(ErrorClass.IMPORT, f"the module defines no top-level function {loop.kernel_name}()")
    return None
