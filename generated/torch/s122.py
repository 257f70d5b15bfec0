"""s122: for i = n1-1; i < LEN_1D; i += n3 (k = 1, 2, ...): a[i] += b[LEN_1D - k].

Strategy: the induction variables are closed forms of the trip number: a
strided slice of a plus the reversed head of b.
"""


def s122_triton(LEN_1D, a, b, n1, n3):
    target = a[n1 - 1::n3]
    target += b.flip(0)[:target.numel()]
