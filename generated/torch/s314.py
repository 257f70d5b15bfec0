"""s314: maximum of a (x starts at a[0], replaced by any larger element).

Strategy: torch.max.
"""
import torch


def s314_triton(LEN_1D, a):
    return torch.max(a)
