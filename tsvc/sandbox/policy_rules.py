"""The static policy's rules as data: the allowlists, the names each module lets a kernel reach, and
the rules' statements.

tsvc.sandbox.policy walks a candidate's AST against these; keeping the data apart lets the prompt and the README
render the policy (rules_text) without the walk, and the walk stay one screen of visitor methods.
"""
from __future__ import annotations

import ast
import builtins
import inspect
import math
import re
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


def members(path: str, most: int) -> str:
    """The names allowed through `path`, or what they are when more than `most`."""
    members = NAMESPACES[path]
    if len(members) <= most:
        return ", ".join(sorted(members))
    return f"{SUMMARIES.get(path, 'its public functions')} ({len(members)} names)"


def rules_text() -> str:
    """The policy in words, one rule a line, then the names allowed through each module."""
    lines = ["The static policy, checked before the module is run:"] + [f"- {rule.statement}." for rule in RULES]
    lines.append("Names allowed through each module:")
    lines += [f"  - {path}: {members(path, 120)}" for path in NAMESPACES]
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
