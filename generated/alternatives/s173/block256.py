"""s173: a[i + LEN_1D/2] = a[i] + b[i] for i < LEN_1D/2.

Strategy: fully parallel. The loop reads the lower half of a and writes the
upper half, so no iteration sees another's write; one program per block.

Variant of the reference kernel, otherwise unchanged: BLOCK_SIZE 256 with num_warps=2
(the reference: 1024 with 4 warps), one 16-byte load per array per thread: 125 programs
over 32000 elements (TSVC's size; half as many where the loop covers half) instead of
32, so four times as many SMs issue loads; 8000 programs over 2M.
"""
import triton
import triton.language as tl


@triton.jit
def s173_kernel(a_ptr, b_ptr, half, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < half
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    tl.store(a_ptr + half + offsets, a + b, mask=mask)


def s173_triton(a, b, LEN_1D):
    half = LEN_1D // 2
    grid = lambda meta: (triton.cdiv(half, meta["BLOCK_SIZE"]),)
    s173_kernel[grid](a, b, half, BLOCK_SIZE=256, num_warps=2)
