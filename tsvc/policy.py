"""The static policy a candidate module must meet before anything imports it.

An allowlist, read from the module's AST: which imports, which names reached
through a module, which builtins, which decorators. Everything else is
rejected, so a new way out (a module re-exported by torch, a private walk, a
frame) fails by default instead of slipping through a denylist. RULES is the
one statement of the policy: violation messages quote it, rules_text() renders
it for the prompt and the README. The policy is the first line; the isolated
worker and the run-time watch are the second.
"""
from __future__ import annotations

import ast
import inspect
import io
import builtins
import math
import re
import string
import tokenize
import types
import typing
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    key: str
    statement: str


# A plain Python builtin a kernel module (or its self-test block) may call or name.
ALLOWED_BUILTINS = frozenset({
    "abs", "all", "any", "ascii", "bin", "bool", "callable", "chr", "complex", "dict", "divmod", "enumerate",
    "filter", "float", "format", "frozenset", "hash", "hex", "id", "int", "isinstance", "issubclass", "iter",
    "len", "list", "map", "max", "min", "next", "oct", "ord", "pow", "print", "range", "repr", "reversed",
    "round", "set", "slice", "sorted", "str", "sum", "tuple", "zip", "Ellipsis", "NotImplemented",
    "Exception", "ArithmeticError", "AssertionError", "AttributeError", "FloatingPointError", "IndexError",
    "KeyError", "LookupError", "NotImplementedError", "OverflowError", "RuntimeError", "StopIteration",
    "TypeError", "ValueError", "ZeroDivisionError",
})
DENIED_BUILTINS = frozenset(name for name in dir(builtins) if name not in ALLOWED_BUILTINS)

# Besides its tensor operators (derived below from the installed torch): dtypes, types, devices,
# seeding and grad modes for self-test blocks, and the submodules a kernel may reach into.
TORCH_NAMES = frozenset({
    "float32", "float", "float16", "half", "bfloat16", "float64", "double", "int8", "int16", "int32", "int",
    "int64", "long", "uint8", "bool", "dtype", "device", "Tensor", "Size", "finfo", "iinfo", "inf", "nan",
    "is_tensor", "manual_seed", "no_grad", "inference_mode", "testing", "cuda", "nn", "linalg",
})
# Operators that read a file or alias foreign memory.
TORCH_EXCLUDED = frozenset({"from_file", "from_numpy", "frombuffer"})
# Device queries and synchronize: no streams, events, graphs or memory settings.
TORCH_CUDA_NAMES = frozenset({"is_available", "synchronize", "current_device", "device_count", "device",
                              "get_device_capability", "get_device_properties", "get_device_name"})
TRITON_NAMES = frozenset({"jit", "autotune", "heuristics", "Config", "cdiv", "next_power_of_2", "language"})
TYPING_NAMES = frozenset({"Any", "Callable", "Dict", "List", "Optional", "Sequence", "Tuple", "Union"})
# Arbitrary PTX (clocks, special registers) is more than any TSVC loop needs.
TL_EXCLUDED = frozenset({"inline_asm_elementwise"})
DECORATORS = frozenset({"triton.jit", "triton.autotune", "triton.heuristics", "torch.no_grad",
                        "torch.inference_mode"})
# Tensor methods that hand memory or elements to Python (raw pointers, storages, lists, numpy) or
# run Python per element; tensors are untyped in the AST, so these names are refused on any object.
HOST_METHODS = frozenset({"tolist", "numpy", "data_ptr", "storage", "untyped_storage", "apply_", "map_",
                          "map2_", "share_memory_", "record_stream", "as_subclass"})
# Python run inside a launch or by autograd, where the run-time watch does not look.
HOOK_KEYWORDS = frozenset({"pre_hook", "post_hook", "do_bench", "launch_metadata", "prune_configs_by", "repr"})
HOOK_ATTRIBUTES = frozenset({"add_pre_run_hook", "pre_run_hooks", "pre_hook", "post_hook", "user_defined_pre_hook",
                             "user_defined_post_hook", "launch_enter_hook", "launch_exit_hook", "launch_metadata",
                             "do_bench", "early_config_prune", "perf_model"})
# Frames, code objects, generators and tracebacks lead back to globals and builtins without an underscore;
# so do a Triton kernel object's capture scope, global-value record and per-device caches.
FRAME_ATTRIBUTES = re.compile(r"^(gi|cr|ag|f|tb|co)_\w+$")
TRITON_INTERNALS = frozenset({"get_capture_scope", "used_global_vals", "device_caches", "create_binder",
                              "check_disk_cache", "preload"})
