"""s113: a[i] = a[0] + b[i] for 1 <= i < LEN_1D.

Strategy: a[0] is never written: a broadcast of the scalar over a slice.
"""


def s113_triton(LEN_1D, a, b):
    a[1:] = a[0] + b[1:]
