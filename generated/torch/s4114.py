"""s4114: a[i] = b[i] + c[LEN_1D-ip[i]-1] * d[i] for i from n1-1.

Strategy: a gather and an element-wise expression over the slice [n1-1, LEN_1D).
"""


def s4114_triton(LEN_1D, a, b, c, d, ip, n1):
    start = n1 - 1
    a[start:] = b[start:] + c[LEN_1D - 1 - ip[start:].long()] * d[start:]
