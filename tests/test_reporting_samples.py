"""The report of a --samples / --optimize-rounds run, on synthetic cache entries with exact figures.

Entries are written as the generation stage writes them (Entry.to_json, so
their totals are computed by the store, rounds included); the kernel is left
out (kernel_file None), which the store reads as a valid entry.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from generation.store import AttemptRecord, Entry, RoundRecord
from reporting import collect, render, sampling
from reporting import results as R
from tests.reports import WRONG, record, report
from tsvc.judge.findings import TestKind
from tsvc.kernelsets import KernelSet


def attempt(number: int, passed: bool, cost: float) -> AttemptRecord:
    return AttemptRecord(number, 1, f"attempts/x/{number:02d}.answer.md", None, None if passed else "wrong result",
                         "passed" if passed else "array a: bad", 1000, 500, cost, 1.0, 1.0, "end_turn")


def round_(number: int, seconds: float | None, cost: float) -> RoundRecord:
    return RoundRecord(number, f"attempts/x/round{number:02d}.answer.md", None,
                       None if seconds else "wrong result", "passed" if seconds else "array a: bad", seconds,
                       bool(seconds), 2000, 800, cost, 1.0, 1.0, "end_turn")


def entry(loop: str, sample: int, outcomes: list[bool], costs: list[float], rounds: tuple[RoundRecord, ...] = (),
          speedup: float | None = None) -> Entry:
    attempts = tuple(attempt(i + 1, ok, c) for i, (ok, c) in enumerate(zip(outcomes, costs)))
    passed = outcomes[-1]
    performance = {"c_seconds": 1e-3, "best_seconds": 1e-3 / speedup, "speedup": speedup} if speedup else None
    return Entry(loop, "sampled", {"model": "claude-sonnet-4-5", "provider": "anthropic"}, "a" * 64, "on", 10, 5,
                 passed, "passed" if passed else "attempts exhausted", None, None, None, "2026-01-01T00:00:00+00:00",
                 "2026-01-01T00:01:00+00:00", "run-1", attempts, sample=sample, optimize_rounds=len(rounds),
                 rounds=rounds, performance=performance, kernel_round=None)


def write(folder: Path, e: Entry) -> None:
    where = folder if e.sample == 1 else folder / "samples" / str(e.sample)
    where.mkdir(parents=True, exist_ok=True)
    (where / f"{e.loop}.json").write_text(e.to_json())


def test_the_generation_record_counts_the_rounds_cost_and_carries_their_figures(tmp_path: Path):
    rounds = (round_(1, 4e-4, 0.02), round_(2, None, 0.03), round_(3, 2.5e-4, 0.04))
    write(tmp_path, entry("s000", 1, [False, True], [0.01, 0.01], rounds, speedup=4.0))
    record = R.generation_record(KernelSet("sampled", tmp_path), "s000")
    assert record["cost_usd"] == pytest.approx(0.11)  # two attempts, three rounds
    assert record["rounds_cost_usd"] == pytest.approx(0.09)
    assert (record["input_tokens"], record["output_tokens"]) == (2 * 1000 + 3 * 2000, 2 * 500 + 3 * 800)
    assert (record["rounds"], record["optimize_rounds"], record["attempts"]) == (3, 3, 2)
    assert record["performance"]["speedup"] == 4.0 and record["performance"]["best_seconds"] == 2.5e-4
    assert "samples" not in record


def test_a_generation_record_without_rounds_is_what_it_was(tmp_path: Path):
    write(tmp_path, entry("s000", 1, [True], [0.0105]))
    record = R.generation_record(KernelSet("sampled", tmp_path), "s000")
    assert (record["cost_usd"], record["rounds"], record["rounds_cost_usd"], record["performance"]) == \
        (0.0105, 0, 0.0, None)
    assert (record["input_tokens"], record["output_tokens"], record["first_try"]) == (1000, 500, True)


SAMPLES = {  # loop -> per sample: (attempt outcomes, attempt costs, rounds, speedup the rounds reached)
    "s000": [([True], [0.01], (round_(1, 5e-4, 0.02),), 2.0),
             ([False, False], [0.01, 0.01], (), None),
             ([False, True], [0.01, 0.01], (round_(1, 5e-4, 0.02), round_(2, 2.5e-4, 0.03)), 4.0)],
    "s111": [([False, False], [0.01, 0.01], (), None),
             ([False, False], [0.01, 0.01], (), None),
             ([True], [0.01], (round_(1, 1.25e-4, 0.0),), 8.0)],
}
MACHINE = {"backend": "CUDA", "device": "cuda", "timings": False, "gpu": "NVIDIA H200", "cpu": "x86",
           "cpu_count": 16, "torch": "2.13", "triton": "3.9", "python": "3.12", "calibration": None}
RUN = R.RunInfo(started="2026-11-30T06:00:00+00:00", finished="2026-11-30T06:10:00+00:00", scale=1)


def sampled_set(folder: Path) -> KernelSet:
    for loop, samples in SAMPLES.items():
        for k, (outcomes, costs, rounds, speedup) in enumerate(samples, start=1):
            write(folder, entry(loop, k, outcomes, costs, rounds, speedup))
    return KernelSet("sampled", folder)


def results_of(kernel_set: KernelSet, samples: int) -> dict:
    """results.json of a correctness run with --samples `samples` (ids end in -sample<k> only when it is > 1)."""
    log = collect.TestLog()
    for loop, chains in SAMPLES.items():
        for k, (outcomes, *_) in enumerate(chains[:samples], start=1):
            nodeid = f"tests/test_correctness.py::test_kernel_matches_c_loop[{loop}-97x17-seed0" + \
                     (f"-sample{k}]" if samples > 1 else "]")
            passed = outcomes[-1]
            log.add(report(nodeid, "passed" if passed else "failed", None if passed else "wrong result: array a: bad"),
                    record(TestKind.CORRECTNESS, loop, None if passed else WRONG, sample=k))
    return R.build(kernel_set, collect.loop_results(log), MACHINE, RUN)


def section(text: str) -> str:
    start = text.index("## Samples")
    return text[start:text.index("\n## ", start + 1) + 1]


def test_the_samples_section_gives_pass_at_k_first_try_spread_and_cost(tmp_path: Path):
    data = results_of(sampled_set(tmp_path / "set"), 3)
    assert [s.status for s in data.loops["s000"].samples] == ["passed", "failed", "passed"]
    assert (data.loops["s000"].status, data.loops["s111"].status) == ("passed", "failed")  # sample 1's
    assert data.loops["s000"].generation["samples"]["n"] == 3
    text = section(render.report(data, tmp_path / "report", draw=False).read_text())
    for row in ("| loops sampled | 2 |", "| samples per loop | 3 |", "| passing samples | 3/6 (50.0%) |",
                "| loops with a passing sample | 2/2 (100.0%) |",
                "| pass@1 | 50.0% |",  # mean of 2/3 and 1/3
                "| pass@2 | 83.3% |",  # mean of 1 and 1 - C(2,2)/C(3,2) = 2/3
                "| pass@3 | 100.0% |",
                "| first-try rate (samples) | 2/6 (33.3%) |",
                "| total cost, every sample (attempts and rounds) | $0.17 |",
                "| cost per passing loop | $0.0850 |",  # 0.12 + 0.05 over two loops
                "| 1 | 1 | 1 | 1/2 (50.0%) |", "| 2 | 0 | 2 | 0/2 (0.0%) |", "| 3 | 2 | 0 | 2/2 (100.0%) |",
                "| s000 | 2 | 2x | 3x | 4x |", "| s111 | 1 | 8x | 8x | 8x |"):
        assert row in text, row
    assert "pass@4" not in text and "different numbers of samples" not in text


def test_uneven_samples_give_pass_at_k_up_to_the_fewest(tmp_path: Path):
    kernel_set = sampled_set(tmp_path / "set")
    (kernel_set.path / "samples" / "3" / "s111.json").unlink()  # never made: not a failed sample
    text = section(render.report(results_of(kernel_set, 3), tmp_path / "report", draw=False).read_text())
    assert "| samples per loop | 2 to 3 |" in text and "| pass@2 | 50.0% |" in text  # mean of 1 and 0
    assert "| pass@1 | 33.3% |" in text and "pass@3" not in text and "different numbers of samples" in text
    assert "| cost per passing loop | $0.1600 |" in text  # 0.12 + 0.04, one loop passed


def test_a_one_sample_report_is_the_sampled_report_without_its_samples_section(tmp_path: Path):
    kernel_set = sampled_set(tmp_path / "set")
    one = results_of(kernel_set, 1)
    assert not any(r.samples is not None or "samples" in r.generation for r in one.loops.values())
    single = render.report(one, tmp_path / "one", draw=False).read_text()
    sampled = render.report(results_of(kernel_set, 3), tmp_path / "three", draw=False).read_text()
    assert "## Samples" not in single and "pass@" not in single and "## Samples" in sampled
    assert sampled.replace(section(sampled), "").replace(sampling.EXPLAINED, "") == single
    assert "| pass rate | 1/2 (50.0%) |" in single and "| total cost | $0.05 " in single  # sample 1: 0.03 + 0.02


def test_an_unreadable_sample_is_named_and_not_counted(tmp_path: Path):
    kernel_set = sampled_set(tmp_path / "set")
    (kernel_set.path / "samples" / "2" / "s000.json").write_text("{not json")
    text = section(render.report(results_of(kernel_set, 3), tmp_path / "report", draw=False).read_text())
    assert "Not counted, their entries are unreadable: s000 (sample 2)." in text
    assert "| passing samples | 3/5 (60.0%) |" in text and "| samples per loop | 2 to 3 |" in text


def test_no_samples_section_when_the_cache_holds_one_sample_per_loop(tmp_path: Path):
    kernel_set = sampled_set(tmp_path / "set")
    for extra in (kernel_set.path / "samples").glob("*/*.json"):
        extra.unlink()  # samples 2 and 3 were never made (budget spent): one sample per loop
    data = results_of(kernel_set, 3)
    assert data.loops["s000"].generation["samples"]["n"] == 1
    assert "## Samples" not in render.report(data, tmp_path / "report", draw=False).read_text()
