"""s257: for i >= 1, for every row j: a[i] = aa[j][i] - a[i-1]; aa[j][i] = a[i] + bb[j][i].

Strategy: a[i] = aa[LEN_2D-1][i] - a[i-1] is a recurrence with multiplier -1,
a[i] = (-1)^i * (a[0] + cumsum of (-1)^k * aa[LEN_2D-1][k]): torch.cumsum; then
aa is one broadcast expression on the previous a.
"""
import torch


def s257_triton(LEN_1D, LEN_2D, a, aa, bb):
    sign = 1.0 - 2.0 * (torch.arange(LEN_2D, device=a.device) % 2).to(a.dtype)
    terms = torch.cat([a[:1], aa[LEN_2D - 1, 1:] * sign[1:]])
    a[:LEN_2D] = sign * torch.cumsum(terms, dim=0)
    aa[:, 1:] = (aa[:, 1:] - a[:LEN_2D - 1]) + bb[:, 1:]
