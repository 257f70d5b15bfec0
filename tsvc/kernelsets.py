"""Kernel sets: folders of `<loop>.py` modules, named under generated/ or given by path."""
from __future__ import annotations

import difflib
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


@dataclass(frozen=True)
class KernelSet:
    name: str
    path: Path

    def module_path(self, loop: str) -> Path | None:
        path = self.path / f"{loop}.py"
        return path if path.is_file() else None

    def metadata(self) -> dict[str, Any]:
        meta = self.path / METADATA_FILE
        return json.loads(meta.read_text()) if meta.is_file() else {}

    def loops(self) -> list[str]:
        return sorted(p.stem for p in self.path.glob("*.py") if not p.name.startswith("_"))

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
