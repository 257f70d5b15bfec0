"""s2712: a[i] += b[i] * c[i] where a[i] > b[i] (if to elemental min).

Strategy: fully parallel; one program per BLOCK_SIZE elements, masked tail;
the condition becomes a select.
"""
import triton
import triton.language as tl


@triton.jit
def s2712_kernel(a_ptr, b_ptr, c_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, tl.where(a > b, a + b * c, a), mask=mask)


def s2712_triton(LEN_1D, a, b, c):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s2712_kernel[grid](a, b, c, LEN_1D, BLOCK_SIZE=1024)
