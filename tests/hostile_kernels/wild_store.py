"""Stores far outside its array: a segfault in the interpreter, an illegal address on a GPU."""
import triton
import triton.language as tl


@triton.jit
def wild_kernel(a_ptr, n, BLOCK_SIZE: tl.constexpr):
    offsets = tl.arange(0, BLOCK_SIZE).to(tl.int64) * 0 + n * 100000000
    tl.store(a_ptr + offsets, 1.0)


def s000_triton(a, b, LEN_1D):
    wild_kernel[(1,)](a, LEN_1D, BLOCK_SIZE=16)
