"""s1279: c[i] += d[i]*e[i] where a[i] < 0 and b[i] > a[i].

Strategy: the nested conditions combine into one torch.where mask.
"""
import torch


def s1279_triton(LEN_1D, a, b, c, d, e):
    c.copy_(torch.where((a < 0) & (b > a), c + d * e, c))
