"""s4115: sum of a[i] * b[ip[i]] (sparse dot product).

Strategy: parallel reduction with a gather; each program forms one block's
products, reduces them in registers and adds the partial sum into a
one-element accumulator with an atomic. The result stays on the device.
"""
import torch
import triton
import triton.language as tl


@triton.jit
def s4115_kernel(a_ptr, b_ptr, ip_ptr, sum_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    ip = tl.load(ip_ptr + offsets, mask=mask, other=0)
    a = tl.load(a_ptr + offsets, mask=mask, other=0.0)
    b = tl.load(b_ptr + ip, mask=mask, other=0.0)
    tl.atomic_add(sum_ptr, tl.sum(a * b, axis=0))


def s4115_triton(a, b, ip, LEN_1D):
    total = torch.zeros((), dtype=a.dtype, device=a.device)
    grid = lambda meta: (triton.cdiv(LEN_1D, meta["BLOCK_SIZE"]),)
    s4115_kernel[grid](a, b, ip, total, LEN_1D, BLOCK_SIZE=4096)
    return total
