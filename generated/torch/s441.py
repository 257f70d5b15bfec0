"""s441: arithmetic if: a[i] += b*c, b*b or c*c as d[i] is negative, zero or positive.

Strategy: the three-way branch as nested torch.where.
"""
import torch


def s441_triton(LEN_1D, a, b, c, d):
    a += torch.where(d < 0, b * c, torch.where(d == 0, b * b, c * c))
