"""The catalogue of TSVC_2 loops: one frozen record per loop, read from tsvc/loops/<name>.toml.

A record holds the loop's C text (the single source of truth) plus what C cannot
say: each array's role and input distribution, the values of scalar arguments,
the sizes it supports, and notes on where we depart from TSVC's own set-up.
"""
from __future__ import annotations

import difflib
import enum
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, TypeVar

import numpy as np

from tsvc.record.csource import CParam, CType, parse_function
from tsvc.record.sizes import DEFAULT_SEEDS, DEFAULT_SIZES, Size, evaluate

LOOPS_DIR = Path(__file__).parents[1] / "loops"
T = TypeVar("T")


class Role(enum.StrEnum):
    """What a loop does to an array: the record's `role`, and how the task states it."""

    READ = "read"
    WRITE = "write"
    READWRITE = "readwrite"

    @property
    def is_read(self) -> bool:
        return self is not Role.WRITE

    @property
    def is_written(self) -> bool:
        return self is not Role.READ

    @property
    def comment(self) -> str:
        """As the required signature's comment says it (tsvc.record.convention)."""
        return _ROLE_WORDS[self][0]

    @property
    def prose(self) -> str:
        """As the prompt's list of arrays says it (generation.prompt)."""
        return _ROLE_WORDS[self][1]


# (signature comment, prompt prose) of each role; two phrasings, both in every prompt, kept as they are so
# that prompts (and the cached kernels keyed by their hash) stay the same.
_ROLE_WORDS = {
    Role.READ: ("read only: must not be modified", "read only (must come back unchanged)"),
    Role.WRITE: ("written", "written"),
    Role.READWRITE: ("read and written", "read and written"),
}
ROLES = tuple(r.value for r in Role)

# The pytest marker of each TSVC category whose own name makes a poor one: TSVC's
# typos, apostrophes and sentences, and near-duplicates of another category. Every
# other category's marker is its name in snake case. The record keeps TSVC's string.
MARKERS = {
    "induction varibale recognition": "induction_variable_recognition",  # sic, TSVC
    "induction variables": "induction_variable_recognition",
    "induction pointer recognition": "induction_variable_recognition",
    "loop interchanging": "loop_interchange",
    "loop distribution is needed to be able to interchange": "loop_distribution",
    "run-time symbolic resolution": "symbolics",
    "non-logical if's": "non_logical_ifs",
    "non-local goto's": "non_local_gotos",
    "wavefronts, it will make jump in data access": "wavefronts",
    "no dependence - vectorizable": "vectorizable",
}


class CatalogError(ValueError):
    """A catalogue record is malformed."""


class UnknownLoopError(KeyError):
    """No loop of that name; the message suggests the nearest names."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


@dataclass(frozen=True)
class ArraySpec:
    name: str
    ctype: CType
    dims: tuple[str, ...]
    role: Role
    init: str  # an input distribution, see tsvc.record.inputs

    @property
    def is_read(self) -> bool:
        return self.role.is_read

    @property
    def is_written(self) -> bool:
        return self.role.is_written

    @property
    def dtype(self) -> np.dtype:
        """Its elements' dtype in the inputs and in a kernel's tensor (real_t is float32)."""
        return self.ctype.dtype()

    def shape(self, size: Size) -> tuple[int, ...]:
        return tuple(int(evaluate(d, size.env())) for d in self.dims)


@dataclass(frozen=True)
class ScalarSpec:
    name: str
    ctype: CType
    value: str  # expression over LEN_1D / LEN_2D
    note: str = ""

    def resolve(self, size: Size) -> int | float:
        return self.ctype.python_type(evaluate(self.value, size.env()))


def marker_of(category: str) -> str:
    return MARKERS.get(category) or re.sub(r"[^a-z0-9]+", "_", category.lower()).strip("_")


@dataclass(frozen=True, repr=False)
class Loop:
    name: str
    category: str
    summary: str
    c_text: str
    params: tuple[str, ...]  # C parameter order: sizes, arrays, scalars as declared
    size_params: tuple[str, ...]
    arrays: tuple[ArraySpec, ...]
    scalars: tuple[ScalarSpec, ...]
    returns_result: bool
    sizes: tuple[Size, ...] = DEFAULT_SIZES
    seeds: tuple[int, ...] = DEFAULT_SEEDS
    notes: tuple[str, ...] = field(default=())

    @property
    def marker(self) -> str:
        """The pytest marker of the loop's TSVC category (`pytest -m marker`)."""
        return marker_of(self.category)

    def __repr__(self) -> str:  # the record's C text makes the dataclass repr pages long
        return f"Loop({self.name!r})"

    @property
    def dims(self) -> str:
        kinds = {len(a.dims) for a in self.arrays}
        return "+".join(f"{k}D" for k in sorted(kinds)) or "none"

    @property
    def reads(self) -> tuple[ArraySpec, ...]:
        return tuple(a for a in self.arrays if a.is_read)

    @property
    def writes(self) -> tuple[ArraySpec, ...]:
        return tuple(a for a in self.arrays if a.is_written)

    def array(self, name: str) -> ArraySpec:
        return next(a for a in self.arrays if a.name == name)

    def bind(self, arrays: Mapping[str, T], scalars: Mapping[str, int | float]) -> dict[str, T | int | float]:
        """The arguments of one call, by parameter name in C order: the one binding of every call of the loop.

        The C build takes them in this order, a kernel by keyword (tsvc.record.convention); a name
        missing, or one the loop does not take, is the harness's error and raises ValueError.
        """
        names = {a.name for a in self.arrays}
        missing = [n for n in self.params if n not in (arrays if n in names else scalars)]
        unknown = sorted((set(arrays) - names) | (set(scalars) - (set(self.params) - names)))
        if missing or unknown:
            raise ValueError(f"{self.name}: a call lacks {missing} and has unknown arguments {unknown}")
        return {n: arrays[n] if n in names else scalars[n] for n in self.params}

    @property
    def kernel_name(self) -> str:
        """The function a kernel module must define."""
        return f"{self.name}_triton"


