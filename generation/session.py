"""One run's generator: from a loop to a kernel module, through the cache, generating what is missing.

`SetGenerator.ensure(loop, sample)` looks the loop's sample up in the cache; an
entry is reused when its prompt hash and temperature match (or --reuse-stale),
is regenerated when --regenerate is given (once per run, whatever the worker),
and is generated when missing, stale or corrupt, under the lock of the loop in
that sample's store, so concurrent workers generate each (loop, sample) once.
With --optimize-rounds, a passing kernel then goes through performance rounds
(generation/optimize.py), and a cached passing entry with fewer rounds than
asked gets the rest. The answer is a Resolution: a module to test, or a
one-line reason to skip or fail.
"""
from __future__ import annotations

import enum
import time
import warnings
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from tsvc.record.catalog import Loop
from tsvc.judge.findings import ErrorClass

from generation.client import Provider, ProviderError, ProviderUnreachable
from generation.cost import Budget, BudgetExceeded
from generation.optimize import Rounds, RoundsResult, Timing
from generation.prompt import Prompt, build_prompt
from generation.retry import Check, RetryPolicy, RetryResult, header, run_attempts
from generation.store import CorruptEntryError, Entry, Staging, Store, sha256_file


@dataclass(frozen=True)
class GenerationConfig:
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    analysis: bool = True
    regenerate: bool = False
    reuse_stale: bool = False
    run_id: str = ""
    samples: int = 1  # independent generation chains per loop (--samples)
    optimize_rounds: int = 0  # performance-feedback rounds after a kernel passes (--optimize-rounds)


@dataclass(frozen=True)
class Resolution:
    """A loop's kernel for this run, or why there is none."""

    loop: str
    path: Path | None = None
    entry: Entry | None = None
    skip: str | None = None  # the test is skipped with this reason
    error: str | None = None  # the test fails with this reason
    error_class: ErrorClass = ErrorClass.GENERATION  # what the report files the failure under
    generated: bool = False  # whether this run generated it (or added rounds to it)
    sample: int = 1

    def describe(self) -> str:
        """A few lines for the test report."""
        e = self.entry
        if e is None:
            return self.skip or self.error or ""
        how = "generated in this run" if self.generated else "from the cache"
        verdict = "passed" if e.passed else f"did not pass ({e.stopped}); last error: {e.last_error}"
        rounds = ""
        if e.rounds or e.performance:
            best = (e.performance or {}).get("best_seconds")
            timed = f", {best * 1e6:.1f} us device time" if best else ""
            rounds = f"; {len(e.rounds)} round(s), kept round {e.kernel_round}{timed}"
        return (f"{label(e.loop, self.sample)} by {e.provenance.get('model')} ({how}): {len(e.attempts)} attempt(s), "
                f"{verdict}{rounds}; {e.totals.get('input_tokens', 0)}+{e.totals.get('output_tokens', 0)} tokens, "
                f"${e.totals.get('cost_usd', 0.0):.4f}")


class Unusable(enum.StrEnum):
    """Why a cached entry is not reused: the kind of a Miss (its text gives the particulars)."""

    NONE_CACHED = "none cached"
    CORRUPT = "corrupt"  # a fault to repair, never a kernel to skip
    REGENERATE = "--regenerate"
    OTHER_MODEL = "another model"
    OTHER_TEMPERATURE = "another temperature"
    OTHER_PROMPT = "another prompt"


@dataclass(frozen=True)
class Miss:
    """Why the cache gave no reusable entry: a kind to decide on and the text that says it."""

    kind: Unusable
    text: str

    def __str__(self) -> str:
        return self.text


