"""s431: a[i] = a[i+k] + b[i] with k = 2*k1 - k2 = 0 (constants known at compile time).

Strategy: k folds to 0: a += b.
"""


def s431_triton(LEN_1D, a, b):
    a += b
