"""A loop's samples as the cache records them: the figures a pass@k report is made of.

With --samples K each loop has K independent generation chains, sample 1 in
the set folder and sample k in samples/<k>/ (see generation/store.py). A
sample counts once it has a committed entry: a sample that was never made
(budget spent, no key) is not a failed sample, it is not a sample. pass@k
itself is computed by reporting/passk.py from each loop's (n, c).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generation.store import CorruptEntryError, Entry, Store


@dataclass(frozen=True)
class SampleRecord:
    sample: int
    passed: bool
    first_try: bool
    attempts: int
    rounds: int
    cost_usd: float  # attempts and rounds
    device_seconds: float | None  # the kept kernel's, where rounds timed it
    speedup: float | None  # over the C loop, where rounds timed it


@dataclass(frozen=True)
class LoopSamples:
    loop: str
    samples: tuple[SampleRecord, ...]
    corrupt: tuple[int, ...] = ()  # samples whose entry could not be read (not counted)

    @property
    def n(self) -> int:
        return len(self.samples)

    @property
    def c(self) -> int:
        return sum(s.passed for s in self.samples)

    @property
    def first_try(self) -> int:
        return sum(s.first_try for s in self.samples)

    @property
    def cost_usd(self) -> float:
        return round(sum(s.cost_usd for s in self.samples), 6)

    def to_dict(self) -> dict:
        return {"loop": self.loop, "n": self.n, "c": self.c, "first_try": self.first_try, "cost_usd": self.cost_usd,
                "samples": [vars(s) for s in self.samples], "corrupt": list(self.corrupt)}


def sample_record(entry: Entry) -> SampleRecord:
    perf = entry.performance or {}
    return SampleRecord(entry.sample, entry.passed, entry.first_try, len(entry.attempts), len(entry.rounds),
                        float(entry.totals.get("cost_usd", 0.0)), perf.get("best_seconds"), perf.get("speedup"))


def loop_samples(folder: Path, loop: str, samples: int | None = None) -> LoopSamples:
    """The recorded samples of `loop` in the set at `folder`: 1..`samples`, or every one the set holds."""
    store = Store(folder, folder.name)
    numbers = range(1, samples + 1) if samples else store.layout.sample_numbers()
    records, corrupt = [], []
    for k in numbers:
        try:
            entry = store.for_sample(k).read(loop)
        except CorruptEntryError:
            corrupt.append(k)
            continue
        if entry is not None:
            records.append(sample_record(entry))
    return LoopSamples(loop, tuple(records), tuple(corrupt))


_SAMPLE_ID = re.compile(r"-sample(\d+)\]$")


def sample_from_nodeid(nodeid: str) -> int:
    """`...::test_x[s000-97x17-seed0-sample2]` -> 2; a test without --samples is sample 1."""
    match = _SAMPLE_ID.search(nodeid)
    return int(match.group(1)) if match else 1
