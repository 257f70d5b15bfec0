"""s132: aa[0][i] = aa[1][i-1] + b[i] * c[1] for 1 <= i < LEN_2D.

Strategy: row 0 is written from row 1 only: one shifted vector expression.
"""


def s132_triton(LEN_1D, LEN_2D, aa, b, c):
    aa[0, 1:] = aa[1, :-1] + b[1:LEN_2D] * c[1]
