"""s161: for i < LEN_1D-1: if (b[i] < 0) c[i+1] = a[i] + d[i]*d[i]; else a[i] = c[i] + d[i]*e[i].

Strategy: the only cross-iteration dependence is c[i] written by iteration
i-1 (when b[i-1] < 0) and read by iteration i (when b[i] >= 0). Iteration i
recomputes that value itself from a[i-1] and d[i-1]: a[i-1] is written only
when b[i-1] >= 0, i.e. never when it is needed here, and c[i] is read from
memory only when b[i-1] >= 0, i.e. when nobody writes it. So no iteration
reads an element another one writes: fully parallel in one launch.
"""
import triton
import triton.language as tl


@triton.jit
def s161_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    i = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = i < n
    b = tl.load(b_ptr + i, mask=mask, other=0.0)
    d = tl.load(d_ptr + i, mask=mask)
    neg = b < 0.0
    pos = mask & (b >= 0.0)
    # else-branch: a[i] = c[i] + d[i]*e[i], c[i] possibly just written by iteration i-1
    b_prev = tl.load(b_ptr + i - 1, mask=pos & (i > 0), other=0.0)
    from_prev = pos & (i > 0) & (b_prev < 0.0)
    a_prev = tl.load(a_ptr + i - 1, mask=from_prev, other=0.0)
    d_prev = tl.load(d_ptr + i - 1, mask=from_prev, other=0.0)
    c_mem = tl.load(c_ptr + i, mask=pos & ~from_prev, other=0.0)
    c = tl.where(from_prev, a_prev + d_prev * d_prev, c_mem)
    e = tl.load(e_ptr + i, mask=pos, other=0.0)
    # then-branch: c[i+1] = a[i] + d[i]*d[i] (a[i] is not written by this iteration)
    a = tl.load(a_ptr + i, mask=mask & neg, other=0.0)
    tl.store(c_ptr + i + 1, a + d * d, mask=mask & neg)
    tl.store(a_ptr + i, c + d * e, mask=pos)


def s161_triton(a, b, c, d, e, LEN_1D):
    n = LEN_1D - 1
    grid = lambda meta: (triton.cdiv(n, meta["BLOCK_SIZE"]),)
    s161_kernel[grid](a, b, c, d, e, n, BLOCK_SIZE=1024)
