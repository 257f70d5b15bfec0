"""s2102: zero each column of aa, then set its diagonal element: aa becomes the identity.

Strategy: the final state is the identity matrix.
"""
import torch


def s2102_triton(LEN_2D, aa):
    aa.copy_(torch.eye(LEN_2D, dtype=aa.dtype, device=aa.device))
