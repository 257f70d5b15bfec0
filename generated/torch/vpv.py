"""vpv: a[i] += b[i] (vector plus vector).

Strategy: one in-place add.
"""


def vpv_triton(LEN_1D, a, b):
    a += b
