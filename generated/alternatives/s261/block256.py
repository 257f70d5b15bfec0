"""s261: for i >= 1: a[i] = (a[i] + b[i]) + c[i-1]; c[i] = c[i]*d[i].

Strategy: c[i-1] is the value iteration i-1 wrote, c_old[i-1]*d[i-1] (c[0]
is never written), so every iteration is computable from old values: fully
parallel. The old c[i-1] must be read before its owner overwrites it: inside a
program all loads precede a tl.debug_barrier, and across programs the old c at
each block's last element comes from a tiny snapshot (halo) taken before the
launch.

Variant of the reference kernel, otherwise unchanged: BLOCK_SIZE 256 with num_warps=2
(the reference: 1024 with 4 warps), one 16-byte load per array per thread: 125 programs
over 32000 elements (TSVC's size; half as many where the loop covers half) instead of
32, so four times as many SMs issue loads; 8000 programs over 2M.
"""
import triton
import triton.language as tl

BLOCK_SIZE = 256


@triton.jit
def s261_kernel(a_ptr, b_ptr, c_ptr, d_ptr, halo_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    lane = tl.arange(0, BLOCK_SIZE)
    offsets = pid * BLOCK_SIZE + lane
    body = (offsets >= 1) & (offsets < n)
    c_prev = tl.load(c_ptr + offsets - 1, mask=body & (lane > 0), other=0.0)
    c_halo = tl.load(halo_ptr + pid - 1 + lane * 0, mask=body & (lane == 0), other=0.0)
    c_prev = tl.where(lane == 0, c_halo, c_prev)
    d_prev = tl.load(d_ptr + offsets - 1, mask=body & (offsets >= 2), other=1.0)
    c_prev = tl.where(offsets >= 2, c_prev * d_prev, c_prev)  # c[0] is never rewritten
    a = tl.load(a_ptr + offsets, mask=body)
    b = tl.load(b_ptr + offsets, mask=body)
    c = tl.load(c_ptr + offsets, mask=body)
    d = tl.load(d_ptr + offsets, mask=body)
    tl.debug_barrier()  # every old c[i-1] of this block is read before any c is stored
    tl.store(a_ptr + offsets, (a + b) + c_prev, mask=body)
    tl.store(c_ptr + offsets, c * d, mask=body)


def s261_triton(a, b, c, d, LEN_1D):
    # old c at each block's last element, read by the next block's first lane
    halo = c[BLOCK_SIZE - 1::BLOCK_SIZE].clone() if LEN_1D > BLOCK_SIZE else c
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s261_kernel[grid](a, b, c, d, halo, LEN_1D, BLOCK_SIZE=BLOCK_SIZE, num_warps=2)
