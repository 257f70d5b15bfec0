"""s2111: wavefront aa[j][i] = (aa[j][i-1] + aa[j-1][i]) / 1.9 for 1 <= i, j < LEN_2D.

Strategy: a Python loop over the anti-diagonals (each depends on the previous
one), each one strided vector expression on the flat matrix. As in C, the sum
is float32 and the division by the double 1.9 is done in double.
"""


def s2111_triton(LEN_2D, aa):
    flat = aa.view(-1)
    step = LEN_2D - 1  # flat distance between neighbours on an anti-diagonal
    for diag in range(2, 2 * LEN_2D - 1):
        first_row, last_row = max(1, diag - step), min(step, diag - 1)
        start = first_row * LEN_2D + diag - first_row
        stop = last_row * LEN_2D + diag - last_row + 1
        total = flat[start - 1:stop - 1:step] + flat[start - LEN_2D:stop - LEN_2D:step]
        flat[start:stop:step] = (total.double() / 1.9).to(aa.dtype)
