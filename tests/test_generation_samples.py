"""--samples K: independent generation chains per loop, each cached on its own, and the pass@k they give.

Driven through the real `anthropic` SDK against the loopback Messages API;
samples are generated in order (1, 2, ...), so each takes its scripted replies.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from generation.client import AnthropicProvider, ProviderSettings
from generation.cost import Budget
from generation.retry import RetryPolicy, check_module
from generation.samples import loop_samples, sample_from_nodeid
from generation.session import GenerationConfig, SetGenerator
from generation.store import Store
from reporting.passk import pass_at_k, pass_at_ks
from tests.fake_anthropic import FakeAnthropic, answer, fake_anthropic  # noqa: F401
from tests.test_generation_loop import GOOD, NO_FUNCTION, WRONG, make_generator
from tsvc import backend
from tsvc.record import catalog

pytestmark = pytest.mark.filterwarnings("ignore:The model:DeprecationWarning")

S000 = catalog.get("s000")


def sampling_generator(folder: Path, samples: int, *, attempts: int = 2, temperature: float | None = 0.8,
                       run_id: str = "run-1") -> tuple[SetGenerator, list[str]]:
    lines: list[str] = []
    device = backend.select().device
    gen = SetGenerator(
        Store(folder, folder.name),
        AnthropicProvider(ProviderSettings(max_retries=2, temperature=temperature)),
        Budget(100.0, run_id, shared=False),
        GenerationConfig(RetryPolicy(attempts, 5, 600.0), analysis=False, run_id=run_id, samples=samples),
        lambda loop, path: check_module(loop, path, device),
        lines.append,
    )
    return gen, lines


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "claude-sonnet-4-5"


def test_scripted_samples_give_the_expected_pass_at_k(fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(answer(GOOD),                                   # sample 1: passes at attempt 1
                       answer(NO_FUNCTION), answer(NO_FUNCTION + "#"),  # sample 2: fails twice
                       answer(WRONG), answer(GOOD),                     # sample 3: passes at attempt 2
                       answer(NO_FUNCTION), answer(NO_FUNCTION + "#"))  # sample 4: fails twice
    gen, lines = sampling_generator(folder, 4)
    verdicts = [gen.ensure(S000, k).entry.passed for k in (1, 2, 3, 4)]
    assert verdicts == [True, False, True, False]
    summary = loop_samples(folder, "s000")
    assert (summary.n, summary.c, summary.first_try) == (4, 2, 1)
    assert pass_at_ks([(summary.n, summary.c)]) == pytest.approx({1: 0.5, 2: 5 / 6, 3: 1.0, 4: 1.0})
    assert summary.cost_usd == pytest.approx(7 * (1000 * 3 + 500 * 15) / 1e6)
    assert [s.attempts for s in summary.samples] == [1, 2, 2, 2]
    assert "s000-sample3 attempt 2/2: passed" in lines and "s000 attempt 1/2: passed" in lines
    assert any(line.startswith("s000-sample2: generating with claude-sonnet-4-5") for line in lines)
    assert any(line.startswith("s000-sample2: not passed (attempts exhausted)") for line in lines)


def test_each_sample_is_a_chain_of_its_own(fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(answer(WRONG), answer(GOOD), answer(GOOD))
    gen, _ = sampling_generator(folder, 2)
    gen.ensure(S000, 1)
    gen.ensure(S000, 2)
    first_of_sample_2 = fake_anthropic.requests[2]
    assert len(first_of_sample_2.turns) == 1  # the prompt alone: nothing of sample 1's conversation
    assert first_of_sample_2.body["messages"] == fake_anthropic.requests[0].body["messages"]
    assert all(r.body["temperature"] == 0.8 for r in fake_anthropic.requests)
    assert (folder / "s000.py").is_file() and (folder / "samples" / "2" / "s000.py").is_file()
    second = json.loads((folder / "samples" / "2" / "s000.json").read_text())
    assert second["sample"] == 2 and second["provenance"]["temperature"] == 0.8
    assert second["attempts"][0]["code_file"] == "attempts/s000/01.py"  # relative to its own sample folder
    assert (folder / "samples" / "2" / "attempts" / "s000" / "01.py").is_file()


def test_a_one_sample_set_is_sample_1_of_a_larger_run(fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(answer(GOOD))
    gen, _ = make_generator(folder)  # the single-sample layout, as every existing set has it
    assert gen.ensure(S000).entry.passed and not (folder / "samples").exists()
    fake_anthropic.add(answer(NO_FUNCTION), answer(NO_FUNCTION + "#"))
    more, _ = sampling_generator(folder, 2, temperature=None, run_id="run-2")
    assert not more.ensure(S000, 1).generated
    assert more.ensure(S000, 2).generated
    assert len(fake_anthropic.requests) == 3  # one for sample 1, long ago; two for sample 2's attempts
    assert (loop_samples(folder, "s000").n, loop_samples(folder, "s000").c) == (2, 1)


def test_another_temperature_regenerates_a_sample(fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(answer(NO_FUNCTION), answer(NO_FUNCTION))
    gen, _ = sampling_generator(folder, 1, attempts=1, temperature=None)
    gen.ensure(S000)
    hotter, lines = sampling_generator(folder, 1, attempts=1, temperature=1.0, run_id="run-2")
    assert hotter.ensure(S000).generated and len(fake_anthropic.requests) == 2
    assert "sampled at temperature None" in lines[0]


def test_an_uncounted_sample_is_no_failed_sample(fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(answer(NO_FUNCTION))
    gen, _ = sampling_generator(folder, 3, attempts=1)
    gen.ensure(S000, 1)  # samples 2 and 3 never made (a budget reached, say)
    summary = loop_samples(folder, "s000", samples=3)
    assert (summary.n, summary.c) == (1, 0)
    (folder / "s000.json").write_text("{")  # a broken record is reported, not counted
    broken = loop_samples(folder, "s000", samples=3)
    assert (broken.n, broken.corrupt) == (0, (1,))


def test_tidy_removes_sample_folders_that_hold_nothing(fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(answer(NO_FUNCTION))
    gen, _ = sampling_generator(folder, 3, attempts=1)
    gen.ensure(S000, 2)
    gen.store_for(3).staging("s000")  # sample 3 began, and the run ended
    gen.tidy()
    assert (folder / "samples" / "2" / "s000.json").is_file()
    assert not (folder / "samples" / "3").exists()


@pytest.mark.parametrize("nodeid,sample", [
    ("tests/test_correctness.py::test_kernel_matches_c_loop[s000-97x17-seed0-sample2]", 2),
    ("tests/test_correctness.py::test_kernel_matches_c_loop[s000-97x17-seed0-sample12]", 12),
    ("tests/test_correctness.py::test_kernel_matches_c_loop[s000-97x17-seed0]", 1),
    ("tests/test_benchmark.py::test_triton_kernel_speed[s000-sample3]", 3),
], ids=["sample2", "sample12", "no-samples", "speed-test"])
def test_a_tests_sample_is_read_from_its_id(nodeid: str, sample: int):
    assert sample_from_nodeid(nodeid) == sample


def test_pass_at_k_of_a_loop_is_what_the_samples_say():
    assert pass_at_k(4, 2, 2) == pytest.approx(5 / 6)  # not c/n = 0.5: two draws, either may pass


def test_the_loopback_api_refuses_a_temperature_the_api_would(fake_anthropic: FakeAnthropic):
    from generation.client import ProviderError, Turn

    provider = AnthropicProvider(ProviderSettings(max_retries=0, temperature=1.5))
    with pytest.raises(ProviderError, match="HTTP 400 .*temperature: a number from 0 to 1 is required"):
        provider.complete("system", [Turn("user", "hi")], timeout=10)


def test_tsvc_generate_makes_every_sample(fake_anthropic: FakeAnthropic, folder: Path,
                                          capsys: pytest.CaptureFixture[str]):
    import generation.cli  # noqa: F401 (registers the subcommands)
    from tsvc.cli import main

    fake_anthropic.add(answer(NO_FUNCTION), answer(GOOD))
    folder.mkdir()
    assert main(["generate", "s000", "--kernels", str(folder), "--no-analysis", "--samples", "2",
                 "--max-attempts", "1", "--temperature", "0.5"]) == 0  # the loop has a passing sample
    out = capsys.readouterr()
    assert "s000 attempt 1/1: import error" in out.err and "s000-sample2 attempt 1/1: passed" in out.err
    lines = out.out.splitlines()
    assert lines[0].startswith("s000: s000 by claude-sonnet-4-5 (generated in this run): 1 attempt(s), did not pass")
    assert lines[1].startswith("s000-sample2: s000-sample2 by claude-sonnet-4-5")
    assert lines[-1].startswith("1 of 2 samples pass; 1 of 1 loops have at least one passing sample")
    assert [r.body["temperature"] for r in fake_anthropic.requests] == [0.5, 0.5]
