"""s232: aa[j][i] = aa[j][i-1]^2 + bb[j][i] for 1 <= i <= j < LEN_2D.

Strategy: a nonlinear recurrence along each row: a Python loop over the
columns i, each step one vector expression over the rows j >= i.
"""


def s232_triton(LEN_2D, aa, bb):
    for i in range(1, LEN_2D):
        prev = aa[i:, i - 1]
        aa[i:, i] = prev * prev + bb[i:, i]
