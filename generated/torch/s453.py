"""s453: s += 2; a[i] = s * b[i] (s starts at 0).

Strategy: induction-variable substitution: s = 2*(i+1) (exact in float32).
"""
import torch


def s453_triton(LEN_1D, a, b):
    s = 2.0 * torch.arange(1, LEN_1D + 1, dtype=a.dtype, device=a.device)
    torch.mul(s, b, out=a)
