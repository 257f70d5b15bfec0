"""s352: dot product of a and b, hand-unrolled by 5.

Strategy: rerolled: torch.dot.
"""
import torch


def s352_triton(LEN_1D, a, b):
    return torch.dot(a, b)
