"""s2710: scalar and vector ifs.

    if a[i] > b[i]: a[i] += b[i]*d[i]; c[i] = LEN_1D > 10 ? c[i] + d[i]*d[i] : d[i]*e[i] + 1
    else:           b[i] = a[i] + e[i]*e[i]; c[i] = x > 0 ? a[i] + d[i]*d[i] : c[i] + e[i]*e[i]

Strategy: the loop-invariant scalar tests are Python ifs, the vector test torch.where.
"""
import torch


def s2710_triton(LEN_1D, a, b, c, d, e, x):
    greater = a > b
    c_then = c + d * d if LEN_1D > 10 else d * e + 1.0
    c_else = a + d * d if x > 0 else c + e * e
    c.copy_(torch.where(greater, c_then, c_else))
    b_new = torch.where(greater, b, a + e * e)
    a.copy_(torch.where(greater, a + b * d, a))
    b.copy_(b_new)
