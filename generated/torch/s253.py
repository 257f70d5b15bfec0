"""s253: where a[i] > b[i]: s = a[i] - b[i]*d[i]; c[i] += s; a[i] = s.

Strategy: the scalar temporary becomes a vector; the condition a torch.where.
"""
import torch


def s253_triton(LEN_1D, a, b, c, d):
    taken = a > b
    s = a - b * d
    c.copy_(torch.where(taken, c + s, c))
    a.copy_(torch.where(taken, s, a))
