"""s277: for i < LEN_1D-1: if a[i] < 0 { if b[i] < 0: a[i] += c[i]*d[i]; b[i+1] = c[i] + d[i]*e[i] }.

Strategy: the only carried value is b[i+1], written where the old a[i] < 0;
the b[i] each iteration tests is rebuilt from the old arrays, then torch.where.
"""
import torch


def s277_triton(LEN_1D, a, b, c, d, e):
    n = LEN_1D - 1
    neg = a[:n] < 0
    b_next = c[:n] + d[:n] * e[:n]  # what iteration i stores into b[i+1]
    written_before = torch.cat([torch.zeros(1, dtype=torch.bool, device=a.device), neg[:-1]])
    b_seen = torch.where(written_before, torch.cat([b_next[:1], b_next[:-1]]), b[:n])
    a_new = torch.where(neg & (b_seen < 0), a[:n] + c[:n] * d[:n], a[:n])
    b[1:] = torch.where(neg, b_next, b[1:])
    a[:n] = a_new
