import torch
import triton
import triton.language as tl


@triton.jit
def s314_kernel(a_ptr, out_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offs = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    x = tl.load(a_ptr + offs, mask=offs < n, other=float("-inf"))
    tl.atomic_max(out_ptr, tl.max(x, axis=0))


def s314_triton(*, LEN_1D: int, a: torch.Tensor):
    result = torch.full((1,), float("-inf"), device=a.device, dtype=torch.float32)
    BLOCK_SIZE = 1024
    s314_kernel[(triton.cdiv(LEN_1D, BLOCK_SIZE),)](a, result, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
    return result[0]
