"""s279: vector if/gotos.

    if a[i] > 0:  c[i] = -c[i] + e[i]*e[i]
    else:         b[i] = -b[i] + d[i]*d[i]; if b[i] > a[i]: c[i] += d[i]*e[i]
    a[i] = b[i] + c[i]*d[i]

Strategy: every iteration touches element i only: nested torch.where.
"""
import torch


def s279_triton(LEN_1D, a, b, c, d, e):
    positive = a > 0
    b_new = torch.where(positive, b, -b + d * d)
    c_else = torch.where(b_new <= a, c, c + d * e)
    c.copy_(torch.where(positive, -c + e * e, c_else))
    b.copy_(b_new)
    a.copy_(b + c * d)
