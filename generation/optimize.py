"""Performance-feedback rounds: a passing kernel is timed, the model hears how fast it is and is asked for a faster one.

Each round sends the prompt, the fastest correct kernel so far (as the
assistant's turn) and its measured figures: device time, the C loop's time,
the loop's limit and the fraction of it reached, bytes moved and achieved
bandwidth. The answer is checked exactly as an attempt is (every size and
seed, through the checker), then timed; it is kept only if it passed and is
faster. A failing round never replaces the kept kernel. Timing sits behind the
small `Timing` protocol, so tests on a CPU inject scripted times; `CudaTiming`
measures with tsvc.speed.benchmark on the GPU.
"""
from __future__ import annotations

import enum
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from tsvc.sandbox.candidate import CandidateError
from tsvc.record.catalog import Loop
from tsvc.judge.checker import Verdict
from tsvc.record.sizes import NATIVE, Size

from generation.client import Completion, Provider, ProviderError, Turn
from generation.cost import Budget, BudgetExceeded, price
from generation.extract import module_block, screen
from generation.feedback import Failure, from_verdict
from generation.prompt import Prompt
from generation.retry import unchecked, without_header
from generation.store import RoundRecord, Staging

Check = Callable[[Loop, Path], "Failure | None"]


NO_GPU = "--optimize-rounds needs a CUDA GPU to time kernels; this run's backend: {backend}"


class RoundsStop(enum.StrEnum):
    """Why a loop's rounds ended; the record's `stopped` is the value, then ": " and the cause if told."""

    DONE = "rounds done"
    TIMEOUT = "generation timeout"
    STOPPED = "stopped"  # the budget or the provider ended them; the kept kernel stands
    NOT_TIMED = "not timed"  # the passing kernel could not be timed: no rounds were run

    def told(self, cause: object = None) -> str:
        return self.value if cause is None else f"{self.value}: {cause}"


@dataclass(frozen=True)
class Baseline:
    """What one loop's kernels are measured against, once per loop and run."""

    size: Size
    c_seconds: float  # median of the C loop (gcc -O3 -march=native, one CPU thread)
    bytes_moved: int | None  # the loop's exact footprint, where the analysis gives one
    copy_bandwidth: float | None  # bytes/s of a device-to-device copy (read plus write)
    floor_seconds: float | None  # device time of an empty Triton kernel: one launch
    gpu: str = ""
    latency_seconds: float | None = None  # the dependence chain's bound, where one binds

    def limit(self) -> float | None:
        """The least device time the loop can take: the largest of its bounds (tsvc.speed.benchmark.bounds)."""
        from tsvc.speed.benchmark import bounds

        known = bounds(self.floor_seconds, self.bytes_moved, self.copy_bandwidth, self.latency_seconds)
        return max(known.values()) if known else None

    def fraction(self, seconds: float) -> float | None:
        """The fraction of the limit a kernel taking `seconds` reaches (1.0: at the limit)."""
        limit = self.limit()
        return limit / seconds if limit and seconds > 0 else None

    def bandwidth(self, seconds: float) -> float | None:
        """Bytes/s the kernel achieves, counting the bytes the loop must move."""
        return self.bytes_moved / seconds if self.bytes_moved is not None and seconds > 0 else None


class Timing(Protocol):
    """How the rounds time a kernel: a baseline per loop, and seconds for a module path."""

    def baseline(self, loop: Loop) -> Baseline:
        ...

    def __call__(self, loop: Loop, path: Path) -> float:
        """Median device seconds of the module at the baseline's size; CandidateError when it fails while timed."""
        ...


def timing_size(loop: Loop, scale: int) -> Size:
    """The loop's largest tested size, times --tsvc-scale where the benchmark scales it."""
    largest = max(loop.sizes)
    return largest.scaled(scale) if scale > 1 and largest >= NATIVE else largest


class CudaTiming:
    """tsvc.speed.benchmark's measurements on the GPU: device time in the isolated worker, C time here."""

    def __init__(self, scale: int = 1):
        self.scale = scale

    def baseline(self, loop: Loop) -> Baseline:
        from tsvc.sandbox.timing import median
        from tsvc.speed import baselines, benchmark

        size = timing_size(loop, self.scale)
        calibration = benchmark.calibrate()
        try:
            from analysis import chain_steps, footprint_bytes
        except ImportError:
            footprint, steps = None, None
        else:
            footprint, steps = footprint_bytes(loop, size), chain_steps(loop, size)
        c_seconds = median(baselines.c_times(loop, size))  # the benchmark's own C figure: locked, memoised
        latency = None if steps is None else steps * calibration.step_latency
        return Baseline(size, c_seconds, footprint, calibration.copy_bandwidth, calibration.floor_device,
                        calibration.gpu, latency)

    def __call__(self, loop: Loop, path: Path) -> float:
        from tsvc.speed import benchmark
        from tsvc.sandbox.timing import median

        return median(benchmark.time_kernel(loop, path, timing_size(loop, self.scale)).device)


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:.1f} us"


