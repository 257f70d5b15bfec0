"""s258: if a[i] > 0: s = d[i]*d[i]; b[i] = s*c[i] + d[i]; e[i] = (s + 1)*aa[0][i], i < LEN_2D.

Strategy: the wrap-around scalar is s = d[k]*d[k] for k, the last index <= i
with a[k] > 0 (s = 0 if there is none): a prefix max over the index where the
condition holds (tl.associative_scan with maximum), then a gather of d[k].
Fully parallel: each program scans its own block, and seeds the scan with the
last qualifying index of all earlier blocks (a max-reduction over the a that
precedes it, which only reads a).
"""
import triton
import triton.language as tl


@triton.jit
def _max_combine(x, y):
    return tl.maximum(x, y)


@triton.jit
def s258_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, aa_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    lane = tl.arange(0, BLOCK_SIZE)
    # last index with a > 0 before this block
    carry = tl.max(tl.full([BLOCK_SIZE], -1, tl.int32), axis=0)
    for start in range(0, pid * BLOCK_SIZE, BLOCK_SIZE):
        idx = start + lane
        a = tl.load(a_ptr + idx)
        carry = tl.maximum(carry, tl.max(tl.where(a > 0.0, idx, -1), axis=0))
    offsets = pid * BLOCK_SIZE + lane
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask, other=0.0)
    last = tl.associative_scan(tl.where(a > 0.0, offsets, -1), 0, _max_combine)
    last = tl.maximum(last, carry)
    found = mask & (last >= 0)
    dk = tl.load(d_ptr + last, mask=found, other=0.0)
    s = tl.where(found, dk * dk, 0.0)
    c = tl.load(c_ptr + offsets, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    aa0 = tl.load(aa_ptr + offsets, mask=mask)
    tl.store(b_ptr + offsets, s * c + d, mask=mask)
    tl.store(e_ptr + offsets, (s + 1.0) * aa0, mask=mask)


def s258_triton(a, b, c, d, e, aa, LEN_1D, LEN_2D):
    grid = lambda meta: (triton.cdiv(LEN_2D, meta["BLOCK_SIZE"]),)
    s258_kernel[grid](a, b, c, d, e, aa, LEN_2D, BLOCK_SIZE=1024)
