"""The `tsvc` command: list and show the catalogue's loops (later stages add subcommands)."""
from __future__ import annotations

import argparse
import os
import sys
from typing import Callable, Sequence

from tsvc.record import catalog
from tsvc.record.convention import python_signature

Command = Callable[[argparse.Namespace], int]
_COMMANDS: dict[str, tuple[Command, Callable[[argparse.ArgumentParser], None], str]] = {}


def command(name: str, help: str, args: Callable[[argparse.ArgumentParser], None] = lambda p: None
            ) -> Callable[[Command], Command]:
    """Registers a subcommand; later stages register theirs the same way."""

    def register(fn: Command) -> Command:
        _COMMANDS[name] = (fn, args, help)
        return fn

    return register


def _names(specs: Sequence[catalog.ArraySpec]) -> str:
    return ",".join(s.name for s in specs) or "-"


@command("list", "the loops: name, category, dims, arrays read/written, scalars, result")
def cmd_list(ns: argparse.Namespace) -> int:
    rows = [("name", "category", "dims", "reads", "writes", "scalars", "result")]
    for loop in catalog.catalog().values():
        rows.append((loop.name, loop.category, loop.dims, _names(loop.reads), _names(loop.writes),
                     ",".join(f"{s.name}={s.value}" for s in loop.scalars) or "-",
                     "scalar" if loop.returns_result else "-"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    print(f"{len(rows) - 1} loops")
    return 0


def _show_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", help="loop name, e.g. s421")


@command("show", "one loop: C text, metadata, and the Python signature a kernel must have", _show_args)
def cmd_show(ns: argparse.Namespace) -> int:
    loop = catalog.get(ns.name)
    print(f"{loop.name}: {loop.summary}")
    print(f"category: {loop.category} (pytest -m {loop.marker})")
    print(f"dims: {loop.dims}; sizes tested: {', '.join(s.label for s in loop.sizes)} (LEN_1D x LEN_2D)")
    for spec in loop.arrays:
        print(f"array {spec.name}: {spec.ctype}[{']['.join(spec.dims)}], {spec.role}, inputs {spec.init}")
    for scalar in loop.scalars:
        note = f" ({scalar.note})" if scalar.note else ""
        print(f"scalar {scalar.name}: {scalar.ctype} = {scalar.value}{note}")
    print(f"result: {'a real_t scalar, returned' if loop.returns_result else 'none'}")
    for note in loop.notes:
        print(f"note: {note}")
    print("\nC text:\n" + loop.c_text.strip())
    print("\nKernel signature:\n" + python_signature(loop))
    return 0


def _load_stage_commands() -> None:
    """Later stages add subcommands through the `tsvc.commands` entry point group.

    That keeps imports flowing one way: tsvc never names the stages above it.
    """
    from importlib.metadata import entry_points

    for ep in entry_points(group="tsvc.commands"):
        try:
            ep.load()
        except ModuleNotFoundError as exc:
            if not ep.value.startswith(str(exc.name)):
                raise  # a stage that is there but broken must say so


def main(argv: Sequence[str] | None = None) -> int:
    _load_stage_commands()
    parser = argparse.ArgumentParser(prog="tsvc", description="TSVC_2 loops as Triton kernels")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (_, add_args, help) in _COMMANDS.items():
        add_args(sub.add_parser(name, help=help, description=help))
    ns = parser.parse_args(argv)
    try:
        code = _COMMANDS[ns.command][0](ns)
        sys.stdout.flush()
        return code
    except (catalog.UnknownLoopError, catalog.CatalogError, ValueError) as exc:
        print(f"tsvc: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return _reader_went_away()


def _reader_went_away() -> int:
    """`tsvc list | head`: the reader closed the pipe; stop quietly, as cat does.

    stdout is pointed at /dev/null first, so the interpreter's final flush of
    the unwritten rest cannot raise again at exit.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 141  # 128 + SIGPIPE, the status a shell reports for a writer killed by the pipe


if __name__ == "__main__":  # `python -m tsvc.cli`: the stages register with tsvc.cli, not with __main__
    from tsvc import cli

    sys.exit(cli.main())
