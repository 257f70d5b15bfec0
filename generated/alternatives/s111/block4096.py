"""s111: for odd i, a[i] = a[i-1] + b[i].

Strategy: fully parallel. Odd elements are written and only even ones are
read, so no iteration sees another's write; one program per block of k, i = 2k+1.

Variant of the reference kernel, otherwise unchanged: BLOCK_SIZE 4096 with num_warps=8
(the reference: 1024 with 4 warps): 16 elements per thread, four 16-byte loads per array
in flight per thread; 8 programs over 32000 elements (TSVC's size; half as many where
the loop covers half), 500 over 2M (fewer, larger programs).
"""
import triton
import triton.language as tl


@triton.jit
def s111_kernel(a_ptr, b_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    k = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    i = 2 * k + 1
    mask = i < n
    left = tl.load(a_ptr + i - 1, mask=mask)
    b = tl.load(b_ptr + i, mask=mask)
    tl.store(a_ptr + i, left + b, mask=mask)


def s111_triton(a, b, LEN_1D):
    odd = LEN_1D // 2
    grid = lambda meta: (triton.cdiv(odd, meta["BLOCK_SIZE"]),)
    s111_kernel[grid](a, b, LEN_1D, BLOCK_SIZE=4096, num_warps=8)
