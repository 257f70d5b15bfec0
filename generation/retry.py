"""The attempt loop: ask, check, feed the error back; reset to a fresh conversation every few attempts.

Attempt 1 sends the prompt. Each later attempt sends the prompt, the previous
answer and the classified error of that answer, until `reset_after` attempts
have been made on one line of conversation; then the next attempt starts a new
line with the prompt alone, exactly as attempt 1 did. Every attempt is checked
as the correctness test checks: every size and seed of the loop, through the
checker; the first failure is the feedback. An answer whose module is the
same as an earlier attempt's (same syntax tree) is not checked again: the model
hears that it repeated attempt N and why N failed. It still counts as an
attempt, and costs what its request cost.
"""
from __future__ import annotations

import ast
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from tsvc.judge import checker
from tsvc.record.catalog import Loop

from generation.client import Completion, Provider, ProviderError, Turn
from generation.cost import Budget, price
from generation.extract import module_block, screen
from generation.feedback import Failure, FailureKind, feedback, from_verdict
from generation.prompt import Prompt
from generation.store import AttemptRecord, AttemptsStop, Staging

Check = Callable[[Loop, Path], "Failure | None"]
Progress = Callable[[str], None]
MAX_ECHO_CHARS = 20000  # of an answer without code, echoed back as the assistant turn


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 10
    reset_after: int = 5  # attempts per line of conversation; 0: never reset
    timeout: float = 900.0  # seconds of generation per loop

    def fresh(self, number: int) -> bool:
        """Whether attempt `number` (from 1) starts a new conversation."""
        return number == 1 or (self.reset_after > 0 and (number - 1) % self.reset_after == 0)

    def line(self, number: int) -> int:
        return 1 if self.reset_after <= 0 else (number - 1) // self.reset_after + 1


@dataclass(frozen=True)
class RetryResult:
    """What the attempt loop produced, before it is committed to the cache."""

    attempts: tuple[AttemptRecord, ...]
    passed: bool
    stopped: AttemptsStop
    kernel: Path | None  # the staged module to keep: the passing one, else the last that could run
    kernel_attempt: int | None  # the attempt whose module `kernel` is
    notes: tuple[str, ...] = ()  # the client library's warnings (a model's deprecation), for the record


def check_module(loop: Loop, path: Path, device: str) -> Failure | None:
    """The first failure over the loop's sizes and seeds (as tests/test_correctness.py runs them)."""
    for size in loop.sizes:
        for seed in loop.seeds:
            try:
                verdict = checker.check(loop, path, size, seed, device)
            except (SystemExit, GeneratorExit) as exc:  # the candidate tried to end the process
                return Failure(FailureKind.POLICY, f"the module raised {type(exc).__name__}", "")
            if not verdict.passed:
                return from_verdict(verdict, path, size, loop)
    return None


def conversation(loop: Loop, prompt: Prompt, number: int, previous: tuple[str, Failure] | None,
                 policy: RetryPolicy) -> list[Turn]:
    """The turns of attempt `number`: the prompt alone, or the prompt, the last answer and its error."""
    if policy.fresh(number) or previous is None:
        return [Turn("user", prompt.text)]
    answer, failure = previous
    return [Turn("user", prompt.text), Turn("assistant", answer), Turn("user", feedback(failure, loop))]


def module_key(code: str) -> str:
    """What makes two modules the same: the syntax tree (comments and layout aside), else the stripped text."""
    try:
        return ast.dump(ast.parse(code))
    except SyntaxError:
        return "\n".join(line.rstrip() for line in code.strip().splitlines())


def unchecked(completion: Completion, code: str | None, closed: bool, max_tokens: int) -> Failure | None:
    """The failure of an answer that gives nothing to run: no block, or a block cut off at max_tokens."""
    if completion.stop_reason == "max_tokens" and (code is None or not closed):
        return Failure(FailureKind.TRUNCATED, f"the answer reached the limit of {max_tokens} output tokens "
                       "before its code block ended; answer with the module alone, without explanations")
    if code is None:
        return Failure(FailureKind.NO_CODE, "Put the whole module in one ```python fenced block.")
    return None


HEADER_MARK = "# Generated for TSVC loop "


def header(loop: Loop, prompt: Prompt, provider: Provider, step: str) -> str:
    """The provenance comment of a kept module (two lines); `step` is "attempt 3" or "round 2"."""
    s = provider.settings
    return (f"{HEADER_MARK}{loop.name} by {s.model} ({s.provider} API), {step}; "
            f"prompt sha256 {prompt.sha256[:16]}.\n"
            f"# The record of this kernel, whether it passed and at what cost, is {loop.name}.json.\n")


