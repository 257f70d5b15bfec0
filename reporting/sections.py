"""REPORT.md's and COMPARE.md's sections on the baselines (issue 19) and the physical limit (issue 18).

Each figure is a (figure, value) row of one set, so `tsvc compare` lays the
same rows of several sets side by side; a set measured before the baselines
says "not measured" in them.
"""
from __future__ import annotations

import statistics

from reporting import baselines as B
from reporting import summary as S
from reporting.schema import LoopResult, Results

NOT_MEASURED = "not measured"


def pct(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "n/a"


def times(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3g}x"


def fraction(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3g}"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"] + \
           ["| " + " | ".join(row) + " |" for row in rows]


def _fast(f: B.BaselineFigures, p: int) -> str:
    return pct(f.fast[p], f.judged) if f.measured else NOT_MEASURED


def baseline_rows(results: Results) -> list[tuple[str, str]]:
    """Per baseline: geomean speedup over passing loops timed against it, and fast_p for each p."""
    rows = []
    for f in B.all_figures(results):
        title = B.BY_KEY[f.key].title
        rows.append((f"geomean speedup vs {title}",
                     f"{times(f.geomean)} ({f.timed} loops)" if f.measured else NOT_MEASURED))
        rows += [(f"fast_{p} vs {title}", _fast(f, p)) for p in B.FAST_P]
    return rows


def limit_rows(results: Results) -> list[tuple[str, str]]:
    f = B.limit_figures(results)
    far = f"loops under {B.FAR_FROM_LIMIT} of the limit"
    if not f.timed:
        return [("geomean fraction of the limit", NOT_MEASURED), ("geomean speedup at the limit", NOT_MEASURED),
                (far, NOT_MEASURED)]
    return [("geomean fraction of the limit", f"{fraction(f.geomean_fraction)} ({f.timed} loops)"),
            ("geomean speedup at the limit", times(f.geomean_limit_speedup)),
            (far, str(len(B.far_from_limit(results))))]


def baseline_section(results: Results) -> list[str]:
    """The per-baseline table with what each baseline is, its notes, and fast_p's definition."""
    rows = []
    for f in B.all_figures(results):
        b = B.BY_KEY[f.key]
        rows.append([b.title, b.what, str(f.timed), times(f.geomean) if f.measured else NOT_MEASURED,
                     *(_fast(f, p) for p in B.FAST_P)])
    header = ["baseline", "what it is", "loops timed", "geomean speedup (passing, timed)",
              *(f"fast_{p}" for p in B.FAST_P)]
    lines = ["## Speed against each baseline", "", *table(header, rows), "", *_notes(results), ""]
    return lines + [f"_{B.FAST_P_DEFINITION}. Speedup = baseline time / Triton device time (medians)._", ""]


def _notes(results: Results) -> list[str]:
    notes = []
    parallel, one_thread = B.openmp_counts(results)
    if parallel or one_thread:
        threads = "/".join(str(t) for t in B.openmp_threads(results)) or "?"
        notes.append(f"- C, OpenMP: {parallel} loop(s) ran in parallel on {threads} threads; {one_thread} have no "
                     f"parallel form and ran the one-thread loop.")
    seconds = B.compile_seconds(results)
    if seconds:
        notes.append(f"- torch.compile: compile time median {statistics.median(seconds):.2f} s, max "
                     f"{max(seconds):.2f} s, total {sum(seconds):.1f} s over {len(seconds)} loop(s), kept out "
                     f"of the timings.")
    for f in B.all_figures(results):
        if f.passing_untimed:
            notes.append(f"- {B.BY_KEY[f.key].title}: {f.passing_untimed} passing, timed loop(s) have no time "
                         f"against it and count as not fast.")
    return notes


