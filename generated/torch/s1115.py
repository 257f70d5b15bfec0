"""s1115: aa[i][j] = aa[i][j] * cc[j][i] + bb[i][j].

Strategy: element-wise over the matrix, cc read transposed.
"""


def s1115_triton(LEN_2D, aa, bb, cc):
    aa.copy_(aa * cc.T + bb)
