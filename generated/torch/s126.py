"""s126: bb[j][i] = bb[j-1][i] + flat_2d_array[i*LEN_2D + j-1] * cc[j][i].

Strategy: a prefix sum down each column: torch.cumsum over rows of the
products (flat read as a transposed matrix), seeded with row 0 of bb.
"""
import torch


def s126_triton(LEN_2D, bb, cc, flat_2d_array):
    flat = flat_2d_array.view(LEN_2D, LEN_2D).T  # flat[j-1, i] = flat_2d_array[i*LEN_2D + j-1]
    terms = flat[:LEN_2D - 1] * cc[1:]
    bb.copy_(torch.cumsum(torch.cat([bb[:1], terms]), dim=0))
