"""s422: flat[i+4] = flat[i+8] + a[i] for i < LEN_1D (TSVC's xx = flat_2d_array + 4).

Strategy: WAR on flat_2d_array at distance 4: iteration i reads flat[i+8]
before iteration i+4 overwrites it, so every read sees the original value.
Read from a snapshot of flat[8 : LEN_1D+8] taken before the launch; then the
iterations are independent: one program per BLOCK_SIZE elements.
"""
import triton
import triton.language as tl


@triton.jit
def s422_kernel(flat_ptr, ahead_ptr, a_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    ahead = tl.load(ahead_ptr + offsets, mask=mask)
    a = tl.load(a_ptr + offsets, mask=mask)
    tl.store(flat_ptr + 4 + offsets, ahead + a, mask=mask)


def s422_triton(flat_2d_array, a, LEN_1D, LEN_2D):
    ahead = flat_2d_array[8:LEN_1D + 8].clone()
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s422_kernel[grid](flat_2d_array, ahead, a, LEN_1D, BLOCK_SIZE=1024)
