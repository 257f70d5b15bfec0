"""s314: maximum of a (x starts at a[0], replaced by any larger element).

Strategy: parallel max reduction; each program reduces one block and merges
its maximum into a one-element accumulator (initialised to -inf) with
tl.atomic_max. The result stays on the device as a 0-d tensor.
"""
import torch
import triton
import triton.language as tl


@triton.jit
def s314_kernel(a_ptr, max_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    a = tl.load(a_ptr + offsets, mask=offsets < n, other=float("-inf"))
    tl.atomic_max(max_ptr, tl.max(a, axis=0))


def s314_triton(LEN_1D, a):
    x = torch.full((), float("-inf"), dtype=a.dtype, device=a.device)
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s314_kernel[grid](a, x, LEN_1D, BLOCK_SIZE=4096)
    return x
