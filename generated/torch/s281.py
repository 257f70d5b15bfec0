"""s281: x = a[n-1-i] + b[i]*c[i]; a[i] = x - 1; b[i] = x.

Strategy: iterations up to the middle read the old a mirrored; later ones
read their mirror's new a (x - 1): two vector passes, the second flipped.
"""


def s281_triton(LEN_1D, a, b, c):
    pairs = LEN_1D // 2
    x = a.flip(0) + b * c
    x[LEN_1D - pairs:] = (x[:pairs] - 1.0).flip(0) + b[LEN_1D - pairs:] * c[LEN_1D - pairs:]
    a.copy_(x - 1.0)
    b.copy_(x)
