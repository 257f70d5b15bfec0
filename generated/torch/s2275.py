"""s2275: for each i: aa[j][i] += bb[j][i]*cc[j][i] for all j; a[i] = b[i] + c[i]*d[i].

Strategy: distribution and interchange: two element-wise statements.
"""


def s2275_triton(LEN_1D, LEN_2D, a, aa, b, bb, c, cc, d):
    aa += bb * cc
    a[:LEN_2D] = b[:LEN_2D] + c[:LEN_2D] * d[:LEN_2D]
