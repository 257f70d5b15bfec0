"""s151: helper s151s(a, b, m = 1) runs a[i] = a[i + m] + b[i] for i < LEN_1D-1.

Strategy: inline the helper; a[i+1] is read before it is overwritten: a
shifted slice of the old a.
"""


def s151_triton(LEN_1D, a, b):
    m = 1
    a[:LEN_1D - 1] = a[m:LEN_1D - 1 + m] + b[:LEN_1D - 1]
