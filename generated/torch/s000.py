"""s000: a[i] = b[i] + 1.

Strategy: one element-wise expression over the whole array.
"""
import torch


def s000_triton(LEN_1D, a, b):
    torch.add(b, 1.0, out=a)
