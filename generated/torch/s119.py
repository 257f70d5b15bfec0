"""s119: aa[i][j] = aa[i-1][j-1] + bb[i][j] for i, j >= 1.

Strategy: a prefix sum along every diagonal, from its head in row 0 or
column 0 (never written): skew the matrix so each diagonal is a column
(scatter), torch.cumsum down the rows, and gather back.
"""
import torch


def s119_triton(LEN_2D, aa, bb):
    i = torch.arange(LEN_2D, device=aa.device).unsqueeze(1)
    j = torch.arange(LEN_2D, device=aa.device).unsqueeze(0)
    terms = torch.where((i == 0) | (j == 0), aa, bb)  # the heads, then the increments
    diagonal = j - i + (LEN_2D - 1)  # the column of element (i, j) in the skewed matrix
    skewed = torch.zeros(LEN_2D, 2 * LEN_2D - 1, dtype=aa.dtype, device=aa.device)
    skewed.scatter_(1, diagonal, terms)
    aa.copy_(torch.cumsum(skewed, dim=0).gather(1, diagonal))
