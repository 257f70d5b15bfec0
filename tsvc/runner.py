"""Runs a candidate kernel. For now in this process; see the isolation issue."""
from __future__ import annotations

from pathlib import Path

import numpy as np

from tsvc.candidate import CandidateRun, call_kernel, load_kernel
from tsvc.catalog import Loop


def run_candidate(loop: Loop, module_path: Path, inputs: dict[str, np.ndarray],
                  scalars: dict[str, int | float], device: str) -> CandidateRun:
    fn = load_kernel(loop, module_path)
    return call_kernel(loop, fn, inputs, scalars, device)
