"""What the sandbox costs: worker start and one checked call, jailed vs. a plain child process.

Usage: python benchmarks/isolation_cost.py [--loops s000,s311] [--rounds 5]
Each figure is the median over rounds, the two settings interleaved in one process.
"""
from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from tsvc import backend
from tsvc.record import catalog
from tsvc.sandbox import confinement, runner
from tsvc.record.inputs import make_inputs, scalar_values
from tsvc.record.sizes import Size

REFERENCE = Path(__file__).resolve().parents[1] / "generated" / "reference"


def _measure(loop_name: str, size: Size, jailed: bool) -> tuple[float, float]:
    os.environ["TSVC_SANDBOX"] = "on" if jailed else "off"
    confinement.confinement.cache_clear()
    loop = catalog.get(loop_name)
    header = {"cmd": "run", "loop": loop.name, "module": str(REFERENCE / f"{loop.name}.py"),
              "scalars": scalar_values(loop, size)}
    pool = runner.Runner(backend.select().device)
    start = time.perf_counter()
    pool.request(header, make_inputs(loop, size, 0))  # starts the worker, loads and compiles the module
    first = time.perf_counter() - start
    calls = []
    for _ in range(5):
        start = time.perf_counter()
        pool.request(header, make_inputs(loop, size, 0))
        calls.append(time.perf_counter() - start)
    pool.close()
    return first, statistics.median(calls)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loops", default="s000,s311,s1113")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    size = Size(32000, 256)
    print(f"backend: {backend.select().description}")
    print(f"{'loop':8s} {'setting':7s} {'first call (start+load) s':>26s} {'later call ms':>14s}")
    for name in args.loops.split(","):
        figures: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
        for _ in range(args.rounds):
            for jailed in (True, False):
                figures[jailed].append(_measure(name, size, jailed))
        for jailed in (True, False):
            first = statistics.median(f for f, _ in figures[jailed])
            later = statistics.median(c for _, c in figures[jailed])
            print(f"{name:8s} {'jailed' if jailed else 'plain':7s} {first:26.2f} {later * 1e3:14.1f}")


if __name__ == "__main__":
    main()
