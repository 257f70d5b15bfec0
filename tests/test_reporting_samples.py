"""The report of a --samples / --optimize-rounds run, on synthetic cache entries with exact figures.

Entries are written as the generation stage writes them (Entry.to_json, so
their totals are computed by the store, rounds included); the kernel is left
out (kernel_file None), which the store reads as a valid entry.
"""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

from generation.store import AttemptRecord, Entry, RoundRecord
from reporting import render
from reporting import results as R
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
