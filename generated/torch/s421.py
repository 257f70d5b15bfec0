"""s421: flat[i] = flat[i+1] + a[i] for i < LEN_1D-1 (TSVC's xx and yy alias flat_2d_array).

Strategy: flat[i+1] is read before it is overwritten: a shifted slice of the
old array (computed before the store).
"""


def s421_triton(LEN_1D, LEN_2D, flat_2d_array, a):
    n = LEN_1D - 1
    flat_2d_array[:n] = flat_2d_array[1:n + 1] + a[:n]
