"""Untrusted kernels: the static policy, the isolated worker, and the run-time anti-cheat checks."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.project import mirror_suite
from tsvc import catalog, checker, runner
from tsvc.candidate import Outcome
from tsvc.inputs import make_inputs, scalar_values
from tsvc.sizes import Size

pytest_plugins = ["pytester"]

HOSTILE = Path(__file__).parent / "hostile_kernels"
REFERENCE = Path(__file__).resolve().parents[1] / "generated" / "reference"
SIZE = Size(1000, 64)

# (module, loop, outcome, a fragment of the message)
CORPUS = [
    ("pure_torch", "s000", Outcome.CHEAT, "torch computed aten.add"),
    ("never_launched", "s311", Outcome.CHEAT, "no Triton kernel was launched"),
    ("decoy_launch", "s000", Outcome.CHEAT, "torch computed aten.add"),
    ("copy_not_from_kernel", "s000", Outcome.CHEAT, "not from a Triton kernel's output"),
    ("cached_result", "s311", Outcome.CHEAT, "on a second call, at size 97x17) no Triton kernel was launched"),
    ("hard_coded_size", "s000", Outcome.WRONG_RESULT, "outside array a"),
    ("first_block_only", "s000", Outcome.WRONG_RESULT, "744 of 1000 elements differ"),
    ("side_stream", "s000", Outcome.POLICY_VIOLATION, "streams"),
    ("reads_environment", "s000", Outcome.POLICY_VIOLATION, "import of 'os'"),
    ("exits", "s000", Outcome.POLICY_VIOLATION, "import of 'sys'"),
    ("raises_system_exit", "s000", Outcome.POLICY_VIOLATION, "use of 'SystemExit'"),
    ("patches_event", "s000", Outcome.POLICY_VIOLATION, "assignment into module 'torch'"),
    ("patches_timer", "s000", Outcome.POLICY_VIOLATION, "import of 'time'"),
    ("uses_eval", "s000", Outcome.POLICY_VIOLATION, "use of 'eval'"),
    ("dunder_escape", "s000", Outcome.POLICY_VIOLATION, "dunder attribute '__globals__'"),
    ("store_past_end", "s000", Outcome.WRONG_RESULT, "outside array a"),
    ("python_compute_tolist", "s000", Outcome.POLICY_VIOLATION, ".tolist()"),
    ("python_compute_item", "s000", Outcome.CHEAT, "the loop's data was read into Python"),
    ("wild_store", "s000", Outcome.CRASH, "the worker process died"),
]
# A wild store kills the process in the interpreter; on a GPU it is an illegal address, which
# CUDA reports as an error (the worker then leaves, and a clean one replaces it).
GPU_OUTCOMES = {"wild_store": (Outcome.RUNTIME_ERROR, "CUDA_LAUNCH_BLOCKING")}


@pytest.mark.parametrize("module,loop_name,outcome,fragment", CORPUS, ids=[c[0] for c in CORPUS])
def test_hostile_kernel_is_rejected(module, loop_name, outcome, fragment, device):
    if device == "cuda" and module in GPU_OUTCOMES:
        outcome, fragment = GPU_OUTCOMES[module]
    verdict = checker.check(catalog.get(loop_name), HOSTILE / f"{module}.py", SIZE, 0, device)
    assert verdict.outcome is outcome, verdict.message
    assert fragment in verdict.message


def test_a_hanging_kernel_times_out(device, monkeypatch):
    monkeypatch.setattr(runner, "CALL_TIMEOUT_S", 5.0)
    verdict = checker.check(catalog.get("s000"), HOSTILE / "infinite_loop.py", SIZE, 0, device)
    assert verdict.outcome is Outcome.TIMEOUT
    assert "no answer within 5 s" in verdict.message


def _run_request(loop_name: str, module: Path) -> dict:
    loop = catalog.get(loop_name)
    header = {"cmd": "run", "loop": loop.name, "module": str(module), "scalars": scalar_values(loop, SIZE)}
    return header, make_inputs(loop, SIZE, 0)


def test_runner_survives_what_the_policy_would_have_stopped(device):
    """Past the policy (here: bypassed), SystemExit is contained as a runtime error."""
    pool = runner.Runner(device)
    reply, _ = pool.request(*_run_request("s000", HOSTILE / "exits.py"))
    assert reply["outcome"] == Outcome.RUNTIME_ERROR.value and "SystemExit" in reply["message"]
    reply, _ = pool.request(*_run_request("s000", REFERENCE / "s000.py"))
    assert reply["ok"]
    assert pool.started == 2  # a worker that ran a failing candidate is not reused
    pool.close()


def test_a_crashed_worker_is_replaced_by_a_clean_one(device):
    pool = runner.Runner(device)
    if device == "cuda":  # an illegal address poisons the CUDA context: the worker reports it and leaves
        reply, _ = pool.request(*_run_request("s000", HOSTILE / "wild_store.py"))
        assert reply["outcome"] == Outcome.RUNTIME_ERROR.value and "CUDA_LAUNCH_BLOCKING" in reply["message"]
    else:
        with pytest.raises(runner.CandidateError) as info:
            pool.request(*_run_request("s000", HOSTILE / "wild_store.py"))
        assert info.value.outcome is Outcome.CRASH
    reply, arrays = pool.request(*_run_request("s000", REFERENCE / "s000.py"))
    assert reply["ok"] and pool.started == 2
    pool.close()


def test_the_worker_sees_no_secrets_and_works_elsewhere(device, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-must-not-leak")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "must-not-leak")
    monkeypatch.setenv("TRITON_API_TOKEN", "must-not-leak")
    pool = runner.Runner(device)
    reply, _ = pool.request({"cmd": "environ"}, {})
    pool.close()
    assert not {"ANTHROPIC_API_KEY", "AWS_SECRET_ACCESS_KEY", "TRITON_API_TOKEN"} & set(reply["names"])
    assert Path(reply["cwd"]) != Path(os.getcwd())
    assert "tsvc-worker-" in reply["cwd"]


def test_the_suite_process_never_imports_candidate_code(device):
    import sys

    checker.check(catalog.get("s000"), REFERENCE / "s000.py", SIZE, 0, device)
    assert not [name for name in sys.modules if name.startswith("tsvc_candidate_")]


@pytest.mark.timeout(600)  # a whole pytest run in a subprocess, workers included
def test_a_faulting_kernel_fails_only_its_own_test(pytester, device):
    kernels = pytester.mkdir("kernels")
    (kernels / "s000.py").write_text((HOSTILE / "wild_store.py").read_text())
    for good in ("s111", "s311"):
        (kernels / f"{good}.py").write_text((REFERENCE / f"{good}.py").read_text())
    mirror_suite(pytester, "test_correctness.py")
    result = pytester.runpytest_subprocess("--kernels", str(kernels), "-k", "s000-97 or s111-97 or s311-97", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=4, failed=2)
    crash = "*runtime error: Traceback*" if device == "cuda" else "*crash: the worker process died*"
    result.stdout.fnmatch_lines(["*test_kernel_matches_c_loop[[]s000-97x17-seed0[]]*", crash])