def limit_section(results: Results) -> list[str]:
    """The geomean fraction of the limit and the loops furthest from it."""
    f = B.limit_figures(results)
    lines = ["## Distance from the physical limit", ""]
    if not f.timed:
        return lines + ["_Not measured: the benchmarks of this run carry no limit._", ""]
    lines += [f"The limit of a loop is the largest of the launch floor, the time to move the bytes it must move "
              f"at the device's copy bandwidth and, where a dependence chain binds, its latency limit (the bound "
              f"column names the largest); the fraction reached is limit time / device time (1 = at the "
              f"limit). Over {f.timed} passing loops the geomean fraction is **{fraction(f.geomean_fraction)}**; "
              f"a kernel at every limit would be {times(f.geomean_limit_speedup)} faster than C (geomean). "
              f"{f.latency_bound} loop(s) have a latency limit: their dependence chain's length times a measured "
              f"dependent-step latency.", ""]
    furthest = B.limited(results)[:B.FURTHEST]
    header = ["loop", "category", "fraction of the limit", "device µs", "limit µs", "latency limit µs",
              "fraction of the latency limit", "bound"]
    rows = [[r.loop, r.category or "?", fraction(S.bench(r)["limit_fraction"]), _us(r, "device_time"),
             _us(r, "limit_time"), _us(r, "latency_limit_time"),
             "-" if B.latency_fraction(r) is None else fraction(B.latency_fraction(r)),
             S.bench(r).get("limit_bound") or "-"] for r in furthest]
    far = [f"{r.loop} ({S.bench(r).get('limit_bound') or 'bound not recorded'})" for r in B.far_from_limit(results)]
    lines += [f"The {len(furthest)} loops furthest from their limit:", "", *table(header, rows), ""]
    return lines + [f"Under {B.FAR_FROM_LIMIT} of the limit, with the bound that sets it ({len(far)}): "
                    f"{', '.join(far) or 'none'}.", ""]


def _us(result: LoopResult, key: str) -> str:
    value = S.bench(result).get(key)
    return "-" if value is None else f"{value * 1e6:.1f}"


def compare_section(sets: list[Results], names: list[str]) -> list[str]:
    """The per-baseline and limit rows of several sets side by side; nothing when no set has them."""
    lines: list[str] = []
    for title, present, rows_of in (("Speed against each baseline", B.has_baselines, baseline_rows),
                                    ("Distance from the physical limit", B.has_limits, limit_rows)):
        if not any(present(r) for r in sets):
            continue
        rows = [rows_of(r) for r in sets]
        lines += [f"## {title}", "", *table(["figure", *names], [[fig, *(r[i][1] for r in rows)]
                                                                 for i, (fig, _) in enumerate(rows[0])]), ""]
    if lines and any(B.has_baselines(r) for r in sets):
        lines += [f"_{B.FAST_P_DEFINITION}._", ""]
    return lines


def speed_columns(results: Results) -> list[str]:
    """Extra columns of the top/bottom speed tables: the speedup against each baseline other than C."""
    return [f"vs {b.title}" for b in B.BASELINES[1:]] if B.has_baselines(results) else []


def speed_cells(results: Results, result: LoopResult) -> list[str]:
    if not B.has_baselines(results):
        return []
    return [times(B.speedup_vs(result, b.key)) for b in B.BASELINES[1:]]


def explained(results: Results) -> str:
    """What the baselines' and limits' figures mean, for runs that have them."""
    lines = []
    if B.has_baselines(results):
        lines += ["- **Baselines**: " + "; ".join(f"**{b.title}**: {b.what}" for b in B.BASELINES) + ".",
                  f"- **{B.FAST_P_DEFINITION.split(' (')[0]}**" + B.FAST_P_DEFINITION[len('fast_p'):] + "."]
    if B.has_limits(results):
        lines += ["- **Fraction of the limit**: limit time / device time, where the limit time is the largest of the "
                  "launch floor, the loop's bytes over the copy bandwidth and its latency limit (its **bound**: launch, "
                  "bandwidth or latency); 1 = at the limit. A **latency limit** (recurrences) is the dependence "
                  "chain's length times a measured dependent-step latency."]
    return "\n".join(lines) + ("\n" if lines else "")

