"""Forgets the mask: writes a whole block past the end of a."""
import triton
import triton.language as tl


@triton.jit
def s000_kernel(a_ptr, b_ptr, n, BLOCK_SIZE: tl.constexpr):
    offsets = tl.program_id(0) * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    b = tl.load(b_ptr + offsets, mask=offsets < n, other=0.0)
    tl.store(a_ptr + offsets, b + 1.0)


def s000_triton(a, b, LEN_1D):
    s000_kernel[(triton.cdiv(LEN_1D, 64),)](a, b, LEN_1D, BLOCK_SIZE=64)
