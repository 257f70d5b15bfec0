"""s278: if a[i] > 0: c[i] = -c[i] + d[i]*e[i] else b[i] = -b[i] + d[i]*e[i]; a[i] = b[i] + c[i]*d[i].

Strategy: the gotos are an if-then-else per element: torch.where.
"""
import torch


def s278_triton(LEN_1D, a, b, c, d, e):
    positive = a > 0
    b.copy_(torch.where(positive, b, -b + d * e))
    c.copy_(torch.where(positive, -c + d * e, c))
    a.copy_(b + c * d)
