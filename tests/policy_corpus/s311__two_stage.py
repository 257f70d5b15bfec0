"""Two-stage reduction: per-block partial sums, then one program sums the partials."""
import math

import torch
import triton
import triton.language as tl


@triton.jit
def _partial_sums(a_ptr, partial_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offs = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    vals = tl.load(a_ptr + offs, mask=offs < n, other=0.0)
    tl.store(partial_ptr + pid, tl.sum(vals))


@triton.jit
def _final_sum(partial_ptr, out_ptr, num_partials, BLOCK_P: tl.constexpr):
    offs = tl.arange(0, BLOCK_P)
    vals = tl.load(partial_ptr + offs, mask=offs < num_partials, other=0.0)
    tl.store(out_ptr, tl.sum(vals))


def s311_triton(*, LEN_1D: int, a: torch.Tensor) -> torch.Tensor:
    BLOCK_SIZE = 1024
    num_partials = math.ceil(LEN_1D / BLOCK_SIZE)
    partials = torch.empty(num_partials, device=a.device, dtype=a.dtype)
    result = torch.empty((), device=a.device, dtype=a.dtype)
    _partial_sums[(num_partials,)](a, partials, LEN_1D, BLOCK_SIZE=BLOCK_SIZE)
    _final_sum[(1,)](partials, result, num_partials, BLOCK_P=triton.next_power_of_2(num_partials))
    return result
