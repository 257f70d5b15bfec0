"""--optimize-rounds: performance feedback after a kernel passes, through the loopback Messages API.

Timings are scripted (a `Timing` that reads a `# speed: N us` line the scripted
answers carry), so these run on a CPU; every round's kernel still goes through
the real checker. On a machine without a GPU the option itself is refused.
"""
from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from generation.client import AnthropicProvider, ProviderSettings
from generation.cost import Budget
from generation.optimize import Baseline
from generation.retry import RetryPolicy, check_module
from generation.session import GenerationConfig, SetGenerator
from generation.store import Store
from tests.fake_anthropic import FakeAnthropic, answer, fake_anthropic, reference_kernel  # noqa: F401
from tests.test_generation_loop import GOOD, NO_FUNCTION, WRONG, make_generator
from tests.test_generation_plugin import imported_once  # noqa: F401 (in-process pytest runs below)
from tsvc import backend
from tsvc.record import catalog
from tsvc.sandbox.candidate import CandidateError, Outcome
from tsvc.record.catalog import Loop
from tsvc.record.sizes import Size

pytest_plugins = ["pytester"]  # one test runs the suite in a pytester project

pytestmark = pytest.mark.filterwarnings("ignore:The model:DeprecationWarning")

S000 = catalog.get("s000")
BASELINE = Baseline(Size(1000, 64), c_seconds=100e-6, bytes_moved=8000, copy_bandwidth=1e9, floor_seconds=2e-6,
                    gpu="a scripted GPU")  # limit: 8000 B at 1 GB/s = 8 us


def timed(code: str, microseconds: float, wrong_when_timed: bool = False) -> str:
    return code + f"\n# speed: {microseconds} us{' (wrong when timed)' if wrong_when_timed else ''}\n"


class ScriptedTiming:
    """Times a module by the `# speed:` line it carries; records what it was asked to time."""

    def __init__(self) -> None:
        self.timed: list[str] = []

    def baseline(self, loop: Loop) -> Baseline:
        return BASELINE

    def __call__(self, loop: Loop, path: Path) -> float:
        text = path.read_text()
        self.timed.append(text)
        if "(wrong when timed)" in text:
            raise CandidateError(Outcome.WRONG_RESULT, "while timed (round 7 of 100): array a: 3 of 1000 "
                                 "elements differ; worst at a[5]: expected 1.0, got 0.0")
        return float(re.search(r"# speed: (\S+) us", text).group(1)) * 1e-6


def optimizing_generator(folder: Path, rounds: int, *, max_cost: float = 100.0,
                         run_id: str = "run-1") -> tuple[SetGenerator, ScriptedTiming, list[str]]:
    lines: list[str] = []
    timing = ScriptedTiming()
    device = backend.select().device
    gen = SetGenerator(Store(folder, folder.name), AnthropicProvider(ProviderSettings(max_retries=2)),
                       Budget(max_cost, run_id, shared=False),
                       GenerationConfig(RetryPolicy(2, 5, 600.0), analysis=False, run_id=run_id, optimize_rounds=rounds),
                       lambda loop, path: check_module(loop, path, device), lines.append, timing)
    return gen, timing, lines


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "claude-sonnet-4-5"


