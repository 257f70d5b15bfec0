"""s162: if k > 0, a[i] = a[i+k] + b[i]*c[i] for i < LEN_1D-1.

Strategy: a[i+k] is read before it is overwritten: a shifted slice of the old a.
"""


def s162_triton(LEN_1D, a, b, c, k):
    if k > 0:
        n = LEN_1D - 1
        a[:n] = a[k:n + k] + b[:n] * c[:n]
