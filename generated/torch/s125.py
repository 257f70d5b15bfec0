"""s125: flat_2d_array[k] = aa[i][j] + bb[i][j] * cc[i][j], k = i*LEN_2D + j.

Strategy: k is the row-major linear index: one element-wise expression, flattened.
"""


def s125_triton(LEN_2D, flat_2d_array, aa, bb, cc):
    flat_2d_array.copy_((aa + bb * cc).reshape(-1))
