"""s318: isamax: max of |a[k]|, k = i * inc, with the first i reaching it; returns max + index + 1.

Strategy: torch.max over |a| at stride inc gives the value and the first index.
"""
import torch


def s318_triton(LEN_1D, a, inc):
    value, index = torch.max(a[0:LEN_1D * inc:inc].abs(), dim=0)
    return (value + index.to(a.dtype)) + 1.0
