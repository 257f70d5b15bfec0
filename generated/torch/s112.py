"""s112: for i from LEN_1D-2 down to 0, a[i+1] = a[i] + b[i].

Strategy: run backwards, every a[i] is read before it is overwritten, so the
right-hand side is a shifted slice of the old a (computed before the store).
"""


def s112_triton(LEN_1D, a, b):
    a[1:] = a[:-1] + b[:-1]
