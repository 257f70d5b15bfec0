"""s2251: a[i] = s*e[i]; s = b[i] + c[i]; b[i] = a[i] + d[i] (s = 0 before the loop).

Strategy: the carried scalar is b_old[i-1] + c[i-1] (0 at i = 0): a shifted
vector, then two element-wise statements.
"""
import torch


def s2251_triton(LEN_1D, a, b, c, d, e):
    s = torch.cat([torch.zeros(1, dtype=b.dtype, device=b.device), b[:-1] + c[:-1]])
    torch.mul(s, e, out=a)
    torch.add(a, d, out=b)
