"""s2711: a[i] += b[i] * c[i] where b[i] != 0 (semantic if removal).

Strategy: element-wise, the condition kept as torch.where.
"""
import torch


def s2711_triton(LEN_1D, a, b, c):
    a.copy_(torch.where(b != 0, a + b * c, a))
