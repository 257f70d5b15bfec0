"""`tsvc report` and `tsvc compare`: the report stage's subcommands."""
from __future__ import annotations

import argparse
from pathlib import Path

from tsvc.cli import command

from reporting import render, results


def _report_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("dir", type=Path, help="a report folder holding results.json (from pytest --report-dir DIR)")
    p.add_argument("--benchmark-json", type=Path, action="append", default=[], metavar="FILE",
                   help="merge the Triton and C figures of a pytest --benchmark-json file into results.json first "
                        "(repeatable)")
    p.add_argument("--merge", type=Path, action="append", default=[], metavar="RESULTS",
                   help="merge another run's results.json (same kernel set) into DIR's first (repeatable)")


@command("report", "rebuild REPORT.md and its plots from a report folder's results.json", _report_args)
def cmd_report(ns: argparse.Namespace) -> int:
    data = _load(ns.dir)
    for other in ns.merge:
        data = results.merge(data, _load(other))
    for bench in ns.benchmark_json:
        if not bench.is_file():
            raise ValueError(f"no benchmark JSON at {bench}")
        data = results.merge_benchmark_json(data, bench)
    if ns.merge or ns.benchmark_json:
        results.write(data, ns.dir)
    path = render.report(data, ns.dir)
    print(f"wrote {path} ({len(data.loops)} loops)")
    return 0


def _compare_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("dirs", nargs="+", type=Path, metavar="DIR", help="report folders (or results.json files); "
                                                                      "the first is the base of per-loop plots")
    p.add_argument("--out", type=Path, default=None, metavar="DIR",
                   help="also write COMPARE.md and its plots into DIR")


@command("compare", "several kernel sets' results side by side (summary, categories, analysis ablation)", _compare_args)
def cmd_compare(ns: argparse.Namespace) -> int:
    if len(ns.dirs) < 2:
        raise ValueError("compare needs at least two report folders")
    sets = [_load(d) for d in ns.dirs]
    print(render.compare(sets, ns.out, [str(d) for d in ns.dirs]))
    if ns.out is not None:
        print(f"\nwrote {ns.out / render.COMPARE}")
    return 0


def _load(path: Path) -> results.Results:
    return results.load(path)  # ResultsError is a ValueError: the CLI prints it as one line
