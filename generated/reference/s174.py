"""s174: a[i + M] = a[i] + b[i] for i < M.

Strategy: fully parallel. Reads a[0:M], writes a[M:2M]: disjoint ranges, so
no iteration sees another's write; one program per block.
"""
import triton
import triton.language as tl


@triton.jit
def s174_kernel(a_ptr, b_ptr, m, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < m
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    tl.store(a_ptr + m + offsets, a + b, mask=mask)


def s174_triton(a, b, M, LEN_1D):
    if M <= 0:
        return
    grid = lambda meta: (triton.cdiv(M, meta["BLOCK_SIZE"]),)
    s174_kernel[grid](a, b, M, BLOCK_SIZE=1024)
