"""Racy: s422's flat_2d_array[i+4] = flat_2d_array[i+8] + a[i] in one launch, with no snapshot.

Program k reads flat_2d_array[(k+1)*BLOCK_SIZE+4 .. +7], which program k+1
overwrites. Correct in launch order only.
"""
import triton
import triton.language as tl


@triton.jit
def s422_kernel(flat_ptr, a_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    ahead = tl.load(flat_ptr + offsets + 8, mask=mask)
    a = tl.load(a_ptr + offsets, mask=mask)
    tl.store(flat_ptr + offsets + 4, ahead + a, mask=mask)


def s422_triton(flat_2d_array, a, LEN_1D, LEN_2D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s422_kernel[grid](flat_2d_array, a, LEN_1D, BLOCK_SIZE=256)
