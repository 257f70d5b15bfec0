"""s341: pack the positive values of b into a[0], a[1], ... in order.

Strategy: boolean-mask indexing packs in order; a beyond the packed prefix
is left as it is.
"""


def s341_triton(LEN_1D, a, b):
    packed = b[b > 0]
    a[:packed.numel()] = packed
