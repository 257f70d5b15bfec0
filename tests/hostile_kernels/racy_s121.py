"""Racy: s121's anti-dependence a[i] = a[i+1] + b[i] in one launch of many programs, with no snapshot.

Program k reads a[(k+1)*BLOCK_SIZE], which program k+1 overwrites. In launch
order program k runs first and reads the old value; in any other order it may
read the new one.
"""
import triton
import triton.language as tl


@triton.jit
def s121_kernel(a_ptr, b_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    right = tl.load(a_ptr + offsets + 1, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, right + b, mask=mask)


def s121_triton(a, b, LEN_1D):
    n = LEN_1D - 1
    grid = lambda meta: (triton.cdiv(n, meta["BLOCK_SIZE"]),)
    s121_kernel[grid](a, b, n, BLOCK_SIZE=128)
