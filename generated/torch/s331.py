"""s331: j = the last index with a[j] < 0 (or -1); returns j+1.

Strategy: torch.max of (i+1 where a[i] < 0, else 0).
"""
import torch


def s331_triton(LEN_1D, a):
    after = torch.arange(1, LEN_1D + 1, device=a.device)
    return torch.max(torch.where(a < 0, after, 0)).to(a.dtype)
