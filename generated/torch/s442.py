"""s442: computed goto: a[i] += b^2, c^2, d^2 or e^2 as indx[i] is 1, 2, 3 or 4.

Strategy: the switch as a chain of torch.where (any other value falls through
to label L15, b^2, as in C).
"""
import torch


def s442_triton(LEN_1D, a, b, c, d, e, indx):
    term = torch.where(indx == 2, c * c, torch.where(indx == 3, d * d, torch.where(indx == 4, e * e, b * b)))
    a += term
