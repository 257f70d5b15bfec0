"""s175: a[i] = a[i+inc] + b[i] for i = 0, inc, 2*inc, ... < LEN_1D-1.

Strategy: every a[i+inc] is read before it is overwritten: an indexed
expression over the old a (computed before the store).
"""
import torch


def s175_triton(LEN_1D, a, b, inc):
    i = torch.arange(0, LEN_1D - 1, inc, device=a.device)
    a[i] = a[i + inc] + b[i]
