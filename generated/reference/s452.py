"""s452: a[i] = b[i] + c[i] * (real_t)(i+1).

Strategy: fully parallel; the sequence value i+1 comes from the offsets
themselves, one program per BLOCK_SIZE elements.
"""
import triton
import triton.language as tl


@triton.jit
def s452_kernel(a_ptr, b_ptr, c_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    b = tl.load(b_ptr + offsets, mask=mask)
    c = tl.load(c_ptr + offsets, mask=mask)
    seq = (offsets + 1).to(tl.float32)
    tl.store(a_ptr + offsets, b + c * seq, mask=mask)


def s452_triton(a, b, c, LEN_1D):
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s452_kernel[grid](a, b, c, LEN_1D, BLOCK_SIZE=1024)
