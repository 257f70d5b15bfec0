"""The static policy: an allowlist that rejects every known escape and no plausible kernel."""
from __future__ import annotations

import types
import warnings
from pathlib import Path
from typing import Callable

import pytest

from tsvc.judge import checker
from tsvc.record import catalog
from tsvc.sandbox import policy
from tsvc.sandbox.candidate import Outcome
from tsvc.record.inputs import make_inputs, scalar_values
from tsvc.record.sizes import Size

TESTS = Path(__file__).parent
HOSTILE = TESTS / "hostile_kernels"
CORPUS = TESTS / "policy_corpus"
REFERENCE = TESTS.parent / "generated" / "reference"
SIZE = Size(1000, 64)

# (hostile module, loop, a fragment of the verdict's message)
ESCAPES = [
    ("escape_torch_os", "s000", "torch.os is not allowed"),
    ("escape_from_torch_import_os", "s000", "import of 'os' from 'torch'"),
    ("escape_typing_sys_modules", "s000", "typing.sys is not allowed"),
    ("escape_dataclasses_sys", "s000", "import of 'dataclasses'"),
    ("escape_cpp_extension", "s000", "import of 'load_inline' from 'torch.utils.cpp_extension'"),
    ("escape_torch_c", "s000", "private attribute '_C'"),
    ("escape_torch_ops", "s000", "import of 'ops' from 'torch'"),
    ("escape_triton_knobs_hook", "s000", "triton.knobs is not allowed"),
    ("escape_from_triton_import_knobs", "s000", "import of 'knobs' from 'triton'"),
    ("escape_class_float", "s311", "class definition"),
    ("escape_private_attribute", "s311", "private attribute '_VF'"),
    ("escape_private_base", "s000", "private attribute '_base'"),
    ("escape_global_state", "s311", "'global' statement"),
    ("escape_getattr_concat", "s000", "use of 'getattr'"),
    ("escape_type_dunder", "s000", "use of 'type'"),
    ("escape_lambda_default", "s000", "module torch used as a value"),
    ("escape_builtins_via_globals", "s000", "dunder attribute '__globals__'"),
    ("escape_frame_builtins", "s000", "internal attribute .gi_frame"),
    ("escape_capture_scope", "s000", "internal attribute .get_capture_scope"),
    ("escape_match_attribute", "s000", "match statement"),
    ("escape_utf7_coding", "s000", "coding declaration 'utf-7'"),
    ("escape_import_in_function", "s000", "import of 'torch.multiprocessing'"),
    ("escape_decorator", "s311", "decorator @functools.lru_cache"),
]


def test_every_escape_module_has_an_expectation():
    assert sorted(p.stem for p in HOSTILE.glob("escape_*.py")) == sorted(e[0] for e in ESCAPES)


@pytest.mark.parametrize("module,loop_name,fragment", ESCAPES, ids=[e[0] for e in ESCAPES])
def test_escape_is_a_policy_violation(module, loop_name, fragment):
    verdict = checker.check(catalog.get(loop_name), HOSTILE / f"{module}.py", SIZE, 0, "cpu")
    assert verdict.outcome is Outcome.POLICY_VIOLATION, verdict.message
    assert fragment in verdict.message


@pytest.mark.parametrize("path", sorted(REFERENCE.glob("*.py")), ids=lambda p: p.stem)
def test_reference_kernel_meets_the_policy(path):
    assert policy.findings(path.read_text()) == []


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.py")), ids=lambda p: p.stem)
def test_plausible_model_kernel_meets_the_policy(path):
    assert policy.findings(path.read_text()) == []


# Corpus kernels Triton's interpreter cannot run; on a GPU they are checked like the rest.
GPU_ONLY = {
    "s000__autotune_main": "several autotune configs: the autotuner needs a device benchmarker",
    "s271__masked_store": "several autotune configs: the autotuner needs a device benchmarker",
    "s313__reset_to_zero": "several autotune configs: the autotuner needs a device benchmarker",
    "s451__libdevice": "libdevice has no interpreter implementation",
    "vtv__cuda_libdevice": "libdevice has no interpreter implementation",
}


# Plausible answers another layer still refuses: a bug of that layer, reported; strict, so a fix shows.
KNOWN_FALSE_REJECTS: dict[str, str] = {}


def _corpus_case(path: Path) -> object:
    reason = KNOWN_FALSE_REJECTS.get(path.stem)
    return pytest.param(path, marks=pytest.mark.xfail(reason=reason, strict=True)) if reason else path


