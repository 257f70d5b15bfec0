"""s4115: sum of a[i] * b[ip[i]] (sparse dot product).

Strategy: a gather and torch.dot.
"""
import torch


def s4115_triton(LEN_1D, a, b, ip):
    return torch.dot(a, b[ip.long()])
