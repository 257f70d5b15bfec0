"""vbor: x[i] from the triple products of a[i], b[i], c[i], d[i], e[i], aa[0][i], for i < LEN_2D.

Strategy: one element-wise expression over the first LEN_2D elements, in
TSVC's order of operations; x beyond LEN_2D is left as it is.
"""


def vbor_triton(LEN_1D, LEN_2D, a, b, c, d, e, aa, x):
    n = LEN_2D
    a1, b1, c1, d1, e1, f1 = a[:n], b[:n], c[:n], d[:n], e[:n], aa[0, :n]
    a1 = (a1 * b1 * c1 + a1 * b1 * d1 + a1 * b1 * e1 + a1 * b1 * f1
          + a1 * c1 * d1 + a1 * c1 * e1 + a1 * c1 * f1 + a1 * d1 * e1
          + a1 * d1 * f1 + a1 * e1 * f1)
    b1 = b1 * c1 * d1 + b1 * c1 * e1 + b1 * c1 * f1 + b1 * d1 * e1 + b1 * d1 * f1 + b1 * e1 * f1
    c1 = c1 * d1 * e1 + c1 * d1 * f1 + c1 * e1 * f1
    d1 = d1 * e1 * f1
    x[:n] = a1 * b1 * c1 * d1
