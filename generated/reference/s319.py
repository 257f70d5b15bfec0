"""s319: a[i] = c[i] + d[i]; b[i] = c[i] + e[i]; returns the sum of all a[i] and b[i].

Strategy: the element-wise part is fully parallel and the coupled sums are
one sum reduction: each program writes its block of a and b and adds the
block's partial sum into a one-element accumulator with an atomic (one
launch, result on the device as a 0-d tensor).
"""
import torch
import triton
import triton.language as tl


@triton.jit
def s319_kernel(a_ptr, b_ptr, c_ptr, d_ptr, e_ptr, sum_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    c = tl.load(c_ptr + offsets, mask=mask, other=0.0)
    d = tl.load(d_ptr + offsets, mask=mask, other=0.0)
    e = tl.load(e_ptr + offsets, mask=mask, other=0.0)
    a = c + d
    b = c + e
    tl.store(a_ptr + offsets, a, mask=mask)
    tl.store(b_ptr + offsets, b, mask=mask)
    tl.atomic_add(sum_ptr, tl.sum(a, axis=0) + tl.sum(b, axis=0))


def s319_triton(LEN_1D, a, b, c, d, e):
    total = torch.zeros((), dtype=a.dtype, device=a.device)
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s319_kernel[grid](a, b, c, d, e, total, LEN_1D, BLOCK_SIZE=2048)
    return total
