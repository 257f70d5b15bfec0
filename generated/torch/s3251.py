"""s3251: a[i+1] = b[i] + c[i]; b[i] = c[i]*e[i]; d[i] = a[i]*e[i] for i < LEN_1D-1.

Strategy: scalar expansion: s = b_old + c is the new a[1:] and the a that d
reads one iteration later (a[0] at i = 0); all element-wise on old values.
"""
import torch


def s3251_triton(LEN_1D, a, b, c, d, e):
    n = LEN_1D - 1
    s = b[:n] + c[:n]
    d[:n] = torch.cat([a[:1], s[:-1]]) * e[:n]
    a[1:] = s
    b[:n] = c[:n] * e[:n]
