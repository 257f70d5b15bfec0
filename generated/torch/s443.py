"""s443: a[i] += b[i]*c[i] where d[i] <= 0, else a[i] += b[i]*b[i] (if/else by gotos).

Strategy: one torch.where.
"""
import torch


def s443_triton(LEN_1D, a, b, c, d):
    a += torch.where(d <= 0, b * c, b * b)
