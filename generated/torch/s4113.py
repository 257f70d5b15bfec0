"""s4113: a[ip[i]] = b[ip[i]] + c[i] (gather and scatter through one index).

Strategy: ip is a permutation: one gather and one scatter.
"""


def s4113_triton(LEN_1D, a, b, c, ip):
    index = ip.long()
    a[index] = b[index] + c
