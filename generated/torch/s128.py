"""s128: coupled inductions, k = 2i: a[i] = b[2i] - d[i]; b[2i] = a[i] + c[2i].

Strategy: k = 2i in closed form and each b[2i] is read before its own
iteration writes it: two strided element-wise statements.
"""


def s128_triton(LEN_1D, a, b, c, d):
    half = LEN_1D // 2
    a[:half] = b[0:2 * half:2] - d[:half]
    b[0:2 * half:2] = a[:half] + c[0:2 * half:2]
