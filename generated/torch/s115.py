"""s115: for j, for i > j: a[i] -= aa[j][i] * a[j] (triangular saxpy on a[0:LEN_2D]).

Strategy: a forward substitution: the final a solves (I + U^T) x = a_old with
U the strict upper triangle of aa, so one torch.linalg.solve_triangular.
"""
import torch


def s115_triton(LEN_1D, LEN_2D, a, aa):
    lower = aa.triu(1).T + torch.eye(LEN_2D, dtype=aa.dtype, device=aa.device)
    x = torch.linalg.solve_triangular(lower, a[:LEN_2D].unsqueeze(1), upper=False, unitriangular=True)
    a[:LEN_2D] = x.squeeze(1)
