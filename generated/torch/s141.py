"""s141: flat_2d_array[k] += bb[j][i] for j >= i, k walking a packed symmetric array.

Strategy: iteration (i, j) touches flat_2d_array[j*(j+1)/2 + i], every element
once: one gather of the lower triangle of bb and one indexed add.
"""
import torch


def s141_triton(LEN_2D, bb, flat_2d_array):
    j, i = torch.tril_indices(LEN_2D, LEN_2D, device=bb.device)
    k = j * (j + 1) // 2 + i
    flat_2d_array[k] += bb[j, i]
