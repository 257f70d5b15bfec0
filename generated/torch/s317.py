"""s317: q = .99 multiplied LEN_1D/2 times (a product reduction of a constant).

Strategy: the closed form .99 ** (LEN_1D/2), in float32.
"""
import torch


def s317_triton(LEN_1D):
    return torch.tensor(0.99, dtype=torch.float32) ** (LEN_1D // 2)
