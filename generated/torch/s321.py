"""s321: first-order linear recurrence a[i] = a[i] + a[i-1] * b[i] for i >= 1.

Strategy: x[i] = b[i]*x[i-1] + a[i] has no torch primitive (cumsum/cumprod
forms divide by vanishing products), so a blocked scan: the array as about
sqrt(n) rows; a Python loop over the columns solves every row from a zero
start at once (and the product of its multipliers), a Python loop over the
rows chains the rows' last values, and one broadcast adds each row's carry.
"""
import math

import torch


def s321_triton(LEN_1D, a, b):
    width = max(1, math.isqrt(LEN_1D))
    rows = -(-LEN_1D // width)
    pad = rows * width - LEN_1D
    add = torch.nn.functional.pad(a, (0, pad)).view(rows, width)
    mul = torch.nn.functional.pad(b, (0, pad)).view(rows, width).clone()
    mul[0, 0] = 0.0  # a[0] is not updated
    local = torch.empty_like(add)  # each row's solution from a zero start
    gain = torch.empty_like(add)  # how each row's incoming value reaches column j
    local[:, 0], gain[:, 0] = add[:, 0], mul[:, 0]
    for j in range(1, width):
        local[:, j] = add[:, j] + local[:, j - 1] * mul[:, j]
        gain[:, j] = gain[:, j - 1] * mul[:, j]
    carry = torch.zeros(rows, dtype=a.dtype, device=a.device)
    for r in range(1, rows):
        carry[r] = local[r - 1, -1] + gain[r - 1, -1] * carry[r - 1]
    a.copy_((local + gain * carry.unsqueeze(1)).view(-1)[:LEN_1D])
