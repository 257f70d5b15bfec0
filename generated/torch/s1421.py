"""s1421: b[i] = b[i + LEN_1D/2] + a[i] for i < LEN_1D/2 (TSVC's xx = &b[LEN_1D/2]).

Strategy: writes the lower half from the upper half: one slice expression.
"""


def s1421_triton(LEN_1D, a, b):
    half = LEN_1D // 2
    b[:half] = b[half:2 * half] + a[:half]
