"""s2251: a[i] = s*e[i]; s = b[i] + c[i]; b[i] = a[i] + d[i] (s = 0 before the loop).

Strategy: the carried scalar is s = b[i-1] + c[i-1] on b's value before the
loop, so a[i] = (b[i-1] + c[i-1]) * e[i] and b[i] = a[i] + d[i]: fully parallel
once the old b[i-1] is read before anyone overwrites it. Inside a program all
loads precede a tl.debug_barrier and the stores follow it; across programs the
old b at each block's last element comes from a tiny snapshot (halo) taken
before the launch, so no program reads what another one writes. Up to SINGLE_MAX elements
(TSVC's native size) one program covers the whole array, so no halo snapshot is
needed: one launch.
"""
import triton
import triton.language as tl

BLOCK_SIZE = 1024
SINGLE_MAX = 32768


@triton.jit
def s2251_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, halo_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    lane = tl.arange(0, BLOCK_SIZE)
    offsets = pid * BLOCK_SIZE + lane
    mask = offsets < n
    has_prev = mask & (offsets > 0)
    b_prev = tl.load(b_ptr + offsets - 1, mask=has_prev & (lane > 0), other=0.0)
    b_halo = tl.load(halo_ptr + pid - 1 + lane * 0, mask=has_prev & (lane == 0), other=0.0)
    b_prev = tl.where(lane == 0, b_halo, b_prev)
    c_prev = tl.load(c_ptr + offsets - 1, mask=has_prev, other=0.0)
    d = tl.load(d_ptr + offsets, mask=mask)
    e = tl.load(e_ptr + offsets, mask=mask)
    s = tl.where(has_prev, b_prev + c_prev, 0.0)
    a = s * e
    tl.debug_barrier()  # every old b[i-1] of this block is read before any b is stored
    tl.store(a_ptr + offsets, a, mask=mask)
    tl.store(b_ptr + offsets, a + d, mask=mask)


def s2251_triton(a, b, c, d, e, LEN_1D):
    if LEN_1D <= SINGLE_MAX:
        block = max(triton.next_power_of_2(LEN_1D), 128)
        s2251_kernel[(1,)](a, b, c, d, e, b, LEN_1D, BLOCK_SIZE=block, num_warps=min(32, max(4, block // 1024)))
        return
    # old b at each block's last element, read by the next block's first lane
    halo = b[BLOCK_SIZE - 1::BLOCK_SIZE].clone() if LEN_1D > BLOCK_SIZE else b
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s2251_kernel[grid](a, b, c, d, e, halo, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
