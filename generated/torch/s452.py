"""s452: a[i] = b[i] + c[i] * (real_t)(i+1).

Strategy: element-wise with torch.arange for i+1.
"""
import torch


def s452_triton(LEN_1D, a, b, c):
    count = torch.arange(1, LEN_1D + 1, dtype=a.dtype, device=a.device)
    torch.add(b, c * count, out=a)
