"""s131: m = 1; a[i] = a[i + m] + b[i] for i < LEN_1D-1.

Strategy: a[i+1] is read before it is overwritten: a shifted slice of the old a.
"""


def s131_triton(LEN_1D, a, b):
    m = 1
    a[:LEN_1D - 1] = a[m:LEN_1D - 1 + m] + b[:LEN_1D - 1]
