"""vas: a[ip[i]] = b[i] (vector assignment with scatter).

Strategy: ip is a permutation: one scatter by index assignment.
"""


def vas_triton(LEN_1D, a, b, ip):
    a[ip.long()] = b
