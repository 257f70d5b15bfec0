import torch
import triton
import triton.language as tl


@triton.jit
def s331_kernel(a_ptr, j_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    a = tl.load(a_ptr + offsets, mask=mask, other=0.0)
    candidate = tl.where(mask & (a < 0.0), offsets, -1)
    tl.atomic_max(j_ptr, tl.max(candidate, axis=0))


def s331_triton(*, LEN_1D: int, a: torch.Tensor):
    """The last i with a[i] < 0, plus one (0 when there is none)."""
    j = torch.full((1,), -1, dtype=torch.int32, device=a.device)
    BLOCK_SIZE = 1024
    s331_kernel[(triton.cdiv(LEN_1D, BLOCK_SIZE),)](a, j, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
    result = torch.empty(1, dtype=torch.float32, device=a.device)
    _plus_one[(1,)](j, result)
    return result


@triton.jit
def _plus_one(j_ptr, out_ptr):
    tl.store(out_ptr, (tl.load(j_ptr) + 1).to(tl.float32))
