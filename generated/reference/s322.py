"""s322: a[i] = a[i] + a[i-1]*b[i] + a[i-2]*c[i] for i >= 2.

Strategy: a second-order linear recurrence. Step i is an affine map of the
state s = (a[i-1], a[i-2]): s' = [[b, c], [1, 0]] s + (a[i], 0), and affine
maps compose associatively. The elements are cut into chunks of CHUNK; each
lane of a program owns one chunk. Three launches: (1) each lane composes its
chunk's maps by stepping through it (a 2x2 matrix and a vector; a runtime
loop, partly unrolled so the loads, independent of the running product, are
issued ahead: compilation stays quick at any CHUNK);
(2) one program scans the chunk maps with tl.associative_scan over
(matrix, vector) tuples and applies them to the initial state (a[1], a[0]),
giving the state entering every chunk; (3) each lane replays its chunk from
that state and stores a. Only a[0] and a[1] are read across chunks, and they
are never written.
"""
import math

import torch
import triton
import triton.language as tl


@triton.jit
def _compose(l00, l01, l10, l11, l0, l1, r00, r01, r10, r11, r0, r1):
    # x -> R (L x + l) + r: the earlier map L, then the later map R
    return (r00 * l00 + r01 * l10, r00 * l01 + r01 * l11,
            r10 * l00 + r11 * l10, r10 * l01 + r11 * l11,
            r00 * l0 + r01 * l1 + r0, r10 * l0 + r11 * l1 + r1)


@triton.jit
def s322_chunk_map_kernel(a_ptr, b_ptr, c_ptr, maps_ptr, m, num_chunks,
                          CHUNK: tl.constexpr, LANES: tl.constexpr, UNROLL: tl.constexpr):
    pid = tl.program_id(0)
    chunk = pid * LANES + tl.arange(0, LANES)
    lane_mask = chunk < num_chunks
    m00 = tl.full([LANES], 1.0, tl.float32)
    m01 = tl.zeros([LANES], dtype=tl.float32)
    m10 = tl.zeros([LANES], dtype=tl.float32)
    m11 = tl.full([LANES], 1.0, tl.float32)
    v0 = tl.zeros([LANES], dtype=tl.float32)
    v1 = tl.zeros([LANES], dtype=tl.float32)
    for t in tl.range(0, CHUNK, loop_unroll_factor=UNROLL):
        k = chunk * CHUNK + t
        valid = lane_mask & (k < m)
        x = tl.load(a_ptr + 2 + k, mask=valid, other=0.0)
        b = tl.load(b_ptr + 2 + k, mask=valid, other=0.0)
        c = tl.load(c_ptr + 2 + k, mask=valid, other=0.0)
        # steps past the end only reach the last chunk's map, which no chunk uses
        n00 = b * m00 + c * m10
        n01 = b * m01 + c * m11
        n0 = b * v0 + c * v1 + x
        m10 = m00
        m11 = m01
        v1 = v0
        m00 = n00
        m01 = n01
        v0 = n0
    tl.store(maps_ptr + 0 * num_chunks + chunk, m00, mask=lane_mask)
    tl.store(maps_ptr + 1 * num_chunks + chunk, m01, mask=lane_mask)
    tl.store(maps_ptr + 2 * num_chunks + chunk, m10, mask=lane_mask)
    tl.store(maps_ptr + 3 * num_chunks + chunk, m11, mask=lane_mask)
    tl.store(maps_ptr + 4 * num_chunks + chunk, v0, mask=lane_mask)
    tl.store(maps_ptr + 5 * num_chunks + chunk, v1, mask=lane_mask)


@triton.jit
def s322_chunk_state_kernel(a_ptr, maps_ptr, states_ptr, num_chunks, BLOCK: tl.constexpr):
    s0 = tl.load(a_ptr + 1)
    s1 = tl.load(a_ptr)
    local = tl.arange(0, BLOCK)
    for start in range(0, num_chunks, BLOCK):
        idx = start + local
        mask = idx < num_chunks
        # padding is the identity map, so the last scanned entry is the block total
        m00 = tl.load(maps_ptr + 0 * num_chunks + idx, mask=mask, other=1.0)
        m01 = tl.load(maps_ptr + 1 * num_chunks + idx, mask=mask, other=0.0)
        m10 = tl.load(maps_ptr + 2 * num_chunks + idx, mask=mask, other=0.0)
        m11 = tl.load(maps_ptr + 3 * num_chunks + idx, mask=mask, other=1.0)
        v0 = tl.load(maps_ptr + 4 * num_chunks + idx, mask=mask, other=0.0)
        v1 = tl.load(maps_ptr + 5 * num_chunks + idx, mask=mask, other=0.0)
        m00, m01, m10, m11, v0, v1 = tl.associative_scan((m00, m01, m10, m11, v0, v1), 0, _compose)
        after0 = m00 * s0 + m01 * s1 + v0
        after1 = m10 * s0 + m11 * s1 + v1
        tl.store(states_ptr + idx, after0, mask=mask)
        tl.store(states_ptr + num_chunks + idx, after1, mask=mask)
        last = local == BLOCK - 1
        s0 = tl.sum(tl.where(last, after0, 0.0), axis=0)
        s1 = tl.sum(tl.where(last, after1, 0.0), axis=0)


@triton.jit
def s322_replay_kernel(a_ptr, b_ptr, c_ptr, states_ptr, m, num_chunks,
                       CHUNK: tl.constexpr, LANES: tl.constexpr, UNROLL: tl.constexpr):
    pid = tl.program_id(0)
    chunk = pid * LANES + tl.arange(0, LANES)
    lane_mask = chunk < num_chunks
    has_prev = lane_mask & (chunk > 0)
    first0 = tl.load(a_ptr + 1)
    first1 = tl.load(a_ptr)
    s0 = tl.where(has_prev, tl.load(states_ptr + chunk - 1, mask=has_prev, other=0.0), first0)
    s1 = tl.where(has_prev, tl.load(states_ptr + num_chunks + chunk - 1, mask=has_prev, other=0.0), first1)
    for t in tl.range(0, CHUNK, loop_unroll_factor=UNROLL):
        k = chunk * CHUNK + t
        valid = lane_mask & (k < m)
        x = tl.load(a_ptr + 2 + k, mask=valid, other=0.0)
        b = tl.load(b_ptr + 2 + k, mask=valid, other=0.0)
        c = tl.load(c_ptr + 2 + k, mask=valid, other=0.0)
        x = x + s0 * b + s1 * c
        tl.store(a_ptr + 2 + k, x, mask=valid)
        s1 = s0
        s0 = x


def s322_triton(a, b, c, LEN_1D):
    m = LEN_1D - 2
    if m <= 0:
        return
    # chunks of about sqrt(m)/4 elements (16..256): short per-lane walks, few chunk maps to scan
    CHUNK = min(256, max(16, triton.next_power_of_2(math.isqrt(m)) // 4))
    LANES = 128
    num_chunks = triton.cdiv(m, CHUNK)
    maps = torch.empty((6, num_chunks), dtype=torch.float32, device=a.device)
    states = torch.empty((2, num_chunks), dtype=torch.float32, device=a.device)
    grid = (triton.cdiv(num_chunks, LANES),)
    s322_chunk_map_kernel[grid](a, b, c, maps, m, num_chunks, CHUNK=CHUNK, LANES=LANES, UNROLL=8)
    s322_chunk_state_kernel[(1,)](a, maps, states, num_chunks, BLOCK=1024)
    s322_replay_kernel[grid](a, b, c, states, m, num_chunks, CHUNK=CHUNK, LANES=LANES, UNROLL=8)