def figures(baseline: Baseline, seconds: float) -> str:
    """The measured figures of a kernel, as the model reads them."""
    b = baseline
    lines = [f"Measured at LEN_1D={b.size.len_1d}, LEN_2D={b.size.len_2d}{' on ' + b.gpu if b.gpu else ''}: "
             f"device time {_us(seconds)} (median of the timed rounds); the C loop (gcc -O3, one CPU thread) "
             f"takes {_us(b.c_seconds)}, so the kernel is {b.c_seconds / seconds:.2f}x as fast as C."]
    limit, fraction = b.limit(), b.fraction(seconds)
    if limit is not None and fraction is not None:
        what = ("the bytes it must move at the device's copy bandwidth, and never less than one empty kernel launch"
                if b.latency_seconds is None else
                "the largest of one empty kernel launch, the bytes it must move at the device's copy bandwidth, "
                "and its dependence chain's steps one after another at the device's measured step latency")
        lines.append(f"The loop's limit is {_us(limit)} ({what}); the kernel reaches {fraction:.0%} of it.")
    bandwidth = b.bandwidth(seconds)
    if bandwidth is not None and b.bytes_moved is not None:  # bandwidth is None without bytes_moved
        share = f" ({bandwidth / b.copy_bandwidth:.0%} of the copy bandwidth)" if b.copy_bandwidth else ""
        lines.append(f"The loop moves {b.bytes_moved / 1e6:.2f} MB: {bandwidth / 1e9:.1f} GB/s achieved{share}.")
    return " ".join(lines)


def round_request(loop: Loop, baseline: Baseline, best_seconds: float, last: str | None) -> str:
    """The user turn of a round: the kept kernel's figures, what became of the last round, the request."""
    parts = [f"This module is correct. {figures(baseline, best_seconds)}"]
    if last:
        parts.append(f"Your previous version {last}; the module above is still the fastest correct one.")
    parts.append(f"Write a faster version of `{loop.kernel_name}`: fewer launches, more work per program, "
                 "coalesced memory access. It must still compute exactly what the C loop computes, with the "
                 "same signature and the same rules. Answer with the complete module in one Python code block only.")
    return "\n\n".join(parts)


@dataclass(frozen=True)
class RoundsResult:
    rounds: tuple[RoundRecord, ...]
    kernel: Path  # the staged module to keep: the fastest that passed
    kernel_round: int  # the round whose module `kernel` is (0: the attempts' own)
    performance: dict  # the figures recorded in the loop's JSON


@dataclass(frozen=True)
class Kept:
    """The fastest correct kernel so far."""

    path: Path
    code: str  # without the provenance header: what the model is shown
    seconds: float
    round: int


def _failure_of(exc: CandidateError, loop: Loop, path: Path, size: Size) -> Failure:
    return from_verdict(Verdict(exc.outcome, exc.message, cause=exc.cause), path, size, loop)


