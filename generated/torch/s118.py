"""s118: for i >= 1: a[i] += sum_{j<i} bb[j][i] * a[i-j-1] (over a[0:LEN_2D]).

Strategy: every a[i] adds a dot product with earlier final values, i.e. the
final a solves (I - L) x = a_old with L[i][k] = bb[i-1-k][i] for k < i:
gather L, then one torch.linalg.solve_triangular.
"""
import torch


def s118_triton(LEN_1D, LEN_2D, a, bb):
    i = torch.arange(LEN_2D, device=a.device).unsqueeze(1)
    k = torch.arange(LEN_2D, device=a.device).unsqueeze(0)
    below = k < i
    taps = torch.where(below, bb[(i - 1 - k).clamp(min=0), i], 0.0)
    system = torch.eye(LEN_2D, dtype=bb.dtype, device=a.device) - taps
    x = torch.linalg.solve_triangular(system, a[:LEN_2D].unsqueeze(1), upper=False, unitriangular=True)
    a[:LEN_2D] = x.squeeze(1)
