"""s421: flat[i] = flat[i+1] + a[i] for i < LEN_1D-1 (TSVC's xx and yy alias flat_2d_array).

Strategy: WAR on flat_2d_array at distance 1: every iteration reads the value
its right neighbour will overwrite. Read from a snapshot of flat[1:LEN_1D]
taken before the launch, then the iterations are independent.
"""
import triton
import triton.language as tl


@triton.jit
def s421_kernel(flat_ptr, shifted_ptr, a_ptr, n, BLOCK_SIZE: tl.constexpr):
    pid = tl.program_id(0)
    offsets = pid * BLOCK_SIZE + tl.arange(0, BLOCK_SIZE)
    mask = offsets < n
    nxt = tl.load(shifted_ptr + offsets, mask=mask)
    a = tl.load(a_ptr + offsets, mask=mask)
    tl.store(flat_ptr + offsets, nxt + a, mask=mask)


def s421_triton(flat_2d_array, a, LEN_1D, LEN_2D):
    n = LEN_1D - 1
    shifted = flat_2d_array[1:LEN_1D].clone()
    grid = lambda meta: (triton.cdiv(n, meta["BLOCK_SIZE"]),)
    s421_kernel[grid](flat_2d_array, shifted, a, n, BLOCK_SIZE=1024)
