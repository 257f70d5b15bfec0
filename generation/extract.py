"""From a model's answer to a candidate module: the code block, then a static screen.

Fences are read as Markdown reads them: an opening line of three or more
backticks or tildes (at any indentation, as inside a list item) with an
optional language, closed by a line of the same character, at least as long,
with nothing after it. The body loses the fence's indentation. A closing line
that would leave the module unparsable (a bare fence inside a docstring) is
taken for content when a later one closes a parsable module. Among the blocks,
the module is the one that parses and defines `<loop>_triton`; length only
breaks ties, so a longer usage or test block is never taken for it.

The screen is no sandbox (the runner's isolation is): it turns away answers that
cannot be a kernel module, or that import what a kernel never needs, before they
are run, so the model hears a precise reason.
"""
from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass

from tsvc.sandbox import policy
from tsvc.sandbox.candidate import Cause
from tsvc.record.catalog import Loop

from generation.feedback import Failure, FailureKind

_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*?)[ \t]*$")
PYTHON_LANGUAGES = frozenset({"", "python", "python3", "py", "py3"})


@dataclass(frozen=True)
class Block:
    """One fenced block of an answer."""

    language: str  # lower case, "" when the fence names none
    code: str  # dedented, ending in one newline
    closed: bool  # False when the answer ends inside the block (cut off at max_tokens)


def _opening(line: str) -> re.Match | None:
    match = _OPEN.match(line)
    if match and match["fence"][0] == "`" and "`" in match["info"]:
        return None  # a backtick fence's info string holds no backtick (inline code, not a fence)
    return match


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= len(fence) and set(stripped) == {fence[0]}


def _body(lines: list[str], indent: str) -> str:
    width = len(indent)  # each line loses up to the fence's indentation, as in Markdown
    kept = [line[min(width, len(line) - len(line.lstrip(" \t"))):] for line in lines]
    return textwrap.dedent("\n".join(kept)).strip("\n")


def _parses(code: str) -> bool:
    try:
        ast.parse(code)
    except SyntaxError:
        return False
    return True


def blocks(answer: str) -> list[Block]:
    """Every fenced block of `answer`, in order."""
    lines = answer.splitlines()
    found: list[Block] = []
    i = 0
    while i < len(lines):
        match = _opening(lines[i])
        if match is None:
            i += 1
            continue
        fence, indent = match["fence"], match["indent"]
        language = match["info"].split()[0].lower() if match["info"].split() else ""
        ends = [j for j in range(i + 1, len(lines)) if _closes(lines[j], fence)]
        # The first closing line, unless only a later one gives a module that parses.
        end = next((j for j in ends if _parses(_body(lines[i + 1:j], indent))), ends[0] if ends else None)
        body = _body(lines[i + 1:end if end is not None else len(lines)], indent)
        found.append(Block(language, body + "\n" if body.strip() else "", end is not None))
        i = end + 1 if end is not None else len(lines)
    return found


def _defines(code: str, name: str) -> bool:
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return False
    return name in _top_level_names(tree)


def _top_level_names(tree: ast.Module) -> set[str]:
    defined = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    return defined | {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets
                      if isinstance(t, ast.Name)}


def module_block(answer: str, kernel_name: str | None = None) -> Block | None:
    """The block that is the module: it defines `kernel_name` and parses; then any Python block that parses.

    Blocks in another language count only when they define the kernel (a
    module fenced as ```triton, say). Length breaks ties, never more.
    """
    found = [b for b in blocks(answer) if b.code]

    def rank(b: Block) -> tuple[bool, bool, bool, int]:
        defines = kernel_name is not None and _defines(b.code, kernel_name)
        return defines, _parses(b.code), b.language in PYTHON_LANGUAGES, len(b.code)

    candidates = [b for b in found if b.language in PYTHON_LANGUAGES or rank(b)[0]]
    return max(candidates, key=rank) if candidates else None


def extract_code(answer: str, kernel_name: str | None = None) -> str | None:
    """The answer's module (see module_block), or None when it holds no Python block."""
    block = module_block(answer, kernel_name)
    return block.code if block else None


def screen(code: str, loop: Loop) -> Failure | None:
    """Why `code` cannot be run as `loop`'s kernel module, or None when it may be."""
    try:
        tree = ast.parse(code)
    except SyntaxError as exc:
        return Failure(FailureKind.UNPARSABLE, f"the code block is not valid Python: {exc.msg} (line {exc.lineno})")
    findings = policy.findings(code)  # the same policy the runner enforces
    if findings:
        return Failure(FailureKind.POLICY, "; ".join(str(f) for f in findings))
    if loop.kernel_name not in _top_level_names(tree):
        return Failure(FailureKind.IMPORT, f"the module defines no top-level function {loop.kernel_name}()",
                       cause=Cause.MISSING_FUNCTION)
    return None
