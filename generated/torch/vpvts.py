"""vpvts: a[i] += b[i] * s (vector plus vector times scalar).

Strategy: one element-wise update.
"""


def vpvts_triton(LEN_1D, a, b, s):
    a += b * s
