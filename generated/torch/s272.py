"""s272: where e[i] >= t: a[i] += c[i]*d[i]; b[i] += c[i]*c[i].

Strategy: if-conversion with torch.where, one mask for both updates.
"""
import torch


def s272_triton(LEN_1D, a, b, c, d, e, t):
    taken = e >= t
    a.copy_(torch.where(taken, a + c * d, a))
    b.copy_(torch.where(taken, b + c * c, b))
