"""s343: pack aa[j][i] where bb[j][i] > 0 into flat_2d_array, column by column.

Strategy: boolean-mask indexing of the transposed matrices packs in the
loop's column-major order.
"""


def s343_triton(LEN_2D, aa, bb, flat_2d_array):
    packed = aa.T[bb.T > 0]
    flat_2d_array[:packed.numel()] = packed
