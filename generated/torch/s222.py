"""s222: for 1 <= i < LEN_1D, a[i] += b[i]*c[i]; e[i] = e[i-1]^2; a[i] -= b[i]*c[i].

Strategy: loop distribution: a element-wise (rounded as C rounds it); the e
recurrence in closed form, e[i] = e[0] ** (2 ** i).
"""
import torch


def s222_triton(LEN_1D, a, b, c, e):
    a[1:] = (a[1:] + b[1:] * c[1:]) - b[1:] * c[1:]
    powers = torch.exp2(torch.arange(1, LEN_1D, dtype=e.dtype, device=e.device))
    e[1:] = e[0] ** powers
