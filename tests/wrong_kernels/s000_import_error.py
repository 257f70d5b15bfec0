"""s000 that fails at import: a module-level table lookup raises KeyError."""
import triton
import triton.language as tl

BLOCK_SIZES = {"s000": 256}
BLOCK_SIZE = BLOCK_SIZES["no_such_module"]


def s000_triton(a, b, LEN_1D):
    pass
