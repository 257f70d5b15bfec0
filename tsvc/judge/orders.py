"""The programs of each Triton launch run in a chosen order, in Triton's interpreter.

A GPU runs the programs of a grid in an order nobody controls; the interpreter
runs them in launch order. A kernel in which one program reads what another
program of the same launch writes can pass in one order and fail in another,
so the checker runs kernels under several orders (tsvc.judge.racecheck).

The hook touches no installed file. Triton's `GridExecutor.__call__` (3.6 and
3.9 alike) sets the grid with `interpreter_builder.set_grid_dim(nx, ny, nz)`,
then walks x, y, z in nested loops, calling `interpreter_builder.set_grid_idx(x,
y, z)` before each program; `tl.program_id` reads the builder's `grid_idx`.
Inside `program_order` the builder instance's two methods are wrapped: the
k-th program the loop starts gets the k-th program id of a permutation of the
flattened grid, so 2D and 3D grids are reordered as a whole. Every assumption
is checked, at entry and per program; when one does not hold the hook raises
OrderHookError naming the Triton version, and never runs in launch order
quietly.
"""
from __future__ import annotations

import inspect
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator

import numpy as np

# The words of the error; the worker states the fact as tsvc.sandbox.candidate.Cause.ORDER_HOOK (never read from them).
HOOK_FAILURE = "the program-order hook cannot run"
_KINDS = ("launch", "reversed", "shuffled")


class OrderHookError(RuntimeError):
    """Triton's interpreter lacks what the hook relies on: a harness problem, never a verdict on a kernel."""


@dataclass(frozen=True)
class Order:
    """An order of a launch's programs: launch order, reversed, or a seeded shuffle."""

    kind: str
    seed: int = 0

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise ValueError(f"unknown program order {self.kind!r}; expected one of {', '.join(_KINDS)}")

    @property
    def key(self) -> str:
        """The order as one word, for a worker request: 'launch', 'reversed', 'shuffled:3'."""
        return f"shuffled:{self.seed}" if self.kind == "shuffled" else self.kind

    @classmethod
    def parse(cls, key: str) -> "Order":
        kind, _, seed = key.partition(":")
        return cls(kind, int(seed) if seed else 0)

    @property
    def label(self) -> str:
        return f"shuffled order (seed {self.seed})" if self.kind == "shuffled" else f"{self.kind} order"

    def permutation(self, n: int) -> np.ndarray:
        """The flat program ids in the order they run."""
        if self.kind == "launch":
            return np.arange(n)
        if self.kind == "reversed":
            return np.arange(n)[::-1].copy()
        return np.random.default_rng(self.seed).permutation(n)


LAUNCH = Order("launch")
REVERSED = Order("reversed")


@dataclass
class OrderRecord:
    """What the hook saw during one block: launches, and programs per launch."""

    grids: list[tuple[int, int, int]] = field(default_factory=list)
    broken: str | None = None

    @property
    def launches(self) -> int:
        return len(self.grids)


def _fail(why: str) -> OrderHookError:
    import triton

    return OrderHookError(f"{HOOK_FAILURE} on Triton {triton.__version__}: {why}")


def _builder() -> Any:  # Triton's interpreter builder: untyped
    """Triton's interpreter builder, after checking the internals the hook relies on."""
    try:
        from triton.runtime import interpreter
    except ImportError as exc:
        raise _fail(f"triton.runtime.interpreter does not import ({exc})") from exc
    builder = getattr(interpreter, "interpreter_builder", None)
    executor = getattr(interpreter, "GridExecutor", None)
    if builder is None or executor is None:
        raise _fail("triton.runtime.interpreter has no interpreter_builder or GridExecutor")
    for name in ("set_grid_dim", "set_grid_idx", "create_get_program_id"):
        if not callable(getattr(builder, name, None)):
            raise _fail(f"the interpreter builder has no method {name}()")
    try:
        grid_loop = inspect.getsource(executor.__call__)
        program_id = inspect.getsource(type(builder).create_get_program_id)
    except (OSError, TypeError) as exc:
        raise _fail(f"the interpreter's source cannot be read ({exc})") from exc
    if "interpreter_builder.set_grid_dim(" not in grid_loop or "interpreter_builder.set_grid_idx(" not in grid_loop:
        raise _fail("GridExecutor.__call__ no longer sets program ids through interpreter_builder")
    if "grid_idx" not in program_id:
        raise _fail("tl.program_id no longer reads the builder's grid_idx")
    return builder


class _Hook:
    """Replaces the builder's set_grid_dim / set_grid_idx while a block runs."""

    def __init__(self, builder: Any, order: Order, record: OrderRecord) -> None:
        self.builder, self.order, self.record = builder, order, record
        self.set_grid_dim, self.set_grid_idx = builder.set_grid_dim, builder.set_grid_idx
        self.dims: tuple[int, int, int] = (0, 0, 0)
        self.perm = np.arange(0)
        self.next = 0

    def grid_dim(self, nx: int, ny: int, nz: int) -> None:
        self.dims, self.next = (int(nx), int(ny), int(nz)), 0
        self.perm = self.order.permutation(nx * ny * nz)
        self.record.grids.append(self.dims)
        self.set_grid_dim(nx, ny, nz)

    def grid_idx(self, x: int, y: int, z: int) -> None:
        k, n = self.next, len(self.perm)
        if k >= n or (int(x), int(y), int(z)) != tuple(int(i) for i in np.unravel_index(k, self.dims)):
            self.record.broken = (f"the interpreter started program ({x}, {y}, {z}) as number {k} of a "
                                  f"{self.dims} grid; the hook expects the grid walked x, y, z in nested loops")
            raise _fail(self.record.broken)
        self.next += 1
        self.set_grid_idx(*(int(i) for i in np.unravel_index(int(self.perm[k]), self.dims)))

    def install(self) -> None:
        if "set_grid_idx" in vars(self.builder) or "set_grid_dim" in vars(self.builder):
            raise _fail("the builder's grid methods are already replaced (program_order does not nest)")
        self.builder.set_grid_dim, self.builder.set_grid_idx = self.grid_dim, self.grid_idx

    def remove(self) -> None:
        vars(self.builder).pop("set_grid_dim", None)
        vars(self.builder).pop("set_grid_idx", None)


@contextmanager
def program_order(order: Order | str | None) -> Iterator[OrderRecord]:
    """Runs every interpreted launch inside the block with its programs in `order`.

    None is a no-op (for callers whose requests may or may not name an order).
    Raises OrderHookError when Triton's internals are not what the hook relies
    on, or when a block that finished launched nothing through the interpreter's
    grid loop (a compiled launch, which the hook cannot reorder).
    """
    record = OrderRecord()
    if order is None:
        yield record
        return
    order = Order.parse(order) if isinstance(order, str) else order
    hook = _Hook(_builder(), order, record)
    hook.install()
    finished = False
    try:
        yield record
        finished = True
    finally:
        hook.remove()
        if record.broken is not None:
            raise _fail(record.broken)
    if finished and record.launches == 0:
        raise _fail("no launch went through the interpreter's grid loop (is TRITON_INTERPRET=1 set "
                    "before the kernel is decorated?)")
