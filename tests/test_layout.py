"""The layout is the architecture: imports flow one way, no import cycle, no module over 400 lines."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.project import ROOT

# Each stage may import the stages after it, never one before it (the suite's own tests import everything).
STAGES = ("reporting", "generation", "analysis", "tsvc")
MAX_LINES = 400


def _modules(stage: str) -> list[Path]:
    return sorted(p for p in (ROOT / stage).rglob("*.py") if "__pycache__" not in p.parts)


def _name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, *, top_level_only: bool = False) -> set[str]:
    """Absolute module names the file imports (a `from a import b` names a.b too: b may be a module)."""
    tree = ast.parse(path.read_text(), str(path))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _stage_of(module: str) -> str | None:
    return next((s for s in ("tests", *STAGES) if module == s or module.startswith(s + ".")), None)


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_only_the_stages_after_it(stage):
    allowed = set(STAGES[STAGES.index(stage):])
    wrong = sorted(f"{_name(path)} imports {name}" for path in _modules(stage) for name in _imports(path)
                   if _stage_of(name) not in allowed | {None})
    assert not wrong, wrong


@pytest.mark.parametrize("stage", STAGES)
def test_no_module_is_over_400_lines(stage):
    long = {_name(p): n for p in _modules(stage) if (n := len(p.read_text().splitlines())) > MAX_LINES}
    assert not long, long


def _graph() -> dict[str, set[str]]:
    """Module-level imports between the project's modules (an import inside a function runs later: no cycle)."""
    paths = {_name(p): p for stage in STAGES for p in _modules(stage)}
    return {name: {m for m in _imports(path, top_level_only=True) if m in paths and m != name}
            for name, path in paths.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        path.pop()
        return None

    return next((c for node in sorted(graph) if node not in state and (c := visit(node))), None)


def test_no_import_cycle():
    assert _cycle(_graph()) is None, " -> ".join(_cycle(_graph()) or [])


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_the_import_reader_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import os\n\ndef f():\n    from generation import store\n")
    assert {"generation", "generation.store", "os"} <= _imports(module)
    assert _imports(module, top_level_only=True) == {"os"}
