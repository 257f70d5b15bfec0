"""s121: j = i + 1; a[i] = a[j] + b[i] for i < LEN_1D-1.

Strategy: a[i+1] is read before it is overwritten: a shifted slice of the old
a (the right-hand side is computed before the store).
"""


def s121_triton(LEN_1D, a, b):
    a[:-1] = a[1:] + b[:-1]
