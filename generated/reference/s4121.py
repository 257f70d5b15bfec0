"""s4121: a[i] += f(b[i], c[i]), with the statement function f(x, y) = x * y.

Strategy: fully parallel; f becomes a @triton.jit helper inlined into the
kernel; one program per BLOCK_SIZE elements.
"""
import triton
import triton.language as tl


@triton.jit
def f(x, y):
    return x * y


@triton.jit
def s4121_kernel(a_ptr, b_ptr, c_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, a + f(b, c), mask=mask)


def s4121_triton(a, b, c, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s4121_kernel[grid](a, b, c, LEN_1D, BLOCK_SIZE=1024)
