"""s3112: running sum b[i] = a[0] + ... + a[i]; returns the total.

Strategy: torch.cumsum; the total is its last element.
"""
import torch


def s3112_triton(LEN_1D, a, b):
    torch.cumsum(a, dim=0, out=b)
    return b[-1].clone()
