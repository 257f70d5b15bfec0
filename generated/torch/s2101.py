"""s2101: aa[i][i] += bb[i][i] * cc[i][i] on the main diagonal.

Strategy: element-wise on diagonal views.
"""


def s2101_triton(LEN_2D, aa, bb, cc):
    aa.diagonal().add_(bb.diagonal() * cc.diagonal())
