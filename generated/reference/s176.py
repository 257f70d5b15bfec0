"""s176: convolution, a[i] += sum_{j < m} b[i+m-j-1] * c[j] for i < m = LEN_1D/2.

Strategy: the j loop is a reduction into each a[i], so the m x m iteration
space is tiled in 2D: a program owns BLOCK_I outputs and a CHUNK of taps j,
accumulates [BLOCK_I, BLOCK_J] products of a b tile (a Hankel gather, served
from cache) and c in registers, reduces once at the end, and adds its partial
sums into a with one atomic per output. Splitting j over programs gives
thousands of programs at native size. Indices are clamped instead of masked
(out-of-range taps get c = 0), so the 2D gather needs no mask.
"""
import triton
import triton.language as tl


@triton.jit
def s176_kernel(a_ptr, b_ptr, c_ptr, m, CHUNK: tl.constexpr,
                BLOCK_I: tl.constexpr, BLOCK_J: tl.constexpr):
    pid_i = tl.program_id(0)
    pid_j = tl.program_id(1)
    i = pid_i * BLOCK_I + tl.arange(0, BLOCK_I)
    mask_i = i < m
    rows = b_ptr + tl.minimum(i, m - 1)  # &b[i]
    acc = tl.zeros([BLOCK_I, BLOCK_J], dtype=tl.float32)
    for j0 in range(pid_j * CHUNK, pid_j * CHUNK + CHUNK, BLOCK_J):
        j = j0 + tl.arange(0, BLOCK_J)
        c = tl.load(c_ptr + j, mask=j < m, other=0.0)
        taps = (m - 1) - tl.minimum(j, m - 1)  # m - 1 - j, in range
        b = tl.load(rows[:, None] + taps[None, :])
        acc += b * c[None, :]
    tl.atomic_add(a_ptr + i, tl.sum(acc, axis=1), mask=mask_i)


def s176_triton(a, b, c, LEN_1D):
    m = LEN_1D // 2
    if m == 0:
        return
    # Register-sized tiles on the GPU; few large tiles under the CPU interpreter,
    # whose cost is per operation rather than per element.
    block_i, block_j, chunk = (64, 128, 1024) if a.is_cuda else (256, 1024, 1024)
    grid = lambda meta: (triton.cdiv(m, meta["BLOCK_I"]), triton.cdiv(m, meta["CHUNK"]))
    s176_kernel[grid](a, b, c, m, CHUNK=chunk, BLOCK_I=block_i, BLOCK_J=block_j, num_warps=8)