@pytest.mark.parametrize("path", [_corpus_case(p) for p in sorted(CORPUS.glob("*.py"))],
                         ids=lambda p: p.stem)
def test_plausible_model_kernel_is_a_working_kernel(path, device):
    """The corpus is real code: each kernel computes its loop."""
    if device != "cuda" and path.stem in GPU_ONLY:
        pytest.skip(GPU_ONLY[path.stem])
    verdict = checker.check(catalog.get(path.stem.split("__")[0]), path, SIZE, 0, device)
    if path.stem in GPU_ONLY and not verdict.passed:
        # The race check runs kernels in the interpreter, which cannot run these: they fail, saying so
        # (a kernel must not dodge the check by being uninterpretable). Seen on the H200, 2026-11-30;
        # s271 and s313 were refused earlier by the audit hook ("open <fd>" under autotuning): a defect.
        pytest.xfail(f"{GPU_ONLY[path.stem]}: {verdict.message[:200]}")
    assert verdict.passed, verdict.message


def test_the_corpus_is_large_and_names_real_loops():
    paths = list(CORPUS.glob("*.py"))
    assert len(paths) >= 40
    for path in paths:
        catalog.get(path.stem.split("__")[0])


# (id, source, the rule it breaks)
REJECTED = [
    ("coding_utf7", "# -*- coding: utf-7 -*-\nx = 1  # +AAo-import os\n", "source"),
    ("coding_latin1", "# vim: set fileencoding=latin-1 :\nx = 1\n", "source"),
    ("coding_unknown", "# coding: no-such-codec\nx = 1\n", "source"),
    ("import_os", "import os", "imports"),
    ("import_os_from_torch", "from torch import os", "imports"),
    ("import_star", "from triton.language import *", "imports"),
    ("import_relative", "from . import helpers", "imports"),
    ("import_submodule", "import torch.utils.cpp_extension as ext", "imports"),
    ("import_in_function", "def f():\n    import subprocess\n", "imports"),
    ("import_cuda_event", "from torch.cuda import Event", "imports"),
    ("import_cuda_stream", "from torch.cuda import Stream", "imports"),
    ("import_threading", "import threading", "imports"),
    ("import_importlib", "import importlib", "imports"),
    ("import_numpy", "import numpy as np", "imports"),
    ("cuda_by_name_patched", "from torch import cuda\ncuda.Event = print", "stores"),
    ("cuda_by_name_event", "from torch import cuda\ne = cuda.Event()", "names"),
    ("alias_private", "import torch as T\nc = T._C", "private"),
    ("alias_unlisted", "import torch as T\nm = T.os", "names"),
    ("from_alias_unlisted", "from triton import language as L\nc = L.core", "names"),
    ("tl_submodule", "import triton.language as tl\nc = tl.semantic", "names"),
    ("triton_knobs", "import triton\nk = triton.knobs", "names"),
    ("inline_asm", "import triton.language as tl\nf = tl.inline_asm_elementwise", "names"),
    ("globaltimer", "from triton.language.extra import cuda\nt = cuda.globaltimer", "names"),
    ("two_levels_deep", "import torch\ns = torch.float32.itemsize", "names"),
    ("jit_attribute", "from triton import jit\nf = jit.__wrapped__", "private"),
    ("jit_two_levels", "from triton import jit\nf = jit.fn", "names"),
    ("module_as_value", "import torch\nt = torch", "names"),
    ("module_as_argument", "import math\nprint(math)", "names"),
    ("module_in_lambda_default", "import torch\nf = lambda t=torch: t", "names"),
    ("module_by_walrus", "import torch\nif (t := torch):\n    pass", "names"),
    ("module_in_comprehension", "import torch\nms = [m for m in (torch,)]", "names"),
    ("namespace_as_value", "import torch\nc = torch.cuda", "names"),
    ("cuda_stream", "import torch\ns = torch.cuda.Stream()", "names"),
    ("cuda_graph", "import torch\ng = torch.cuda.CUDAGraph()", "names"),
    ("typing_sys", "import typing\nm = typing.sys.modules", "names"),
    ("one_name_two_modules", "import torch as tl\nimport triton.language as tl\nf = tl.load", "names"),
    ("call_chain_dunder", "import torch\nc = torch.empty(1).__class__", "private"),
    ("subscript_dunder_dict", "import torch\nm = torch.__dict__['os']", "private"),
    ("private_on_object", "def f(x):\n    return x._base", "private"),
    ("dunder_builtins", "b = __builtins__", "private"),
    ("dunder_file", "p = __file__", "private"),
    ("dunder_function", "def __getattr__(name):\n    return name", "private"),
    ("name_outside_guard", "n = __name__", "private"),
    ("name_made_main", "__name__ = '__main__'", "private"),
    ("dunder_import_alias", "import math as __builtins__", "private"),
    ("dunder_except_name", "try:\n    pass\nexcept ValueError as __name__:\n    pass", "private"),
    ("frame_walk", "g = (i for i in ())\nb = g.gi_frame.f_builtins", "internals"),
    ("traceback_walk", "try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    t = e.args[0].tb_frame", "internals"),
    ("capture_scope", "def f(k):\n    return k.get_capture_scope()['__builtins__']", "internals"),
    ("used_global_vals", "def f(k):\n    return k.used_global_vals", "internals"),
    ("getattr", "import torch\nx = getattr(torch, 'o' + 's')", "builtins"),
    ("type", "def f(x):\n    return type(x)", "builtins"),
    ("open", "f = open('/proc/self/environ')", "builtins"),
    ("eval", "v = eval('1')", "builtins"),
    ("object", "o = object()", "builtins"),
    ("vars", "v = vars()", "builtins"),
    ("builtin_as_parameter", "def f(type):\n    return 1", "builtins"),
    ("builtin_bound_then_deleted", "getattr = 1\ndel getattr", "builtins"),
    ("builtin_as_except_name", "try:\n    pass\nexcept ValueError as exec:\n    pass", "builtins"),
    ("undefined_name", "x = np.zeros(3)", "defined"),
    ("class", "class A:\n    pass", "structure"),
    ("global", "def f():\n    global x\n    x = 1", "structure"),
    ("nonlocal", "def f():\n    x = 1\n    def g():\n        nonlocal x\n        x = 2", "structure"),
    ("async", "async def f():\n    pass", "structure"),
    ("yield", "def f():\n    yield 1", "structure"),
    ("match_class_pattern", "def f(e):\n    match e:\n        case ValueError(args=a):\n            return a",
     "structure"),
    ("own_decorator", "def deco(f):\n    return f\n@deco\ndef g():\n    pass", "decorators"),
    ("lambda_decorator", "@(lambda f: f)\ndef g():\n    pass", "decorators"),
    ("attribute_store", "def f(x, y):\n    x.data = y", "stores"),
    ("attribute_augmented_store", "def f(x):\n    x.y += 1", "stores"),
    ("attribute_delete", "def f(x):\n    del x.y", "stores"),
    ("module_attribute_store", "import torch\ntorch.cuda.Event = 1", "stores"),
    ("module_subscript_store", "import torch\ntorch.float32[0] = 1", "stores"),
    ("tolist", "def f(x):\n    return x.tolist()", "host-data"),
    ("numpy", "def f(x):\n    return x.numpy()", "host-data"),
    ("data_ptr", "def f(x):\n    return x.data_ptr()", "host-data"),
    ("untyped_storage", "def f(x):\n    return x.untyped_storage()", "host-data"),
    ("apply_", "def f(x):\n    x.apply_(abs)", "host-data"),
    ("register_hook", "def f(x):\n    x.register_hook(print)", "hooks"),
    ("config_pre_hook", "import triton\nc = triton.Config({}, pre_hook=print)", "hooks"),
    ("config_positional_hook", "import triton\nc = triton.Config({}, 4, 3, 1, None, print)", "hooks"),
    ("config_unpacked_hook", "import triton\nc = triton.Config({}, **{'pre_hook': print})", "hooks"),
    ("autotune_positional_hook", "import triton\na = triton.autotune([], [], None, None, None, print)", "hooks"),
    ("config_aliased", "import triton\nC = triton.Config\nc = C({}, 4, 3, 1, None, print)", "hooks"),
    ("config_by_name_unpacked", "from triton import Config\nc = Config({}, *[4, 3, 1, None, print])", "hooks"),
    ("jit_repr_hook", "import triton\nj = triton.jit(repr=print)", "hooks"),
    ("add_pre_run_hook", "def f(k):\n    k.add_pre_run_hook(print)", "hooks"),
    ("pre_run_hooks_list", "def f(k):\n    k.pre_run_hooks.append(print)", "hooks"),
    ("prune_configs_by",
     "import triton\na = triton.autotune([], key=[], prune_configs_by={'early_config_prune': print})",
     "hooks"),
    ("format_attribute", "def f(x):\n    return '{0.__class__}'.format(x)", "format"),
    ("format_item", "def f(x):\n    return '{0[os]}'.format(x)", "format"),
    ("format_nested_spec", "def f(x):\n    return '{0:{1.real}}'.format(x, 1)", "format"),
    ("format_not_a_literal", "def f(s, x):\n    return s.format(x)", "format"),
    ("format_taken_as_value", "f = '{}'.format", "format"),
]

