"""s3110: maximum of aa with the row-major first (i, j) reaching it; returns max + i+1 + j+1.

Strategy: torch.argmax over the flattened matrix (row-major is the loop order,
and argmax returns the first maximum), split into (i, j).
"""
import torch


def s3110_triton(LEN_2D, aa):
    flat = torch.argmax(aa.view(-1))
    value = aa.view(-1)[flat]
    row = (flat // LEN_2D).to(aa.dtype)
    col = (flat % LEN_2D).to(aa.dtype)
    return (((value + row) + 1.0) + col) + 1.0
