"""s312: product of a.

Strategy: torch.prod, accumulated in float64: a long float32 product of
values near 1 drifts (at 2M elements further than the float32 C loop does).
"""
import torch


def s312_triton(LEN_1D, a):
    return torch.prod(a, dtype=torch.float64).to(a.dtype)
