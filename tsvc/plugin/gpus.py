"""One GPU per xdist worker, claimed before CUDA initialises.

A worker claims the first GPU whose lock file it can lock (flock, held for the
worker's life), so a worker that xdist starts to replace a crashed one takes
the GPU the dead one released, never one in use. A worker that finds every GPU
taken shares one for correctness tests, and the benchmark refuses to time on it.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO


@dataclass
class Claim:
    index: int | None  # the physical GPU, or None where there is none
    exclusive: bool  # whether this process alone uses it
    handle: IO[str] | None = None  # keeps the lock while open

    def release(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


def gpu_count() -> int:
    """Counted with nvidia-smi, so that CUDA is not initialised in this process."""
    if shutil.which("nvidia-smi") is None:
        return 0
    proc = subprocess.run(["nvidia-smi", "-L"], capture_output=True, text=True)
    return sum(line.startswith("GPU ") for line in proc.stdout.splitlines()) if proc.returncode == 0 else 0


def lock_dir() -> Path:
    path = Path(os.environ.get("TSVC_GPU_LOCK_DIR") or Path(tempfile.gettempdir()) / f"tsvc-gpus-{os.getuid()}")
    path.mkdir(parents=True, exist_ok=True)
    return path


def claim(count: int, worker_number: int, locks: Path | None = None) -> Claim:
    """Locks a free GPU of `count`; else shares GPU worker_number % count, non-exclusively."""
    if count == 0:
        return Claim(None, True)  # no GPU: nothing to share
    locks = locks or lock_dir()
    for index in range(count):
        handle = open(locks / f"gpu{index}.lock", "w")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            continue
        return Claim(index, True, handle)
    return Claim(worker_number % count, False)


def visible_devices(physical: int) -> str:
    """The CUDA_VISIBLE_DEVICES value for a physical index, within any the user already set."""
    given = os.environ.get("CUDA_VISIBLE_DEVICES")
    if given:
        return given.split(",")[physical].strip()
    return str(physical)
