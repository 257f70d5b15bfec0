"""s482: a[i] += b[i]*c[i], breaking after the first i with c[i] > b[i].

Strategy: the update comes before the test, so the iterations that run are
those with no break strictly before them: an exclusive torch.cumsum of the
predicate, then torch.where.
"""
import torch


def s482_triton(LEN_1D, a, b, c):
    breaks = c > b
    running = torch.cumsum(breaks, dim=0) - breaks.to(torch.int64) == 0
    a.copy_(torch.where(running, a + b * c, a))
