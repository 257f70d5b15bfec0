"""s222: for 1 <= i < LEN_1D, a[i] += b[i]*c[i]; e[i] = e[i-1]^2; a[i] -= b[i]*c[i].

Strategy: loop distribution. The a statements are parallel. The e recurrence
is nonlinear but closed-form: e[i] = e[0] squared i times. In float32 any
value other than 0 and +-1 reaches 0 or inf within 32 squarings and then
stays there, so each element squares e[0] min(i, 64) times in registers: the
same rounding as the sequential loop, fully parallel, one launch.
"""
import triton
import triton.language as tl


@triton.jit
def s222_kernel(a_ptr, b_ptr, c_ptr, e_ptr, n, SQUARINGS: tl.constexpr, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    i = 1 + pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = i < n
    a = tl.load(a_ptr + i, mask=mask)
    b = tl.load(b_ptr + i, mask=mask)
    c = tl.load(c_ptr + i, mask=mask)
    a += b * c
    a -= b * c
    tl.store(a_ptr + i, a, mask=mask)
    e = tl.zeros([BLOCK_SIZE], dtype=tl.float32) + tl.load(e_ptr)
    for k in range(SQUARINGS):
        e = tl.where(i > k, e * e, e)
    tl.store(e_ptr + i, e, mask=mask)


def s222_triton(a, b, c, e, LEN_1D):
    trips = LEN_1D - 1
    if trips <= 0:
        return
    grid = lambda meta: (triton.cdiv(trips, meta["BLOCK_SIZE"]),)
    s222_kernel[grid](a, b, c, e, LEN_1D, SQUARINGS=64, BLOCK_SIZE=4096)
