"""s351: saxpy unrolled by 5: a[i] += alpha * b[i] with alpha = c[0].

Strategy: rerolled: one saxpy over the whole array.
"""


def s351_triton(LEN_1D, a, b, c):
    a += c[0] * b
