"""s351: saxpy unrolled by 5: a[i] += alpha * b[i] with alpha = c[0].

Strategy: rerolled: the five statements cover every element once, so this is
a plain saxpy; fully parallel, one program per BLOCK_SIZE elements. Each
program loads alpha = c[0] itself (no host read).
"""
import triton
import triton.language as tl


@triton.jit
def s351_kernel(a_ptr, b_ptr, c_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    alpha = tl.load(c_ptr)
    a = tl.load(a_ptr + offsets, mask=mask)
    b = tl.load(b_ptr + offsets, mask=mask)
    tl.store(a_ptr + offsets, a + alpha * b, mask=mask)


def s351_triton(a, b, c, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s351_kernel[grid](a, b, c, LEN_1D, BLOCK_SIZE=1024)
