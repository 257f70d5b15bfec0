"""s422: flat[i+4] = flat[i+8] + a[i] for i < LEN_1D (TSVC's xx = flat_2d_array + 4).

Strategy: every flat[i+8] is read before it is overwritten: a shifted slice
of the old array (computed before the store).
"""


def s422_triton(LEN_1D, LEN_2D, flat_2d_array, a):
    flat_2d_array[4:LEN_1D + 4] = flat_2d_array[8:LEN_1D + 8] + a
