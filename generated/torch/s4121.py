"""s4121: a[i] += f(b[i], c[i]), with the statement function f(x, y) = x * y.

Strategy: the statement function inlined: element-wise.
"""


def f(x, y):
    return x * y


def s4121_triton(LEN_1D, a, b, c):
    a += f(b, c)
