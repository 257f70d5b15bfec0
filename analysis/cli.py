"""`tsvc analyze`: the dependence facts of one loop or of all of them, as text or JSON."""
from __future__ import annotations

import argparse
import json

from analysis import analyze, facts_for_prompt
from tsvc import catalog
from tsvc.cli import command


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", nargs="?", help="loop name, e.g. s111")
    p.add_argument("--all", action="store_true", help="every loop in the catalogue")
    p.add_argument("--json", action="store_true", help="machine-readable output (the JSON contract)")


@command("analyze", "static dependence analysis of a loop: verdicts, actions, dependences, caveats", _args)
def cmd_analyze(ns: argparse.Namespace) -> int:
    if ns.all == bool(ns.name):
        raise ValueError("give a loop name or --all (not both)")
    loops = list(catalog.catalog().values()) if ns.all else [catalog.get(ns.name)]
    if ns.json:
        data = [analyze(loop).to_dict() for loop in loops]
        print(json.dumps(data if ns.all else data[0], indent=1))
    else:
        print("\n\n".join(facts_for_prompt(loop) for loop in loops))
    return 0
