"""s1244: for i < LEN_1D-1, a[i] = b[i] + c[i]*c[i] + b[i]*b[i] + c[i]; d[i] = a[i] + a[i+1].

Strategy: node splitting. d[i] reads the new a[i] (same iteration, kept in
registers) and the old a[i+1] (WAR at distance 1). Inside a program every
old a[i+1] is loaded before a tl.debug_barrier and a is stored after it; only
the last lane of each block needs an element another program writes (the
next block's first), and those few old values (one per block) come from a
snapshot taken before the launch. The reference snapshots the whole array
(a[1:].clone(), one more full read and write of a); this snapshot is
LEN_1D / BLOCK_SIZE elements.
"""
import triton
import triton.language as tl

BLOCK_SIZE = 1024


@triton.jit
def s1244_kernel(a_ptr, halo_ptr, b_ptr, c_ptr, d_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    lane = tl.arange(0, BLOCK_SIZE)
    offsets = pid * BLOCK_SIZE + lane
    mask = offsets < n
    inner = mask & (lane < BLOCK_SIZE - 1)
    edge = mask & (lane == BLOCK_SIZE - 1)
    a_next = tl.load(a_ptr + offsets + 1, mask=inner)
    a_next = tl.where(edge, tl.load(halo_ptr + pid + lane * 0, mask=edge), a_next)
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    a = b + c * c + b * b + c
    tl.debug_barrier()  # every old a[i+1] of this block is read before any a is stored
    tl.store(a_ptr + offsets, a, mask=mask)
    tl.store(d_ptr + offsets, a + a_next, mask=mask)


def s1244_triton(a, b, c, d, LEN_1D):
    n = LEN_1D - 1
    if n <= 0:
        return
    # old a[(p + 1) * BLOCK_SIZE], read by block p's last lane
    halo = a[BLOCK_SIZE:n + 1:BLOCK_SIZE].clone() if n >= BLOCK_SIZE else a
    grid = lambda meta: (triton.cdiv(n, meta["BLOCK_SIZE"]),)
    s1244_kernel[grid](a, halo, b, c, d, n, BLOCK_SIZE=BLOCK_SIZE)
