"""s172: a[i] += b[i] for i = n1-1, n1-1+n3, ... < LEN_1D.

Strategy: one strided slice.
"""


def s172_triton(LEN_1D, a, b, n1, n3):
    a[n1 - 1::n3] += b[n1 - 1::n3]
