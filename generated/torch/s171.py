"""s171: a[i*inc] += b[i] for i < LEN_1D.

Strategy: for inc != 0 the writes are distinct: a strided slice; for inc == 0
every iteration accumulates into a[0], a sum.
"""


def s171_triton(LEN_1D, a, b, inc):
    if inc == 0:
        a[0] += b.sum()
    else:
        a[0:LEN_1D * inc:inc] += b
