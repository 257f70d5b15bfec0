"""s243: for i < LEN_1D-1, a[i] = b[i] + c[i]*d[i]; b[i] = a[i] + d[i]*e[i]; a[i] = b[i] + a[i+1]*d[i].

Strategy: node splitting: only the old a[i+1] crosses iterations; keep a
copy of the old a[1:], then three element-wise statements.
"""


def s243_triton(LEN_1D, a, b, c, d, e):
    n = LEN_1D - 1
    a_next = a[1:].clone()
    b[:n] = (b[:n] + c[:n] * d[:n]) + d[:n] * e[:n]
    a[:n] = b[:n] + a_next * d[:n]
