"""s116: unrolled by 5, a[k] = a[k+1] * a[k] for k < 5 * ceil((LEN_1D-5)/5).

Strategy: each a[k+1] is read before its own iteration overwrites it, so every
element is the product of two old values (anti-dependence at distance 1, no
recurrence): fully parallel. Inside a program every old a[k+1] is loaded
before a tl.debug_barrier and stored after it; only the last lane of each
block needs an element another program writes (the next block's first), and
those few old values (one per block) come from a snapshot taken before the
launch. The reference snapshots the whole array (a[1:count+1].clone(), one
more full read and write of a); this snapshot is LEN_1D / BLOCK_SIZE
elements.
"""
import triton
import triton.language as tl

BLOCK_SIZE = 1024


@triton.jit
def s116_kernel(a_ptr, halo_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    lane = tl.arange(0, BLOCK_SIZE)
    offsets = pid * BLOCK_SIZE + lane
    mask = offsets < n
    inner = mask & (lane < BLOCK_SIZE - 1)
    edge = mask & (lane == BLOCK_SIZE - 1)
    a = tl.load(a_ptr + offsets, mask=mask)
    right = tl.load(a_ptr + offsets + 1, mask=inner)
    right = tl.where(edge, tl.load(halo_ptr + pid + lane * 0, mask=edge), right)
    tl.debug_barrier()  # every old a[k+1] of this block is read before any a is stored
    tl.store(a_ptr + offsets, right * a, mask=mask)


def s116_triton(a, LEN_1D):
    count = 5 * triton.cdiv(LEN_1D - 5, 5) if LEN_1D > 5 else 0
    if count == 0:
        return
    # old a[(p + 1) * BLOCK_SIZE], read by block p's last lane
    halo = a[BLOCK_SIZE:count + 1:BLOCK_SIZE].clone() if count >= BLOCK_SIZE else a
    grid = lambda meta: (triton.cdiv(count, meta["BLOCK_SIZE"]),)
    s116_kernel[grid](a, halo, count, BLOCK_SIZE=BLOCK_SIZE)