class Rounds:
    """The rounds of one loop; `run` asks for up to `count` faster kernels after `start`."""

    def __init__(self, loop: Loop, prompt: Prompt, provider: Provider, budget: Budget, staging: Staging,
                 check: Check, timing: Timing, progress: Callable[[str], None], header: Callable[[int], str],
                 timeout: float, clock: Callable[[], float] = time.monotonic, who: str | None = None):
        self.loop, self.prompt, self.provider, self.budget = loop, prompt, provider, budget
        self.staging, self.check, self.timing, self.progress = staging, check, timing, progress
        self.header, self.timeout, self.clock = header, timeout, clock
        self.who = who or loop.name  # how progress lines name the loop (a sample's label)

    def run(self, start: Path, start_round: int, first_round: int, count: int) -> RoundsResult:
        """Up to `count` rounds numbered from `first_round`, from the kept kernel `start` (of round `start_round`)."""
        loop, began = self.loop, self.clock()
        baseline = self.timing.baseline(loop)
        try:
            kept = Kept(start, without_header(start.read_text()), self.timing(loop, start), start_round)
        except CandidateError as exc:
            failure = _failure_of(exc, loop, start, baseline.size)
            self.progress(f"{self.who}: the passing kernel could not be timed, no rounds: {failure.summary()}")
            return RoundsResult((), start, start_round,
                                self._performance(baseline, None, None, RoundsStop.NOT_TIMED.told(failure.summary())))
        started_at = kept.seconds
        self.progress(f"{self.who}: {_us(kept.seconds)} device time, C {_us(baseline.c_seconds)}; "
                      f"asking for a faster kernel ({count} round(s))")
        records: list[RoundRecord] = []
        stopped, last = RoundsStop.DONE.told(), None
        fee = price(self.provider.settings.provider, self.provider.settings.model)
        for number in range(first_round, first_round + count):
            remaining = self.timeout - (self.clock() - began)
            if remaining <= 0:
                stopped = RoundsStop.TIMEOUT.told()
                break
            turns = [Turn("user", self.prompt.text), Turn("assistant", f"```python\n{kept.code}```"),
                     Turn("user", round_request(loop, baseline, kept.seconds, last))]
            try:
                self.budget.check()
                completion = self.provider.complete(self.prompt.system, turns, timeout=remaining)
            except (BudgetExceeded, ProviderError) as exc:  # the kept kernel stands; later runs may go on
                stopped = RoundsStop.STOPPED.told(exc)
                break
            cost = fee.cost(completion.input_tokens, completion.output_tokens)
            self.budget.charge(cost)
            record, kept, last = self._judge(number, completion, kept, baseline, cost)
            records.append(record)
        self.progress(f"{self.who}: kept round {kept.round}'s kernel, {_us(kept.seconds)} device time "
                      f"({stopped})")
        return RoundsResult(tuple(records), kept.path, kept.round,
                             self._performance(baseline, started_at, kept, stopped, start_round))

    def _judge(self, number: int, completion: Completion, kept: Kept, baseline: Baseline,
               cost: float) -> tuple[RoundRecord, Kept, str | None]:
        """The round's record, the kernel kept after it, and what the next request says of it."""
        loop = self.loop
        answer_file = self.staging.round_path(number, ".answer.md")
        answer_file.write_text(completion.text)
        block = module_block(completion.text, loop.kernel_name)
        checked = time.monotonic()
        code_file, seconds = None, None
        failure = unchecked(completion, block.code if block else None, block is not None and block.closed,
                            self.provider.settings.max_tokens)
        if failure is None and block is not None:
            code_file = self.staging.round_path(number, ".py")
            code_file.write_text(self.header(number) + block.code)
            failure = screen(block.code, loop) or self.check(loop, code_file)
            if failure is None:
                try:
                    seconds = self.timing(loop, code_file)
                except CandidateError as exc:
                    failure = _failure_of(exc, loop, code_file, baseline.size)
        faster = failure is None and seconds is not None and seconds < kept.seconds
        if failure is not None:
            last = f"(round {number}) failed: {failure.summary()}"
            verdict = failure.summary()
        else:
            assert seconds is not None  # no failure: a block was checked, then timed
            if faster:
                last, verdict = None, f"passed, {_us(seconds)}: faster, kept"
            else:
                last = f"(round {number}) was correct but not faster: {_us(seconds)}"
                verdict = f"passed, {_us(seconds)}: not faster than {_us(kept.seconds)}"
        self.progress(f"{self.who} round {number}: {verdict}")
        record = RoundRecord(
            number=number, answer_file=self.staging.relative(answer_file),
            code_file=self.staging.relative(code_file) if code_file else None,
            error_class=failure.error_class if failure else None,
            message=failure.message if failure else "passed", device_seconds=seconds, kept=faster,
            input_tokens=completion.input_tokens, output_tokens=completion.output_tokens, cost_usd=round(cost, 6),
            request_seconds=round(completion.seconds, 3), check_seconds=round(time.monotonic() - checked, 3),
            stop_reason=completion.stop_reason, model=completion.model, request_id=completion.request_id)
        if faster:
            assert code_file is not None and seconds is not None and block is not None
            kept = Kept(code_file, block.code, seconds, number)
        return record, kept, last

    def _performance(self, baseline: Baseline, started_at: float | None, kept: Kept | None, stopped: str,
                     start_round: int | None = None) -> dict:
        b = baseline
        out = {"size": b.size.label, "gpu": b.gpu, "c_seconds": b.c_seconds, "bytes_moved": b.bytes_moved,
               "copy_bandwidth": b.copy_bandwidth, "floor_seconds": b.floor_seconds, "limit_seconds": b.limit(),
               "start_seconds": started_at, "start_round": start_round,
               "best_seconds": kept.seconds if kept else None, "best_round": kept.round if kept else None,
               "stopped": stopped}
        if kept is not None:
            out.update(speedup=b.c_seconds / kept.seconds, fraction_of_limit=b.fraction(kept.seconds),
                       bandwidth=b.bandwidth(kept.seconds))
        return out

