"""The cache of generated kernels: generated/<set>/, one entry per loop (and per sample).

The folder's layout is tsvc.kernelsets.KernelSet's, which the store asks for every path.
An entry is `<loop>.py` (the kernel that passed, or the last attempt that could
be run; after optimisation rounds, the fastest that passed), `<loop>.json` (the
record below) and `attempts/<loop>/` (every answer and every attempted module,
rounds included, kept for study). Sample 1 of a loop is the set folder's own
entry, so a set made with one sample per loop is a set made with several, cut
short; sample k > 1 lives in `samples/<k>/`, a folder of the same layout. An entry is built in a private
staging folder and committed by renames, the record last: the record holds the
kernel's sha256, so an entry cut short by a killed run reads as corrupt, never
as a result. A per-loop file lock makes each loop generated once across workers.
"""
from __future__ import annotations

import enum
import hashlib
import json
import os
import shutil
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from tsvc.kernelsets import KernelSet, Private

from generation.feedback import FailureKind, summary_line
from generation.prompt import AnalysisState

SCHEMA = 1


class CorruptEntryError(ValueError):
    """A cache entry cannot be read, or does not match its kernel file."""


class AttemptsStop(enum.StrEnum):
    """Why the attempt loop of an entry ended (its record's `stopped`)."""

    PASSED = "passed"
    ATTEMPTS_EXHAUSTED = "attempts exhausted"
    GENERATION_TIMEOUT = "generation timeout"


def _coerce(record: object, **kinds: type[enum.StrEnum]) -> None:
    """Turns the named fields of a frozen record, read from JSON as strings, into their StrEnums."""
    for name, kind in kinds.items():
        value = getattr(record, name)
        if value is not None:
            object.__setattr__(record, name, kind(value))


@dataclass(frozen=True)
class AttemptRecord:
    number: int
    line: int  # the conversation it belongs to: 1, then 2 after the first reset, ...
    answer_file: str  # relative to the set folder
    code_file: str | None  # None when the answer held no code block
    error_class: FailureKind | None  # None when the attempt passed
    message: str
    input_tokens: int
    output_tokens: int
    cost_usd: float
    request_seconds: float
    check_seconds: float
    stop_reason: str
    model: str = ""  # the model id the API answered with (dated, e.g. claude-sonnet-4-5-20250929)
    request_id: str | None = None  # the provider's id of the request, for support and audit
    same_as: int | None = None  # the earlier attempt whose module this answer repeated (not run again)

    def __post_init__(self) -> None:
        _coerce(self, error_class=FailureKind)

    @property
    def passed(self) -> bool:
        return self.error_class is None


@dataclass(frozen=True)
class RoundRecord:
    """One performance-feedback round: a request for a faster kernel, its check and its timing."""

    number: int  # from 1; round 0 is the kernel the attempts produced
    answer_file: str
    code_file: str | None
    error_class: FailureKind | None  # None when the round's kernel passed the checker
    message: str  # "passed", or the failure in the feedback's words
    device_seconds: float | None  # median device time of the round's kernel; None when it failed
    kept: bool  # whether it was the fastest correct kernel so far when it was timed
    input_tokens: int
    output_tokens: int
    cost_usd: float
    request_seconds: float
    check_seconds: float  # checking and timing
    stop_reason: str
    model: str = ""
    request_id: str | None = None

    def __post_init__(self) -> None:
        _coerce(self, error_class=FailureKind)

    @property
    def passed(self) -> bool:
        return self.error_class is None


