"""s343: pack aa[j][i] where bb[j][i] > 0 into flat_2d_array, column by column.

Strategy: stream compaction in column-major order. The destination of
aa[j][i] is (positives in columns < i) + (positives above row j in column i).
Three launches: (1) each program takes a block of columns and counts the
positives of each column, walking down the rows in [ROWS, COLS] tiles loaded
row-contiguously (coalesced, no transposed access); (2) one program turns the
column counts into exclusive column offsets (chunked tl.cumsum with a carry);
(3) each program walks its columns' tiles again, ranks the positives with
tl.cumsum along the rows plus a per-column running count, and scatters.
"""
import torch
import triton
import triton.language as tl


@triton.jit
def s343_count_kernel(bb_ptr, counts_ptr, n, ROWS: tl.constexpr, COLS: tl.constexpr):
    pid = tl.program_id(0)
    cols = pid * COLS + tl.arange(0, COLS)
    col_mask = cols < n
    total = tl.zeros([COLS], dtype=tl.int32)
    for row0 in range(0, n, ROWS):
        rows = row0 + tl.arange(0, ROWS)
        mask = (rows[:, None] < n) & col_mask[None, :]
        bb = tl.load(bb_ptr + rows[:, None] * n + cols[None, :], mask=mask, other=0.0)
        total += tl.sum((bb > 0.0).to(tl.int32), axis=0)
    tl.store(counts_ptr + cols, total, mask=col_mask)


@triton.jit
def s343_offsets_kernel(counts_ptr, starts_ptr, num, CHUNK: tl.constexpr):
    carry = tl.full([], 0, tl.int32)
    for start in range(0, num, CHUNK):
        idx = start + tl.arange(0, CHUNK)
        mask = idx < num
        counts = tl.load(counts_ptr + idx, mask=mask, other=0)
        inclusive = tl.cumsum(counts, axis=0)
        tl.store(starts_ptr + idx, carry + inclusive - counts, mask=mask)
        carry += tl.sum(counts, axis=0)


@triton.jit
def s343_scatter_kernel(aa_ptr, bb_ptr, flat_ptr, starts_ptr, n, ROWS: tl.constexpr, COLS: tl.constexpr):
    pid = tl.program_id(0)
    cols = pid * COLS + tl.arange(0, COLS)
    col_mask = cols < n
    base = tl.load(starts_ptr + cols, mask=col_mask, other=0)
    for row0 in range(0, n, ROWS):
        rows = row0 + tl.arange(0, ROWS)
        mask = (rows[:, None] < n) & col_mask[None, :]
        offsets = rows[:, None] * n + cols[None, :]
        bb = tl.load(bb_ptr + offsets, mask=mask, other=0.0)
        keep = mask & (bb > 0.0)
        count = keep.to(tl.int32)
        rank = tl.cumsum(count, axis=0) - 1
        aa = tl.load(aa_ptr + offsets, mask=keep)
        tl.store(flat_ptr + base[None, :] + rank, aa, mask=keep)
        base += tl.sum(count, axis=0)


def s343_triton(aa, bb, flat_2d_array, LEN_2D):
    ROWS, COLS = 64, 32
    counts = torch.empty(LEN_2D, dtype=torch.int32, device=aa.device)
    starts = torch.empty(LEN_2D, dtype=torch.int32, device=aa.device)
    grid = lambda meta: (triton.cdiv(LEN_2D, meta["COLS"]),)
    s343_count_kernel[grid](bb, counts, LEN_2D, ROWS=ROWS, COLS=COLS)
    s343_offsets_kernel[(1,)](counts, starts, LEN_2D, CHUNK=1024)
    s343_scatter_kernel[grid](aa, bb, flat_2d_array, starts, LEN_2D, ROWS=ROWS, COLS=COLS)
