"""s471: x[i] = b[i] + d[i]^2; s471s(); b[i] = c[i] + d[i]*e[i].

Strategy: the call has no effect: two element-wise statements (x from the old b first).
"""
import torch


def s471_triton(LEN_1D, b, c, d, e, x):
    torch.add(b, d * d, out=x)
    torch.add(c, d * e, out=b)
