"""s423: flat[i+1] = flat[i+64] + a[i] for i < LEN_1D-1 (TSVC's xx = flat_2d_array + 64).

Strategy: WAR on flat_2d_array at distance 63: flat[i+64] is read before
iteration i+63 overwrites it, so every read sees the original value. Read from
a snapshot of flat[64 : LEN_1D+63] taken before the launch; then the
iterations are independent: one program per BLOCK_SIZE elements. Up to SINGLE_MAX elements (TSVC's
native size) no snapshot: one program loads every flat[i+64] and a[i], waits
at a tl.debug_barrier, then stores: one launch.
"""
import triton
import triton.language as tl


@triton.jit
def s423_kernel(flat_ptr, ahead_ptr, a_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    ahead = tl.load(ahead_ptr + offsets, mask=mask)
    a = tl.load(a_ptr + offsets, mask=mask)
    tl.store(flat_ptr + 1 + offsets, ahead + a, mask=mask)


SINGLE_MAX = 32768


@triton.jit
def s423_single_kernel(flat_ptr, a_ptr, n, BLOCK_SIZE: tl.constexpr):
    offsets = tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    ahead = tl.load(flat_ptr + 64 + offsets, mask=mask)
    a = tl.load(a_ptr + offsets, mask=mask)
    tl.debug_barrier()  # every flat[i + 64] is read before any flat[i + 1] is stored
    tl.store(flat_ptr + 1 + offsets, ahead + a, mask=mask)


def s423_triton(flat_2d_array, a, LEN_1D, LEN_2D):
    n = LEN_1D - 1
    if n <= 0:
        return
    if n <= SINGLE_MAX:
        block = max(triton.next_power_of_2(n), 128)
        s423_single_kernel[(1,)](flat_2d_array, a, n, BLOCK_SIZE=block, num_warps=min(32, max(4, block // 1024)))
        return
    ahead = flat_2d_array[64:64 + n].clone()
    grid = lambda meta: (triton.cdiv(n, meta["BLOCK_SIZE"]),)
    s423_kernel[grid](flat_2d_array, ahead, a, n, BLOCK_SIZE=1024)