def _array_spec(p: CParam, raw: dict[str, Any], loop: str) -> ArraySpec:
    if p.name not in raw:
        raise CatalogError(f"{loop}: array {p.name} has no [arrays.{p.name}] entry")
    entry = raw[p.name]
    role = entry.get("role")
    if role not in ROLES:
        raise CatalogError(f"{loop}: array {p.name} role must be one of {ROLES}, not {role!r}")
    default = "permutation" if p.ctype is CType.INT else "uniform(-1, 1)"
    return ArraySpec(p.name, p.ctype, p.dims, Role(role), entry.get("init", default))


def _scalar_spec(p: CParam, raw: dict[str, Any], loop: str) -> ScalarSpec:
    if p.name not in raw or "value" not in raw[p.name]:
        raise CatalogError(f"{loop}: scalar {p.name} has no value in [scalars.{p.name}]")
    entry = raw[p.name]
    return ScalarSpec(p.name, p.ctype, str(entry["value"]), entry.get("note", ""))


def parse_record(data: dict[str, Any], source: str = "<record>") -> Loop:
    """Builds a Loop from a record's TOML data, checking it against its C text."""
    try:
        name, c_text = data["name"], data["c"]
    except KeyError as exc:
        raise CatalogError(f"{source}: missing key {exc}") from exc
    fn = parse_function(c_text, name)
    raw_arrays, raw_scalars = data.get("arrays", {}), data.get("scalars", {})
    arrays = tuple(_array_spec(p, raw_arrays, name) for p in fn.params if p.is_array)
    scalars = tuple(
        _scalar_spec(p, raw_scalars, name) for p in fn.params if not p.is_array and not p.is_size
    )
    extra = (set(raw_arrays) - {a.name for a in arrays}) | (set(raw_scalars) - {s.name for s in scalars})
    if extra:
        raise CatalogError(f"{name}: entries for names not in the C signature: {sorted(extra)}")
    sizes = tuple(Size(*s) for s in data.get("sizes", [])) or DEFAULT_SIZES
    return Loop(
        name=name,
        category=data["category"],
        summary=data.get("summary", ""),
        c_text=c_text,
        params=tuple(p.name for p in fn.params),
        size_params=tuple(p.name for p in fn.params if p.is_size),
        arrays=arrays,
        scalars=scalars,
        returns_result=fn.returns == CType.REAL,
        sizes=sizes,
        seeds=tuple(data.get("seeds", DEFAULT_SEEDS)),
        notes=tuple(data.get("notes", ())),
    )


def load_record(path: Path) -> Loop:
    with path.open("rb") as f:
        data = tomllib.load(f)
    loop = parse_record(data, str(path))
    if loop.name != path.stem:
        raise CatalogError(f"{path}: record is named {loop.name!r}, not {path.stem!r}")
    return loop


@lru_cache(maxsize=None)
def catalog() -> dict[str, Loop]:
    """Every loop, in TSVC_2's order of appearance (the `order` list in loops/ORDER)."""
    order = (LOOPS_DIR / "ORDER").read_text().split()
    loops = {p.stem: load_record(p) for p in sorted(LOOPS_DIR.glob("*.toml"))}
    ordered = {n: loops[n] for n in order if n in loops}
    ordered.update({n: loops[n] for n in sorted(loops) if n not in ordered})
    return ordered


def get(name: str) -> Loop:
    loops = catalog()
    if name in loops:
        return loops[name]
    near = difflib.get_close_matches(name, loops, n=3)
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    raise UnknownLoopError(f"unknown loop {name!r}{hint}")


def categories() -> dict[str, list[str]]:
    """Marker name -> the TSVC categories it selects, in catalogue order."""
    found: dict[str, list[str]] = {}
    for loop in catalog().values():
        names = found.setdefault(loop.marker, [])
        if loop.category not in names:
            names.append(loop.category)
    return found