ACCEPTED = [
    ("main_guard", 'if __name__ == "__main__":\n    print("ok")'),
    ("main_guard_reversed", 'if "__main__" == __name__:\n    print("ok")'),
    ("own_private_names", "def _kernel():\n    return 1\n_BLOCK = 4\nx = _kernel() + _BLOCK"),
    ("from_alias", "from triton import language as tl\nr = tl.arange"),
    ("import_alias", "import triton.language as tl\nimport triton\nr = tl.program_id\nc = triton.cdiv"),
    ("walrus_binding", "def f(n):\n    if (m := n + 1) > 2:\n        return m\n    return 0"),
    ("lambda_binding", "g = lambda meta: meta['B']"),
    ("comprehension_binding", "xs = [i * i for i in range(4)]\nd = {k: v for k, v in zip(xs, xs)}"),
    ("generator_expression", "t = sum(x for x in range(3))"),
    ("except_as", "try:\n    pass\nexcept ValueError as err:\n    print(err)"),
    ("with_target", "import torch\nwith torch.no_grad() as guard:\n    pass"),
    ("format_plain", "s = '{0} {name:.3f} {{}}'.format(1, name=2.0)"),
    ("f_string", "x = 1\ns = f'{x:.3f} {x!r}'"),
    ("math_names", "import math\nx = math.ceil(math.pi)"),
    ("cuda_query", "import torch\nd = 'cuda' if torch.cuda.is_available() else 'cpu'"),
    ("typing_hints",
     "from typing import Optional, Tuple\ndef f(x: Optional[int]) -> Tuple[int, int]:\n    return (1, 2)"),
    ("tl_math", "import triton.language as tl\nf = tl.math.exp"),
    ("libdevice", "from triton.language.extra import libdevice\np = libdevice.pow"),
    ("cuda_libdevice", "from triton.language.extra.cuda import libdevice\nimport triton.language as tl\n"
                       "p = libdevice.pow\nq = tl.extra.cuda.libdevice.exp"),
    ("triton_decorators", "import triton\nimport triton.language as tl\n"
                          "@triton.autotune(configs=[triton.Config({'B': 1})], key=['n'])\n"
                          "@triton.heuristics({'E': lambda args: args['n'] % 2 == 0})\n"
                          "@triton.jit\ndef k(n, B: tl.constexpr, E: tl.constexpr):\n    pass"),
    ("config_positional", "import triton\nc = triton.Config({'B': 1}, 4, 3)\nd = triton.Config({'B': 2}, num_warps=8)"),
    ("jit_by_name",
     "from triton import jit\n@jit\ndef k(x):\n    pass\n@jit(do_not_specialize=['x'])\ndef h(x):\n    pass"),
    ("tensor_methods", "def f(x):\n    return x.numel(), x.stride(0), x.shape[0], x.is_contiguous(), "
                       "x.view(-1).contiguous(), x.item()"),
    ("subscript_store_on_tensor", "def f(x):\n    x[0] = 1"),
    ("future_annotations", "from __future__ import annotations"),
    ("coding_utf8", "# -*- coding: utf-8 -*-\nx = 'é'\n"),
]


