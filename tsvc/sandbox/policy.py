"""The static policy a candidate module must meet before anything imports it.

An allowlist, read from the module's AST: which imports, which names reached
through a module, which builtins, which decorators. Everything else is
rejected, so a new way out (a module re-exported by torch, a private walk, a
frame) fails by default instead of slipping through a denylist. RULES is the
one statement of the policy: violation messages quote it, rules_text() renders
it for the prompt and the README. The rules and allowlists are data, in
tsvc.sandbox.policy_rules; this module walks the AST against them. The policy is the
first line; the isolated worker and the run-time watch are the second.
"""
from __future__ import annotations

import ast
import io
import string
import tokenize

from tsvc.sandbox.policy_rules import (ALLOWED_BUILTINS, DECORATORS, DENIED_BUILTINS, FORBIDDEN_NODES, HOOK_KEYWORDS,
                               HOOK_TAKERS, IMPORTABLE, NAMESPACES, RULES, TORCH_CUDA_NAMES, Finding,
                               PolicyViolation, Rule, members, refused_attribute, rules_text)

# What users of `tsvc.sandbox.policy` read from it, besides the walk's findings() and check_source().
__all__ = ["NAMESPACES", "RULES", "TORCH_CUDA_NAMES", "Finding", "PolicyViolation", "Rule", "check_source",
           "findings", "refused_attribute", "rules_text"]


def _chain(node: ast.AST) -> tuple[ast.AST, list[str]]:
    """The root of an attribute chain and its attribute names, outermost last."""
    attrs: list[str] = []
    while isinstance(node, ast.Attribute):
        attrs.append(node.attr)
        node = node.value
    return node, attrs[::-1]


