import torch
import triton
import triton.language as tl


@triton.jit
def vdotr_kernel(a_ptr, b_ptr, partial_ptr, n, stride_a, stride_b, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offs = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offs < n
    a = tl.load(a_ptr + offs * stride_a, mask=mask, other=0.0)
    b = tl.load(b_ptr + offs * stride_b, mask=mask, other=0.0)
    tl.store(partial_ptr + pid, tl.sum(a * b, axis=0))


@triton.jit
def sum_partials_kernel(partial_ptr, out_ptr, num_blocks, BLOCK: tl.constexpr):
    offs = tl.arange(0, BLOCK)
    p = tl.load(partial_ptr + offs, mask=offs < num_blocks, other=0.0)
    tl.store(out_ptr, tl.sum(p, axis=0))


def vdotr_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    BLOCK_SIZE = 1024
    num_blocks = triton.cdiv(LEN_1D, BLOCK_SIZE)
    partial = torch.empty(num_blocks, dtype=torch.float32, device=a.device)
    out = torch.empty(1, dtype=torch.float32, device=a.device)
    vdotr_kernel[(num_blocks,)](a, b, partial, LEN_1D, a.stride(0), b.stride(0), BLOCK_SIZE=BLOCK_SIZE)
    sum_partials_kernel[(1,)](partial, out, num_blocks, BLOCK=max(triton.next_power_of_2(num_blocks), 16))
    return out