@pytest.mark.parametrize("source,rule", [r[1:] for r in REJECTED], ids=[r[0] for r in REJECTED])
def test_rule_rejects(source, rule):
    found = policy.findings(source)
    assert rule in {f.rule for f in found}, found
    statement = next(r.statement for r in policy.RULES if r.key == rule)
    assert any(str(f).startswith(f"line {f.line}: ") and statement in str(f) for f in found if f.rule == rule)
    with pytest.raises(policy.PolicyViolation):
        policy.check_source(source)


@pytest.mark.parametrize("source", [a[1] for a in ACCEPTED], ids=[a[0] for a in ACCEPTED])
def test_rule_accepts(source):
    assert policy.findings(source) == []
    policy.check_source(source)


@pytest.mark.parametrize("source", ["x = (", "x = 1\x00"], ids=["unbalanced", "null_byte"])
def test_unparsable_source_is_a_syntax_error(source):
    with pytest.raises(SyntaxError):
        policy.findings(source)


def test_every_rule_is_shown_to_reject_something():
    assert {r.key for r in policy.RULES} == {rule for _, _, rule in REJECTED}


def test_rules_text_states_every_rule_and_every_small_allowlist():
    text = policy.rules_text()
    for rule in policy.RULES:
        assert rule.statement in text
    assert "torch.cuda: " + ", ".join(sorted(policy.TORCH_CUDA_NAMES)) in text and "Stream" not in text


