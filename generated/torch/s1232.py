"""s1232: aa[i][j] = bb[i][j] + cc[i][j] for the lower triangle i >= j.

Strategy: element-wise, selected by a triangular mask.
"""
import torch


def s1232_triton(LEN_2D, aa, bb, cc):
    lower = torch.ones(LEN_2D, LEN_2D, dtype=torch.bool, device=aa.device).tril()
    aa.copy_(torch.where(lower, bb + cc, aa))
