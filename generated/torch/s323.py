"""s323: a[i] = b[i-1] + c[i]*d[i]; b[i] = a[i] + c[i]*e[i] for i >= 1.

Strategy: substituting a into b gives b[i] = b[i-1] + c[i]*d[i] + c[i]*e[i]:
torch.cumsum seeded with b[0]; a follows from the previous b.
"""
import torch


def s323_triton(LEN_1D, a, b, c, d, e):
    cd = c[1:] * d[1:]
    b_new = torch.cumsum(torch.cat([b[:1], cd + c[1:] * e[1:]]), dim=0)
    a[1:] = b_new[:-1] + cd
    b.copy_(b_new)
