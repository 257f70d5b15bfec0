"""Summarises a benchmark JSON written by `pytest tests/test_benchmark.py --benchmark-json FILE`.

Prints the headline figures of the Triton kernels against the C loop: how many
loops are faster, geometric-mean speedups by device, wall and graph time, and
the loops that miss.
"""
from __future__ import annotations

import json
import math
import sys
from pathlib import Path


def geomean(values: list[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else float("nan")


def main(path: str) -> int:
    data = json.loads(Path(path).read_text())
    triton = [b["extra_info"] for b in data["benchmarks"] if b["extra_info"].get("implementation") == "triton"]
    if not triton:
        print("no Triton benchmarks in", path)
        return 1
    calib = triton[0]["calibration"]
    print(f"GPU {calib['gpu']}: copy bandwidth {calib['copy_bandwidth'] / 1e9:.0f} GB/s, "
          f"empty-kernel floor {calib['floor_device'] * 1e6:.2f} us device, {calib['floor_wall'] * 1e6:.1f} us wall")
    for figure in ("device", "wall", "graph"):
        values = [t[f"speedup_{figure}"] for t in triton if t.get(f"speedup_{figure}")]
        faster = sum(v > 1 for v in values)
        print(f"{figure:>6} time: {len(values)} loops, {faster} faster than C, geometric-mean speedup {geomean(values):.2f}x")
    slow = sorted(triton, key=lambda t: t["speedup_device"])[:15]
    print("slowest by device-time speedup:")
    for t in slow:
        print(f"  {t['loop']:>7} {t['size']:>12}: {t['speedup_device']:.2f}x device, {t['speedup_wall']:.2f}x wall, "
              f"kernel {t['device_time'] * 1e6:.1f} us vs C {t['c_time'] * 1e6:.1f} us, efficiency {t['efficiency']:.2f}")
    best = sorted(triton, key=lambda t: -t["efficiency"])[:10]
    print("highest bandwidth efficiency:")
    for t in best:
        print(f"  {t['loop']:>7}: {t['bandwidth'] / 1e9:.0f} GB/s = {t['efficiency']:.2f} of copy bandwidth")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
