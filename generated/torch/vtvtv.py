"""vtvtv: a[i] = a[i] * b[i] * c[i] (vector times vector times vector).

Strategy: one element-wise update.
"""


def vtvtv_triton(LEN_1D, a, b, c):
    a.copy_(a * b * c)
