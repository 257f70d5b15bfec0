"""The PyTorch baseline (generated/torch): every loop's module computes what the C loop computes.

The modules are our own trusted code, so they are imported in-process and
judged with the checker's pure functions (`checker.expected`, `checker.compare`)
on plain CPU tensors, twice per case like `checker.check` (the judged size,
then another size and seed).
"""
from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest
import torch

from tests.cases import loop_cases, size_seed_cases
from tsvc import kernelsets
from tsvc.judge import checker
from tsvc.sandbox import policy
from tsvc.sandbox.candidate import CandidateRun, Outcome, load_kernel
from tsvc.record.convention import Implementation
from tsvc.record.catalog import Loop, get
from tsvc.record.sizes import Size

# Every case is judged in-process here (our own code, seconds for all 906); a sample of loops goes
# through the sandboxed checker as the suite runs the set (test_torch_set_runs_in_the_sandbox).
TORCH_SET = kernelsets.resolve("torch")
SANDBOXED = ("s000", "s1113", "s115", "s176", "s232", "s3110", "s321", "s341", "s4112", "vsumr")
ALLOWED_IMPORTS = {"torch", "math", "__future__"}


def _module(loop: Loop) -> Path:
    path = TORCH_SET.module_path(loop.name)
    assert path is not None, f"generated/torch has no module for {loop.name}"
    return path


def _tensors(inputs: dict[str, np.ndarray]) -> dict[str, torch.Tensor]:
    """Fresh CPU tensors (float32 / int32, 2D arrays as 2D), never views of the C inputs."""
    return {name: torch.from_numpy(arr.copy()) for name, arr in inputs.items()}


def _run(loop: Loop, path: Path, want: checker.Expected) -> CandidateRun:
    fn = load_kernel(loop, path)
    tensors = _tensors(want.inputs)
    value = fn(**tensors, **want.scalars)
    result = None
    if value is not None:
        result = float(value.item()) if isinstance(value, torch.Tensor) else float(value)
    return CandidateRun({name: t.numpy() for name, t in tensors.items()}, result, value is not None)


def _judge(loop: Loop, path: Path, size: Size, seed: int) -> checker.Verdict:
    want = checker.expected(loop, size, seed)
    return checker.compare(loop, want, _run(loop, path, want))


def judge_twice(loop: Loop, path: Path, size: Size, seed: int) -> checker.Verdict:
    """As `checker.check`: the judged (size, seed), then a second call at another size."""
    verdict = _judge(loop, path, size, seed)
    if not verdict.passed:
        return verdict
    other = checker.decoy_size(loop, size)
    second = _judge(loop, path, other, seed + checker.DECOY_SEED_OFFSET)
    if not second.passed:
        return checker.Verdict(second.outcome, f"(on a second call, at size {other.label}) {second.message}")
    return verdict


def foreign_imports(source: str) -> list[str]:
    """Modules other than torch and math that `source` imports."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append(node.module or ".")
    return sorted({m for m in found if m.split(".")[0] not in ALLOWED_IMPORTS})


@pytest.mark.parametrize("loop,size,seed", size_seed_cases())
def test_torch_module_matches_c_loop(loop, size, seed):
    verdict = judge_twice(loop, _module(loop), size, seed)
    assert verdict.passed, f"{verdict.outcome.value}: {verdict.message}"


@pytest.mark.parametrize("loop", loop_cases())
def test_torch_module_uses_torch_and_math_only(loop):
    """The baseline is plain PyTorch, and passes the static policy every kernel module passes."""
    source = _module(loop).read_text()
    assert not foreign_imports(source), f"{loop.name} imports {foreign_imports(source)}"
    assert not policy.findings(source), f"{loop.name}: {policy.findings(source)}"
    docstring = ast.get_docstring(ast.parse(source)) or ""
    assert "Strategy: " in docstring, f"{loop.name}: its docstring says no 'Strategy: '"


@pytest.mark.parametrize("name", SANDBOXED)
def test_torch_set_runs_in_the_sandbox(name):
    loop = get(name)
    verdict = checker.check(loop, _module(loop), Size(1000, 64), 0, "cpu", Implementation.TORCH)
    assert verdict.passed, f"{verdict.outcome.value}: {verdict.message}"


def test_torch_module_is_no_triton_kernel():
    """The implementation switch is what lets torch compute: judged as a Triton kernel, it is a cheat."""
    verdict = checker.check(get("s000"), _module(get("s000")), Size(1000, 64), 0, "cpu")
    assert verdict.outcome is Outcome.CHEAT and "torch computed aten.add" in verdict.message


def test_kernelset_declares_torch_implementation():
    assert TORCH_SET.metadata().get("implementation") == "torch"
    assert sorted(TORCH_SET.loops()) == sorted(c.values[0].name for c in loop_cases())


# The checks above must be able to fail: a wrong module and a foreign import are caught.

def test_wrong_torch_module_fails(tmp_path):
    loop = get("s000")
    wrong = tmp_path / "s000.py"
    wrong.write_text('"""Off by one."""\n\n\ndef s000_triton(LEN_1D, a, b):\n    a.copy_(b + 2.0)\n')
    verdict = judge_twice(loop, wrong, loop.sizes[0], loop.seeds[0])
    assert not verdict.passed and "array a" in verdict.message


def test_module_right_at_one_size_only_fails(tmp_path):
    loop = get("s000")
    first = loop.sizes[1]  # the second call runs at the smallest size
    only_big = tmp_path / "s000.py"
    only_big.write_text(
        '"""Right only above 500 elements."""\n\n\n'
        'def s000_triton(LEN_1D, a, b):\n    a.copy_(b + (1.0 if LEN_1D > 500 else 3.0))\n')
    verdict = judge_twice(loop, only_big, first, loop.seeds[0])
    assert not verdict.passed and "second call" in verdict.message


def test_foreign_import_is_found():
    assert foreign_imports("import numpy as np\nimport torch\nfrom triton import language\n") == ["numpy", "triton"]


@pytest.mark.parametrize("checked", ["first", "last"])
def test_any_timed_round_can_be_the_judged_one(checked):
    """The suite picks the judged round at random: the first and the last of all must both work."""
    from tsvc.sandbox import runner
    from tsvc.record.inputs import make_inputs, scalar_values

    loop, size, rounds = get("s000"), Size(1000, 64), 3
    header = {"cmd": "time", "loop": loop.name, "module": str(_module(loop)), "scalars": scalar_values(loop, size),
              "restore": [a.name for a in loop.writes], "rounds": rounds, "warmup": 1,
              "checked_round": 0 if checked == "first" else rounds - 1, "implementation": "torch"}
    reply, arrays = runner.Runner("cpu").ask(header, make_inputs(loop, size, 0))
    want = checker.expected(loop, size, 0)
    assert checker.compare(loop, want, CandidateRun(arrays, reply["result"], False)).passed
