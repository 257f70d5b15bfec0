import torch
import triton
import triton.language as tl


@triton.jit
def s125_kernel(flat_ptr, aa_ptr, bb_ptr, cc_ptr, total, BLOCK_SIZE: tl.constexpr):
    # k runs over the rows of aa in order: flat[k] is element k of the row-major matrices.
    pid = tl.program_id(0)
    k = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = k < total
    aa = tl.load(aa_ptr + k, mask=mask)
    bb = tl.load(bb_ptr + k, mask=mask)
    cc = tl.load(cc_ptr + k, mask=mask)
    tl.store(flat_ptr + k, aa + bb * cc, mask=mask)


def s125_triton(*, LEN_2D: int, flat_2d_array: torch.Tensor, aa: torch.Tensor, bb: torch.Tensor,
                cc: torch.Tensor) -> None:
    total = LEN_2D * LEN_2D
    BLOCK_SIZE = 1024
    s125_kernel[(triton.cdiv(total, BLOCK_SIZE),)](flat_2d_array, aa.contiguous(), bb.contiguous(),
                                                   cc.contiguous(), total, BLOCK_SIZE=BLOCK_SIZE)
