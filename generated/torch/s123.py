"""s123: for i < LEN_1D/2: a[++j] = b[i] + d[i]*e[i]; if (c[i] > 0) a[++j] = c[i] + d[i]*e[i].

Strategy: stream expansion: iteration i writes first at i + (number of
c > 0 before i), an exclusive cumsum of the predicate; two scatters.
"""
import torch


def s123_triton(LEN_1D, a, b, c, d, e):
    half = LEN_1D // 2
    b, c, d, e = b[:half], c[:half], d[:half], e[:half]
    taken = c > 0
    before = torch.cumsum(taken.to(torch.int64), 0) - taken.to(torch.int64)
    first = torch.arange(half, device=a.device) + before
    a[first] = b + d * e
    a[first[taken] + 1] = (c + d * e)[taken]
