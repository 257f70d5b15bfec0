"""vag: a[i] = b[ip[i]] (vector assignment with gather).

Strategy: one gather.
"""


def vag_triton(LEN_1D, a, b, ip):
    a.copy_(b[ip.long()])
