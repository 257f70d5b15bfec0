"""s251: s = b[i] + c[i]*d[i]; a[i] = s*s.

Strategy: the scalar temporary becomes a vector: element-wise.
"""
import torch


def s251_triton(LEN_1D, a, b, c, d):
    s = b + c * d
    torch.mul(s, s, out=a)
