"""s332: the first a[i] > t (an early exit by goto); returns that value, or -1.

Strategy: torch.argmax of the predicate finds the first hit; torch.where
gives -1 when there is none.
"""
import torch


def s332_triton(LEN_1D, a, t):
    above = a > t
    first = torch.argmax(above.to(torch.int32))
    return torch.where(above.any(), a[first], torch.tensor(-1.0, dtype=a.dtype, device=a.device))
