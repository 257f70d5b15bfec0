"""s4112: a[i] += b[ip[i]] * s (sparse saxpy).

Strategy: a gather and an element-wise update.
"""


def s4112_triton(LEN_1D, a, b, ip, s):
    a += b[ip.long()] * s