# Statements no kernel needs: classes (dunder methods run on conversion or deletion, after the watch has
# closed), state shared between calls, and code that runs later than the call that created it.
FORBIDDEN_NODES: dict[type, str] = {
    ast.ClassDef: "class definition", ast.Global: "'global' statement", ast.Nonlocal: "'nonlocal' statement",
    ast.AsyncFunctionDef: "async function", ast.Await: "await", ast.AsyncFor: "async for",
    ast.AsyncWith: "async with", ast.Yield: "yield", ast.YieldFrom: "yield from",
    ast.Match: "match statement",  # class patterns read attributes by name, past the attribute rules
}


def _triton_members(module: types.ModuleType) -> frozenset[str]:
    """The installed module's public functions, types and constants: no submodule, nothing it only imported."""
    return frozenset(
        name for name in dir(module)
        if not name.startswith("_") and not isinstance(getattr(module, name), types.ModuleType)
        and not isinstance(getattr(module, name), typing.TypeVar)
        and getattr(getattr(module, name), "__module__", "triton").split(".")[0] in ("triton", "builtins"))


def _torch_operators() -> frozenset[str]:
    """torch's tensor operators (its aten bindings and torch.functional): computing is the watch's to judge."""
    import torch
    import torch.functional

    return (frozenset(n for n in dir(torch._C._VariableFunctions) if not n.startswith("_"))
            | frozenset(torch.functional.__all__)) - TORCH_EXCLUDED


def _namespaces() -> dict[str, frozenset[str]]:
    """Each module path a kernel may use, with the names it may reach through it."""
    import triton.language as tl
    from triton.language.extra import libdevice
    from triton.language.extra.cuda import libdevice as cuda_libdevice

    return {
        "torch": TORCH_NAMES | _torch_operators(), "torch.cuda": TORCH_CUDA_NAMES,
        "torch.testing": frozenset({"assert_close"}), "torch.nn": frozenset({"functional"}),
        "torch.nn.functional": frozenset({"pad", "conv1d"}), "torch.linalg": frozenset({"solve_triangular"}),
        "triton": TRITON_NAMES,
        "triton.language": (_triton_members(tl) - TL_EXCLUDED) | {"math", "extra"},
        "triton.language.math": _triton_members(tl.math),
        "triton.language.extra": frozenset({"libdevice", "cuda"}),
        "triton.language.extra.libdevice": _triton_members(libdevice),
        "triton.language.extra.cuda": frozenset({"libdevice"}),
        "triton.language.extra.cuda.libdevice": _triton_members(cuda_libdevice),
        "math": frozenset(name for name in dir(math) if not name.startswith("_")),
        "typing": TYPING_NAMES, "__future__": frozenset({"annotations"}),
    }


def _hook_takers() -> dict[str, int]:
    """Triton callables that take hooks, with how many positional arguments come before the first hook."""
    import triton

    limits = {}
    for path, fn in (("triton.Config", triton.Config.__init__), ("triton.autotune", triton.autotune),
                     ("triton.jit", triton.jit)):
        params = [p for p in inspect.signature(fn).parameters.values() if p.name != "self"]
        limits[path] = next(i for i, p in enumerate(params) if p.name in HOOK_KEYWORDS or p.kind is p.KEYWORD_ONLY)
    return limits


NAMESPACES = _namespaces()
HOOK_TAKERS = _hook_takers()
IMPORTABLE = tuple(path for path in NAMESPACES if path != "__future__")

