"""s1244: for i < LEN_1D-1, a[i] = b[i] + c[i]*c[i] + b[i]*b[i] + c[i]; d[i] = a[i] + a[i+1].

Strategy: node splitting: d reads the new a[i] and the old a[i+1]; keep a
copy of the old a[1:].
"""


def s1244_triton(LEN_1D, a, b, c, d):
    n = LEN_1D - 1
    a_next = a[1:].clone()
    b, c = b[:n], c[:n]
    a[:n] = b + c * c + b * b + c
    d[:n] = a[:n] + a_next
