"""s342: unpack: the k-th positive a[i] (in order) takes b[k].

Strategy: the source index is the number of positive a before i, a
torch.cumsum of the predicate; gather and torch.where.
"""
import torch


def s342_triton(LEN_1D, a, b):
    positive = a > 0
    rank = torch.cumsum(positive, dim=0) - 1
    a.copy_(torch.where(positive, b[rank.clamp(min=0)], a))
