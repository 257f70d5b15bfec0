"""vpvts: a[i] += b[i] * s (vector plus vector times scalar).

Strategy: fully parallel streaming update; every iteration touches only
element i, so one program per BLOCK_SIZE elements, masked tail.
"""
import triton
import triton.language as tl


@triton.jit
def vpvts_kernel(a_ptr, b_ptr, s, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, a + b * s, mask=mask)


def vpvts_triton(a, b, s, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    vpvts_kernel[grid](a, b, s, LEN_1D, BLOCK_SIZE=1024)