def without_header(text: str) -> str:
    """A module as the model wrote it: the provenance header taken off."""
    return text.split("\n", 2)[2] if text.startswith(HEADER_MARK) else text


def run_attempts(loop: Loop, prompt: Prompt, provider: Provider, budget: Budget, policy: RetryPolicy,
                 staging: Staging, check: Check, progress: Progress,
                 clock: Callable[[], float] = time.monotonic, who: str | None = None) -> RetryResult:
    """Runs attempts until one passes, `max_attempts` are spent or the time is up.

    Raises BudgetExceeded or ProviderError (neither is the model's doing): the
    caller then discards the staging folder. A request cut short by the end of
    the loop's time ends the loop as a generation timeout instead. Progress
    lines begin with `who` (the loop's name unless given: a sample's label).
    """
    who = who or loop.name
    start = clock()
    fee = price(provider.settings.provider, provider.settings.model)
    records: list[AttemptRecord] = []
    previous: tuple[str, Failure] | None = None
    seen: dict[str, tuple[int, Failure]] = {}  # module key -> (first attempt, its failure)
    runnable: tuple[Path, int] | None = None  # the last module that could run, and its attempt
    notes: dict[str, None] = {}  # the client's warnings, in order, each once

    def result(passed: bool, stopped: AttemptsStop, kept: tuple[Path, int] | None) -> RetryResult:
        path, attempt = kept or (None, None)
        return RetryResult(tuple(records), passed, stopped, path, attempt, tuple(notes))

    for number in range(1, policy.max_attempts + 1):
        remaining = policy.timeout - (clock() - start)
        if remaining <= 0:
            progress(f"{who}: generation stopped after {policy.timeout:.0f} s ({number - 1} attempts)")
            return result(False, AttemptsStop.GENERATION_TIMEOUT, runnable)
        budget.check()
        turns = conversation(loop, prompt, number, previous, policy)
        try:
            completion = provider.complete(prompt.system, turns, timeout=remaining)
        except ProviderError:
            if clock() - start < policy.timeout:
                raise
            progress(f"{who}: generation stopped after {policy.timeout:.0f} s, waiting on attempt {number}")
            return result(False, AttemptsStop.GENERATION_TIMEOUT, runnable)
        notes.update(dict.fromkeys(completion.notes))
        cost = fee.cost(completion.input_tokens, completion.output_tokens)
        budget.charge(cost)

        answer_file = staging.attempt_path(number, ".answer.md")
        answer_file.write_text(completion.text)
        block = module_block(completion.text, loop.kernel_name)
        code = block.code if block else None
        code_file: Path | None = None
        checked = time.monotonic()
        failure = unchecked(completion, code, block is not None and block.closed, provider.settings.max_tokens)
        if failure is None and code is not None:
            code_file = staging.attempt_path(number, ".py")
            code_file.write_text(header(loop, prompt, provider, f"attempt {number}") + code)
            key = module_key(code)
            if key in seen:
                failure = seen[key][1].repeated(seen[key][0])
            else:
                failure = screen(code, loop)
                if failure is None:
                    runnable = (code_file, number)
                    failure = check(loop, code_file)
                if failure is not None:
                    seen[key] = (number, failure)
        check_seconds = time.monotonic() - checked

        records.append(AttemptRecord(
            number=number, line=policy.line(number), answer_file=staging.relative(answer_file),
            code_file=staging.relative(code_file) if code_file else None,
            error_class=failure.error_class if failure else None,
            message=failure.message if failure else "passed",
            input_tokens=completion.input_tokens, output_tokens=completion.output_tokens,
            cost_usd=round(cost, 6), request_seconds=round(completion.seconds, 3),
            check_seconds=round(check_seconds, 3), stop_reason=completion.stop_reason,
            model=completion.model, request_id=completion.request_id,
            same_as=failure.same_as if failure else None,
        ))
        progress(f"{who} attempt {number}/{policy.max_attempts}: "
                 f"{failure.summary() if failure else 'passed'}")
        if failure is None:
            return result(True, AttemptsStop.PASSED, (code_file, number) if code_file else None)
        echo = f"```python\n{code}```" if code is not None else (completion.text[:MAX_ECHO_CHARS] or "(empty)")
        previous = (echo, failure)
    return result(False, AttemptsStop.ATTEMPTS_EXHAUSTED, runnable)
