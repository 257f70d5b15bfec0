"""s3111: sum of the positive elements of a (conditional sum reduction).

Strategy: torch.sum of a clamped at 0 (non-positive elements add nothing).
"""
import torch


def s3111_triton(LEN_1D, a):
    return torch.sum(a.clamp(min=0))
