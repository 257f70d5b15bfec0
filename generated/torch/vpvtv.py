"""vpvtv: a[i] += b[i] * c[i] (vector plus vector times vector).

Strategy: one element-wise update.
"""


def vpvtv_triton(LEN_1D, a, b, c):
    a += b * c
