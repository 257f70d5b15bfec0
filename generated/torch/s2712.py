"""s2712: a[i] += b[i] * c[i] where a[i] > b[i].

Strategy: element-wise, the condition as torch.where.
"""
import torch


def s2712_triton(LEN_1D, a, b, c):
    a.copy_(torch.where(a > b, a + b * c, a))
