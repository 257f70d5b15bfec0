"""The report's figures, PNG through matplotlib; each names its set, its axes and its reference line.

A figure whose data the run does not have (timings on CPU, attempts for a
hand-written set) is not drawn; the functions return None and REPORT.md says why.
"""
from __future__ import annotations

import math
from pathlib import Path

from reporting import baselines as B
from reporting import summary as S
from reporting.schema import Results

DPI = 120


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(fig, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    _pyplot().close(fig)
    return path


def speedup_distribution(results: Results, path: Path) -> Path | None:
    """Histogram of device- and wall-time speedups over the C loop, log scale, with the C line at 1x."""
    device = [S.timed_speedup(r) for r in S.timed(results)]
    wall = [S.timed_speedup(r, "speedup_wall") for r in S.timed(results, "speedup_wall")]
    if not device:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8, 4.5))
    values = device + wall
    lo, hi = math.log10(min(values)), math.log10(max(values))
    lo, hi = min(lo, -0.5), max(hi, 0.5)
    bins = [10 ** (lo + (hi - lo) * i / 30) for i in range(31)]
    ax.hist(device, bins=bins, alpha=0.7, label=f"device time ({len(device)} loops)", color="tab:blue")
    if wall:
        ax.hist(wall, bins=bins, alpha=0.45, label=f"wall time ({len(wall)} loops)", color="tab:orange")
    ax.set_xscale("log")
    ax.axvline(1.0, color="black", linestyle="--", linewidth=1.2)
    ax.text(1.0, ax.get_ylim()[1] * 0.95, "  same speed as C", va="top", fontsize=9)
    ax.set_xlabel("speedup over the C loop (gcc -O3 -march=native, one CPU core); >1 = Triton faster")
    ax.set_ylabel("loops")
    ax.set_title(f"{set_name(results)}: speedup of passing kernels over C")
    ax.legend()
    return _save(fig, path)


def set_name(results: Results) -> str:
    return results.name


def pass_rate_by_category(results: Results, path: Path) -> Path | None:
    cats = S.by_category(results)
    if not cats:
        return None
    plt = _pyplot()
    names = list(cats)
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(names) + 1.5))
    rates = [cats[c][0] / cats[c][1] for c in names]
    ax.barh(names, [1.0] * len(names), color="#eeeeee")  # the whole category, so a 0% row still shows
    bars = ax.barh(names, rates, color=["tab:green" if r == 1 else "tab:orange" if r > 0 else "tab:red" for r in rates])
    for bar, c in zip(bars, names):
        ax.text(min(bar.get_width(), 1.0) + 0.01, bar.get_y() + bar.get_height() / 2,
                f"{cats[c][0]}/{cats[c][1]}", va="center", fontsize=9)
    ax.set_xlim(0, 1.15)
    ax.invert_yaxis()
    ax.set_xlabel("share of loops whose kernel passes the checker")
    ax.set_title(f"{set_name(results)}: pass rate by TSVC category")
    return _save(fig, path)


def passes_by_attempt(results: Results, path: Path) -> Path | None:
    s = S.summarize(results)
    if not s.generated:
        return None
    plt = _pyplot()
    gens = [r.generation for r in results.loops.values() if r.generation and "attempts" in r.generation]
    most = max([g["attempts"] for g in gens] + list(s.pass_by_attempt) + [1])
    xs = list(range(1, most + 1))
    counts = [s.pass_by_attempt.get(x, 0) for x in xs]
    cumulative = [sum(counts[: i + 1]) / s.generated for i in range(len(xs))]
    fig, ax = plt.subplots(figsize=(8, 4.5))
    ax.bar(xs, counts, color="tab:blue", label="loops first passing at this attempt")
    ax.set_xlabel("attempt number")
    ax.set_ylabel("loops")
    ax.set_xticks(xs)
    twin = ax.twinx()
    twin.plot(xs, cumulative, color="tab:red", marker="o", label="pass rate within this many attempts")
    twin.set_ylim(0, 1.05)
    twin.set_ylabel("cumulative pass rate")
    handles = ax.get_legend_handles_labels()[0] + twin.get_legend_handles_labels()[0]
    ax.legend(handles, [h.get_label() for h in handles], loc="center right")
    ax.set_title(f"{set_name(results)}: passes by attempt ({s.generated} generated loops)")
    return _save(fig, path)


