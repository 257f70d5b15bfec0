"""s244: for i < LEN_1D-1, a[i] = b[i] + c[i]*d[i]; b[i] += c[i]; a[i+1] = b[i] + a[i+1]*d[i].

Strategy: each a[i+1] stored by iteration i is overwritten by iteration i+1,
except the last: element-wise statements plus one tail element.
"""


def s244_triton(LEN_1D, a, b, c, d):
    n = LEN_1D - 1
    a_last = a[n].clone()
    a[:n] = b[:n] + c[:n] * d[:n]
    b[:n] = c[:n] + b[:n]
    a[n] = b[n - 1] + a_last * d[n - 1]
