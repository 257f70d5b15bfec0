"""Racy: s151's a[i] = a[i+1] + b[i] with BLOCK_SIZE=1024 and no snapshot.

At LEN_1D=1000 one program covers the whole array, so there is nothing to
reorder; at LEN_1D=4000 and above, program k reads a[(k+1)*1024], which program k+1
overwrites. Launch order hides the race.
"""
import triton
import triton.language as tl


@triton.jit
def s151_kernel(a_ptr, b_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    right = tl.load(a_ptr + offsets + 1, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, right + b, mask=mask)


def s151_triton(a, b, LEN_1D):
    n = LEN_1D - 1
    grid = lambda meta: (triton.cdiv(n, meta["BLOCK_SIZE"]),)
    s151_kernel[grid](a, b, n, BLOCK_SIZE=1024)
