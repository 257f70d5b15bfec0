"""s323: a[i] = b[i-1] + c[i]*d[i]; b[i] = a[i] + c[i]*e[i] for i >= 1.

Strategy: substituting a into b gives b[i] = b[i-1] + t[i] with
t[i] = c[i]*d[i] + c[i]*e[i]: a prefix sum, b[i] = b[0] + sum(t[1..i]), and
a[i] = b[i-1] + c[i]*d[i] follows. Blocked scan in three launches: (1) each
block sums its t; (2) one program turns the block sums into exclusive block
offsets (chunked tl.cumsum with a carry); (3) each block scans its t with
tl.cumsum, adds its offset and b[0], and writes a and b.
"""
import torch
import triton
import triton.language as tl


@triton.jit
def s323_sum_kernel(c_ptr, d_ptr, e_ptr, sums_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    i = 1 + pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = i < n
    c = tl.load(c_ptr + i, mask=mask, other=0.0)
    d = tl.load(d_ptr + i, mask=mask, other=0.0)
    e = tl.load(e_ptr + i, mask=mask, other=0.0)
    tl.store(sums_ptr + pid, tl.sum(c * d + c * e, axis=0))


@triton.jit
def s323_offsets_kernel(sums_ptr, starts_ptr, num_blocks, CHUNK: tl.constexpr):
    carry = tl.full([], 0.0, tl.float32)
    for start in range(0, num_blocks, CHUNK):
        idx = start + tl.arange(0, CHUNK)
        mask = idx < num_blocks
        sums = tl.load(sums_ptr + idx, mask=mask, other=0.0)
        inclusive = tl.cumsum(sums, axis=0)
        tl.store(starts_ptr + idx, carry + inclusive - sums, mask=mask)
        carry += tl.sum(sums, axis=0)


@triton.jit
def s323_scan_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, starts_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    i = 1 + pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = i < n
    c = tl.load(c_ptr + i, mask=mask, other=0.0)
    d = tl.load(d_ptr + i, mask=mask, other=0.0)
    e = tl.load(e_ptr + i, mask=mask, other=0.0)
    cd = c * d
    ce = c * e
    t = cd + ce
    b_prev = tl.load(b_ptr) + tl.load(starts_ptr + pid) + tl.cumsum(t, axis=0) - t
    a = b_prev + cd
    tl.store(a_ptr + i, a, mask=mask)
    tl.store(b_ptr + i, a + ce, mask=mask)


def s323_triton(a, b, c, d, e, LEN_1D):
    BLOCK_SIZE = 1024
    num_blocks = triton.cdiv(LEN_1D - 1, BLOCK_SIZE)
    sums = torch.empty(num_blocks, dtype=torch.float32, device=a.device)
    starts = torch.empty(num_blocks, dtype=torch.float32, device=a.device)
    s323_sum_kernel[(num_blocks,)](c, d, e, sums, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
    s323_offsets_kernel[(1,)](sums, starts, num_blocks, CHUNK=1024)
    s323_scan_kernel[(num_blocks,)](a, b, c, d, e, starts, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
