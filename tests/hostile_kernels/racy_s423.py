"""Racy: s423's flat_2d_array[i+1] = flat_2d_array[i+64] + a[i] in one launch, with no snapshot.

Program k reads up to flat_2d_array[(k+1)*BLOCK_SIZE+63], and program k+1
overwrites from flat_2d_array[(k+1)*BLOCK_SIZE+1] on. Correct in launch order only.
"""
import triton
import triton.language as tl


@triton.jit
def s423_kernel(flat_ptr, a_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    ahead = tl.load(flat_ptr + offsets + 64, mask=mask)
    a = tl.load(a_ptr + offsets, mask=mask)
    tl.store(flat_ptr + offsets + 1, ahead + a, mask=mask)


def s423_triton(flat_2d_array, a, LEN_1D, LEN_2D):
    n = LEN_1D - 1
    grid = lambda meta: (triton.cdiv(n, meta["BLOCK_SIZE"]),)
    s423_kernel[grid](flat_2d_array, a, n, BLOCK_SIZE=128)
