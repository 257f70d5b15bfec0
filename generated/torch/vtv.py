"""vtv: a[i] *= b[i] (vector times vector).

Strategy: one in-place multiply.
"""


def vtv_triton(LEN_1D, a, b):
    a *= b
