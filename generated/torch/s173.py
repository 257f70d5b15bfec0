"""s173: a[i + LEN_1D/2] = a[i] + b[i] for i < LEN_1D/2.

Strategy: reads the lower half, writes the upper half: one slice expression.
"""


def s173_triton(LEN_1D, a, b):
    k = LEN_1D // 2
    a[k:2 * k] = a[:k] + b[:k]
