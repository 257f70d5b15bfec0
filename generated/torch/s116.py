"""s116: unrolled by 5, a[k] = a[k+1] * a[k] for k < 5 * ceil((LEN_1D-5)/5).

Strategy: each a[k+1] is read before it is overwritten, so every element is a
product of two old values: one shifted-slice multiply.
"""


def s116_triton(LEN_1D, a):
    count = 5 * -(-(LEN_1D - 5) // 5)
    a[:count] = a[1:count + 1] * a[:count]
