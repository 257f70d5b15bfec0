"""Deterministic inputs per (loop, size, seed).

Each array's record names a distribution, e.g. ``uniform(-1, 1)``,
``randint(1, 5)``, ``permutation`` or ``permutation(LEN_2D)``; its arguments
may be expressions over LEN_1D / LEN_2D. Arrays have their spec's dtype (real
arrays float32: the double reference runs on the same values, widened).
"""
from __future__ import annotations

import hashlib
import re
from typing import Any, Callable

import numpy as np

from tsvc.record.catalog import ArraySpec, Loop
from tsvc.record.csource import CType
from tsvc.record.sizes import Size, evaluate

_REAL, _INT = CType.REAL.dtype(), CType.INT.dtype()

Distribution = Callable[[np.random.Generator, tuple[int, ...], list[Any]], np.ndarray]


def _uniform(rng: np.random.Generator, shape: tuple[int, ...], args: list[Any]) -> np.ndarray:
    lo, hi = args
    return rng.uniform(lo, hi, shape).astype(_REAL)


def _randint(rng: np.random.Generator, shape: tuple[int, ...], args: list[Any]) -> np.ndarray:
    lo, hi = args  # hi exclusive
    return rng.integers(int(lo), int(hi), shape).astype(_INT)


def _permutation(rng: np.random.Generator, shape: tuple[int, ...], args: list[Any]) -> np.ndarray:
    """A permutation of range(n), tiled to fill the array (n defaults to its length)."""
    count = int(np.prod(shape))
    n = int(args[0]) if args else count
    reps = -(-count // n)
    values = np.concatenate([rng.permutation(n) for _ in range(reps)])[:count]
    return values.reshape(shape).astype(_INT)


def _constant(rng: np.random.Generator, shape: tuple[int, ...], args: list[Any]) -> np.ndarray:
    return np.full(shape, args[0], dtype=_REAL)


DISTRIBUTIONS: dict[str, Distribution] = {
    "uniform": _uniform,
    "randint": _randint,
    "permutation": _permutation,
    "constant": _constant,
}

_SPEC = re.compile(r"^\s*(\w+)\s*(?:\((.*)\))?\s*$")


def parse_init(spec: str, size: Size) -> tuple[Distribution, list[Any]]:
    match = _SPEC.match(spec)
    if not match or match.group(1) not in DISTRIBUTIONS:
        raise ValueError(f"unknown input distribution {spec!r}; known: {sorted(DISTRIBUTIONS)}")
    raw = match.group(2)
    args = [evaluate(a, size.env()) for a in raw.split(",")] if raw and raw.strip() else []
    return DISTRIBUTIONS[match.group(1)], args


def stream_seed(loop: str, size: Size, seed: int) -> int:
    key = f"{loop}/{size.len_1d}/{size.len_2d}/{seed}".encode()
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "little")


def make_array(spec: ArraySpec, size: Size, rng: np.random.Generator) -> np.ndarray:
    generator, args = parse_init(spec.init, size)
    values = generator(rng, spec.shape(size), args)
    if values.dtype != spec.dtype:
        raise ValueError(f"array {spec.name}: distribution {spec.init!r} gives {values.dtype}")
    return np.ascontiguousarray(values)


def make_inputs(loop: Loop, size: Size, seed: int) -> dict[str, np.ndarray]:
    """Fresh arrays for one run; the same (loop, size, seed) always gives the same values."""
    rng = np.random.default_rng(stream_seed(loop.name, size, seed))
    return {spec.name: make_array(spec, size, rng) for spec in loop.arrays}


def scalar_values(loop: Loop, size: Size) -> dict[str, int | float]:
    values: dict[str, int | float] = {s.name: s.resolve(size) for s in loop.scalars}
    values.update({name: size.env()[name] for name in loop.size_params})
    return values
