"""Data footprints: how many distinct elements of each array a loop reads and writes.

    footprint(loop, size) -> {array: Footprint}
    footprint_bytes(loop, size) -> int      (4 bytes an element, reads plus writes)

The polyhedral model's parameters (LEN_1D, LEN_2D, the integer scalars) are fixed
to the size's values, each statement's domain is mapped through its accesses, the
images are unioned per array, clipped to the array's shape, and counted with
isl's count_val (which counts the innermost dimension in closed form, so even
LEN_2D^2 arrays take a few milliseconds).

An array's footprint is exact when every access to it (in that direction) is
affine, unconditional and lands inside the array. Otherwise it is an upper
bound, marked exact=False: a non-affine subscript or an unmodelled access counts
the whole array (the dimensions it cannot follow span the shape), and an access
under a data-dependent guard or early exit counts every element it may touch.
Over-approximated writes to an array the catalogue marks read-only are dropped.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import islpy as isl

from analysis.cexpr import isl_name
from analysis.model import Access, Program
from tsvc.record.catalog import Loop
from tsvc.record.inputs import scalar_values
from tsvc.record.sizes import Size

BYTES_PER_ELEMENT = 4

__all__ = ["Footprint", "footprint", "footprint_bytes", "BYTES_PER_ELEMENT"]


@dataclass(frozen=True)
class Footprint:
    elements_read: int
    elements_written: int
    exact: bool

    @property
    def bytes(self) -> int:
        return BYTES_PER_ELEMENT * (self.elements_read + self.elements_written)


@lru_cache(maxsize=None)
def _program(loop: Loop) -> Program:
    from analysis import frontend

    return frontend.build(loop)


def _fix_params(obj, params: tuple[str, ...], values: dict[str, int]):
    """Fixes every parameter with a known integer value, then projects the fixed ones out."""
    for name in params:
        value = values.get(name)
        if not isinstance(value, int):
            continue
        pos = obj.find_dim_by_name(isl.dim_type.param, name)
        if pos < 0:
            continue
        obj = obj.fix_val(isl.dim_type.param, pos, isl.Val.int_from_si(isl.DEFAULT_CONTEXT, value))
        obj = obj.project_out(isl.dim_type.param, pos, 1)
    return obj


def _box(name: str, shape: tuple[int, ...]) -> isl.Set:
    idx = ", ".join(f"d{k}" for k in range(len(shape)))
    cons = " and ".join(f"0 <= d{k} < {n}" for k, n in enumerate(shape)) or "true"
    return isl.Set(f"{{ {isl_name(name)}[{idx}] : {cons} }}")


def _count(s: isl.Set) -> int:
    return int(s.count_val().to_python())


def _image(accesses: list[Access], domains: dict[str, isl.Set], params: tuple[str, ...],
           values: dict[str, int], box: isl.Set) -> tuple[int, bool]:
    """(distinct elements of `box` the accesses touch, whether that count is exact)."""
    if not accesses:
        return 0, True
    exact = True
    union = isl.Set.empty(box.get_space())
    image: isl.Set | None  # None: the access's rank disagrees with the box's
    for acc in accesses:
        rel = _fix_params(isl.Map(acc.touched or acc.relation), params, values)
        image = domains[acc.stmt].apply(rel)
        image = image.reset_space(union.get_space()) if image.dim(isl.dim_type.set) == box.dim(isl.dim_type.set) \
            else None
        if image is None:  # the model's rank disagrees with the catalogue: the whole array
            return _count(box), False
        if acc.may or not acc.affine or not image.is_bounded() or not image.is_subset(box):
            exact = False
        union = union.union(image.intersect(box))
        if not exact and union.plain_is_equal(box):
            break
    return _count(union.coalesce()), exact


def footprint(loop: Loop, size: Size) -> dict[str, Footprint]:
    """Per array of the loop: the distinct elements read and written at `size`."""
    program = _program(loop)
    values = {k: v for k, v in {**scalar_values(loop, size), **size.env()}.items() if isinstance(v, int)}
    params = program.params
    domains = {s.name: _fix_params(isl.Set(s.domain), params, values) for s in program.statements}
    out: dict[str, Footprint] = {}
    for spec in loop.arrays:
        box = _box(spec.name, spec.shape(size))
        mine = [a for a in program.accesses if a.array == spec.name]
        read, read_exact = _image([a for a in mine if not a.write], domains, params, values, box)
        written, write_exact = _image([a for a in mine if a.write], domains, params, values, box)
        if not write_exact and not spec.is_written:
            # only over-approximated writes (a helper called with pointers, pointer locals) and the
            # catalogue says the loop leaves the array alone: trust the catalogue
            written, write_exact = 0, True
        out[spec.name] = Footprint(read, written, read_exact and write_exact)
    return out


def footprint_bytes(loop: Loop, size: Size) -> int:
    """The bytes the loop must move: 4 an element, reads plus writes (read-and-written counts twice)."""
    return sum(f.bytes for f in footprint(loop, size).values())
