import torch
import triton
import triton.language as tl


@triton.heuristics({"EVEN_N": lambda args: args["n"] % args["BLOCK_SIZE"] == 0})
@triton.jit
def s113_kernel(a_ptr, b_ptr, a0_ptr, n, BLOCK_SIZE: tl.constexpr, EVEN_N: tl.constexpr):
    pid = tl.program_id(0)
    offs = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    a0 = tl.load(a0_ptr)
    if EVEN_N:
        b = tl.load(b_ptr + offs)
        res = a0 + b
        # a[0] itself is not written by the loop (it starts at i = 1)
        tl.store(a_ptr + offs, res, mask=offs >= 1)
    else:
        mask = (offs < n) & (offs >= 1)
        b = tl.load(b_ptr + offs, mask=mask, other=0.0)
        tl.store(a_ptr + offs, a0 + b, mask=mask)


def s113_triton(*, LEN_1D: int, a: torch.Tensor, b: torch.Tensor):
    a0 = a[:1].clone()  # snapshot, so no program races with the one holding a[0]
    BLOCK_SIZE = 256
    s113_kernel[(triton.cdiv(LEN_1D, BLOCK_SIZE),)](a, b, a0, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
