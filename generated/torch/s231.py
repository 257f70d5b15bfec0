"""s231: aa[j][i] = aa[j-1][i] + bb[j][i] for every column i and rows j >= 1.

Strategy: loop interchange: a prefix sum down each column, torch.cumsum
over rows seeded with row 0.
"""
import torch


def s231_triton(LEN_2D, aa, bb):
    aa.copy_(torch.cumsum(torch.cat([aa[:1], bb[1:]]), dim=0))
