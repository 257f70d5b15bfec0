"""s422: flat[i+4] = flat[i+8] + a[i] for i < LEN_1D (TSVC's xx = flat_2d_array + 4).

Strategy: WAR on flat_2d_array at distance 4: iteration i reads flat[i+8]
before iteration i+4 overwrites it, so every read sees the original value.
Inside a program every old flat[i+8] is loaded before a tl.debug_barrier and
stored after it; only the last 4 lanes of each block read elements that the
next program writes, and those old values (4 per block) come from a snapshot
taken before the launch. The reference snapshots flat[8 : LEN_1D+8] whole
(one more full read and write of the array).
"""
import triton
import triton.language as tl

BLOCK_SIZE = 1024
HALO = 4


@triton.jit
def s422_kernel(flat_ptr, halo_ptr, a_ptr, n, BLOCK_SIZE: tl.constexpr, HALO: tl.constexpr):
    pid = tl.program_id(0)
    lane = tl.arange(0, BLOCK_SIZE)
    offsets = pid * BLOCK_SIZE + lane
    mask = offsets < n
    # flat[i+8] is rewritten by iteration i+4; past this block that is the next program's
    edge = mask & (lane >= BLOCK_SIZE - HALO) & (offsets + HALO < n)
    inner = mask & ~edge
    ahead = tl.load(flat_ptr + 8 + offsets, mask=inner)
    halo = tl.load(halo_ptr + pid * HALO + (lane - (BLOCK_SIZE - HALO)), mask=edge)
    ahead = tl.where(edge, halo, ahead)
    a = tl.load(a_ptr + offsets, mask=mask)
    tl.debug_barrier()  # every old flat[i+8] of this block is read before any flat is stored
    tl.store(flat_ptr + 4 + offsets, ahead + a, mask=mask)


def s422_triton(flat_2d_array, a, LEN_1D, LEN_2D):
    # row p: old flat[(p + 1) * BLOCK_SIZE + 4 .. + 7], read by block p's last HALO lanes
    blocks = triton.cdiv(LEN_1D, BLOCK_SIZE)
    if blocks > 1:  # a view of rows BLOCK_SIZE apart (the last row ends below LEN_1D + 8), then a copy
        halo = flat_2d_array[BLOCK_SIZE + 4:].as_strided((blocks - 1, HALO), (BLOCK_SIZE, 1)).clone()
    else:
        halo = flat_2d_array
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s422_kernel[grid](flat_2d_array, halo, a, LEN_1D, BLOCK_SIZE=BLOCK_SIZE, HALO=HALO)
