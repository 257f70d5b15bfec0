"""s1113: a[i] = a[LEN_1D/2] + b[i].

Strategy: iterations up to mid = LEN_1D/2 read the old a[mid], later ones the
new one (old + b[mid]); two broadcasts from a saved copy of the old a[mid].
"""


def s1113_triton(LEN_1D, a, b):
    mid = LEN_1D // 2
    old = a[mid].clone()
    a[:mid + 1] = old + b[:mid + 1]
    a[mid + 1:] = (old + b[mid]) + b[mid + 1:]
