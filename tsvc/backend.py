"""Where kernels run: a CUDA GPU when there is one, else Triton's interpreter on CPU tensors.

The choice must be made before any kernel module is imported, because
`@triton.jit` reads TRITON_INTERPRET when it decorates a function.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Backend:
    device: str  # "cuda" or "cpu"
    interpreted: bool
    description: str

    @property
    def can_time(self) -> bool:
        return not self.interpreted


@lru_cache(maxsize=1)
def select() -> Backend:
    """Picks the backend once per process and sets TRITON_INTERPRET to match."""
    import torch

    if torch.cuda.is_available() and os.environ.get("TRITON_INTERPRET", "0") != "1":
        name = torch.cuda.get_device_name(0)
        return Backend("cuda", False, f"CUDA on {name}")
    os.environ["TRITON_INTERPRET"] = "1"
    why = "TRITON_INTERPRET=1 was set" if torch.cuda.is_available() else "no CUDA device found"
    return Backend("cpu", True, f"Triton interpreter on CPU tensors ({why}); timings are meaningless")
