"""s1161: for i < LEN_1D-1, if c[i] < 0 then b[i] = a[i] + d[i]^2 else a[i] = c[i] + d[i]*e[i].

Strategy: every iteration touches index i alone: both branches element-wise,
selected with torch.where.
"""
import torch


def s1161_triton(LEN_1D, a, b, c, d, e):
    n = LEN_1D - 1
    a, b, c, d, e = a[:n], b[:n], c[:n], d[:n], e[:n]
    neg = c < 0
    b_new = torch.where(neg, a + d * d, b)
    a.copy_(torch.where(neg, a, c + d * e))
    b.copy_(b_new)
