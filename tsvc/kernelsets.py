"""Kernel sets: folders of `<loop>.py` modules, named under generated/ or given by path.

KernelSet owns a set folder's layout; everything that reads or writes one asks it for paths:

    <loop>.py              the loop's kernel module
    <loop>.json            its generation record (a model set: generation/store.py)
    attempts/<loop>/       every answer and attempted module of the loop
    samples/<k>/           sample k > 1 of every loop, a folder of this same layout
    kernelset.json         the set's metadata (implementation, provenance)
    .locks/ .staging/ .trash/   a generating run's private folders
"""
from __future__ import annotations

import difflib
import enum
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from tsvc.record.convention import Implementation

REPO_ROOT = Path(__file__).resolve().parent.parent
GENERATED_DIR = REPO_ROOT / "generated"
DEFAULT_SET = "reference"
METADATA_FILE = "kernelset.json"
# `--kernels new:NAME` asks for a new set under generated/: without it an unknown name is
# an error (a misspelling must not start a new set, nor pay to generate one).
NEW_PREFIX = "new:"


class UnknownKernelSetError(LookupError):
    def __str__(self) -> str:
        return str(self.args[0])


class Private(enum.StrEnum):
    """The folders a generating run keeps for itself in a set folder (git-ignored, never a kernel)."""

    LOCKS = ".locks"
    STAGING = ".staging"
    TRASH = ".trash"


@dataclass(frozen=True)
class KernelSet:
    name: str
    path: Path

    @staticmethod
    def kernel_file(loop: str) -> str:
        """The kernel module's name, relative to the set folder (as a record writes it)."""
        return f"{loop}.py"

    def kernel_path(self, loop: str) -> Path:
        return self.path / self.kernel_file(loop)

    def record_path(self, loop: str) -> Path:
        return self.path / f"{loop}.json"

    def attempts_path(self, loop: str) -> Path:
        return self.path / "attempts" / loop

    def private(self, which: Private) -> Path:
        return self.path / which

    @property
    def metadata_path(self) -> Path:
        return self.path / METADATA_FILE

    @property
    def samples_path(self) -> Path:
        return self.path / "samples"

    def sample(self, k: int) -> "KernelSet":
        """The set of the loops' sample `k` (from 1): this folder for 1, else samples/<k>/."""
        if k < 1:
            raise ValueError(f"samples are numbered from 1, not {k}")
        return self if k == 1 else KernelSet(self.name, self.samples_path / str(k))

    def sample_numbers(self) -> list[int]:
        """The samples the folder holds: 1, then every samples/<k>/ folder."""
        extra = self.samples_path
        found = sorted(int(p.name) for p in extra.iterdir() if p.is_dir() and p.name.isdigit()) if extra.is_dir() else []
        return [1, *(k for k in found if k > 1)]

    def module_path(self, loop: str) -> Path | None:
        path = self.kernel_path(loop)
        return path if path.is_file() else None

    def metadata(self) -> dict[str, Any]:
        meta = self.metadata_path
        return json.loads(meta.read_text()) if meta.is_file() else {}

    def loops(self) -> list[str]:
        return sorted(p.stem for p in self.path.glob(self.kernel_file("*")) if not p.name.startswith("_"))

    @property
    def implementation(self) -> Implementation:
        """What the set's modules are written in: Triton unless its kernelset.json says otherwise."""
        return Implementation(self.metadata().get("implementation", Implementation.TRITON.value))


def known_sets() -> list[str]:
    """The kernel sets under generated/: folders with a kernelset.json (alternatives/ holds candidates, no set)."""
    if not GENERATED_DIR.is_dir():
        return []
    return sorted(p.name for p in GENERATED_DIR.iterdir()
                  if p.is_dir() and not p.name.startswith(".") and (p / METADATA_FILE).is_file())


def resolve(name_or_path: str, must_exist: bool = True,
            creatable: Callable[[str], bool] = lambda name: False) -> KernelSet:
    """A folder name under generated/, `new:NAME` for a new one, or a path to any folder of kernel modules.

    A name that is not yet a folder is accepted when marked `new:`, when
    `creatable(name)` says so (a name that names a model), or with
    `must_exist=False` (callers that decided already).
    """
    if name_or_path.startswith(NEW_PREFIX):
        return _new_set(name_or_path[len(NEW_PREFIX):])
    if "/" in name_or_path or name_or_path.startswith((".", "~")):
        folder = Path(name_or_path).expanduser().resolve()
        if not folder.is_dir():
            raise UnknownKernelSetError(f"kernel set folder {name_or_path!r} does not exist")
        return KernelSet(folder.name, folder)
    path = GENERATED_DIR / name_or_path
    if path.is_dir() or not must_exist or creatable(name_or_path):
        return KernelSet(name_or_path, path)
    near = difflib.get_close_matches(name_or_path, known_sets(), n=3)
    hint = f"did you mean {', '.join(near)}?" if near else f"known sets: {', '.join(known_sets()) or 'none'}"
    raise UnknownKernelSetError(f"unknown kernel set {name_or_path!r}; {hint} "
                                f"(a new model set is written {NEW_PREFIX}{name_or_path})")


def _new_set(name: str) -> KernelSet:
    """generated/NAME, made if need be (an existing one is used: xdist workers start after it is made)."""
    if not name or "/" in name or name.startswith("."):
        raise UnknownKernelSetError(f"{NEW_PREFIX}{name}: a new set's name is a folder name under generated/")
    return KernelSet(name, GENERATED_DIR / name)
