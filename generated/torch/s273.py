"""s273: a[i] += d[i]*e[i]; if a[i] < 0: b[i] += d[i]*e[i]; c[i] += a[i]*d[i].

Strategy: element-wise; the test on the new a is a torch.where.
"""
import torch


def s273_triton(LEN_1D, a, b, c, d, e):
    a += d * e
    b.copy_(torch.where(a < 0, b + d * e, b))
    c += a * d
