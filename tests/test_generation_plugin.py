"""End to end: `pytest --kernels <model set>` on the suite's own correctness test, with the loopback API.

Each run is the real conftest and tests/test_correctness.py, driven by pytester
with --kernels pointing at a fresh folder (a new model set named after the model).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.fake_anthropic import FakeAnthropic, Reply, answer, fake_anthropic, reference_kernel  # noqa: F401
from tsvc import backend

pytest_plugins = ["pytester"]
pytestmark = pytest.mark.filterwarnings("ignore:The model:DeprecationWarning")

REPO = Path(__file__).resolve().parent.parent
CORRECTNESS = str(REPO / "tests" / "test_correctness.py")
ONE_CASE = "s000-97x17-seed0"
NO_FUNCTION = "import triton\n\n\ndef helper():\n    pass\n"


def run(pytester: pytest.Pytester, folder: Path, *args: str, subprocess: bool = False) -> pytest.RunResult:
    argv = (CORRECTNESS, "--kernels", str(folder), "-p", "no:cacheprovider", "-W",
            "ignore:The model:DeprecationWarning", *args)
    return pytester.runpytest_subprocess(*argv) if subprocess else pytester.runpytest_inprocess(*argv)


@pytest.fixture(scope="module", autouse=True)
def imported_once() -> None:
    """In-process runs drop the modules they import; islpy (via analysis) cannot be imported twice."""
    import anthropic  # noqa: F401

    from generation.prompt import build_prompt
    from tsvc.record import catalog

    build_prompt(catalog.get("s000"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "claude-sonnet-4-5"
    path.mkdir()
    return path


def test_a_missing_loop_is_generated_then_tested(pytester, fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(answer(reference_kernel("s000")))
    result = run(pytester, folder, "-k", ONE_CASE)
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*tsvc generation: claude-sonnet-4-5 via anthropic*",
                                 "*[[]generation[]] s000 attempt 1/10: passed*"])
    assert json.loads((folder / "s000.json").read_text())["passed"] is True
    assert json.loads((folder / "kernelset.json").read_text())["model"] == "claude-sonnet-4-5"


def test_a_cached_loop_sends_no_request(pytester, fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(answer(reference_kernel("s000")))
    run(pytester, folder, "-k", ONE_CASE).assert_outcomes(passed=1)
    result = run(pytester, folder, "-k", "s000-97x17")
    result.assert_outcomes(passed=2)
    assert len(fake_anthropic.requests) == 1 and not fake_anthropic.invalid


def test_without_a_key_a_missing_loop_is_skipped_with_a_reason(pytester, monkeypatch, folder: Path):
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.delenv("ANTHROPIC_AUTH_TOKEN", raising=False)
    result = run(pytester, folder, "-k", ONE_CASE, "-rs")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["*no kernel for s000 in model set 'claude-sonnet-4-5', "
                                 "and no ANTHROPIC_API_KEY to generate it*"])


def test_exhausted_attempts_fail_the_test_with_the_last_error(pytester, fake_anthropic: FakeAnthropic,
                                                               folder: Path):
    fake_anthropic.add(*[answer(NO_FUNCTION)] * 3)
    result = run(pytester, folder, "-k", ONE_CASE, "--max-attempts", "3", "--reset-after", "2")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*s000 attempt 3/3: import error*",
                                 "*no runnable kernel after 3 attempt(s) (attempts exhausted); last error: "
                                 "import error: the module defines no top-level function s000_triton()*"])
    assert len(fake_anthropic.requests[2].turns) == 1  # attempt 3 began a fresh conversation


def test_generation_is_not_counted_against_the_test_timeout(pytester, fake_anthropic: FakeAnthropic,
                                                            folder: Path):
    fake_anthropic.add(answer(reference_kernel("s000"), delay=2.5))
    result = run(pytester, folder, "-k", ONE_CASE, "--timeout", "2")
    result.assert_outcomes(passed=1)
    assert "Timeout" not in result.stdout.str()


def test_a_model_set_refuses_another_model(pytester, folder: Path):
    (folder / "kernelset.json").write_text(json.dumps({"name": folder.name, "model": "claude-opus-4-5",
                                                       "provider": "anthropic"}))
    result = run(pytester, folder, "--model", "claude-haiku-4-5")
    result.stderr.fnmatch_lines(["*holds kernels by claude-opus-4-5; generating with claude-haiku-4-5 would mix*"])
    assert result.ret == pytest.ExitCode.USAGE_ERROR


@pytest.mark.timeout(240)  # three fresh interpreters (controller, two workers), each importing torch
def test_two_xdist_workers_generate_a_loop_once(pytester, fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(answer(NO_FUNCTION, delay=1.0))  # slow enough for the other worker to wait on the lock
    result = run(pytester, folder, "-k", "s000", "-n", "2", "--max-attempts", "1", "-v", subprocess=True)
    result.assert_outcomes(failed=6)
    out = result.stdout.str()
    for worker in ("gw0", "gw1"):  # both workers ran some of the loop's tests, in whatever order
        assert re.search(rf"\[{worker}\].* FAILED ", out), f"{worker} reported no failure"
    assert len(fake_anthropic.requests) == 1 and not fake_anthropic.invalid
    assert result.stdout.str().count("no runnable kernel after 1 attempt(s)") >= 6


def test_an_unreachable_api_is_said_once_and_leaves_no_set_folder(pytester, monkeypatch, tmp_path: Path):
    import dataclasses

    from generation import options
    from tsvc import kernelsets

    monkeypatch.setattr(kernelsets, "GENERATED_DIR", tmp_path / "generated")
    (tmp_path / "generated").mkdir()
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "http://127.0.0.1:1")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test")
    real = options.settings_for  # no SDK retries: a refused connection stays refused
    monkeypatch.setattr(options, "settings_for", lambda ks, o: dataclasses.replace(real(ks, o), max_retries=0))
    result = pytester.runpytest_inprocess(CORRECTNESS, "--kernels", "claude-sonnet-4-5", "-p", "no:cacheprovider",
                                          "-k", "s000-97x17-seed0 or s111-97x17-seed0")
    result.assert_outcomes(failed=2)
    out = result.stdout.str()
    assert out.count("[generation] s000: generation stopped: cannot reach the Anthropic API at "
                     "http://127.0.0.1:1") == 1
    assert "s111: generating" not in out  # no request for a later loop
    assert "Traceback" not in out and "DeprecationWarning" not in out
    assert not (tmp_path / "generated" / "claude-sonnet-4-5").exists()


def test_each_sample_is_a_test_of_its_own(pytester, fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(answer(reference_kernel("s000")), answer(NO_FUNCTION))
    result = run(pytester, folder, "-k", ONE_CASE, "--samples", "2", "--max-attempts", "1", "--temperature", "0.7",
                 "-v")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*claude-sonnet-4-5 via anthropic, analysis on, 2 samples per loop, "
                                 "temperature 0.7*",
                                 f"*test_kernel_matches_c_loop[[]{ONE_CASE}-sample1[]] PASSED*",
                                 f"*test_kernel_matches_c_loop[[]{ONE_CASE}-sample2[]] FAILED*",
                                 "*s000-sample2: no runnable kernel after 1 attempt(s)*"])
    assert json.loads((folder / "samples" / "2" / "s000.json").read_text())["sample"] == 2
    assert [r.body["temperature"] for r in fake_anthropic.requests] == [0.7, 0.7]
    again = run(pytester, folder, "-k", f"{ONE_CASE} and sample1", "--samples", "2", "--temperature", "0.7", "-v")
    again.assert_outcomes(passed=1)  # -k picks a sample; the cache answers it
    assert len(fake_anthropic.requests) == 2 and not fake_anthropic.invalid


def test_without_samples_the_ids_are_unchanged(pytester, folder: Path):
    result = run(pytester, folder, "-k", ONE_CASE, "--collect-only", "-q")
    result.stdout.fnmatch_lines([f"*test_kernel_matches_c_loop[[]{ONE_CASE}[]]"])
    assert "sample" not in result.stdout.str()


@pytest.mark.parametrize("args,message", [
    (("--kernels", "reference", "--samples", "2"), "*kernel set 'reference' is not written by a model; --regenerate, "
                                                   "--model, --samples, --optimize-rounds apply to model sets only*"),
    (("--temperature", "1.5"), "*--temperature 1.5 is out of the Anthropic API's range, 0 to 1*"),
    (("--samples", "0"), "*--samples: must be at least 1, not 0*"),
], ids=["samples-on-a-hand-written-set", "temperature-out-of-range", "no-samples"])
def test_research_options_refuse_what_cannot_be(pytester, folder: Path, args: tuple[str, ...], message: str):
    result = pytester.runpytest_inprocess(CORRECTNESS, "--kernels", str(folder), "-p", "no:cacheprovider", *args)
    result.stderr.fnmatch_lines([message])
    assert result.ret == pytest.ExitCode.USAGE_ERROR


@pytest.mark.skipif(backend.select().can_time, reason="the refusal is for machines without a GPU")
def test_without_a_gpu_optimize_rounds_is_refused_in_one_line(pytester, folder: Path):
    result = run(pytester, folder, "--optimize-rounds", "2")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    errors = [line for line in result.stderr.lines if line.strip()]
    assert errors == ["ERROR: --optimize-rounds needs a CUDA GPU to time kernels; this run's backend: "
                      f"{backend.select().description}"]


@pytest.mark.timeout(240)  # three fresh interpreters (controller, two workers), each importing torch
def test_two_xdist_workers_generate_each_sample_once(pytester, fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(*[answer(NO_FUNCTION, delay=1.0)] * 2)  # slow enough for the other worker to wait on a lock
    result = run(pytester, folder, "-k", "s000", "--samples", "2", "-n", "2", "--max-attempts", "1",
                 subprocess=True)
    result.assert_outcomes(failed=12)  # six size-seed cases, two samples
    assert len(fake_anthropic.requests) == 2 and not fake_anthropic.invalid
    assert (folder / "s000.json").is_file() and (folder / "samples" / "2" / "s000.json").is_file()
    out = result.stdout.str()
    assert out.count("s000: no runnable kernel") >= 6 and out.count("s000-sample2: no runnable kernel") >= 6
