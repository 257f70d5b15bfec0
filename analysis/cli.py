"""`tsvc analyze`: the dependence facts of one loop or of all of them, as text or JSON."""
from __future__ import annotations

import argparse
import json
import sys

from analysis import AnalysisError, analyze, facts_for_prompt
from tsvc.record import catalog
from tsvc.cli import command


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", nargs="?", help="loop name, e.g. s111")
    p.add_argument("--all", action="store_true", help="every loop in the catalogue")
    p.add_argument("--json", action="store_true", help="machine-readable output (the JSON contract)")
    p.add_argument("--verify", action="store_true",
                   help="execute every parallel claim (permuted iterations, gcc -O2) and count the refuted ones")


@command("analyze", "static dependence analysis of a loop: verdicts, actions, dependences, caveats", _args)
def cmd_analyze(ns: argparse.Namespace) -> int:
    if ns.verify and not (ns.all and ns.name):  # `--verify` alone: every loop
        return _verify([catalog.get(ns.name)] if ns.name else list(catalog.catalog().values()))
    if ns.all == bool(ns.name):
        raise ValueError("give a loop name or --all (not both)")
    if not ns.all:
        loop = catalog.get(ns.name)
        print(analyze(loop).to_json(indent=1) if ns.json else facts_for_prompt(loop))
        return 0
    data, texts, failed = [], [], []
    records = _every_record()
    for name, record in records:
        try:
            if isinstance(record, Exception):
                raise record
            data.append(analyze(record).to_dict()) if ns.json else texts.append(facts_for_prompt(record))
        except (AnalysisError, catalog.CatalogError) as exc:
            failed.append(name)
            print(f"tsvc analyze: {name}: {exc}", file=sys.stderr)
            data.append({"name": name, "error": str(exc)})
            texts.append(f"{name}: analysis failed: {exc}")
    print(json.dumps(data, indent=1) if ns.json else "\n\n".join(texts))
    if failed:
        print(f"tsvc analyze: {len(failed)} of {len(records)} loops failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


def _every_record() -> list[tuple[str, catalog.Loop | Exception]]:
    """Every record of the catalogue, each loaded on its own: a bad one is reported, not fatal."""
    out: list[tuple[str, catalog.Loop | Exception]] = []
    for path in sorted(catalog.LOOPS_DIR.glob("*.toml")):
        try:
            out.append((path.stem, catalog.load_record(path)))
        except (catalog.CatalogError, OSError, ValueError) as exc:
            out.append((path.stem, catalog.CatalogError(f"bad record: {exc}")))
    order = {n: k for k, n in enumerate((catalog.LOOPS_DIR / "ORDER").read_text().split())}
    return sorted(out, key=lambda e: (order.get(e[0], len(order)), e[0]))


def _verify(loops: list[catalog.Loop]) -> int:
    from collections import Counter

    from analysis.verify import ClaimStatus, verify_loop

    count: Counter[ClaimStatus] = Counter()
    for loop in loops:
        for o in verify_loop(loop):
            count[o.status] += 1
            detail = f": {o.detail}" if o.detail else ""
            print(f"{o.loop} {o.level}: {o.verdict} [{', '.join(o.actions)}] {o.status}{detail}")
    confirmed, refuted = count[ClaimStatus.CONFIRMED], count[ClaimStatus.REFUTED]
    print(f"{sum(count.values())} parallel claims: {confirmed + refuted} executed ({confirmed} confirmed, "
          f"{refuted} refuted), {count[ClaimStatus.UNVERIFIED]} unverified, {count[ClaimStatus.ERROR]} did not build")
    return 1 if refuted or count[ClaimStatus.ERROR] else 0
