"""s3113: maximum of |a| (max starts at |a[0]|; the loop also visits a[0]).

Strategy: parallel max reduction of |a|; each program reduces one block and
merges its maximum into a one-element accumulator with tl.atomic_max. The
accumulator starts at 0, a lower bound of every |a[i]|, so no host-side work
on a is needed. The result stays on the device as a 0-d tensor.
"""
import torch
import triton
import triton.language as tl


@triton.jit
def s3113_kernel(a_ptr, max_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    a = tl.load(a_ptr + offsets, mask=offsets < n, other=0.0)
    tl.atomic_max(max_ptr, tl.max(tl.abs(a), axis=0))


def s3113_triton(LEN_1D, a):
    result = torch.zeros((), dtype=a.dtype, device=a.device)
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s3113_kernel[grid](a, result, LEN_1D, BLOCK_SIZE=4096)
    return result