def test_the_fastest_correct_kernel_is_kept_and_never_a_failing_one(fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(answer(timed(GOOD, 50)),                      # the attempt: passes, 50 us
                       answer(timed(GOOD, 30), input_tokens=3000),   # round 1: faster: kept
                       answer(timed(GOOD, 40)),                      # round 2: correct, slower
                       answer(timed(WRONG, 1)),                      # round 3: fastest of all, but wrong
                       answer(timed(GOOD, 5, wrong_when_timed=True)))  # round 4: passes, then fails when timed
    gen, timing, lines = optimizing_generator(folder, 4)
    r = gen.ensure(S000)
    assert r.path == folder / "s000.py" and "# speed: 30 us" in r.path.read_text()
    assert r.path.read_bytes() == (folder / "attempts" / "s000" / "round01.py").read_bytes()
    record = json.loads((folder / "s000.json").read_text())
    rounds = record["rounds"]
    assert [x["device_seconds"] for x in rounds] == pytest.approx([30e-6, 40e-6, None, None])
    assert [x["kept"] for x in rounds] == [True, False, False, False]
    assert [x["error_class"] for x in rounds] == [None, None, "wrong result", "wrong result"]
    assert "while timed" in rounds[3]["message"]
    assert rounds[0]["input_tokens"] == 3000 and rounds[0]["cost_usd"] == pytest.approx((3000 * 3 + 500 * 15) / 1e6)
    assert record["kernel_round"] == 1 and record["kernel_attempt"] == 1 and record["optimize_rounds"] == 4
    perf = record["performance"]
    assert perf["start_seconds"] == pytest.approx(50e-6) and perf["best_seconds"] == pytest.approx(30e-6)
    assert perf["speedup"] == pytest.approx(100 / 30) and perf["fraction_of_limit"] == pytest.approx(8 / 30)
    assert perf["limit_seconds"] == pytest.approx(8e-6) and perf["stopped"] == "rounds done"
    assert record["totals"]["rounds"] == 4 and record["totals"]["input_tokens"] == 1000 + 3000 + 3 * 1000
    assert record["passed"] is True
    assert not any("speed: 1 us" in t for t in timing.timed)  # a kernel that fails the checker is never timed
    assert "s000 round 3: wrong result: array a:" in " ".join(lines)


@pytest.mark.parametrize("latency,limit", [(None, 8e-6), (3e-6, 8e-6), (20e-6, 20e-6)],
                         ids=["no-chain", "chain-under-bandwidth", "chain-binds"])
def test_the_rounds_limit_is_the_largest_bound_the_chain_included(latency, limit):
    baseline = dataclasses.replace(BASELINE, latency_seconds=latency)
    assert baseline.limit() == pytest.approx(limit, rel=1e-12)
    assert baseline.fraction(40e-6) == pytest.approx(limit / 40e-6, rel=1e-12)


def test_each_round_shows_the_kept_kernel_and_its_figures(fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(answer(timed(GOOD, 50)), answer(timed(GOOD, 30)), answer(timed(GOOD, 40)),
                       answer(timed(WRONG, 1)), answer(NO_FUNCTION))
    gen, _, _ = optimizing_generator(folder, 4)
    gen.ensure(S000)
    first, second, third, fourth = (fake_anthropic.requests[i].turns for i in (1, 2, 3, 4))
    assert [t["role"] for t in first] == ["user", "assistant", "user"]
    assert "# speed: 50 us" in first[1]["content"] and "# Generated for TSVC loop" not in first[1]["content"]
    ask = first[2]["content"]
    for figure in ("device time 50.0 us", "the C loop", "100.0 us", "2.00x as fast as C", "limit is 8.0 us",
                   "reaches 16% of it", "0.01 MB", "0.2 GB/s achieved (16% of the copy bandwidth)",
                   "LEN_1D=1000, LEN_2D=64", "a scripted GPU"):
        assert figure in ask, figure
    assert "Write a faster version of `s000_triton`" in ask and "previous version" not in ask
    assert "# speed: 30 us" in second[1]["content"] and "device time 30.0 us" in second[2]["content"]
    assert "was correct but not faster: 40.0 us" in third[2]["content"] and "# speed: 30 us" in third[1]["content"]
    assert "failed: wrong result" in fourth[2]["content"] and "# speed: 30 us" in fourth[1]["content"]


def test_when_no_round_wins_the_attempts_kernel_stays(fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(answer(timed(GOOD, 20)), answer(timed(GOOD, 25)), answer(NO_FUNCTION))
    gen, _, _ = optimizing_generator(folder, 2)
    r = gen.ensure(S000)
    assert r.path.read_bytes() == (folder / "attempts" / "s000" / "01.py").read_bytes()
    record = json.loads((folder / "s000.json").read_text())
    assert record["kernel_round"] == 0 and record["performance"]["best_round"] == 0
    assert [x["error_class"] for x in record["rounds"]] == [None, "import error"]


def test_a_failing_loop_gets_no_rounds(fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(answer(NO_FUNCTION), answer(NO_FUNCTION + "#"))
    gen, timing, _ = optimizing_generator(folder, 3)
    r = gen.ensure(S000)
    assert not r.entry.passed and r.entry.rounds == () and timing.timed == []
    assert len(fake_anthropic.requests) == 2


def test_a_cached_kernel_gets_the_rounds_it_lacks_once(fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(answer(timed(GOOD, 50)))
    make_generator(folder)[0].ensure(S000)  # generated without rounds (on a CPU, say)
    fake_anthropic.add(answer(timed(GOOD, 10)))
    gen, _, lines = optimizing_generator(folder, 1, run_id="run-2")
    r = gen.ensure(S000)
    assert r.generated and "# speed: 10 us" in r.path.read_text()
    record = json.loads((folder / "s000.json").read_text())
    assert len(record["attempts"]) == 1 and [x["number"] for x in record["rounds"]] == [1]
    assert (folder / "attempts" / "s000" / "01.answer.md").is_file()  # the attempts' files stay
    again, _, _ = optimizing_generator(folder, 1, run_id="run-3")
    assert not again.ensure(S000).generated and len(fake_anthropic.requests) == 2


def test_the_budget_ends_the_rounds_and_the_passing_kernel_stands(fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(answer(timed(GOOD, 50), input_tokens=100_000))  # $0.3075: past the cap
    gen, _, lines = optimizing_generator(folder, 3, max_cost=0.30)
    r = gen.ensure(S000)
    assert r.entry.passed and r.path is not None and len(fake_anthropic.requests) == 1
    assert r.entry.rounds == () and "budget" in r.entry.performance["stopped"]
    assert gen._wants_rounds(r.entry)  # a later run, with budget left, goes on from this kernel


def test_a_kernel_that_fails_when_timed_gets_no_rounds(fake_anthropic: FakeAnthropic, folder: Path):
    fake_anthropic.add(answer(timed(GOOD, 50, wrong_when_timed=True)))
    gen, _, lines = optimizing_generator(folder, 2)
    r = gen.ensure(S000)
    assert r.entry.passed and r.entry.rounds == () and len(fake_anthropic.requests) == 1
    assert r.entry.performance["start_seconds"] is None
    assert r.entry.performance["stopped"].startswith("not timed: wrong result")
    assert any("could not be timed" in line for line in lines)


def tsvc(*argv: str) -> int:
    import generation.cli  # noqa: F401 (registers the subcommands)
    from tsvc.cli import main

    return main(list(argv))


@pytest.mark.skipif(backend.select().can_time, reason="the refusal is for machines without a GPU")
def test_without_a_gpu_tsvc_generate_refuses_rounds_in_one_line(folder: Path, capsys: pytest.CaptureFixture[str]):
    folder.mkdir()
    assert tsvc("generate", "s000", "--kernels", str(folder), "--optimize-rounds", "2") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["tsvc: error: --optimize-rounds needs a CUDA GPU to time kernels; this run's backend: "
                   f"{backend.select().description}"]


@pytest.mark.skipif(not backend.select().can_time, reason="times kernels on a CUDA GPU")
@pytest.mark.timeout(600)
def test_on_a_gpu_rounds_time_with_the_benchmarks_own_timers(fake_anthropic: FakeAnthropic, folder: Path):
    from generation.optimize import CudaTiming

    good = reference_kernel("s000")
    fake_anthropic.add(answer(good), answer(good.replace("BLOCK_SIZE=1024", "BLOCK_SIZE=256")))
    gen, _, lines = optimizing_generator(folder, 1)
    gen.timing = CudaTiming()
    r = gen.ensure(S000)
    perf = r.entry.performance
    assert r.entry.passed and len(r.entry.rounds) == 1 and r.entry.rounds[0].passed, lines
    assert perf["c_seconds"] > 0 and perf["start_seconds"] > 0 and perf["best_seconds"] > 0
    assert perf["bytes_moved"] == 2 * 4 * max(S000.sizes).len_1d  # s000 reads b and writes a
    assert 0 < perf["fraction_of_limit"] < 1.25 and perf["gpu"]
    assert "device time" in fake_anthropic.requests[1].turns[2]["content"]


def test_rounds_in_a_pytest_run_keep_the_faster_kernel_and_test_it(pytester, fake_anthropic: FakeAnthropic,
                                                                    folder: Path, monkeypatch: pytest.MonkeyPatch):
    from generation import options
    from tests.test_generation_plugin import ONE_CASE, run

    folder.mkdir()
    monkeypatch.setattr(options, "timing_for", lambda opts, scale=1: ScriptedTiming() if opts.optimize_rounds else None)
    fake_anthropic.add(answer(timed(GOOD, 50)), answer(timed(GOOD, 20)))
    result = run(pytester, folder, "-k", ONE_CASE, "--optimize-rounds", "1")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*1 optimisation round(s)*",
                                 "*[[]generation[]] s000 round 1: passed, 20.0 us: faster, kept*"])
    assert "# speed: 20 us" in (folder / "s000.py").read_text()
    assert json.loads((folder / "s000.json").read_text())["kernel_round"] == 1


@pytest.mark.parametrize("workers,gpus,refused", [(2, 1, True), (2, 2, False), (None, 1, False), (4, 8, False)],
                         ids=["two-workers-one-gpu", "a-gpu-each", "no-xdist", "more-gpus-than-workers"])
def test_rounds_under_xdist_need_a_gpu_per_worker(monkeypatch: pytest.MonkeyPatch, workers, gpus: int, refused: bool):
    from generation import plugin
    from generation.options import RunOptions

    monkeypatch.setattr(plugin.gpus, "gpu_count", lambda: gpus)
    config = type("Config", (), {"getoption": lambda self, name, default=None: workers})()
    opts = RunOptions(None, False, False, False, 10, 5, 100.0, 900.0, optimize_rounds=1)
    if refused:
        with pytest.raises(pytest.UsageError, match="each xdist worker needs a GPU of its own: use -n 1 or fewer"):
            plugin._refuse_shared_gpus(config, opts)
    else:
        plugin._refuse_shared_gpus(config, opts)
