"""s119: aa[i][j] = aa[i-1][j-1] + bb[i][j] for i, j >= 1.

Strategy: a Python loop over the rows (the carried dimension), each row one
shifted vector add of the previous row.
"""


def s119_triton(LEN_2D, aa, bb):
    for i in range(1, LEN_2D):
        aa[i, 1:] = aa[i - 1, :-1] + bb[i, 1:]
