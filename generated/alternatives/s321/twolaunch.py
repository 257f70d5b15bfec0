"""s321: first-order linear recurrence a[i] += a[i-1] * b[i] for i >= 1.

Strategy: the reference's segmented scan of affine maps x -> b[i] * x + a[i]
(old a[i]; maps compose associatively), in two launches instead of three:
(1) as the reference: each lane walks one segment of COLS elements and writes
the segment's composed map, and each program writes its block's map (an
associative scan over its ROWS segments); (2) each program composes the
block maps before its own (a handful at TSVC's size, a few hundred at 64x,
from L2, in chunks of CHUNK with a running value) applied to a[0] — the
reference's one-program carry launch folded into every program — then, as
the reference, scans its segments' maps and walks each segment storing a.
a[0] is never written; each a[i] is read and written by the same lane of
launch 2; only launch 1's maps are shared between programs.
"""
import torch
import triton
import triton.language as tl


@triton.jit
def _compose(mul1, add1, mul2, add2):
    # (mul1, add1) first, then (mul2, add2): x -> mul2 * (mul1 * x + add1) + add2
    return mul1 * mul2, add1 * mul2 + add2


@triton.jit
def _last(x, SIZE: tl.constexpr):
    """The last lane (lanes past the end hold the identity map, so it is the total)."""
    lanes = tl.arange(0, SIZE)
    return tl.sum(tl.where(lanes == SIZE - 1, x, 0.0), axis=0)


@triton.jit
def s321_segment_map_kernel(a_ptr, b_ptr, seg_mul_ptr, seg_add_ptr, blk_mul_ptr, blk_add_ptr, n, num_segments,
                            ROWS: tl.constexpr, COLS: tl.constexpr):
    pid = tl.program_id(0)
    seg = pid * ROWS + tl.arange(0, ROWS)
    first = 1 + seg * COLS  # the recurrence runs over i = 1 .. n-1
    left = n - first  # elements of each segment inside the array
    a_ptrs = a_ptr + first
    b_ptrs = b_ptr + first
    mul = tl.full([ROWS], 1.0, dtype=tl.float32)
    add = tl.zeros([ROWS], dtype=tl.float32)
    for c in range(COLS):
        mask = c < left
        b = tl.load(b_ptrs + c, mask=mask, other=1.0)
        a = tl.load(a_ptrs + c, mask=mask, other=0.0)
        mul, add = mul * b, add * b + a
    seg_mask = seg < num_segments
    tl.store(seg_mul_ptr + seg, mul, mask=seg_mask)
    tl.store(seg_add_ptr + seg, add, mask=seg_mask)
    pmul, padd = tl.associative_scan((mul, add), 0, _compose)
    tl.store(blk_mul_ptr + pid, _last(pmul, ROWS))
    tl.store(blk_add_ptr + pid, _last(padd, ROWS))


@triton.jit
def s321_apply_kernel(a_ptr, b_ptr, seg_mul_ptr, seg_add_ptr, blk_mul_ptr, blk_add_ptr, n, num_segments,
                      ROWS: tl.constexpr, COLS: tl.constexpr, CHUNK: tl.constexpr):
    pid = tl.program_id(0)
    carry = tl.load(a_ptr)  # a[0] enters block 0
    for start in range(0, pid, CHUNK):  # the maps of blocks 0 .. pid-1, in order
        k = start + tl.arange(0, CHUNK)
        mask = k < pid
        bmul = tl.load(blk_mul_ptr + k, mask=mask, other=1.0)
        badd = tl.load(blk_add_ptr + k, mask=mask, other=0.0)
        bmul, badd = tl.associative_scan((bmul, badd), 0, _compose)
        carry = _last(bmul, CHUNK) * carry + _last(badd, CHUNK)
    rows = tl.arange(0, ROWS)
    seg = pid * ROWS + rows
    # exclusive scan: lane r composes the maps of segments before r in this block
    prev = seg - 1
    prev_mask = (rows > 0) & (prev < num_segments)
    mul = tl.load(seg_mul_ptr + prev, mask=prev_mask, other=1.0)
    add = tl.load(seg_add_ptr + prev, mask=prev_mask, other=0.0)
    pmul, padd = tl.associative_scan((mul, add), 0, _compose)
    x = pmul * carry + padd  # the value entering each segment
    first = 1 + seg * COLS
    left = n - first
    a_ptrs = a_ptr + first
    b_ptrs = b_ptr + first
    for c in range(COLS):
        mask = c < left
        b = tl.load(b_ptrs + c, mask=mask, other=1.0)
        a = tl.load(a_ptrs + c, mask=mask, other=0.0)
        x = a + x * b
        tl.store(a_ptrs + c, x, mask=mask)


def s321_triton(LEN_1D, a, b):
    rows, cols = 256, 32
    count = LEN_1D - 1
    if count <= 0:
        return
    num_segments = triton.cdiv(count, cols)
    num_blocks = triton.cdiv(num_segments, rows)
    seg_mul = torch.empty(num_segments, dtype=a.dtype, device=a.device)
    seg_add = torch.empty(num_segments, dtype=a.dtype, device=a.device)
    blk_mul = torch.empty(num_blocks, dtype=a.dtype, device=a.device)
    blk_add = torch.empty(num_blocks, dtype=a.dtype, device=a.device)
    s321_segment_map_kernel[(num_blocks,)](a, b, seg_mul, seg_add, blk_mul, blk_add, LEN_1D, num_segments,
                                           ROWS=rows, COLS=cols)
    s321_apply_kernel[(num_blocks,)](a, b, seg_mul, seg_add, blk_mul, blk_add, LEN_1D, num_segments,
                                     ROWS=rows, COLS=cols, CHUNK=256)
