"""s241: for i < LEN_1D-1, a[i] = b[i]*c[i]*d[i]; b[i] = a[i]*a[i+1]*d[i].

Strategy: node splitting: b reads the new a[i] and the old a[i+1]; keep a
copy of the old a[1:].
"""


def s241_triton(LEN_1D, a, b, c, d):
    n = LEN_1D - 1
    a_next = a[1:].clone()
    a[:n] = b[:n] * c[:n] * d[:n]
    b[:n] = a[:n] * a_next * d[:n]
