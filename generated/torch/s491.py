"""s491: a[ip[i]] = b[i] + c[i] * d[i] (indirect store).

Strategy: ip is a permutation: one scatter by index assignment.
"""


def s491_triton(LEN_1D, a, b, c, d, ip):
    a[ip.long()] = b + c * d
