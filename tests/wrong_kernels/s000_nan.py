"""s000 that writes NaN into one element."""
import triton
import triton.language as tl


@triton.jit
def s000_kernel(a_ptr, b_ptr, n, BLOCK_SIZE: tl.constexpr):
    offsets = tl.program_id(0) * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    value = tl.load(b_ptr + offsets, mask=mask) + 1.0
    value = tl.where(offsets == n // 2, float("nan"), value)
    tl.store(a_ptr + offsets, value, mask=mask)


def s000_triton(a, b, LEN_1D):
    s000_kernel[(triton.cdiv(LEN_1D, 256),)](a, b, LEN_1D, BLOCK_SIZE=256)
