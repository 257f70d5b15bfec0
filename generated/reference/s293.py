"""s293: a[i] = a[0].

Strategy: iteration 0 rewrites a[0] with its own value, so every element gets
the original a[0]: a parallel broadcast. Each program reads a[0] and stores
it into its block, skipping element 0, so a[0] is never written while
another program reads it.
"""
import triton
import triton.language as tl


@triton.jit
def s293_kernel(a_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = (offsets < n) & (offsets > 0)
    a0 = tl.load(a_ptr)
    tl.store(a_ptr + offsets, tl.zeros([BLOCK_SIZE], dtype=tl.float32) + a0, mask=mask)


def s293_triton(LEN_1D, a):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s293_kernel[grid](a, LEN_1D, BLOCK_SIZE=1024)
