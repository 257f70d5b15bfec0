"""s151: helper s151s(a, b, m = 1) runs a[i] = a[i + m] + b[i] for i < LEN_1D-1.

Strategy: inline the helper with m = 1. a[i+1] is read before iteration i+1
overwrites it (anti-dependence at distance 1, no recurrence): read the right
neighbours from a snapshot of a[1:LEN_1D] taken before the launch; then fully
parallel. Up to SINGLE_MAX elements (TSVC's native size) no snapshot: one
program loads every a[i+1] and b[i], waits at a tl.debug_barrier, then stores
a[i]: one launch.
"""
import triton
import triton.language as tl


@triton.jit
def s151s_kernel(a_ptr, right_ptr, b_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    right = tl.load(right_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, right + b, mask=mask)


SINGLE_MAX = 32768


@triton.jit
def s151s_single_kernel(a_ptr, b_ptr, n, m, BLOCK_SIZE: tl.constexpr):
    offsets = tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    right = tl.load(a_ptr + m + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    tl.debug_barrier()  # every a[i + m] is read before any a[i] is stored
    tl.store(a_ptr + offsets, right + b, mask=mask)


def s151_triton(a, b, LEN_1D):
    m = 1
    n = LEN_1D - 1
    if n <= 0:
        return
    if n <= SINGLE_MAX:
        block = max(triton.next_power_of_2(n), 128)
        s151s_single_kernel[(1,)](a, b, n, m, BLOCK_SIZE=block, num_warps=min(32, max(4, block // 1024)))
        return
    right = a[m:m + n].clone()
    grid = lambda meta: (triton.cdiv(n, meta["BLOCK_SIZE"]),)
    s151s_kernel[grid](a, right, b, n, BLOCK_SIZE=1024)
