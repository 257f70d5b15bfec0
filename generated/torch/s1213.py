"""s1213: for 1 <= i < LEN_1D-1, a[i] = b[i-1] + c[i]; b[i] = a[i+1]*d[i].

Strategy: statement reordering: the new b is a function of the old a, and a
reads the previous iteration's new b (the old b[0] at i = 1).
"""
import torch


def s1213_triton(LEN_1D, a, b, c, d):
    n = LEN_1D - 1
    b_new = a[2:] * d[1:n]
    b_prev = torch.cat([b[:1], b_new[:-1]])
    a[1:n] = b_prev + c[1:n]
    b[1:n] = b_new