def test_triton_language_names_come_from_the_installed_triton_without_submodules():
    import triton.language as tl

    names = policy.NAMESPACES["triton.language"]
    assert {"load", "store", "arange", "program_id", "constexpr", "float32", "where", "sum"} <= names
    modules = {n for n in names if isinstance(getattr(tl, n), types.ModuleType)}
    assert modules == {n for n in ("math", "extra") if f"triton.language.{n}" in policy.NAMESPACES}
    assert not {"core", "semantic", "standard", "random"} & names


def _escapes(root: object, allowed: Callable[[str], bool], depth: int = 4) -> set[str]:
    """Attribute paths from `root`, through names `allowed` accepts, to a module, frame, code object,
    traceback or globals dict: what a kernel could reach with plain attribute reads."""
    found: set[str] = set()
    seen: set[int] = set()

    def visit(value: object, where: str, left: int) -> None:
        if isinstance(value, (types.ModuleType, types.FrameType, types.CodeType, types.TracebackType)) or (
                isinstance(value, dict) and "__builtins__" in value):
            found.add(where)
        elif left > 1 and id(value) not in seen and not isinstance(value, (int, float, str, bytes, type(None))):
            seen.add(id(value))
            walk(value, where, left - 1)

    def walk(obj: object, path: str, left: int) -> None:
        items = list(obj.items()) if isinstance(obj, dict) else enumerate(obj) if isinstance(obj, (list, tuple)) else []
        for key, value in list(items)[:50]:  # a kernel may index what it reads
            visit(value, f"{path}[{key!r}]", left)
        for name in dir(obj):
            if not allowed(name):
                continue
            try:
                value = getattr(obj, name)
            except Exception:  # noqa: BLE001 - a property that needs state the probe does not set up
                continue
            visit(value, f"{path}.{name}", left)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        walk(root, type(root).__name__, depth)
    return found


def _policy_allows(name: str) -> bool:
    return not policy.refused_attribute(name)


def _runtime_objects(device: str) -> list[object]:
    """What a kernel module can hold: its Triton kernels (launched first on a GPU, which fills their caches),
    a config, a tensor with autograd history, an exception, a generator."""
    import importlib.util

    import torch
    import triton

    objects: list[object] = [(i for i in ()), ValueError("probe"), torch.zeros(4, requires_grad=True) * 2,
                             triton.Config({"BLOCK_SIZE": 128}, num_warps=4)]
    for stem in ("s000__from_triton_import", "s113__heuristics", "s313__reset_to_zero"):
        spec = importlib.util.spec_from_file_location(f"policy_probe_{stem}", CORPUS / f"{stem}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        loop = catalog.get(stem.split("__")[0])
        if device == "cuda":
            tensors = {name: torch.from_numpy(a).cuda() for name, a in make_inputs(loop, SIZE, 0).items()}
            objects.append(getattr(module, loop.kernel_name)(**tensors, **scalar_values(loop, SIZE)))
        objects += [value for name, value in vars(module).items() if name.endswith("kernel")]
    return objects


def test_no_attribute_the_policy_allows_leads_from_a_runtime_object_to_globals(device):
    reached = set().union(*(_escapes(obj, _policy_allows) for obj in _runtime_objects(device)))
    assert not reached


def test_the_reachability_probe_finds_what_the_policy_refuses(device):
    reached = set().union(*(_escapes(obj, lambda name: not name.startswith("_")) for obj in _runtime_objects(device)))
    assert "generator.gi_frame" in reached


def test_no_name_allowed_through_a_module_leads_to_globals():
    import importlib

    def resolve(path: str) -> object:
        head, *rest = path.split(".")
        obj = importlib.import_module(head)
        for part in rest:
            obj = getattr(obj, part)
        return obj

    reached: set[str] = set()
    for namespace, members in policy.NAMESPACES.items():
        for name in members:
            path = f"{namespace}.{name}"
            if namespace != "__future__" and path not in policy.NAMESPACES and hasattr(resolve(namespace), name):
                reached |= _escapes(resolve(path), _policy_allows)
    assert not reached