def efficiency(results: Results, path: Path) -> Path | None:
    """Each passing loop's achieved bandwidth as a share of the device's copy bandwidth."""
    rows = sorted((r for r in S.timed(results) if S.bench(r).get("efficiency") is not None),
                  key=lambda r: -S.bench(r)["efficiency"])
    if not rows:
        return None
    plt = _pyplot()
    values = [S.bench(r)["efficiency"] for r in rows]
    fig, ax = plt.subplots(figsize=(10 if len(rows) > 40 else 8, 4.5))
    ax.bar(range(len(rows)), values, color=["tab:red" if S.bench(r).get("implausible") else "tab:blue" for r in rows])
    ax.axhline(1.0, color="black", linestyle="--", linewidth=1.2, label="device copy bandwidth (roofline)")
    if len(rows) <= 40:
        ax.set_xticks(range(len(rows)), [r.loop for r in rows], rotation=90, fontsize=8)
    else:
        ax.set_xticks([])
        ax.set_xlabel(f"{len(rows)} passing loops, most efficient first")
    scale = results.session.run.scale
    size = S.bench(rows[0]).get("size")
    if min(values) > 0 and max(values) / min(values) > 50:
        ax.set_yscale("log")  # small loops sit orders of magnitude below the roofline
    ax.set_ylabel("achieved / copy bandwidth")
    ax.set_title(f"{set_name(results)}: bandwidth efficiency at scale {scale} (e.g. {size})")
    ax.legend()
    return _save(fig, path)


def speedup_against(base: Results, other: Results, path: Path) -> Path | None:
    """Per-loop device-time speedup of `other` against `base`; failures sit on the axes' floor."""
    common = [n for n in base.loops if n in other.loops]
    pairs = [(S.speedup(base.loops[n]) if base.loops[n].passed else None,
              S.speedup(other.loops[n]) if other.loops[n].passed else None, n) for n in common]
    values = [v for a, b, _ in pairs for v in (a, b) if v]
    if not values:
        return None
    plt = _pyplot()
    lo, hi = min(values) / 2, max(values) * 2
    floor = lo
    fig, ax = plt.subplots(figsize=(6.5, 6.5))
    both = [(a, b) for a, b, _ in pairs if a and b]
    one = [(a or floor, b or floor) for a, b, _ in pairs if bool(a) != bool(b)]
    ax.scatter([a for a, _ in both], [b for _, b in both], s=18, color="tab:blue", label="both pass")
    if one:
        ax.scatter([a for a, _ in one], [b for _, b in one], s=30, marker="x", color="tab:red",
                   label="one fails (plotted at the floor)")
    ax.plot([lo, hi], [lo, hi], color="black", linestyle="--", linewidth=1, label="equal speed")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(lo / 1.5, hi)
    ax.set_ylim(lo / 1.5, hi)
    ax.set_xlabel(f"{set_name(base)}: speedup over C (device time)")
    ax.set_ylabel(f"{set_name(other)}: speedup over C (device time)")
    ax.set_title(f"per loop: {set_name(other)} vs {set_name(base)}\n(above the line: {set_name(other)} faster)")
    ax.legend(loc="upper left")
    return _save(fig, path)


def pass_rate_by_category_compare(sets: list[Results], path: Path) -> Path | None:
    cats: list[str] = []
    for results in sets:
        cats += [c for c in S.by_category(results) if c not in cats]
    if not cats:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(9, 0.5 * len(cats) * max(1, len(sets) / 2) + 1.5))
    height = 0.8 / len(sets)
    for i, results in enumerate(sets):
        by = S.by_category(results)
        rates = [by[c][0] / by[c][1] if c in by else 0 for c in cats]
        ax.barh([j + i * height for j in range(len(cats))], rates, height=height, label=set_name(results))
    ax.set_yticks([j + 0.4 - height / 2 for j in range(len(cats))], cats)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.05)
    ax.set_xlabel("share of loops whose kernel passes the checker")
    ax.set_title("pass rate by TSVC category")
    ax.legend(loc="lower right")
    return _save(fig, path)


def _baseline_series(results: Results) -> list[tuple[str, list[float]]]:
    """(baseline title with its loop count, speedups) of each baseline some passing loop was timed against."""
    out = []
    for b in B.BASELINES:
        values = [v for _, v in B.timed_speedups(results, b.key)]
        if values:
            out.append((f"{b.title}\n({len(values)} loops)", values))
    return out


def _thresholds(ax) -> None:
    """The fast_1 and fast_2 lines: same speed as the baseline, twice as fast."""
    ax.axhline(1.0, color="black", linestyle="--", linewidth=1.2, label="same speed (fast_1 above)")
    ax.axhline(2.0, color="grey", linestyle=":", linewidth=1.2, label="twice as fast (fast_2 above)")


