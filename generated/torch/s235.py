"""s235: for i < LEN_2D, a[i] += b[i]*c[i]; aa[j][i] = aa[j-1][i] + bb[j][i]*a[i] for j >= 1.

Strategy: loop interchange: a element-wise, then a prefix sum down each
column of aa (torch.cumsum over rows, seeded with row 0).
"""
import torch


def s235_triton(LEN_1D, LEN_2D, a, b, c, aa, bb):
    a[:LEN_2D] += b[:LEN_2D] * c[:LEN_2D]
    aa.copy_(torch.cumsum(torch.cat([aa[:1], bb[1:] * a[:LEN_2D]]), dim=0))
