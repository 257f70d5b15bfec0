"""s1221: b[i] = b[i-4] + a[i] for 4 <= i < LEN_1D.

Strategy: four interleaved prefix sums: view the array as rows of 4 and take
torch.cumsum down the rows, seeded with b[0:4].
"""
import torch


def s1221_triton(LEN_1D, a, b):
    rows = -(-LEN_1D // 4)
    terms = torch.zeros(rows * 4, dtype=b.dtype, device=b.device)
    terms[:4] = b[:4]
    terms[4:LEN_1D] = a[4:]
    b.copy_(torch.cumsum(terms.view(rows, 4), dim=0).view(-1)[:LEN_1D])
