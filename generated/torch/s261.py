"""s261: for i >= 1: a[i] = (a[i] + b[i]) + c[i-1]; c[i] = c[i]*d[i].

Strategy: c[i-1] is the previous iteration's c_old[i-1]*d[i-1] (c[0] at
i = 1): a shifted vector from old values, then element-wise.
"""
import torch


def s261_triton(LEN_1D, a, b, c, d):
    c_prev = torch.cat([c[:1], c[1:-1] * d[1:-1]])
    a[1:] = (a[1:] + b[1:]) + c_prev
    c[1:] *= d[1:]
