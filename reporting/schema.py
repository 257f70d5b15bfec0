"""results.json: one run of one kernel set, every selected loop once; its records, read and written here only.

The file is `Results.to_json()`; `load` reads it back through `Results.from_json`,
which refuses a file of another schema version in one line. Figures that come
as they were measured (a benchmark's extra_info, a baseline's statistics, the
machine, the generation stage's record of a loop) stay mappings, documented where
they are made: reporting.collect.BENCHMARK_FIELDS and baseline_entry,
results.machine, results.generation_record.

Runs from before the baselines lack `baselines`, `baseline_times`, `speedups`
and the limits; the report then shows what it showed then.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCHEMA = 1  # bump when a field changes meaning or a reader could no longer read an older file
FILENAME = "results.json"
STATUSES = ("passed", "failed", "missing", "not judged")


class ResultsError(ValueError):
    """A results.json that cannot be read, or results that cannot be merged."""


@dataclass
class LoopError:
    """Why a loop failed, or has no kernel: the class is the checker's outcome or a tsvc.judge.findings.ErrorClass."""

    error_class: str  # "class" in the file
    message: str
    test: str  # the node id of the test it comes from

    def to_json(self) -> dict:
        return {"class": self.error_class, "message": self.message, "test": self.test}

    @classmethod
    def from_json(cls, data: dict | None) -> LoopError | None:
        return None if data is None else cls(data["class"], data["message"], data["test"])


@dataclass
class KernelVerdict:
    """The verdict on one kernel (a loop's sample 1, or each sample with --samples K > 1)."""

    status: str  # one of STATUSES
    passed: bool | None  # None: no verdict in this run
    error: LoopError | None
    tests: dict[str, dict[str, int]]  # test kind -> {"passed", "failed", "skipped"}
    benchmark: dict[str, Any] | None  # the Triton benchmark's figures (collect.BENCHMARK_FIELDS)
    speed_problem: str | None  # a benchmark failure other than a wrong kernel


@dataclass
class SampleVerdict(KernelVerdict):
    sample: int = 1

    def to_json(self) -> dict:
        return {"sample": self.sample, **_verdict_json(self)}

    @classmethod
    def from_json(cls, data: dict) -> SampleVerdict:
        return cls(sample=data["sample"], **_verdict_fields(data))


@dataclass
class LoopResult(KernelVerdict):
    """One loop's result: sample 1's verdict, the baselines' figures, the generation record."""

    loop: str = ""
    category: str | None = None
    c_benchmark: dict[str, Any] | None = None  # {"size", "median", "iqr"}
    baselines: dict[str, dict[str, Any]] | None = None  # implementation -> collect.baseline_entry
    generation: dict[str, Any] | None = None  # results.generation_record
    samples: list[SampleVerdict] | None = None  # only with --samples K > 1

    def to_json(self) -> dict:
        out = {"loop": self.loop, "category": self.category, **_verdict_json(self), "c_benchmark": self.c_benchmark,
               "baselines": self.baselines}
        out["speed_problem"] = out.pop("speed_problem")  # the order the file has always had
        if self.samples is not None:
            out["samples"] = [s.to_json() for s in self.samples]
        out["generation"] = self.generation
        return out

    @classmethod
    def from_json(cls, data: dict) -> LoopResult:
        samples = data.get("samples")
        return cls(loop=data["loop"], category=data.get("category"), **_verdict_fields(data),
                   c_benchmark=data.get("c_benchmark"), baselines=data.get("baselines"),
                   generation=data.get("generation"),
                   samples=None if samples is None else [SampleVerdict.from_json(s) for s in samples])


def _verdict_json(v: KernelVerdict) -> dict:
    return {"status": v.status, "passed": v.passed, "error": v.error.to_json() if v.error else None,
            "tests": v.tests, "benchmark": v.benchmark, "speed_problem": v.speed_problem}


def _verdict_fields(data: dict) -> dict:
    if data["status"] not in STATUSES:
        raise KeyError(f"status {data['status']!r}")
    return {"status": data["status"], "passed": data["passed"], "error": LoopError.from_json(data.get("error")),
            "tests": data.get("tests") or {}, "benchmark": data.get("benchmark"),
            "speed_problem": data.get("speed_problem")}


@dataclass
class KernelSetInfo:
    name: str
    path: str
    metadata: dict[str, Any]  # the set's kernelset.json (provenance)


@dataclass
class PromptSettings:
    analysis: bool | str | None  # True, False, "mixed: ...", or None (no generation records)
    prompt_sha256: list[str]
    max_attempts: int | None
    reset_after: int | None


@dataclass
class RunInfo:
    """One pytest run: when, how, and its tests' outcomes."""

    started: str | None = None
    finished: str | None = None
    args: list[str] = field(default_factory=list)
    xdist_workers: int | None = None
    scale: int | None = None
    tests: dict[str, int] = field(default_factory=dict)  # outcome (passed, failed, skipped) -> count


@dataclass
class Session:
    """The set, model and prompt, the machine, and the run (and later runs merged into it)."""

    kernel_set: KernelSetInfo
    model: str | None
    provider: str | None
    prompt: PromptSettings
    machine: dict[str, Any]  # results.machine: backend, device, timings, gpu, ..., calibration
    run: RunInfo
    merged: list[RunInfo] | None = None  # the runs merged in later (--report-append, tsvc report --merge)

    def to_json(self) -> dict:
        out: dict[str, Any] = {"kernel_set": vars(self.kernel_set), "model": self.model, "provider": self.provider,
               "prompt": vars(self.prompt), "machine": self.machine, "run": vars(self.run)}
        if self.merged is not None:
            out["merged"] = [vars(r) for r in self.merged]
        return out

    @classmethod
    def from_json(cls, data: dict) -> Session:
        return cls(KernelSetInfo(**data["kernel_set"]), data.get("model"), data.get("provider"),
                   PromptSettings(**data["prompt"]), data["machine"], RunInfo(**data["run"]),
                   None if data.get("merged") is None else [RunInfo(**r) for r in data["merged"]])


@dataclass
class Results:
    session: Session
    loops: dict[str, LoopResult] = field(default_factory=dict)
    schema: int = SCHEMA

    @property
    def name(self) -> str:
        return self.session.kernel_set.name

    def to_json(self) -> dict:
        return {"schema": self.schema, "session": self.session.to_json(),
                "loops": {name: r.to_json() for name, r in self.loops.items()}}

    @classmethod
    def from_json(cls, data: Any, where: str = "results") -> Results:
        """The records of a parsed results.json; a ResultsError in one line for another schema or a broken file."""
        schema = data.get("schema") if isinstance(data, dict) else None
        if schema != SCHEMA:
            raise ResultsError(f"{where} is a results.json of schema {schema}; this tsvc reads schema {SCHEMA} "
                               "(rebuild it with the tsvc that wrote it, or rerun the tests)")
        try:
            return cls(Session.from_json(data["session"]),
                       {name: LoopResult.from_json(r) for name, r in data["loops"].items()})
        except (KeyError, TypeError, AttributeError) as exc:
            raise ResultsError(f"{where} is not a valid results.json of schema {SCHEMA}: bad or missing "
                               f"{exc}") from None


def write(results: Results, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / FILENAME
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(results.to_json(), indent=2, default=str) + "\n")
    os.replace(tmp, path)
    return path


def load(path: Path) -> Results:
    """results.json from a file or a report folder."""
    path = Path(path)
    if path.is_dir():
        path = path / FILENAME
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise ResultsError(f"cannot read results from {path}: {exc}") from None
    return Results.from_json(data, str(path))
