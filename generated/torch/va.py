"""va: a[i] = b[i] (vector assignment).

Strategy: one copy.
"""


def va_triton(LEN_1D, a, b):
    a.copy_(b)
