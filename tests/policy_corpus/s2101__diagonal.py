import torch
import triton
import triton.language as tl


@triton.jit
def s2101_kernel(aa_ptr, bb_ptr, cc_ptr, n, stride_row, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    i = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = i < n
    diag = i * stride_row + i
    aa = tl.load(aa_ptr + diag, mask=mask)
    bb = tl.load(bb_ptr + diag, mask=mask)
    cc = tl.load(cc_ptr + diag, mask=mask)
    tl.store(aa_ptr + diag, aa + bb * cc, mask=mask)


def s2101_triton(*, LEN_2D: int, aa: torch.Tensor, bb: torch.Tensor, cc: torch.Tensor) -> None:
    assert aa.stride(1) == 1 and aa.stride(0) == bb.stride(0) == cc.stride(0)
    BLOCK_SIZE = 128
    s2101_kernel[(triton.cdiv(LEN_2D, BLOCK_SIZE),)](aa, bb, cc, LEN_2D, aa.stride(0), BLOCK_SIZE=BLOCK_SIZE)
