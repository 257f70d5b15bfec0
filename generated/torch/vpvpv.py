"""vpvpv: a[i] += b[i] + c[i] (vector plus vector plus vector).

Strategy: one element-wise update.
"""


def vpvpv_triton(LEN_1D, a, b, c):
    a += b + c
