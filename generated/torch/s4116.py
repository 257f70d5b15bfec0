"""s4116: sum over i < LEN_2D-1 of a[inc+i] * aa[j-1][ip[i]].

Strategy: a gather from row j-1 of aa and torch.dot.
"""
import torch


def s4116_triton(LEN_1D, LEN_2D, a, aa, ip, j, inc):
    n = LEN_2D - 1
    return torch.dot(a[inc:inc + n], aa[j - 1, ip[:n].long()])
