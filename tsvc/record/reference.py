"""The ground truth: each loop's C text compiled by gcc and called through ctypes.

One shared library per (loop, real type, flags), built once per source hash into
a cache directory under a file lock, so parallel workers share it. Sizes are
run-time arguments, so one build serves every size.
"""
from __future__ import annotations

import ctypes
import hashlib
import os
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import numpy as np
from filelock import FileLock

from tsvc.record.catalog import Loop
from tsvc.record.csource import CType, Real

# tgmath makes sin/fabs/sqrt type-generic, so one C text is exact in both builds.
PRELUDE = "#include <tgmath.h>\n#include <stdlib.h>\ntypedef REAL_T real_t;\n#line 1\n"
REFERENCE_FLAGS = ("-O2",)
BASELINE_FLAGS = ("-O3", "-march=native")


class BuildError(RuntimeError):
    """gcc rejected a loop's C text."""


class TamperedBuildError(RuntimeError):
    """A cached C build no longer matches the hash recorded when it was built."""


_built: dict[Path, str] = {}  # hashes of the builds this process made or verified


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verified(target: Path) -> Path:
    """`target`, after checking it against the hash recorded beside it (and in this process) at build time."""
    recorded = _built.get(target)
    sidecar = target.with_suffix(".sha256")
    if recorded is None and sidecar.exists():
        recorded = sidecar.read_text().strip()
    actual = _digest(target)
    if recorded is not None and actual != recorded:
        raise TamperedBuildError(f"the C build {target} does not match the hash recorded when it was built; "
                                 f"something changed the ground truth: delete {target.parent} and run again")
    if recorded is None:  # a build from before hashes were recorded
        sidecar.write_text(actual)
    _built[target] = actual
    return target


def cache_dir() -> Path:
    root = os.environ.get("TSVC_CACHE_DIR") or Path.home() / ".cache" / "tsvc-triton"
    path = Path(root) / "c"
    path.mkdir(parents=True, exist_ok=True)
    return path


@lru_cache(maxsize=1)
def _gcc_version() -> str:
    return subprocess.run(["gcc", "--version"], capture_output=True, text=True, check=True).stdout


def build(loop: Loop, real: str, flags: tuple[str, ...] = REFERENCE_FLAGS) -> Path:
    """Returns the path of the loop's shared library, compiling it if needed."""
    source = PRELUDE + loop.c_text
    cmd = ["gcc", "-std=gnu11", "-shared", "-fPIC", *flags, f"-DREAL_T={real}"]
    key = hashlib.sha256("\0".join([source, *cmd, _gcc_version()]).encode()).hexdigest()[:20]
    target = cache_dir() / f"{loop.name}-{real}-{key}.so"
    if target.exists():
        return target
    with FileLock(str(target) + ".lock"):
        if target.exists():
            return target
        with tempfile.TemporaryDirectory(dir=cache_dir()) as tmp:
            src, out = Path(tmp) / f"{loop.name}.c", Path(tmp) / "out.so"
            src.write_text(source)
            proc = subprocess.run([*cmd, "-o", str(out), str(src), "-lm"], capture_output=True, text=True)
            if proc.returncode != 0:
                raise BuildError(f"{loop.name} ({real}): gcc failed:\n{proc.stderr.strip()}")
            target.with_suffix(".sha256").write_text(_digest(out))
            os.replace(out, target)  # atomic: a reader never sees half a library
    return target


@dataclass(frozen=True)
class CompiledLoop:
    """A loaded loop function for one precision."""

    loop: Loop
    real: Real
    fn: Callable[..., Any]  # a ctypes foreign function (its class is private to ctypes)

    def __call__(self, arrays: dict[str, np.ndarray], scalars: dict[str, int | float]) -> float | None:
        """Runs the loop in place on `arrays` (of this precision) and returns its result."""
        bound = self.loop.bind(arrays, scalars)
        result = self.fn(*(self._pointer(name, arrays[name]) if name in arrays else value
                           for name, value in bound.items()))
        return float(result) if self.loop.returns_result else None

    def _pointer(self, name: str, array: np.ndarray) -> ctypes.c_void_p:
        want = self.loop.array(name).ctype.dtype(self.real)
        if array.dtype != want or not array.flags.c_contiguous:
            raise TypeError(f"{self.loop.name}: array {name} must be C-contiguous {want}")
        return array.ctypes.data_as(ctypes.c_void_p)


@lru_cache(maxsize=None)
def load(loop: Loop, real: str = Real.FLOAT, flags: tuple[str, ...] = REFERENCE_FLAGS) -> CompiledLoop:
    real = Real(real)
    lib = ctypes.CDLL(str(verified(build(loop, real, flags))))
    fn = getattr(lib, loop.name)
    fn.argtypes = [
        ctypes.c_void_p if name in {a.name for a in loop.arrays} else _scalar_ctype(loop, name).ctypes(real)
        for name in loop.params
    ]
    fn.restype = CType.REAL.ctypes(real) if loop.returns_result else None
    return CompiledLoop(loop, real, fn)


def _scalar_ctype(loop: Loop, name: str) -> CType:
    if name in loop.size_params:
        return CType.INT
    return next(s.ctype for s in loop.scalars if s.name == name)


def widened(inputs: dict[str, np.ndarray], real: str = Real.FLOAT) -> dict[str, np.ndarray]:
    """Contiguous copies of `inputs` for a build of precision `real`: real arrays widened, int arrays as they are."""
    dtype = Real(real).dtype
    return {name: np.ascontiguousarray(v.astype(dtype) if v.dtype == CType.REAL.dtype() else v.copy())
            for name, v in inputs.items()}


@dataclass(frozen=True)
class ReferenceRun:
    """The outputs of one C run: every array after the loop, and its result."""

    arrays: dict[str, np.ndarray]
    result: float | None


def run(loop: Loop, inputs: dict[str, np.ndarray], scalars: dict[str, int | float],
        real: str = Real.FLOAT) -> ReferenceRun:
    """Runs the C loop on copies of `inputs` (float32 values, widened for "double")."""
    arrays = widened(inputs, real)
    result = load(loop, real)(arrays, scalars)
    return ReferenceRun(arrays, result)