def _bound_names(tree: ast.AST) -> set[str]:
    """Every name the module binds anywhere: assignments, parameters, defs, imports, handlers, patterns."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name.split(".")[0]) for a in node.names)
        elif isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and node.name:
            names.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            names.add(node.rest)
    return names


def _is_main_guard(node: ast.Name, parent: ast.AST | None) -> bool:
    """`__name__` read in `__name__ == "__main__"` (either way round)."""
    if not isinstance(parent, ast.Compare) or len(parent.ops) != 1 or not isinstance(parent.ops[0], ast.Eq):
        return False
    other = parent.comparators[0] if parent.left is node else parent.left
    return isinstance(other, ast.Constant) and other.value == "__main__"


def _plain_format(text: str) -> bool:
    """A format string whose fields (nested ones included) do no attribute or item lookup."""
    try:
        for _, field, spec, _ in string.Formatter().parse(text):
            if field is not None and ("." in field or "[" in field or (spec and not _plain_format(spec))):
                return False
    except ValueError:
        return False
    return True


class _Checker(ast.NodeVisitor):
    def __init__(self, tree: ast.AST) -> None:
        self.findings: list[Finding] = []
        self.bound = _bound_names(tree)
        self.parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        self.modules: dict[str, set[str]] = {}  # name -> the module paths (or allowed names) it is bound to
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                self._bind_imports(node)

    def flag(self, node: ast.AST, rule: str, what: str) -> None:
        self.findings.append(Finding(getattr(node, "lineno", 0), what, rule))

    # imports
    def _bind_imports(self, node: ast.Import | ast.ImportFrom) -> None:
        for alias in node.names:
            if isinstance(node, ast.Import):  # `import a.b` binds a; `import a.b as x` binds x to a.b
                path = alias.name if alias.asname else alias.name.split(".")[0]
                name = alias.asname or path
                allowed = alias.name in IMPORTABLE
            else:
                name, path = alias.asname or alias.name, f"{node.module}.{alias.name}"
                allowed = not node.level and alias.name in NAMESPACES.get(node.module or "", ())
            if name.startswith("__"):
                self.flag(node, "private", f"dunder name {name!r}")
            if allowed:
                self.modules.setdefault(name, set()).add(path)
            elif isinstance(node, ast.Import):
                self.flag(node, "imports", f"import of {alias.name!r}")
            elif node.level:
                self.flag(node, "imports", f"relative import from {'.' * node.level}{node.module or ''}")
            elif alias.name == "*":
                self.flag(node, "imports", f"'from {node.module} import *'")
            else:
                self.flag(node, "imports", f"import of {alias.name!r} from {node.module!r}")

    # names and attributes
    def _resolve(self, node: ast.expr, root: ast.Name, attrs: list[str]) -> None:
        """A chain rooted at an imported name must walk allowed names only and end on a value, not a module."""
        for start in sorted(self.modules[root.id]):
            path = start
            for attr in attrs:
                if path not in NAMESPACES:
                    self.flag(node, "names", f"{path}.{attr}: {path} has no allowed names below it")
                    break
                if attr not in NAMESPACES[path]:
                    self.flag(node, "names", f"{path}.{attr} is not allowed (through {path}: {members(path, 12)})")
                    break
                path = f"{path}.{attr}"
            else:
                if path in NAMESPACES and path != "__future__":
                    self.flag(node, "names", f"module {path} used as a value (only `{path}.name` is)")
                if path in HOOK_TAKERS:
                    self._check_hook_taker(node, path)

    def _check_hook_taker(self, node: ast.expr, path: str) -> None:
        """triton.Config/autotune/jit are called or used as decorators, their hook parameters in plain sight."""
        parent = self.parents.get(node)
        if isinstance(parent, ast.FunctionDef) and node in parent.decorator_list:
            return
        if not (isinstance(parent, ast.Call) and parent.func is node):
            self.flag(node, "hooks", f"{path} used other than called (its hook arguments would be hidden)")
        elif len(parent.args) > HOOK_TAKERS[path] or any(isinstance(a, ast.Starred) for a in parent.args) \
                or any(k.arg is None for k in parent.keywords):
            self.flag(node, "hooks", f"{path}() with a hook argument by position or by * / ** unpacking")

    def visit_Attribute(self, node: ast.Attribute) -> None:
        attr = node.attr
        for rule, what in refused_attribute(attr):
            self.flag(node, rule, what)
        root, attrs = _chain(node)
        rooted = root if isinstance(root, ast.Name) and root.id in self.modules else None
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            target = f"assignment into module {rooted.id!r}" if rooted else f"assignment to attribute {attr!r}"
            self.flag(node, "stores", f"{target} ({ast.unparse(node)})")
        parent = self.parents.get(node)
        if rooted and not (isinstance(parent, ast.Attribute) and parent.value is node):
            self._resolve(node, rooted, attrs)
        if attr in ("format", "format_map") and isinstance(parent, ast.Call) and parent.func is node:
            if not (isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
                    and _plain_format(node.value.value)):
                self.flag(node, "format", f".{attr}() on {ast.unparse(node.value)[:40]}")
        elif attr in ("format", "format_map"):
            self.flag(node, "format", f".{attr} taken as a value")
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        name, parent = node.id, self.parents.get(node)
        if name in self.modules and not (isinstance(parent, ast.Attribute) and parent.value is node):
            for path in self.modules[name]:
                if path in NAMESPACES:
                    self.flag(node, "names", f"module {path} used as a value (only `{path}.name` is)")
                if path in HOOK_TAKERS:
                    self._check_hook_taker(node, path)
        self._check_identifier(node, name)
        if name == "__name__" and isinstance(node.ctx, ast.Load) and _is_main_guard(node, parent):
            return
        if name.startswith("__") and name.endswith("__"):
            self.flag(node, "private", f"dunder name {name!r}")
        elif isinstance(node.ctx, ast.Load) and name not in self.bound and name not in ALLOWED_BUILTINS \
                and name not in DENIED_BUILTINS:
            self.flag(node, "defined", f"{name!r} is never defined")

    def _check_binding(self, node: ast.AST, name: str) -> None:
        """A name the module binds (parameter, def, except, import alias) is no builtin outside the list, no dunder."""
        self._check_identifier(node, name)
        if name.startswith("__"):
            self.flag(node, "private", f"dunder name {name!r}")

    def _check_identifier(self, node: ast.AST, name: str) -> None:
        if name in DENIED_BUILTINS and not (name.startswith("__") and name.endswith("__")):
            self.flag(node, "builtins", f"use of {name!r}")

    def visit_arg(self, node: ast.arg) -> None:
        self._check_binding(node, node.arg)
        self.generic_visit(node)

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self._check_binding(node, node.name)
        self.generic_visit(node)

    def visit_keyword(self, node: ast.keyword) -> None:
        if node.arg in HOOK_KEYWORDS:
            self.flag(node.value, "hooks", f"{node.arg}= argument")
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        root, _ = _chain(node.value)
        if isinstance(node.ctx, (ast.Store, ast.Del)) and isinstance(root, ast.Name) and root.id in self.modules:
            self.flag(node, "stores", f"assignment into module {root.id!r} ({ast.unparse(node)})")
        self.generic_visit(node)

    # definitions and statements
    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._check_binding(node, node.name)
        for decorator in node.decorator_list:
            self._check_decorator(decorator)
        self.generic_visit(node)

    def _check_decorator(self, decorator: ast.expr) -> None:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        root, attrs = _chain(target)
        paths = ({".".join([p, *attrs]) for p in self.modules[root.id]}
                 if isinstance(root, ast.Name) and root.id in self.modules else set())
        if not paths or not paths <= DECORATORS:
            self.flag(decorator, "decorators", f"decorator @{ast.unparse(target)[:40]}")

    def visit(self, node: ast.AST) -> None:
        if type(node) in FORBIDDEN_NODES:
            self.flag(node, "structure", FORBIDDEN_NODES[type(node)])
        super().visit(node)


def _declared_encoding(source: str) -> Finding | None:
    """A PEP 263 coding line the importer would obey: anything but UTF-8 makes it decode other text."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source.encode("utf-8")).readline)
    except SyntaxError as exc:
        return Finding(1, f"coding declaration: {exc.msg}", "source")
    if encoding not in ("utf-8", "utf-8-sig"):
        return Finding(1, f"coding declaration {encoding!r}", "source")
    return None


def findings(source: str) -> list[Finding]:
    """Every policy finding in `source`, which must parse (SyntaxError otherwise)."""
    try:
        tree = ast.parse(source)
    except ValueError as exc:  # null bytes: the importer refuses them too
        raise SyntaxError(str(exc)) from exc
    checker = _Checker(tree)
    checker.visit(tree)
    encoding = _declared_encoding(source)
    found = checker.findings + ([encoding] if encoding else [])
    return sorted(set(found), key=lambda f: (f.line, f.rule, f.what))


def check_source(source: str) -> None:
    """Raises PolicyViolation naming every finding."""
    found = findings(source)
    if found:
        raise PolicyViolation("; ".join(str(f) for f in found))
