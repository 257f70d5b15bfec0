"""s174: a[i + M] = a[i] + b[i] for i < M.

Strategy: disjoint read and write ranges: one slice expression.
"""


def s174_triton(LEN_1D, a, b, M):
    a[M:2 * M] = a[:M] + b[:M]
