"""s258: if a[i] > 0: s = d[i]*d[i]; b[i] = s*c[i] + d[i]; e[i] = (s + 1)*aa[0][i], i < LEN_2D.

Strategy: s is d[k]^2 for the last k <= i with a[k] > 0 (0 if none): a running
maximum of the qualifying index (torch.cummax), then a gather.
"""
import torch


def s258_triton(LEN_1D, LEN_2D, a, b, c, d, e, aa):
    n = LEN_2D
    index = torch.arange(n, device=a.device)
    last = torch.cummax(torch.where(a[:n] > 0, index, -1), dim=0).values
    dk = d[last.clamp(min=0)]
    s = torch.where(last >= 0, dk * dk, 0.0)
    b[:n] = s * c[:n] + d[:n]
    e[:n] = (s + 1.0) * aa[0, :n]
