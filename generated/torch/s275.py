"""s275: where aa[0][i] > 0: aa[j][i] = aa[j-1][i] + bb[j][i]*cc[j][i] for j >= 1.

Strategy: a prefix sum down each column (torch.cumsum over rows, seeded with
row 0), kept only in the columns whose head is positive.
"""
import torch


def s275_triton(LEN_2D, aa, bb, cc):
    scanned = torch.cumsum(torch.cat([aa[:1], bb[1:] * cc[1:]]), dim=0)
    aa.copy_(torch.where(aa[0] > 0, scanned, aa))
