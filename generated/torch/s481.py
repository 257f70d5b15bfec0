"""s481: a[i] += b[i]*c[i] until the first i with d[i] < 0 (TSVC's exit(0)).

Strategy: the iterations before the exit are those with no negative d up to
them: a torch.cumsum of the predicate, then torch.where.
"""
import torch


def s481_triton(LEN_1D, a, b, c, d):
    running = torch.cumsum(d < 0, dim=0) == 0
    a.copy_(torch.where(running, a + b * c, a))