def speedup_by_baseline(results: Results, path: Path) -> Path | None:
    """A box per baseline with every passing loop as a point, log axis: how much faster Triton is than each."""
    if not B.has_baselines(results):
        return None
    series = _baseline_series(results)
    if not series:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(2.2 * len(series) + 2.5, 5))
    ax.boxplot([v for _, v in series], showfliers=False, widths=0.5)
    for i, (_, values) in enumerate(series, start=1):
        # a fixed spread (not random) so the same results draw the same figure
        xs = [i + 0.3 * ((j * 0.618) % 1 - 0.5) for j in range(len(values))]
        ax.scatter(xs, values, s=10, alpha=0.6, color="tab:blue", zorder=3)
    ax.scatter(range(1, len(series) + 1), [S.geomean(v) for _, v in series], marker="D", s=40, color="tab:red",
               zorder=4, label="geomean")
    ax.set_xticks(range(1, len(series) + 1), [t for t, _ in series])
    ax.set_yscale("log")
    _thresholds(ax)
    ax.set_ylabel("speedup = baseline time / Triton device time (>1: Triton faster)")
    ax.set_title(f"{set_name(results)}: speedup of passing kernels against each baseline")
    ax.legend(loc="best", fontsize=8)
    return _save(fig, path)


def limit_fraction(results: Results, path: Path) -> Path | None:
    """Each passing loop's fraction of its physical limit, furthest first; latency-bound loops marked."""
    rows = B.limited(results)
    if not rows:
        return None
    plt = _pyplot()
    values = [S.bench(r)["limit_fraction"] for r in rows]
    latency = [S.bench(r).get("latency_limit_time") is not None for r in rows]
    fig, ax = plt.subplots(figsize=(10 if len(rows) > 40 else 8, 4.5))
    ax.bar(range(len(rows)), values, color=["tab:orange" if lat else "tab:blue" for lat in latency])
    ax.axhline(1.0, color="black", linestyle="--", linewidth=1.2, label="at the limit")
    mean = B.limit_figures(results).geomean_fraction
    ax.axhline(mean, color="tab:green", linestyle=":", linewidth=1.2, label=f"geomean {mean:.3g}")
    if any(latency):
        ax.bar([0], [0], color="tab:orange", label="has a latency limit (dependence chain)")
    if len(rows) <= 40:
        ax.set_xticks(range(len(rows)), [r.loop for r in rows], rotation=90, fontsize=8)
    else:
        ax.set_xticks([])
        ax.set_xlabel(f"{len(rows)} passing loops, furthest from the limit first")
    if max(values) / min(values) > 50:
        ax.set_yscale("log")
    else:
        ax.set_ylim(0, max(1.25, max(values) * 1.1))  # room for the legend above the limit line
    ax.set_ylabel("limit time / device time")
    ax.set_title(f"{set_name(results)}: fraction of each loop's physical limit reached "
                 f"(scale {results.session.run.scale})")
    ax.legend(fontsize=8)
    return _save(fig, path)


def speedup_by_baseline_compare(sets: list[Results], path: Path, names: list[str] | None = None) -> Path | None:
    """Boxes per baseline, one per set side by side, log axis; `names` label the sets (default: their names)."""
    if not any(B.has_baselines(r) for r in sets):
        return None
    keys = [b for b in B.BASELINES if any(B.timed_speedups(r, b.key) for r in sets)]
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(2.5 * len(keys) + 3, 5))
    width = 0.8 / len(sets)
    names = names or [set_name(r) for r in sets]
    for i, results in enumerate(sets):
        data = [[v for _, v in B.timed_speedups(results, b.key)] for b in keys]
        where = [k + 1 + (i - (len(sets) - 1) / 2) * width for k in range(len(keys))]
        kept = [(x, d) for x, d in zip(where, data) if d]
        if not kept:
            continue
        parts = ax.boxplot([d for _, d in kept], positions=[x for x, _ in kept], widths=width * 0.9,
                           showfliers=False, patch_artist=True, medianprops={"color": "black"})
        color = f"C{i}"
        for box in parts["boxes"]:
            box.set_facecolor(color)
            box.set_alpha(0.5)
        ax.plot([], [], color=color, linewidth=6, alpha=0.5, label=names[i])
    ax.set_xticks(range(1, len(keys) + 1), [b.title for b in keys])
    ax.set_yscale("log")
    _thresholds(ax)
    ax.set_ylabel("speedup over the baseline (device time)")
    ax.set_title("speedup of passing kernels against each baseline")
    ax.legend(fontsize=8)
    return _save(fig, path)
