"""s353: sparse saxpy unrolled by 5: a[i] += alpha * b[ip[i]] with alpha = c[0].

Strategy: rerolled: one gather-saxpy over the whole array.
"""


def s353_triton(LEN_1D, a, b, c, ip):
    a += c[0] * b[ip.long()]
