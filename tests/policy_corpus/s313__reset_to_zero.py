import torch
import triton
import triton.language as tl


@triton.autotune(
    configs=[
        triton.Config({"BLOCK_SIZE": 1024}, num_warps=4),
        triton.Config({"BLOCK_SIZE": 4096}, num_warps=8),
    ],
    key=["N"],
    reset_to_zero=["out_ptr"],
)
@triton.jit
def dot_kernel(a_ptr, b_ptr, out_ptr, N, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < N
    a = tl.load(a_ptr + offsets, mask=mask, other=0.0)
    b = tl.load(b_ptr + offsets, mask=mask, other=0.0)
    tl.atomic_add(out_ptr, tl.sum(a * b, axis=0))


def s313_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    out = torch.zeros((), device=a.device, dtype=torch.float32)
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    dot_kernel[grid](a, b, out, LEN_1D)
    return out
