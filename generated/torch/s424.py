"""s424: flat[i+64] = flat[i] + a[i] for i < LEN_1D-1 (TSVC's xx = flat_2d_array + 63).

Strategy: a true dependence at distance 64 makes 64 independent prefix sums:
lay flat[0:64] then a as rows of 64 and take torch.cumsum down the rows.
"""
import torch


def s424_triton(LEN_1D, LEN_2D, flat_2d_array, a):
    n = LEN_1D - 1
    rows = -(-(n + 64) // 64)
    terms = torch.zeros(rows * 64, dtype=a.dtype, device=a.device)
    terms[:64] = flat_2d_array[:64]
    terms[64:n + 64] = a[:n]
    flat_2d_array[64:n + 64] = torch.cumsum(terms.view(rows, 64), dim=0).view(-1)[64:n + 64]
