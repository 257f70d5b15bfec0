"""s116: unrolled by 5, a[k] = a[k+1] * a[k] for k < 5 * ceil((LEN_1D-5)/5).

Strategy: each a[k+1] is read before its own iteration overwrites it, so every
element is the product of two old values (anti-dependence at distance 1, no
recurrence). Read the right neighbours from a snapshot of a[1:count+1] taken
before the launch; then the elements are independent: fully parallel, and the
unrolling by 5 disappears.
"""
import triton
import triton.language as tl


@triton.jit
def s116_kernel(a_ptr, right_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask)
    right = tl.load(right_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, right * a, mask=mask)


def s116_triton(a, LEN_1D):
    count = 5 * triton.cdiv(LEN_1D - 5, 5) if LEN_1D > 5 else 0
    if count == 0:
        return
    right = a[1:count + 1].clone()
    grid = lambda meta: (triton.cdiv(count, meta["BLOCK_SIZE"]),)
    s116_kernel[grid](a, right, count, BLOCK_SIZE=1024)
