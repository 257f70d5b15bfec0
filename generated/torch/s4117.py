"""s4117: a[i] = b[i] + c[i/2] * d[i].

Strategy: c[i/2] is c with every element repeated twice: torch.repeat_interleave.
"""
import torch


def s4117_triton(LEN_1D, a, b, c, d):
    halves = torch.repeat_interleave(c[:(LEN_1D + 1) // 2], 2)[:LEN_1D]
    torch.add(b, halves * d, out=a)
