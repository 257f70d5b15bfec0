"""s127: j bumped twice per i: a[2i] = b[i] + c[i]*d[i]; a[2i+1] = b[i] + d[i]*e[i].

Strategy: two element-wise expressions into the even and odd elements of a.
"""


def s127_triton(LEN_1D, a, b, c, d, e):
    half = LEN_1D // 2
    b, c, d, e = b[:half], c[:half], d[:half], e[:half]
    a[0:2 * half:2] = b + c * d
    a[1:2 * half:2] = b + d * e
