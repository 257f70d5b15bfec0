"""Kernel sets: folders of `<loop>.py` modules, named under generated/ or given by path."""
from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
GENERATED_DIR = REPO_ROOT / "generated"
DEFAULT_SET = "reference"
METADATA_FILE = "kernelset.json"


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

    def metadata(self) -> dict:
        meta = self.path / METADATA_FILE
        return json.loads(meta.read_text()) if meta.is_file() else {}

    def loops(self) -> list[str]:
        return sorted(p.stem for p in self.path.glob("*.py") if not p.name.startswith("_"))


def known_sets() -> list[str]:
    if not GENERATED_DIR.is_dir():
        return []
    return sorted(p.name for p in GENERATED_DIR.iterdir() if p.is_dir() and not p.name.startswith("."))


def resolve(name_or_path: str, must_exist: bool = True) -> KernelSet:
    """A folder name under generated/, or a path to any folder of kernel modules.

    With `must_exist=False` a new name under generated/ is accepted (the
    generation stage fills it).
    """
    if "/" in name_or_path or name_or_path.startswith((".", "~")):
        folder = Path(name_or_path).expanduser().resolve()
        if not folder.is_dir():
            raise UnknownKernelSetError(f"kernel set folder {name_or_path!r} does not exist")
        return KernelSet(folder.name, folder)
    path = GENERATED_DIR / name_or_path
    if path.is_dir() or not must_exist:
        return KernelSet(name_or_path, path)
    near = difflib.get_close_matches(name_or_path, known_sets(), n=3)
    hint = f"; did you mean {', '.join(near)}?" if near else f"; known sets: {', '.join(known_sets()) or 'none'}"
    raise UnknownKernelSetError(f"unknown kernel set {name_or_path!r}{hint}")
