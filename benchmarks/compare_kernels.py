"""Times each loop's reference kernel and its alternatives side by side, in one process on the GPU.

    python3 benchmarks/compare_kernels.py --scale 64 --loops vsumr,s3112
    python3 benchmarks/compare_kernels.py --scale 1 --all-alternatives --runs 5 --json out.json

Alternatives live in generated/alternatives/<loop>/<variant>.py (tests/test_alternatives.py checks
them). For each loop the kernels are timed interleaved: reference, alt1, alt2, reference, alt1, ...
for --runs runs, each run being tsvc.speed.benchmark.time_kernel (warm-up rounds, then timed rounds with
the L2 flushed, one random round judged against the C loop). A run's figure is the median device
time of its rounds; a kernel's figure is its best run. Noise between runs of one kernel is large
(20% seen on an H200), so compare only within one invocation. Each kernel keeps one worker
process for its loop (a few seconds to start), so --all-alternatives (about 90 kernels) can
take longer than one 10-minute command: split the loops over several --loops calls. A loop that
cannot be checked at the chosen size (s2111 overflows float32 at 64x) is reported as not timed.
"""
from __future__ import annotations

import argparse
import json
import sys
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tsvc import backend  # noqa: E402
from tsvc.record import catalog  # noqa: E402
from tsvc.record.sizes import NATIVE  # noqa: E402

REFERENCE = ROOT / "generated" / "reference"
ALTERNATIVES = ROOT / "generated" / "alternatives"


@dataclass
class Entry:
    """One kernel of one loop: its per-run median device times, or why it could not be timed."""

    loop: str
    variant: str
    path: str
    run_medians: list[float] = field(default_factory=list)
    failure: str | None = None

    @property
    def best(self) -> float | None:
        return min(self.run_medians) if self.run_medians else None


def alternatives(loop: str) -> list[Path]:
    return sorted(p for p in (ALTERNATIVES / loop).glob("*.py") if not p.name.startswith("_"))


def loops_with_alternatives() -> list[str]:
    return sorted(p.name for p in ALTERNATIVES.iterdir() if p.is_dir() and alternatives(p.name))


def entries_for(loop: str) -> list[Entry]:
    kernels = [("reference", REFERENCE / f"{loop}.py")] + [(p.stem, p) for p in alternatives(loop)]
    return [Entry(loop, name, str(path)) for name, path in kernels]


class WorkerPerKernel:
    """A runner (so a worker process) per kernel module, alive for one loop's interleaved runs.

    time_kernel asks runner.shared("cuda") for its worker; the shared runner keeps one worker and
    replaces it whenever the module changes, so interleaving would start a fresh worker (imports,
    CUDA context, Triton cache) for every run of every kernel: seconds each, minutes per loop.
    """

    def __init__(self) -> None:
        self.runners: dict[str, object] = {}
        self.current: str | None = None

    def shared(self, device: str):
        from tsvc.sandbox import runner

        if self.current not in self.runners:
            self.runners[self.current] = runner.Runner(device)
        return self.runners[self.current]

    def close(self) -> None:
        for each in self.runners.values():
            each.close()
        self.runners.clear()


@contextmanager
def worker_per_kernel():
    from tsvc.sandbox import runner

    pool, original = WorkerPerKernel(), runner.shared
    runner.shared = pool.shared
    try:
        yield pool
    finally:
        runner.shared = original
        pool.close()


def time_loop(loop: str, size, runs: int, rounds: int, warmup: int) -> list[Entry]:
    """Interleaved runs: every kernel once per run, in the same order, `runs` times."""
    from tsvc.speed import benchmark
    from tsvc.sandbox.candidate import CandidateError
    from tsvc.judge.checker import ConfigurationError
    from tsvc.sandbox.timing import median

    record = catalog.get(loop)
    entries = entries_for(loop)
    with worker_per_kernel() as pool:
        for _ in range(runs):
            for entry in entries:
                if entry.failure is not None:
                    continue
                pool.current = entry.path
                try:
                    times = benchmark.time_kernel(record, Path(entry.path), size, rounds=rounds, warmup=warmup)
                except CandidateError as exc:
                    entry.failure = f"{exc.outcome.value}: {exc.message.splitlines()[0] if exc.message else ''}"
                    continue
                except ConfigurationError as exc:  # the loop cannot be checked at this size (s2111 at 64x)
                    for each in entries:
                        each.failure = f"not timed: {exc}"
                    return entries
                entry.run_medians.append(median(times.device))
    return entries


def table(entries: list[Entry]) -> str:
    """loop, variant, best run's median device time in µs, and reference best / variant best."""
    lines = [f"{'loop':<8} {'variant':<24} {'device us':>10} {'ref/variant':>11}  runs (median us each)"]
    reference = {e.loop: e.best for e in entries if e.variant == "reference"}
    for e in entries:
        if e.best is None:
            lines.append(f"{e.loop:<8} {e.variant:<24} {'-':>10} {'-':>11}  FAILED {e.failure}")
            continue
        ref = reference.get(e.loop)
        ratio = f"{ref / e.best:.2f}x" if ref else "-"
        runs = " ".join(f"{t * 1e6:.1f}" for t in e.run_medians)
        lines.append(f"{e.loop:<8} {e.variant:<24} {e.best * 1e6:>10.2f} {ratio:>11}  {runs}")
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1, help="elements x N: LEN_1D x N, LEN_2D x sqrt(N)")
    parser.add_argument("--loops", default="", help="comma-separated loop names")
    parser.add_argument("--all-alternatives", action="store_true", help="every loop with an alternative")
    parser.add_argument("--runs", type=int, default=5, help="interleaved runs per kernel (best one counts)")
    parser.add_argument("--rounds", type=int, default=100, help="timed rounds per run")
    parser.add_argument("--warmup", type=int, default=10, help="warm-up rounds per run")
    parser.add_argument("--json", type=Path, help="also write every entry as JSON here")
    args = parser.parse_args(argv)
    names = [n for n in args.loops.split(",") if n]
    if args.all_alternatives:
        names += [n for n in loops_with_alternatives() if n not in names]
    if not names:
        parser.error("name loops with --loops a,b,... or pass --all-alternatives")
    known = catalog.catalog()
    unknown = [n for n in names if n not in known]
    if unknown:
        parser.error(f"unknown loop(s): {', '.join(unknown)}")
    try:
        args.size = NATIVE.scaled(args.scale)
    except ValueError as exc:
        parser.error(str(exc))
    args.names = names
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    chosen = backend.select()
    if not chosen.can_time:
        print(f"compare_kernels: needs a CUDA GPU to time kernels; here: {chosen.description}", file=sys.stderr)
        return 2
    print(f"# {chosen.description}; size {args.size.label}; {args.runs} interleaved runs of "
          f"{args.rounds} rounds; figure = best run's median device time", flush=True)
    entries: list[Entry] = []
    for name in args.names:
        done = time_loop(name, args.size, args.runs, args.rounds, args.warmup)
        print(table(done), flush=True)
        entries += done
    print("\n# all loops\n" + table(entries))
    if args.json:
        args.json.write_text(json.dumps([{**asdict(e), "best": e.best} for e in entries], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
