"""Untrusted kernels: the static policy, the isolated worker, and the run-time anti-cheat checks."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.project import mirror_suite
from tsvc import backend
from tsvc.judge import checker
from tsvc.record import catalog
from tsvc.sandbox import confinement, runner
from tsvc.sandbox.candidate import Outcome
from tsvc.record.inputs import make_inputs, scalar_values
from tsvc.record.sizes import Size

pytest_plugins = ["pytester"]

HOSTILE = Path(__file__).parent / "hostile_kernels"
REFERENCE = Path(__file__).resolve().parents[1] / "generated" / "reference"
SIZE = Size(1000, 64)

# (module, loop, outcome, a fragment of the message)
CORPUS = [
    ("pure_torch", "s000", Outcome.CHEAT, "torch computed aten.add"),
    ("never_launched", "s311", Outcome.CHEAT, "no Triton kernel was launched"),
    ("decoy_launch", "s000", Outcome.CHEAT, "torch computed aten.add"),
    ("copy_not_from_kernel", "s000", Outcome.CHEAT, "torch wrote into a loop array with aten.copy_"),
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
    ("python_compute_item", "s000", Outcome.CHEAT, "the loop's data (or a copy of it) was read into Python"),
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


def test_the_text_checked_is_the_text_run(device, tmp_path):
    """A module file replaced after its static check: the worker runs the checked text, read once."""
    path = tmp_path / "s000.py"
    path.write_text((REFERENCE / "s000.py").read_text())
    checked = runner.vet(path)
    path.write_text((HOSTILE / "exits.py").read_text())
    with pytest.raises(runner.CandidateError):
        runner.vet(path)  # the replacement would not pass the check
    pool = runner.Runner(device)
    reply, _ = pool.request(*_run_request("s000", path), module=checked)
    assert reply["ok"], reply
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


# --- The sandbox issue's mechanisms: each rejected end to end, and by the layer meant for it. ---

# Rejected end to end (policy first; whichever layer stops them, none may pass).
ESCAPES = [("grid_callable_compute", "s000"), ("thread_compute", "s000"), ("numpy_view_write", "s000"),
           ("returns_lazy_number", "s311"), ("item_on_clone", "s311"), ("copy_after_noop_launch", "s000"),
           ("replaces_watch", "s000"), ("forges_reply", "s000"), ("patches_cuda_event", "s000"),
           ("reads_parent_environ", "s000"), ("starts_survivor", "s000")]


@pytest.mark.parametrize("module,loop_name", ESCAPES, ids=[e[0] for e in ESCAPES])
def test_escape_is_rejected_end_to_end(module, loop_name, device):
    verdict = checker.check(catalog.get(loop_name), HOSTILE / f"{module}.py", SIZE, 0, device)
    assert not verdict.passed and verdict.outcome is not Outcome.CRASH, verdict.message


# With the static policy bypassed, the run-time layers stop them: (module, loop, outcome, fragment).
RUNTIME_LAYER = [
    ("grid_callable_compute", "s000", Outcome.CHEAT, "torch computed aten.add"),
    ("thread_compute", "s000", Outcome.POLICY_VIOLATION, "starting a thread"),
    ("numpy_view_write", "s000", Outcome.POLICY_VIOLATION, "Tensor.numpy()"),
    ("returns_lazy_number", "s311", Outcome.WRONG_RESULT, "returned a Lazy"),
    ("item_on_clone", "s311", Outcome.CHEAT, "(or a copy of it) was read into Python"),
    ("copy_after_noop_launch", "s000", Outcome.CHEAT, "torch wrote into a loop array"),
    ("replaces_watch", "s000", Outcome.CHEAT, "tsvc.sandbox.monitor.watch was replaced"),
    ("forges_reply", "s000", Outcome.CHEAT, "did not carry this request's nonce"),
    ("patches_cuda_event", "s000", Outcome.CHEAT, "torch.cuda.Event was replaced"),
    ("reads_parent_environ", "s000", Outcome.POLICY_VIOLATION, "the sandbox refused: os.listdir '/proc'"),
    ("starts_survivor", "s000", Outcome.POLICY_VIOLATION, "the sandbox refused: subprocess.Popen"),
]


def _outcome(pool: runner.Runner, header: dict, arrays: dict) -> tuple[Outcome, str, dict]:
    try:
        reply, out = pool.request(header, arrays)
    except runner.CandidateError as exc:
        return exc.outcome, exc.message, {}
    finally:
        pool.close()
    return (Outcome.PASSED, "", out) if reply["ok"] else (Outcome(reply["outcome"]), reply["message"], {})


@pytest.mark.parametrize("module,loop_name,outcome,fragment", RUNTIME_LAYER, ids=[r[0] for r in RUNTIME_LAYER])
def test_runtime_layer_stops_what_the_policy_would_have(module, loop_name, outcome, fragment, device):
    got, message, _ = _outcome(runner.Runner(device), *_run_request(loop_name, HOSTILE / f"{module}.py"))
    assert got is outcome, message
    assert fragment in message


os_layer = pytest.mark.skipif(not confinement.confinement().os_level, reason=confinement.confinement().description)


@os_layer
def test_with_the_audit_hook_off_the_api_key_is_still_out_of_reach(device, monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-must-not-leak")
    got, message, out = _outcome(runner.Runner(device, audit=False),
                                 *_run_request("s000", HOSTILE / "reads_parent_environ.py"))
    assert got is Outcome.PASSED, message
    assert out["a"][0] != 12345.0  # the kernel marks a[0] when it finds the key


def _survivors() -> list[str]:
    found = subprocess.run(["pgrep", "-f", "tsvc-survivor-token"], capture_output=True, text=True)
    return found.stdout.split()


@os_layer
def test_with_the_audit_hook_off_a_started_process_dies_with_the_request(device):
    got, message, _ = _outcome(runner.Runner(device, audit=False), *_run_request("s000", HOSTILE / "starts_survivor.py"))
    assert got is Outcome.CHEAT and "started processes" in message
    assert _survivors() == []


TOUCHES = '''
import triton
import triton.language as tl


@triton.jit
def s000_kernel(a_ptr, b_ptr, n, BLOCK_SIZE: tl.constexpr):
    offsets = tl.program_id(0) * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    tl.store(a_ptr + offsets, tl.load(b_ptr + offsets, mask=mask) + 1.0, mask=mask)


def s000_triton(a, b, LEN_1D):
    s000_kernel[(triton.cdiv(LEN_1D, 256),)](a, b, LEN_1D, BLOCK_SIZE=256)
    reached = 0.0
    for path in {paths!r}:
        try:
            with open(path, "r+b") as f:
                f.write(b"\\x00")
            reached += 1.0
        except OSError:
            pass
        try:
            with open(path, "rb") as f:
                f.read()
            reached += 100.0
        except OSError:
            pass
    if reached:
        a[0] = reached
'''


@os_layer
def test_with_the_audit_hook_off_a_kernel_reaches_no_ground_truth_and_no_kernel(device, tmp_path):
    from tsvc.record import reference

    other = catalog.get("s111")
    build = reference.build(other, "double")
    before = build.read_bytes()
    module = tmp_path / "s000.py"
    module.write_text(TOUCHES.format(paths=[str(build), str(REFERENCE / "s111.py")]))
    got, message, out = _outcome(runner.Runner(device, audit=False), *_run_request("s000", module))
    assert got is Outcome.PASSED, message
    assert out["a"][0] != 0.0 and out["a"][0] < 1.0  # neither written (1) nor read (100)
    assert build.read_bytes() == before
    reference.verified(build)


def test_a_changed_c_build_is_refused(tmp_path, monkeypatch):
    from tsvc.record import reference

    monkeypatch.setenv("TSVC_CACHE_DIR", str(tmp_path))
    loop = catalog.get("s000")
    build = reference.build(loop, "float", ("-O1",))
    reference.verified(build)
    build.write_bytes(build.read_bytes() + b"\0")
    with pytest.raises(reference.TamperedBuildError):
        reference.verified(build)


def test_each_kernel_module_gets_a_worker_of_its_own(device):
    pool = runner.Runner(device)
    first = pool.request({"cmd": "environ", "module": str(REFERENCE / "s000.py")}, {})[0]
    same = pool.request({"cmd": "environ", "module": str(REFERENCE / "s000.py")}, {})[0]
    other = pool.request({"cmd": "environ", "module": str(REFERENCE / "s111.py")}, {})[0]
    pool.close()
    assert pool.started == 2 and first["cwd"] == same["cwd"] != other["cwd"]


@pytest.mark.skipif(backend.select().device != "cuda", reason="kernels are timed on a CUDA GPU only")
def test_a_kernel_that_skips_work_when_timed_fails_its_benchmark():
    from tsvc.speed import benchmark

    loop = catalog.get("s000")
    assert checker.check(loop, HOSTILE / "skips_work_when_timed.py", SIZE, 0, "cuda").passed  # it fools the checker
    with pytest.raises(runner.CandidateError, match="while timed"):
        benchmark.time_kernel(loop, HOSTILE / "skips_work_when_timed.py", SIZE)


@pytest.mark.skipif(backend.select().device != "cuda", reason="CUDA streams exist on a GPU only")
def test_a_launch_on_a_side_stream_is_refused_at_run_time(device):
    got, message, _ = _outcome(runner.Runner(device), *_run_request("s000", HOSTILE / "side_stream.py"))
    assert got is Outcome.CHEAT and "another CUDA stream" in message
