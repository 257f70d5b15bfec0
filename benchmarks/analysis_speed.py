"""How long the dependence analysis takes: CPU time per loop (median, slowest, total),
and the footprint count at the largest benchmark size (1024x: 32768000 x 8192).

Issue targets: under 50 ms per loop (median), all 151 loops under 10 s on one core;
footprints under about a second per loop at any size.
"""
from __future__ import annotations

import statistics
import time

import analysis
from analysis.pipeline import run
from tsvc.record import catalog
from tsvc.record.sizes import NATIVE


def main() -> None:
    loops = list(catalog.catalog().values())
    run(loops[0])  # parser tables, isl context
    times = {}
    for loop in loops:
        start = time.process_time()
        run(loop)
        times[loop.name] = time.process_time() - start
    slowest = max(times, key=times.get)
    print(f"analysis: {len(loops)} loops, median {statistics.median(times.values()) * 1e3:.1f} ms, "
          f"slowest {slowest} {times[slowest] * 1e3:.0f} ms, total {sum(times.values()):.2f} s (CPU time)")
    large = NATIVE.scaled(1024)
    footprint = {}
    for loop in loops:
        start = time.process_time()
        analysis.footprint(loop, large)
        footprint[loop.name] = time.process_time() - start
    slowest = max(footprint, key=footprint.get)
    print(f"footprint at {large.label}: median {statistics.median(footprint.values()) * 1e3:.1f} ms, "
          f"slowest {slowest} {footprint[slowest] * 1e3:.0f} ms")


if __name__ == "__main__":
    main()
