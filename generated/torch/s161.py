"""s161: for i < LEN_1D-1: if (b[i] < 0) c[i+1] = a[i] + d[i]*d[i]; else a[i] = c[i] + d[i]*e[i].

Strategy: the only carried value is c[i], written by iteration i-1 (b[i-1] < 0)
and read by iteration i (b[i] >= 0); both branches are computed from the old
arrays and combined with torch.where.
"""
import torch


def s161_triton(LEN_1D, a, b, c, d, e):
    n = LEN_1D - 1
    neg = b[:n] < 0
    c_next = a[:n] + d[:n] * d[:n]  # what iteration i stores into c[i+1]
    written_before = torch.cat([torch.zeros(1, dtype=torch.bool, device=b.device), neg[:-1]])
    c_seen = torch.where(written_before, torch.cat([c_next[:1], c_next[:-1]]), c[:n])
    a_new = torch.where(neg, a[:n], c_seen + d[:n] * e[:n])
    c[1:] = torch.where(neg, c_next, c[1:])
    a[:n] = a_new
