"""s274: a[i] = c[i] + e[i]*d[i]; if a[i] > 0: b[i] = a[i] + b[i] else a[i] = d[i]*e[i].

Strategy: if-conversion: both branch values element-wise, torch.where picks.
"""
import torch


def s274_triton(LEN_1D, a, b, c, d, e):
    first = c + e * d
    positive = first > 0
    b.copy_(torch.where(positive, first + b, b))
    a.copy_(torch.where(positive, first, d * e))
