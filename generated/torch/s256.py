"""s256: for each column i, for j >= 1: a[j] = 1 - a[j-1]; aa[j][i] = a[j] + bb[j][i]*d[j].

Strategy: a[j] = 1 - a[j-1] alternates between 1 - a[0] (odd j) and
1 - (1 - a[0]) (even j), the same in every column: closed form, then one
broadcast expression for aa.
"""
import torch


def s256_triton(LEN_1D, LEN_2D, a, aa, bb, d):
    odd = 1.0 - a[0]
    even = 1.0 - odd
    j = torch.arange(1, LEN_2D, device=a.device)
    a[1:LEN_2D] = torch.where(j % 2 == 1, odd, even)
    aa[1:] = a[1:LEN_2D].unsqueeze(1) + bb[1:] * d[1:LEN_2D].unsqueeze(1)
