"""s244: for i < LEN_1D-1, a[i] = b[i] + c[i]*d[i]; b[i] += c[i]; a[i+1] = b[i] + a[i+1]*d[i].

Strategy: the cycle is false. The value iteration i stores into a[i+1] is
overwritten by iteration i+1's first statement, which does not read it; only
the last iteration's a[LEN_1D-1] survives, and it reads the untouched old
a[LEN_1D-1]. So the final state is a[i] = b[i] + c[i]*d[i], b[i] += c[i]
for i < LEN_1D-1, plus one tail element: fully parallel, one launch.
"""
import triton
import triton.language as tl


@triton.jit
def s244_kernel(a_ptr, b_ptr, c_ptr, d_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    d = tl.load(d_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, b + c * d, mask=mask)
    b = c + b
    tl.store(b_ptr + offsets, b, mask=mask)
    # iteration n-1 (the last one) also writes a[n]
    last = offsets == n - 1
    a_tail = tl.load(a_ptr + offsets + 1, mask=last)
    tl.store(a_ptr + offsets + 1, b + a_tail * d, mask=last)


def s244_triton(a, b, c, d, LEN_1D):
    n = LEN_1D - 1
    if n <= 0:
        return
    grid = lambda meta: (triton.cdiv(n, meta["BLOCK_SIZE"]),)
    s244_kernel[grid](a, b, c, d, n, BLOCK_SIZE=1024)
