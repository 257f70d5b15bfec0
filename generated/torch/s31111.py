"""s31111: sum of a[0..31], as eight calls of a helper summing 4 elements each.

Strategy: a[0:32] viewed as 8 groups of 4: the helper's sums, then their sum.
"""


def s31111_triton(LEN_1D, a):
    return a[:32].view(8, 4).sum(dim=1).sum()
