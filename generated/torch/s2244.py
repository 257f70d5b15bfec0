"""s2244: a[i+1] = b[i] + e[i]; a[i] = b[i] + c[i] for i < LEN_1D-1.

Strategy: every a[i] with i < LEN_1D-1 is last written by b[i] + c[i]; only
a[LEN_1D-1] keeps b[LEN_1D-2] + e[LEN_1D-2]: element-wise plus a tail.
"""


def s2244_triton(LEN_1D, a, b, c, e):
    n = LEN_1D - 1
    a[n] = b[n - 1] + e[n - 1]
    a[:n] = b[:n] + c[:n]
