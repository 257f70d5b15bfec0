"""s3251: a[i+1] = b[i] + c[i]; b[i] = c[i]*e[i]; d[i] = a[i]*e[i] for i < LEN_1D-1.

Strategy: the loop is parallel per element j once written in closed form:
s = b_old[j-1] + c[j-1] is both the new a[j] (j >= 1) and the a that d[j]
reads (a[0] keeps its value), b[j] = c[j]*e[j], d[j] = s*e[j] (j < LEN_1D-1).
The old b[j-1] must be read before its owner overwrites it: inside a program
all loads precede a tl.debug_barrier, and across programs the old b at each
block's last element comes from a tiny snapshot (halo) taken before the launch.
"""
import triton
import triton.language as tl

BLOCK_SIZE = 1024


@triton.jit
def s3251_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, halo_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    lane = tl.arange(0, BLOCK_SIZE)
    offsets = pid * BLOCK_SIZE + lane
    mask = offsets < n
    body = offsets < n - 1  # iterations i = j write b[j] and d[j]
    has_prev = mask & (offsets > 0)  # a[j] written by iteration j-1
    b_prev = tl.load(b_ptr + offsets - 1, mask=has_prev & (lane > 0), other=0.0)
    b_halo = tl.load(halo_ptr + pid - 1 + lane * 0, mask=has_prev & (lane == 0), other=0.0)
    b_prev = tl.where(lane == 0, b_halo, b_prev)
    c_prev = tl.load(c_ptr + offsets - 1, mask=has_prev, other=0.0)
    a0 = tl.load(a_ptr + offsets, mask=offsets == 0, other=0.0)
    c = tl.load(c_ptr + offsets, mask=body)
    e = tl.load(e_ptr + offsets, mask=body)
    s = b_prev + c_prev
    a_now = tl.where(offsets == 0, a0, s)
    tl.debug_barrier()  # every old b[j-1] of this block is read before any b is stored
    tl.store(a_ptr + offsets, s, mask=has_prev)
    tl.store(b_ptr + offsets, c * e, mask=body)
    tl.store(d_ptr + offsets, a_now * e, mask=body)


def s3251_triton(a, b, c, d, e, LEN_1D):
    # old b at each block's last element, read by the next block's first lane
    halo = b[BLOCK_SIZE - 1::BLOCK_SIZE].clone() if LEN_1D > BLOCK_SIZE else b
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s3251_kernel[grid](a, b, c, d, e, halo, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
