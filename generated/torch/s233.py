"""s233: for i, j >= 1: aa[j][i] = aa[j-1][i] + cc[j][i]; bb[j][i] = bb[j][i-1] + cc[j][i].

Strategy: loop distribution, then torch.cumsum: aa down its columns >= 1,
bb along its rows >= 1.
"""
import torch


def s233_triton(LEN_2D, aa, bb, cc):
    aa[:, 1:] = torch.cumsum(torch.cat([aa[:1, 1:], cc[1:, 1:]]), dim=0)
    bb[1:, :] = torch.cumsum(torch.cat([bb[1:, :1], cc[1:, 1:]], dim=1), dim=1)
