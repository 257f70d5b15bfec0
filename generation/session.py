"""One run's generator: from a loop to a kernel module, through the cache, generating what is missing.

`Generator.ensure(loop)` looks the loop up in the cache; an entry is reused when
its prompt hash matches (or --reuse-stale), is regenerated when --regenerate is
given (once per run, whatever the worker), and is generated when missing,
stale or corrupt, under the loop's lock so concurrent workers generate it once.
The answer is a Resolution: a module to test, or a one-line reason to skip or fail.
"""
from __future__ import annotations

import time
import warnings
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from tsvc.catalog import Loop

from generation.client import Provider, ProviderError, ProviderUnreachable
from generation.cost import Budget, BudgetExceeded
from generation.prompt import Prompt, build_prompt
from generation.retry import Check, RetryPolicy, run_attempts
from generation.store import CorruptEntryError, Entry, Store, sha256_file


@dataclass(frozen=True)
class GenerationConfig:
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    analysis: bool = True
    regenerate: bool = False
    reuse_stale: bool = False
    run_id: str = ""


@dataclass(frozen=True)
class Resolution:
    """A loop's kernel for this run, or why there is none."""

    loop: str
    path: Path | None = None
    entry: Entry | None = None
    skip: str | None = None  # the test is skipped with this reason
    error: str | None = None  # the test fails with this reason
    generated: bool = False  # whether this run generated it

    def describe(self) -> str:
        """A few lines for the test report."""
        e = self.entry
        if e is None:
            return self.skip or self.error or ""
        how = "generated in this run" if self.generated else "from the cache"
        verdict = "passed" if e.passed else f"did not pass ({e.stopped}); last error: {e.last_error}"
        return (f"{e.loop} by {e.provenance.get('model')} ({how}): {len(e.attempts)} attempt(s), {verdict}; "
                f"{e.totals.get('input_tokens', 0)}+{e.totals.get('output_tokens', 0)} tokens, "
                f"${e.totals.get('cost_usd', 0.0):.4f}")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Generator:
    def __init__(self, store: Store, provider: Provider, budget: Budget, config: GenerationConfig,
                 check: Check, progress: Callable[[str], None]):
        self.store = store
        self.provider = provider
        self.budget = budget
        self.config = config
        self.check = check
        self.progress = progress
        self._done: dict[str, Resolution] = {}
        self._swept = False
        self.unreachable: str | None = None  # set when the provider cannot be reached: no later request is sent

    def prompt(self, loop: Loop) -> Prompt:
        return build_prompt(loop, self.config.analysis)

    def ensure(self, loop: Loop) -> Resolution:
        """The loop's kernel, generated first if need be; computed once per loop per process."""
        if loop.name not in self._done:
            self._done[loop.name] = self._ensure(loop)
        return self._done[loop.name]

    def remember(self, resolution: Resolution) -> Resolution:
        """Records `resolution` as the loop's answer for the rest of the run."""
        self._done[resolution.loop] = resolution
        return resolution

    def _usable(self, loop: Loop, prompt: Prompt) -> tuple[Entry | None, str]:
        """(a reusable entry, or None with the reason it is not)."""
        try:
            entry = self.store.read(loop.name)
        except CorruptEntryError as exc:
            return None, f"the cached entry is corrupt ({exc})"
        if entry is None:
            return None, "none cached"
        if self.config.regenerate and entry.run_id != self.config.run_id:
            return None, "--regenerate"
        model = (self.provider.settings.provider, self.provider.settings.model)
        if (entry.provenance.get("provider"), entry.provenance.get("model")) != model:
            return None, f"the cached entry is by another model ({entry.provenance.get('model')})"
        if entry.prompt_sha256 != prompt.sha256 and not self.config.reuse_stale:
            return None, "the cached entry was made from another prompt (--reuse-stale tests it anyway)"
        return entry, ""

    def _resolution(self, entry: Entry, generated: bool) -> Resolution:
        if entry.kernel_file is None:
            return Resolution(entry.loop, None, entry, error=(
                f"{entry.loop}: no runnable kernel after {len(entry.attempts)} attempt(s) "
                f"({entry.stopped}); last error: {entry.last_error}"), generated=generated)
        return Resolution(entry.loop, self.store.folder / entry.kernel_file, entry, generated=generated)

    def needs_generation(self, loop: Loop) -> bool:
        """Whether `loop` has no reusable entry in the set (so asking for it sends requests)."""
        try:
            if self.store.read(loop.name) is None:
                return True  # no prompt to build: nothing is cached
        except CorruptEntryError:
            return True
        return self._usable(loop, self.prompt(loop))[0] is None

    def _ensure(self, loop: Loop) -> Resolution:
        if not self._swept:  # what an interrupted run left in .staging/, once per process
            self.store.sweep()
            self._swept = True
        prompt = self.prompt(loop)
        entry, why = self._usable(loop, prompt)
        if entry is not None:
            return self._resolution(entry, generated=False)
        missing = self.provider.unavailable()
        if missing:
            what = "no kernel" if why == "none cached" else f"no usable kernel ({why})"
            return Resolution(loop.name, skip=f"{what} for {loop.name} in model set '{self.store.name}', and {missing}")
        if self.unreachable:
            return Resolution(loop.name, error=f"{loop.name} not generated: {self.unreachable}")
        if "corrupt" in why:
            warnings.warn(f"{loop.name} in '{self.store.name}': {why}; regenerating it", stacklevel=2)
        with self.store.lock(loop.name):
            entry, why = self._usable(loop, prompt)  # another worker may have made it meanwhile
            if entry is not None:
                return self._resolution(entry, generated=False)
            return self._generate(loop, prompt, why)

    def _generate(self, loop: Loop, prompt: Prompt, why: str) -> Resolution:
        s = self.provider.settings
        self.progress(f"{loop.name}: generating with {s.model} ({why}; prompt sha256 {prompt.sha256[:12]}, "
                      f"analysis {prompt.analysis})")
        started, clock = _now(), time.monotonic()
        staging = self.store.staging(loop.name)
        try:
            outcome = run_attempts(loop, prompt, self.provider, self.budget, self.config.policy, staging,
                                   self.check, self.progress)
        except (BudgetExceeded, ProviderError) as exc:
            self.store.discard(staging)
            self.progress(f"{loop.name}: generation stopped: {exc}")
            if isinstance(exc, ProviderUnreachable):
                self.unreachable = str(exc)
            if isinstance(exc, BudgetExceeded):
                return Resolution(loop.name, skip=f"{loop.name} not generated: {exc}")
            return Resolution(loop.name, error=f"{loop.name} not generated: {exc}")
        except BaseException:
            self.store.discard(staging)
            raise
        kernel = outcome.kernel
        entry = Entry(
            loop=loop.name, kernel_set=self.store.name, provenance=self._provenance(outcome.notes),
            prompt_sha256=prompt.sha256, analysis=prompt.analysis,
            max_attempts=self.config.policy.max_attempts, reset_after=self.config.policy.reset_after,
            passed=outcome.passed, stopped=outcome.stopped,
            kernel_file=f"{loop.name}.py" if kernel else None,
            kernel_sha256=sha256_file(kernel) if kernel else None,
            kernel_attempt=int(kernel.name[:2]) if kernel else None,
            started=started, finished=_now(), run_id=self.config.run_id, attempts=outcome.attempts,
        )
        self.store.write_metadata(self.metadata())
        self.store.commit(staging, entry, kernel)
        entry = self.store.read(loop.name) or entry  # with its totals, as a later run will read it
        spent = entry.totals.get("cost_usd", 0.0)
        verdict = f"passed on attempt {len(entry.attempts)}" if entry.passed else f"not passed ({entry.stopped})"
        self.progress(f"{loop.name}: {verdict}; ${spent:.4f}, {time.monotonic() - clock:.0f} s")
        return self._resolution(entry, generated=True)

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
