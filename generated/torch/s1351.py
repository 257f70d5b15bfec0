"""s1351: *A = *B + *C with the pointers A, B, C walked one element per iteration.

Strategy: the induction pointers are a[i] = b[i] + c[i]: element-wise.
"""
import torch


def s1351_triton(LEN_1D, a, b, c):
    torch.add(b, c, out=a)
