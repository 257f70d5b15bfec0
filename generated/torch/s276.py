"""s276: a[i] += b[i]*c[i] for i+1 < LEN_1D/2, else a[i] += b[i]*d[i].

Strategy: the index test splits the array into two slices.
"""


def s276_triton(LEN_1D, a, b, c, d):
    split = max(LEN_1D // 2 - 1, 0)
    a[:split] += b[:split] * c[:split]
    a[split:] += b[split:] * d[split:]
