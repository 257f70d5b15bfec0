import torch
import triton
import triton.language as tl


@triton.jit
def _shifted_add(a_src, b_ptr, offs, m, mask):
    return tl.load(a_src + offs + m, mask=mask) + tl.load(b_ptr + offs, mask=mask)


@triton.jit
def s151_kernel(a_ptr, a_src, b_ptr, n, m, BLOCK_SIZE: tl.constexpr):
    offs = tl.program_id(0) * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offs < n - 1
    tl.store(a_ptr + offs, _shifted_add(a_src, b_ptr, offs, m, mask), mask=mask)


def _s151s(a, b, LEN_1D, m):
    src = a.clone()
    BLOCK_SIZE = 512
    s151_kernel[(triton.cdiv(LEN_1D - 1, BLOCK_SIZE),)](a, src, b, LEN_1D, m, BLOCK_SIZE=BLOCK_SIZE)


def s151_triton(*, LEN_1D, a, b):
    _s151s(a, b, LEN_1D, 1)
