"""s212: for i < LEN_1D-1, a[i] *= c[i]; b[i] += a[i+1]*d[i].

Strategy: b reads a[i+1] before it is scaled: update b from the old a first.
"""


def s212_triton(LEN_1D, a, b, c, d):
    n = LEN_1D - 1
    b[:n] += a[1:] * d[:n]
    a[:n] *= c[:n]
