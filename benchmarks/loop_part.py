"""Prints a pytest -k expression selecting part I of N of the catalogue's loops (in catalogue order).

A GPU session's command may run 10 minutes at most: every loop's benchmark group (C, OpenMP, PyTorch eager,
torch.compile, Triton) at one scale takes longer, so benchmarks/gpu_session.sh's `group` step runs it in parts.
"""
from __future__ import annotations

import sys

from tsvc.record import catalog


def part(index: int, parts: int) -> list[str]:
    names = list(catalog.catalog())
    return names[index - 1::parts]  # interleaved: each part mixes cheap and costly loops


if __name__ == "__main__":
    index, parts = (int(n) for n in sys.argv[1].split("/"))
    print(" or ".join(f"[{name}-scale" for name in part(index, parts)))  # ids are [<loop>-scale<N>]
