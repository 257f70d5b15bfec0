"""s1111: a[2*i] = c[i]*b[i] + d[i]*b[i] + c[i]*c[i] + d[i]*b[i] + d[i]*c[i] for i < LEN_1D/2.

Strategy: one element-wise expression stored into the even elements of a.
"""


def s1111_triton(LEN_1D, a, b, c, d):
    half = LEN_1D // 2
    b, c, d = b[:half], c[:half], d[:half]
    a[0:2 * half:2] = c * b + d * b + c * c + d * b + d * c
