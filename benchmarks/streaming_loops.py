"""Prints the fully parallel streaming loops: parallel as written (no actions), exact
affine footprint, no index arrays, no scalar result. They are the loops whose
bandwidth at scale is compared with the device's copy bandwidth."""
from __future__ import annotations

import analysis
from tsvc.record import catalog
from tsvc.record.sizes import NATIVE


def streaming_loops() -> list[str]:
    names = []
    for loop in catalog.catalog().values():
        verdicts = {entry["verdict"] for entry in analysis.analyze(loop).to_dict()["loops"]}
        exact = all(f.exact for f in analysis.footprint(loop, NATIVE).values())
        indexed = any(spec.ctype == "int" for spec in loop.arrays)
        if verdicts == {"parallel"} and exact and not indexed and not loop.returns_result:
            names.append(loop.name)
    return names


if __name__ == "__main__":
    print(" or ".join(f"[{name}-scale" for name in streaming_loops()))  # ids are [<loop>-scale<N>]