@dataclass(frozen=True)
class Entry:
    loop: str
    kernel_set: str
    provenance: dict  # provider, model, max_tokens, temperature, retries, timeout, sdk version
    prompt_sha256: str
    analysis: AnalysisState
    max_attempts: int
    reset_after: int
    passed: bool
    stopped: AttemptsStop
    kernel_file: str | None  # "<loop>.py"; None when no attempt could be run
    kernel_sha256: str | None
    kernel_attempt: int | None  # the attempt whose module <loop>.py is, byte for byte
    started: str  # ISO 8601, UTC
    finished: str
    run_id: str
    attempts: tuple[AttemptRecord, ...]
    schema: int = SCHEMA
    totals: dict = field(default_factory=dict)
    sample: int = 1  # which of the loop's independent generation chains this is (--samples)
    optimize_rounds: int = 0  # performance-feedback rounds asked for (--optimize-rounds)
    rounds: tuple[RoundRecord, ...] = ()
    performance: dict | None = None  # the timed figures of the rounds (see generation/optimize.py)
    kernel_round: int | None = None  # the round whose module <loop>.py is (0: attempt kernel_attempt's)

    def __post_init__(self) -> None:
        _coerce(self, analysis=AnalysisState, stopped=AttemptsStop)

    @property
    def first_try(self) -> bool:
        return self.passed and len(self.attempts) == 1

    @property
    def last_error(self) -> str:
        """The last failure, in one line."""
        failed = [a for a in self.attempts if not a.passed]
        if not failed:
            return ""
        error_class = failed[-1].error_class
        assert error_class is not None  # a failed attempt has one
        return summary_line(error_class, failed[-1].message)

    def to_json(self) -> str:
        data = asdict(self)
        data["first_try"] = self.first_try
        # every request of the entry, attempts and rounds alike
        spent: tuple[AttemptRecord | RoundRecord, ...] = (*self.attempts, *self.rounds)
        data["totals"] = {
            "attempts": len(self.attempts),
            "rounds": len(self.rounds),
            "input_tokens": sum(a.input_tokens for a in spent),
            "output_tokens": sum(a.output_tokens for a in spent),
            "cost_usd": round(sum(a.cost_usd for a in spent), 6),
            "request_seconds": round(sum(a.request_seconds for a in spent), 3),
            "check_seconds": round(sum(a.check_seconds for a in spent), 3),
        }
        return json.dumps(data, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "Entry":
        data = json.loads(text)
        if data.get("schema") != SCHEMA:
            raise CorruptEntryError(f"schema {data.get('schema')!r}, expected {SCHEMA}")
        data.pop("first_try", None)
        data["attempts"] = tuple(AttemptRecord(**a) for a in data["attempts"])
        data["rounds"] = tuple(RoundRecord(**r) for r in data.get("rounds", ()))
        return cls(**data)


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Staging:
    """A private folder where one loop's entry is built; it mirrors the set folder's layout."""

    def __init__(self, root: Path, loop: str):
        self.loop = loop
        self.root = root
        self.layout = KernelSet(root.name, root)
        self.attempts = self.layout.attempts_path(loop)
        self.attempts.mkdir(parents=True)

    def attempt_path(self, number: int, suffix: str) -> Path:
        return self.attempts / f"{number:02d}{suffix}"

    def round_path(self, number: int, suffix: str) -> Path:
        return self.attempts / f"round{number:02d}{suffix}"

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


class Store:
    """One kernel set's folder."""

    def __init__(self, folder: Path, name: str):
        self.folder = folder
        self.name = name
        self.layout = KernelSet(name, folder)
        self._existed = folder.exists()  # a folder this run made, and left empty, is removed by tidy()

    def for_sample(self, sample: int) -> "Store":
        """The store of the loops' sample `sample` (from 1): this folder for 1, else samples/<k>/."""
        layout = self.layout.sample(sample)
        return self if layout is self.layout else Store(layout.path, self.name)

    def _prepare(self) -> None:
        for hidden in Private:
            self.layout.private(hidden).mkdir(parents=True, exist_ok=True)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("".join(f"{h}/\n" for h in Private))

    def lock(self, loop: str, timeout: float = -1) -> FileLock:
        """The lock a worker holds while it generates `loop` (released if the process dies)."""
        self._prepare()
        return FileLock(str(self.layout.private(Private.LOCKS) / f"{loop}.lock"), timeout=timeout)

    def read(self, loop: str) -> Entry | None:
        """The committed entry, None when there is none; CorruptEntryError when it is broken."""
        record = self.layout.record_path(loop)
        kernel = self.layout.kernel_path(loop)
        if not record.exists():
            if kernel.exists():
                raise CorruptEntryError(f"{kernel.name} has no record {record.name}")
            return None
        try:
            entry = Entry.from_json(record.read_text())
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise CorruptEntryError(f"{record.name} is unreadable: {exc}") from exc
        if entry.loop != loop:
            raise CorruptEntryError(f"{record.name} records loop {entry.loop!r}")
        if entry.kernel_file is None:
            if kernel.exists():
                raise CorruptEntryError(f"{kernel.name} is not the kernel {record.name} records")
        elif not kernel.exists() or sha256_file(kernel) != entry.kernel_sha256:
            raise CorruptEntryError(f"{kernel.name} is missing or does not match its record")
        return entry

    def staging(self, loop: str) -> Staging:
        """A fresh staging folder; call with the loop's lock held (it clears earlier leftovers)."""
        self._prepare()
        staging = self.layout.private(Private.STAGING)
        for old in staging.glob(f"{loop}-*"):
            shutil.rmtree(old, ignore_errors=True)
        return Staging(staging / f"{loop}-{os.getpid()}-{uuid.uuid4().hex[:8]}", loop)

    def sweep(self) -> None:
        """Removes what interrupted runs left: staging folders of loops nobody is generating, and trash.

        A loop's staging folders are removed only while its lock can be taken
        at once, so a generation in progress (in any process) keeps its own.
        """
        staging = self.layout.private(Private.STAGING)
        if not staging.is_dir():
            return
        for loop in sorted({p.name.split("-", 1)[0] for p in staging.iterdir()}):
            try:
                with self.lock(loop, timeout=0):
                    for old in staging.glob(f"{loop}-*"):
                        shutil.rmtree(old, ignore_errors=True)
            except Timeout:
                continue  # being generated right now
        for old in self.layout.private(Private.TRASH).glob("*"):
            shutil.rmtree(old, ignore_errors=True)

    def tidy_samples(self) -> None:
        """Removes samples/ when it holds nothing (its sample folders tidied away first)."""
        samples = self.layout.samples_path
        if samples.is_dir() and not any(samples.iterdir()):
            samples.rmdir()

    def tidy(self) -> None:
        """At the end of a run: sweep, and remove the set folder if this run made it and committed nothing.

        Call it once no other process of the run can be generating (the xdist
        controller after its workers, or `tsvc generate` at its end).
        """
        self.sweep()
        if self._existed or not self.folder.is_dir():
            return
        if any(p.name not in (*Private, ".gitignore") for p in self.folder.iterdir()):
            return
        if any(self.layout.private(Private.STAGING).glob("*")):
            return
        shutil.rmtree(self.folder, ignore_errors=True)

    def restage(self, entry: Entry) -> Staging:
        """A staging folder holding a copy of `entry`'s attempts, to extend the entry (more rounds)."""
        staging = self.staging(entry.loop)
        shutil.copytree(self.layout.attempts_path(entry.loop), staging.attempts, dirs_exist_ok=True)
        return staging

    def discard(self, staging: Staging) -> None:
        shutil.rmtree(staging.root, ignore_errors=True)

    def commit(self, staging: Staging, entry: Entry, kernel: Path | None) -> None:
        """Moves the staged entry into place, its record last."""
        loop = staging.loop
        attempts = self.layout.attempts_path(loop)
        attempts.parent.mkdir(exist_ok=True)
        if attempts.exists():
            trash = self.layout.private(Private.TRASH) / f"{loop}-{uuid.uuid4().hex[:8]}"
            os.replace(attempts, trash)
            shutil.rmtree(trash, ignore_errors=True)
        os.replace(staging.attempts, attempts)
        target = self.layout.kernel_path(loop)
        if kernel is not None:
            tmp = staging.layout.kernel_path(loop)
            shutil.copyfile(attempts / kernel.name, tmp)
            os.replace(tmp, target)
        elif target.exists():
            target.unlink()
        record = staging.layout.record_path(loop)
        record.write_text(entry.to_json())
        os.replace(record, self.layout.record_path(loop))
        self.discard(staging)

    def write_metadata(self, metadata: dict) -> None:
        """kernelset.json, written once, when the set's first entry is generated."""
        path = self.layout.metadata_path
        with FileLock(str(self.layout.private(Private.LOCKS) / "kernelset.lock")):
            if path.exists():
                return
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(metadata, indent=2) + "\n")
            os.replace(tmp, path)
