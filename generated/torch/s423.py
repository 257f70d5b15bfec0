"""s423: flat[i+1] = flat[i+64] + a[i] for i < LEN_1D-1 (TSVC's xx = flat_2d_array + 64).

Strategy: every flat[i+64] is read before it is overwritten: a shifted slice
of the old array (computed before the store).
"""


def s423_triton(LEN_1D, LEN_2D, flat_2d_array, a):
    n = LEN_1D - 1
    flat_2d_array[1:n + 1] = flat_2d_array[64:n + 64] + a[:n]