RULES: tuple[Rule, ...] = (
    Rule("source", "the module is UTF-8 text: no coding declaration naming another encoding (the importer "
                   "would read other code than the policy)"),
    Rule("imports", "import only torch, triton, triton.language (as tl) and math, or allowed names from them "
                    "(`from triton import jit`), `typing` names for hints and `from __future__ import annotations`; "
                    "no other module, no `import *`, no relative import"),
    Rule("names", "through a module, under any alias, use only the names the policy allows for it; of "
                  "torch.cuda only device queries and synchronize: no streams, events or graphs; a module is "
                  "only ever used as `module.name`, never stored, passed or returned"),
    Rule("private", "no attribute starting with `_` (`x._y`, `x.__class__`) and no dunder name except "
                    "`__name__` in `if __name__ == \"__main__\":`; the module's own names may start with `_`"),
    Rule("internals", "no frame, code, generator or traceback attributes (`gi_frame`, `f_globals`, `tb_frame`, "
                      "`co_code`) and no Triton kernel internals (" + ", ".join(sorted(TRITON_INTERNALS)) + ")"),
    Rule("builtins", "of the builtins use only " + ", ".join(sorted(ALLOWED_BUILTINS, key=str.lower))
                     + "; no other (getattr, type, open, exec, eval, globals, vars, object, super…), "
                       "not even as a name you bind"),
    Rule("defined", "every other name used is defined in the module (import, def, assignment, parameter, "
                    "loop, with or except variable)"),
    Rule("structure", "no `class`, `global`, `nonlocal`, `async`, `await`, `yield` or `match`"),
    Rule("decorators", "decorators only " + ", ".join(f"@{d}" for d in sorted(DECORATORS))
                       + " (called with arguments or not)"),
    Rule("stores", "no assignment to or deletion of an attribute (`x.y = …`) or of anything reached through a "
                   "module (`torch.x[0] = …`)"),
    Rule("host-data", "no tensor method that hands memory or elements to Python: "
                      + ", ".join(f".{m}()" for m in sorted(HOST_METHODS)) + " (the loop's data stays on the "
                      "device, in tensors)"),
    Rule("hooks", "no hooks that run Python inside a launch: no " + ", ".join(f"{k}=" for k in sorted(HOOK_KEYWORDS))
                  + " argument (by name, position or unpacking; triton.Config, autotune and jit are only called or "
                    "used as decorators), no .register_…(), .add_pre_run_hook() or other hook attribute"),
    Rule("format", "`.format()` only on a string literal with plain fields (`{}`, `{0}`, `{name:.3f}`), never "
                   "`{x.attr}` or `{x[key]}`"),
)
_RULE = {rule.key: rule for rule in RULES}


# What a list too long to print holds.
SUMMARIES = {"torch": "dtypes, devices, allocation, torch.testing, device queries of torch.cuda and the tensor "
                      "operators (torch.sum, torch.cumsum, torch.where…); no submodule, file, stream or setting",
             "triton.language": "its public functions, types and constants, tl.math and libdevice"}


def _members(path: str, most: int) -> str:
    """The names allowed through `path`, or what they are when more than `most`."""
    members = NAMESPACES[path]
    if len(members) <= most:
        return ", ".join(sorted(members))
    return f"{SUMMARIES.get(path, 'its public functions')} ({len(members)} names)"


def rules_text() -> str:
    """The policy in words, one rule a line, then the names allowed through each module."""
    lines = ["The static policy, checked before the module is run:"] + [f"- {rule.statement}." for rule in RULES]
    lines.append("Names allowed through each module:")
    lines += [f"  - {path}: {_members(path, 120)}" for path in NAMESPACES]
    return "\n".join(lines)


class PolicyViolation(ValueError):
    """The candidate does something no kernel needs."""


@dataclass(frozen=True)
class Finding:
    line: int
    what: str
    rule: str = ""

    def __str__(self) -> str:
        text = f"line {self.line}: {self.what}"
        return f"{text} [{self.rule}: {_RULE[self.rule].statement}]" if self.rule else text


def refused_attribute(attr: str) -> list[tuple[str, str]]:
    """(rule, finding) for each rule an attribute of this name breaks, whatever object it is read from."""
    refused = []
    if attr.startswith("_"):
        kind = "dunder" if attr.startswith("__") and attr.endswith("__") else "private"
        refused.append(("private", f"{kind} attribute {attr!r}"))
    if FRAME_ATTRIBUTES.match(attr) or attr in TRITON_INTERNALS:
        refused.append(("internals", f"internal attribute .{attr}"))
    if attr in HOST_METHODS:
        refused.append(("host-data", f".{attr}()"))
    if attr in HOOK_ATTRIBUTES or attr.startswith("register_"):
        refused.append(("hooks", f"hook .{attr}"))
    return refused


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
    def _resolve(self, node: ast.AST, root: ast.Name, attrs: list[str]) -> None:
        """A chain rooted at an imported name must walk allowed names only and end on a value, not a module."""
        for start in sorted(self.modules[root.id]):
            path = start
            for attr in attrs:
                if path not in NAMESPACES:
                    self.flag(node, "names", f"{path}.{attr}: {path} has no allowed names below it")
                    break
                if attr not in NAMESPACES[path]:
                    self.flag(node, "names", f"{path}.{attr} is not allowed (through {path}: {_members(path, 12)})")
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
        rooted = isinstance(root, ast.Name) and root.id in self.modules
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            target = f"assignment into module {root.id!r}" if rooted else f"assignment to attribute {attr!r}"
            self.flag(node, "stores", f"{target} ({ast.unparse(node)})")
        parent = self.parents.get(node)
        if rooted and not (isinstance(parent, ast.Attribute) and parent.value is node):
            self._resolve(node, root, attrs)
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