def label(loop: str, sample: int) -> str:
    """How a loop's sample is named in progress lines and test ids: `s421`, `s421-sample2`."""
    return loop if sample == 1 else f"{loop}-sample{sample}"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class SetGenerator:
    """Generates (or finds in the cache) the kernels of one kernel set for one run."""

    def __init__(self, store: Store, provider: Provider, budget: Budget, config: GenerationConfig,
                 check: Check, progress: Callable[[str], None], timing: Timing | None = None):
        self.store = store
        self.provider = provider
        self.budget = budget
        self.config = config
        self.check = check
        self.progress = progress
        self.timing = timing  # how rounds time kernels; None: no rounds are run
        # made up front, so tidy() knows which sample folders this run created
        self._stores = {k: store.for_sample(k) for k in range(1, config.samples + 1)}
        self._done: dict[tuple[str, int], Resolution] = {}
        self._swept: set[int] = set()
        self.unreachable: str | None = None  # set when the provider cannot be reached: no later request is sent

    def store_for(self, sample: int) -> Store:
        """The store of sample `sample`: the set folder for 1, samples/<k>/ else."""
        if sample not in self._stores:
            self._stores[sample] = self.store.for_sample(sample)
        return self._stores[sample]

    def tidy(self) -> None:
        """Store.tidy for every sample folder, then the set folder (once no process of the run generates)."""
        for sample, store in sorted(self._stores.items(), reverse=True):
            if sample > 1:
                store.tidy()
        self.store.tidy_samples()
        self.store.tidy()

    def prompt(self, loop: Loop) -> Prompt:
        return build_prompt(loop, self.config.analysis)

    def ensure(self, loop: Loop, sample: int = 1) -> Resolution:
        """The kernel of the loop's sample, generated first if need be; computed once per process."""
        key = (loop.name, sample)
        if key not in self._done:
            self._done[key] = self._ensure(loop, sample)
        return self._done[key]

    def remember(self, resolution: Resolution) -> Resolution:
        """Records `resolution` as the answer for its loop and sample for the rest of the run."""
        self._done[(resolution.loop, resolution.sample)] = resolution
        return resolution

    def _usable(self, loop: Loop, prompt: Prompt, store: Store) -> tuple[Entry | None, Miss | None]:
        """(a reusable entry, None) or (None, why there is none)."""
        try:
            entry = store.read(loop.name)
        except CorruptEntryError as exc:
            return None, Miss(Unusable.CORRUPT, f"the cached entry is corrupt ({exc})")
        if entry is None:
            return None, Miss(Unusable.NONE_CACHED, "none cached")
        if self.config.regenerate and entry.run_id != self.config.run_id:
            return None, Miss(Unusable.REGENERATE, "--regenerate")
        s = self.provider.settings
        if (entry.provenance.get("provider"), entry.provenance.get("model")) != (s.provider, s.model):
            return None, Miss(Unusable.OTHER_MODEL,
                              f"the cached entry is by another model ({entry.provenance.get('model')})")
        if entry.provenance.get("temperature") != s.temperature:
            return None, Miss(Unusable.OTHER_TEMPERATURE,
                              f"the cached entry was sampled at temperature {entry.provenance.get('temperature')}")
        if entry.prompt_sha256 != prompt.sha256 and not self.config.reuse_stale:
            return None, Miss(Unusable.OTHER_PROMPT,
                              "the cached entry was made from another prompt (--reuse-stale tests it anyway)")
        return entry, None

    def _wants_rounds(self, entry: Entry) -> bool:
        """Whether a passing entry has had fewer rounds than asked (and its kernel could be timed)."""
        untimed = entry.performance is not None and entry.performance.get("start_seconds") is None
        return (self.timing is not None and entry.passed and not untimed
                and len(entry.rounds) < self.config.optimize_rounds)

    def _resolution(self, entry: Entry, generated: bool, store: Store) -> Resolution:
        if entry.kernel_file is None:
            return Resolution(entry.loop, None, entry, error=(
                f"{label(entry.loop, entry.sample)}: no runnable kernel after {len(entry.attempts)} attempt(s) "
                f"({entry.stopped}); last error: {entry.last_error}"), generated=generated, sample=entry.sample)
        return Resolution(entry.loop, store.folder / entry.kernel_file, entry, generated=generated,
                          sample=entry.sample)

    def needs_generation(self, loop: Loop, sample: int = 1) -> bool:
        """Whether the loop's sample has no reusable entry (so asking for it sends requests)."""
        store = self.store_for(sample)
        try:
            if store.read(loop.name) is None:
                return True  # no prompt to build: nothing is cached
        except CorruptEntryError:
            return True
        entry = self._usable(loop, self.prompt(loop), store)[0]
        return entry is None or self._wants_rounds(entry)

    def _ensure(self, loop: Loop, sample: int) -> Resolution:
        store = self.store_for(sample)
        if sample not in self._swept:  # what an interrupted run left in .staging/, once per process
            store.sweep()
            self._swept.add(sample)
        prompt = self.prompt(loop)
        entry, why = self._usable(loop, prompt, store)
        if entry is not None and not self._wants_rounds(entry):
            return self._resolution(entry, False, store)
        missing = self.provider.unavailable()
        name = label(loop.name, sample)
        if missing and entry is not None:  # the kernel is there; only its rounds cannot be had
            return self._resolution(entry, False, store)
        corrupt = why is not None and why.kind is Unusable.CORRUPT
        if missing and corrupt:  # a broken cache entry is a fault to repair, not a kernel to skip
            return Resolution(loop.name, error=f"{name} in '{store.name}': {why}, and {missing} to regenerate it",
                              error_class=ErrorClass.HARNESS)
        if missing:
            what = f"no usable kernel ({why})" if why and why.kind is not Unusable.NONE_CACHED else "no kernel"
            return Resolution(loop.name, skip=f"{what} for {name} in model set '{self.store.name}', and {missing}",
                              sample=sample)
        if self.unreachable:
            if entry is not None:
                return self._resolution(entry, False, store)
            return Resolution(loop.name, error=f"{name} not generated: {self.unreachable}", sample=sample)
        if corrupt:
            warnings.warn(f"{name} in '{self.store.name}': {why}; regenerating it", stacklevel=2)
        with store.lock(loop.name):
            entry, why = self._usable(loop, prompt, store)  # another worker may have made it meanwhile
            if entry is not None and not self._wants_rounds(entry):
                return self._resolution(entry, False, store)
            if entry is not None:
                return self._extend(loop, prompt, entry, store)
            assert why is not None
            return self._generate(loop, prompt, why, sample, store)

    def _rounds(self, loop: Loop, prompt: Prompt, staging: Staging, sample: int) -> Rounds:
        assert self.timing is not None
        return Rounds(loop, prompt, self.provider, self.budget, staging, self.check, self.timing, self.progress,
                      lambda n: header(loop, prompt, self.provider, f"round {n}"), self.config.policy.timeout,
                      who=label(loop.name, sample))

    def _generate(self, loop: Loop, prompt: Prompt, why: Miss, sample: int, store: Store) -> Resolution:
        """Progress lines name a sample > 1 as its test ids do: `s421-sample2 attempt 1/10: ...`."""
        s, say, name = self.provider.settings, self.progress, label(loop.name, sample)
        say(f"{name}: generating with {s.model} ({why}; prompt sha256 {prompt.sha256[:12]}, "
            f"analysis {prompt.analysis})")
        started, clock = _now(), time.monotonic()
        staging = store.staging(loop.name)
        try:
            outcome = run_attempts(loop, prompt, self.provider, self.budget, self.config.policy, staging,
                                   self.check, say, who=name)
        except (BudgetExceeded, ProviderError) as exc:
            store.discard(staging)
            say(f"{name}: generation stopped: {exc}")
            if isinstance(exc, ProviderUnreachable):
                self.unreachable = str(exc)
            reason = f"{name} not generated: {exc}"
            if isinstance(exc, BudgetExceeded):  # the run's budget is spent: not the loop's fault
                return Resolution(loop.name, skip=reason, sample=sample)
            return Resolution(loop.name, error=reason, sample=sample)
        except BaseException:
            store.discard(staging)
            raise
        try:
            rounds = None
            if outcome.passed and outcome.kernel is not None and self.timing and self.config.optimize_rounds:
                rounds = self._rounds(loop, prompt, staging, sample).run(outcome.kernel, 0, 1,
                                                                         self.config.optimize_rounds)
            entry = self._entry(loop, prompt, outcome, rounds, started, sample)
            self.store.write_metadata(self.metadata())
            store.commit(staging, entry, rounds.kernel if rounds else outcome.kernel)
        except BaseException:
            store.discard(staging)
            raise
        entry = store.read(loop.name) or entry  # with its totals, as a later run will read it
        spent = entry.totals.get("cost_usd", 0.0)
        verdict = f"passed on attempt {len(entry.attempts)}" if entry.passed else f"not passed ({entry.stopped})"
        say(f"{name}: {verdict}; ${spent:.4f}, {time.monotonic() - clock:.0f} s")
        return self._resolution(entry, True, store)

    def _entry(self, loop: Loop, prompt: Prompt, outcome: RetryResult, rounds: RoundsResult | None, started: str,
               sample: int) -> Entry:
        kernel = rounds.kernel if rounds else outcome.kernel
        return Entry(
            loop=loop.name, kernel_set=self.store.name, provenance=self._provenance(outcome.notes),
            prompt_sha256=prompt.sha256, analysis=prompt.analysis,
            max_attempts=self.config.policy.max_attempts, reset_after=self.config.policy.reset_after,
            passed=outcome.passed, stopped=outcome.stopped,
            kernel_file=self.store.layout.kernel_file(loop.name) if kernel else None,
            kernel_sha256=sha256_file(kernel) if kernel else None,
            kernel_attempt=outcome.kernel_attempt,
            started=started, finished=_now(), run_id=self.config.run_id, attempts=outcome.attempts,
            sample=sample, optimize_rounds=self.config.optimize_rounds if rounds else 0,
            rounds=rounds.rounds if rounds else (), performance=rounds.performance if rounds else None,
            kernel_round=rounds.kernel_round if rounds else None,
        )

    def _extend(self, loop: Loop, prompt: Prompt, entry: Entry, store: Store) -> Resolution:
        """More rounds for a cached passing entry, from its kept kernel; the entry is rewritten with them."""
        staging = store.restage(entry)
        try:
            start = staging.root / kept_module(entry)
            rounds = self._rounds(loop, prompt, staging, entry.sample).run(
                start, entry.kernel_round or 0, len(entry.rounds) + 1,
                self.config.optimize_rounds - len(entry.rounds))
            extended = replace(entry, rounds=entry.rounds + rounds.rounds, performance=rounds.performance,
                               kernel_round=rounds.kernel_round, kernel_sha256=sha256_file(rounds.kernel),
                               optimize_rounds=self.config.optimize_rounds, finished=_now(), totals={})
            store.commit(staging, extended, rounds.kernel)
        except BaseException:
            store.discard(staging)
            raise
        return self._resolution(store.read(loop.name) or extended, True, store)

    def _provenance(self, notes: tuple[str, ...] = ()) -> dict:
        record = self.provider.settings.record()
        if notes:
            record["client_notes"] = list(notes)  # e.g. the SDK's notice that the model is deprecated
        if record["provider"] == "anthropic":
            try:
                import anthropic

                record["sdk"] = f"anthropic {anthropic.__version__}"
            except ImportError:  # pragma: no cover - a dependency
                pass
        return record

    def metadata(self) -> dict:
        """The set's kernelset.json."""
        s, p = self.provider.settings, self.config.policy
        return {
            "name": self.store.name,
            "provenance": f"generated by {s.model} through the {s.provider} API; each <loop>.json records how",
            "provider": s.provider,
            "model": s.model,
            "analysis": self.config.analysis,
            "attempts": f"up to {p.max_attempts}, a fresh conversation every {p.reset_after}",
        }


def kept_module(entry: Entry) -> str:
    """The attempt or round file, relative to the set folder, that the entry's <loop>.py is a copy of."""
    if entry.kernel_round:
        found = next(r.code_file for r in entry.rounds if r.number == entry.kernel_round)
    else:
        found = next(a.code_file for a in entry.attempts if a.number == entry.kernel_attempt)
    if found is None:
        raise CorruptEntryError(f"{entry.loop}.json names no module for its kernel")
    return found
