"""s322: a[i] = a[i] + a[i-1]*b[i] + a[i-2]*c[i] for i >= 2.

Strategy: a second-order linear recurrence has no torch primitive, so a
blocked scan: the array as about sqrt(n) rows; a Python loop over the columns
solves every row at once from a zero start and from the two unit starts
(x[-1] = 1, x[-2] = 1), a Python loop over the rows chains the rows' last two
values, and one broadcast combines the three solutions per row.
"""
import math

import torch


def s322_triton(LEN_1D, a, b, c):
    width = max(2, math.isqrt(LEN_1D))
    rows = -(-LEN_1D // width)
    pad = rows * width - LEN_1D
    add = torch.nn.functional.pad(a, (0, pad)).view(rows, width)
    mul1 = torch.nn.functional.pad(b, (0, pad)).view(rows, width).clone()
    mul2 = torch.nn.functional.pad(c, (0, pad)).view(rows, width).clone()
    mul1[0, :2] = 0.0  # a[0] and a[1] are not updated
    mul2[0, :2] = 0.0
    zero = torch.zeros(rows, dtype=a.dtype, device=a.device)
    one = torch.ones(rows, dtype=a.dtype, device=a.device)
    # (particular, response to x[-1] = 1, response to x[-2] = 1), with the two previous values of each
    cur, prev = [zero, one, zero], [zero, zero, one]
    sols = [torch.empty_like(add) for _ in range(3)]
    for j in range(width):
        nxt = [(add[:, j] if k == 0 else 0.0) + cur[k] * mul1[:, j] + prev[k] * mul2[:, j] for k in range(3)]
        for k in range(3):
            sols[k][:, j] = nxt[k]
        prev, cur = cur, nxt
    last = torch.zeros(rows, dtype=a.dtype, device=a.device)  # x entering each row: x[-1], x[-2]
    before = torch.zeros(rows, dtype=a.dtype, device=a.device)
    for r in range(1, rows):
        last[r] = sols[0][r - 1, -1] + sols[1][r - 1, -1] * last[r - 1] + sols[2][r - 1, -1] * before[r - 1]
        before[r] = sols[0][r - 1, -2] + sols[1][r - 1, -2] * last[r - 1] + sols[2][r - 1, -2] * before[r - 1]
    full = sols[0] + sols[1] * last.unsqueeze(1) + sols[2] * before.unsqueeze(1)
    a.copy_(full.view(-1)[:LEN_1D])
