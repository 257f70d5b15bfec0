"""s171: a[i*inc] += b[i] for i < LEN_1D.

Strategy: for inc != 0 the writes go to distinct elements, so the loop is
fully parallel: one program per block of i, gathering and scattering at
stride inc. For inc == 0 every iteration accumulates into a[0]: each block
adds its partial sum of b with one atomic (a parallel reduction).
"""
import triton
import triton.language as tl


@triton.jit
def s171_kernel(a_ptr, b_ptr, n, inc, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    b = tl.load(b_ptr + offsets, mask=mask)
    a = tl.load(a_ptr + offsets * inc, mask=mask)
    tl.store(a_ptr + offsets * inc, a + b, mask=mask)


@triton.jit
def s171_same_element_kernel(a_ptr, b_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    b = tl.load(b_ptr + offsets, mask=offsets < n, other=0.0)
    tl.atomic_add(a_ptr, tl.sum(b, axis=0))


def s171_triton(a, b, inc, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    if inc == 0:
        s171_same_element_kernel[grid](a, b, LEN_1D, BLOCK_SIZE=4096)
    else:
        s171_kernel[grid](a, b, LEN_1D, inc, BLOCK_SIZE=1024)
