"""s1251: s = b[i] + c[i]; b[i] = a[i] + d[i]; a[i] = s*e[i].

Strategy: every iteration touches element i only: element-wise, s computed
from the old b first.
"""
import torch


def s1251_triton(LEN_1D, a, b, c, d, e):
    s = b + c
    torch.add(a, d, out=b)
    torch.mul(s, e, out=a)
