"""REPORT.md for one set and COMPARE.md for several, rendered from results.json alone."""
from __future__ import annotations

from pathlib import Path

from reporting import baselines as B
from reporting import plots, sampling, sections
from reporting import summary as S
from reporting.schema import LoopResult, Results

REPORT = "REPORT.md"
COMPARE = "COMPARE.md"
TOP = 10

EXPLAINED = """\
## What the numbers mean

- **Pass**: the kernel computes what the C loop computes, element by element, on every size and seed
  tested (tolerance 1e-3 relative to the exact result, or within twice the float32 C loop's own error),
  leaves read-only arrays untouched, and does so on a second call at another size.
- **First try**: a generated loop that passed on its first attempt. **Pass by attempt**: how many loops
  first passed at attempt k (the model sees the checker's diagnosis after each failure).
- **C loop**: the TSVC loop compiled with gcc -O3 -march=native, timed on one CPU core, inputs restored
  before every round. **Speedup** = C time / Triton time, medians over 100 rounds.
- **Device time**: what the GPU spends in the kernel(s), from CUDA events. **Wall time**: what the caller
  waits for one call, launches and host work included. A small loop can be faster than C on the device
  and slower in wall time, because launching a kernel costs microseconds.
- **Launch floor**: the device time of an empty Triton kernel on this GPU; the **floor multiple** is a
  kernel's device time over it. A kernel near 1x the floor cannot get faster: the loop is too small.
- **Bandwidth efficiency**: the bytes the loop must move over the device time, as a share of the
  device's measured copy bandwidth (1.0 = as fast as a copy; above 1.25 the timing is not believed).
- **fast_1**: the share of loops both correct and faster than C. **Geometric-mean speedup** is given
  over passing loops; with failures counted as 0 (which is 0 whenever any loop fails, by construction);
  and with a failing loop falling back to the C loop (speedup 1).
"""


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "n/a"


def _x(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3g}x"


def _cell(text: str, limit: int = 160) -> str:
    text = " ".join(str(text).split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"] + \
           ["| " + " | ".join(row) + " |" for row in rows]


def _pass_rate(s: S.Summary) -> str:
    """Passed over judged; n/a when no kernel ran at all (every loop skipped is no 0% result)."""
    if not s.passed and not s.failed:
        return f"n/a (no kernel was tested; {s.missing} loop(s) without a kernel)" if s.missing else "n/a"
    return _pct(s.passed, s.judged)


def summary_rows(results: Results) -> list[tuple[str, str]]:
    """(figure, value) pairs of the summary table; `tsvc compare` lays several sets' side by side."""
    s = S.summarize(results)
    no_time = "no timings" if not S.has_timings(results) else None
    no_gen = "not generated" if not s.generated else None
    attempts = ", ".join(f"{k}: {v}" for k, v in s.pass_by_attempt.items()) or "none"
    return [
        ("loops in the run", str(s.loops)),
        ("pass rate", _pass_rate(s)),
        ("failed / no kernel", f"{s.failed} / {s.missing}"),
        ("first-try rate", no_gen or _pct(s.first_try, s.generated)),
        ("passes by attempt", no_gen or attempts),
        ("fast_1 (device time)", no_time or _pct(s.fast_1_device, s.judged)),
        ("fast_1 (wall time)", no_time or _pct(s.fast_1_wall, s.judged)),
        ("geomean speedup, passing loops (device)", no_time or _x(s.geomean_passing)),
        ("geomean speedup, passing loops (wall)", no_time or _x(s.geomean_wall_passing)),
        ("geomean speedup, failures as 0", no_time or _x(s.geomean_failures_zero)),
        ("geomean speedup, failures fall back to C", no_time or _x(s.geomean_failures_c)),
        ("total cost", no_gen or f"${s.cost_usd:.2f} ({s.input_tokens:,} in + {s.output_tokens:,} out tokens)"),
    ]


def _session(results: Results) -> list[str]:
    session, m = results.session, results.session.machine
    ks, prompt, run = session.kernel_set, session.prompt, session.run
    provenance = ks.metadata.get("provenance", "no kernelset.json")
    shown: dict[bool | str | None, str] = {True: "with analysis facts", False: "without analysis facts (ablation)",
                                           None: "n/a"}
    analysis = shown.get(prompt.analysis, str(prompt.analysis))
    lines = [f"- **Kernel set**: `{ks.name}` ({provenance})",
             f"- **Model**: {session.model or 'none (hand-written)'}"
             + (f" via {session.provider}" if session.provider else ""),
             f"- **Prompt**: {analysis}"
             + (f"; up to {prompt.max_attempts} attempts, fresh conversation every {prompt.reset_after}"
                if prompt.max_attempts else "")
             + (f"; prompt sha256 {', '.join(p[:12] for p in prompt.prompt_sha256)}" if prompt.prompt_sha256
                else ""),
             f"- **Machine**: {m.get('backend')}; GPU {m.get('gpu') or 'none'}"
             + (f" (driver {m['driver']})" if m.get("driver") else "")
             + f"; CPU {m.get('cpu')} ({m.get('cpu_count')} cores); torch {m.get('torch')}, triton {m.get('triton')},"
               f" Python {m.get('python')}"]
    cal = m.get("calibration")
    if cal:
        lines.append(f"- **Calibration**: copy bandwidth {cal['copy_bandwidth'] / 1e9:.0f} GB/s; launch floor "
                     f"{cal['floor_device'] * 1e6:.2f} µs device, {cal['floor_wall'] * 1e6:.1f} µs wall")
    lines.append(f"- **Run**: {run.started} to {run.finished}, scale {run.scale}, "
                 f"{run.xdist_workers or 1} process(es); tests: "
                 + (", ".join(f"{v} {k}" for k, v in run.tests.items()) or "none")
                 + (f"; merged with {len(session.merged)} later run(s)" if session.merged else ""))
    return lines


def _no_timings(results: Results) -> str:
    m = results.session.machine
    why = ("this run used the Triton interpreter on CPU, whose timings mean nothing"
           if m.get("device") == "cpu" else "no Triton benchmark test ran in this session")
    return (f"_No timings: {why}. Run `pytest tests/test_benchmark.py` on a CUDA GPU with the same "
            f"`--report-dir` and `--report-append`, or `tsvc report DIR --benchmark-json FILE`._")


def _figure(lines: list[str], path: Path | None, folder: Path, caption: str, absent: str) -> None:
    if path is None:
        lines.append(f"_{absent}_")
    else:
        lines.append(f"![{caption}]({path.relative_to(folder).as_posix()})")
    lines.append("")


def report(results: Results, folder: Path, draw: bool = True) -> Path:
    """Writes REPORT.md (and its plots under plots/) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    figures = _draw(results, folder) if draw else {}
    if draw and not figures:
        lines_note = "_Plots not drawn: matplotlib is not installed (pip install -e '.[report]')._"
    else:
        lines_note = ""
    s = S.summarize(results)
    timings = S.has_timings(results)
    lines = [f"# TSVC Triton report: `{s.name}`", "", *_session(results), ""]
    if lines_note:
        lines += [lines_note, ""]
    lines += ["## Summary", ""]
    lines += _table(["figure", "value"], [[k, v] for k, v in summary_rows(results)])
    lines.append("")
    if not timings:
        lines += [_no_timings(results), ""]
    lines += ["## Pass rate by TSVC category", ""]
    lines += _table(["category", "passed", "rate"],
                    [[c, f"{p}/{t}", f"{100 * p / t:.0f}%"] for c, (p, t) in S.by_category(results).items()])
    lines.append("")
    _figure(lines, figures.get("category"), folder, "pass rate by category", "No loop was judged.")
    lines += ["## Passes by attempt", ""]
    _figure(lines, figures.get("attempts"), folder, "passes by attempt",
            "Not drawn: the set has no generation records (hand-written kernels).")
    lines += sampling.samples_section(results)
    lines += _failures(results)
    lines += ["## Speed against the C loop", ""]
    if timings:
        lines += _speed_tables(results)
    else:
        lines += [_no_timings(results), ""]
    _figure(lines, figures.get("speedup"), folder, "speedup distribution", "Not drawn: no timings.")
    if B.has_baselines(results):
        lines += sections.baseline_section(results)
        _figure(lines, figures.get("baselines"), folder, "speedup against each baseline", "Not drawn: no timings.")
    if B.has_limits(results):
        lines += sections.limit_section(results)
        _figure(lines, figures.get("limit"), folder, "fraction of the limit per loop", "Not drawn: no limits.")
    lines += ["## Bandwidth efficiency", ""]
    _figure(lines, figures.get("efficiency"), folder, "bandwidth efficiency", "Not drawn: no timings.")
    sampled = sampling.EXPLAINED if sampling.has_samples(results) else ""
    lines.append(EXPLAINED + sections.explained(results) + sampled)
    path = folder / REPORT
    path.write_text("\n".join(lines))
    return path


def _draw(results: Results, folder: Path) -> dict[str, Path | None]:
    try:
        import matplotlib  # noqa: F401  (the optional [report] extra)
    except ImportError:
        return {}
    out = folder / "plots"
    out.mkdir(exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()  # a plot the data no longer supports must not linger
    return {
        "category": plots.pass_rate_by_category(results, out / "pass_rate_by_category.png"),
        "attempts": plots.passes_by_attempt(results, out / "passes_by_attempt.png"),
        "speedup": plots.speedup_distribution(results, out / "speedup_distribution.png"),
        "efficiency": plots.efficiency(results, out / "bandwidth_efficiency.png"),
        "baselines": plots.speedup_by_baseline(results, out / "speedup_by_baseline.png"),
        "limit": plots.limit_fraction(results, out / "limit_fraction.png"),
    }


def _failures(results: Results) -> list[str]:
    fails = S.failures(results)
    lines = ["## Failures", ""]
    if not fails:
        return lines + ["No loop failed.", ""]
    lines += ["By error class: " + ", ".join(f"{k} {v}" for k, v in S.error_classes(results).items()), ""]
    rows = []
    for r in fails:
        gen = r.generation or {}
        attempts = f"{gen['attempts']}" if "attempts" in gen else "-"
        error_class, message = (r.error.error_class, r.error.message) if r.error else ("?", "")
        rows.append([r.loop, r.category or "?", error_class, attempts, _cell(message)])
    return lines + _table(["loop", "category", "error class", "attempts", "message"], rows) + [""]


def _speed_row(results: Results, r: LoopResult) -> list[str]:
    b = S.bench(r)
    eff = b.get("efficiency")
    floor = b.get("floor_multiple")
    return [r.loop, r.category or "?", _x(b.get("speedup_device")), _x(b.get("speedup_wall")),
            f"{b['device_time'] * 1e6:.1f}", f"{b['c_time'] * 1e6:.1f}",
            "n/a" if eff is None else f"{eff:.2f}", "n/a" if floor is None else f"{floor:.1f}",
            *sections.speed_cells(results, r)]


def _speed_tables(results: Results) -> list[str]:
    ranked = S.ranked(results)
    header = ["loop", "category", "speedup (device)", "speedup (wall)", "device µs", "C µs", "efficiency",
              "floor multiple", *sections.speed_columns(results)]
    n = min(TOP, len(ranked) // 2 or len(ranked))
    lines = [f"Top {n} loops by device-time speedup:", ""] + _table(header, [_speed_row(results, r) for r in ranked[:n]])
    lines += ["", f"Bottom {n} loops:", ""] + _table(header, [_speed_row(results, r) for r in ranked[::-1][:n]])
    problems = [(r.loop, r.speed_problem) for r in results.loops.values() if r.speed_problem]
    if problems:
        lines += ["", "Benchmark problems (the kernel is correct; its timing was rejected or regressed):", ""]
        lines += [f"- {loop}: {_cell(problem)}" for loop, problem in problems]
    return lines + [""]


def labels(sets: list[Results], sources: list[str] | None = None) -> list[str]:
    """Column titles: each set's folder and name (`reports/a (reference)`), unique even for one set twice."""
    names = [S.summarize(r).name for r in sets]
    out = [f"{src} ({name})" for src, name in zip(sources, names)] if sources else names
    return [f"{t} #{i + 1}" if out.count(t) > 1 else t for i, t in enumerate(out)]


def compare(sets: list[Results], folder: Path | None = None, sources: list[str] | None = None) -> str:
    """The sets' tables side by side (markdown); with `folder`, COMPARE.md and plots are written there.

    `sources` (the folders the sets came from) title the columns beside the sets' names.
    """
    names = labels(sets, sources)
    rows = [summary_rows(r) for r in sets]
    lines = ["# TSVC Triton comparison: " + ", ".join(f"`{n}`" for n in names), "", "## Summary", ""]
    lines += _table(["figure", *names], [[fig, *(r[i][1] for r in rows)] for i, (fig, _) in enumerate(rows[0])])
    lines += ["", "## Pass rate by TSVC category", ""]
    cats: list[str] = []
    for r in sets:
        cats += [c for c in S.by_category(r) if c not in cats]
    by = [S.by_category(r) for r in sets]
    lines += _table(["category", *names], [[c, *(f"{b[c][0]}/{b[c][1]}" if c in b else "-" for b in by)] for c in cats])
    lines += ["", *sections.compare_section(sets, names), *_ablation(sets), *_per_loop(sets, names)]
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        lines += _compare_figures(sets, folder, names)
        (folder / COMPARE).write_text("\n".join(lines))
    return "\n".join(lines)


def _analysis(results: Results):
    return results.session.prompt.analysis


def _ablation(sets: list[Results]) -> list[str]:
    """Pairs of sets by one model, one with the analysis facts and one without: what the facts change."""
    lines = ["## Analysis ablation (with vs without analysis facts)", ""]
    pairs = [(a, b) for a in sets for b in sets
             if _analysis(a) is True and _analysis(b) is False and a.session.model == b.session.model]
    if not pairs:
        return lines + ["_No pair of sets by one model with and without analysis facts among these sets._", ""]
    for with_, without in pairs:
        sa, sb = S.summarize(with_), S.summarize(without)
        common = [n for n in with_.loops if n in without.loops
                  and with_.loops[n].passed is not None and without.loops[n].passed is not None]
        gained = [n for n in common if with_.loops[n].passed and not without.loops[n].passed]
        lost = [n for n in common if not with_.loops[n].passed and without.loops[n].passed]
        lines += [f"`{sa.name}` (with) vs `{sb.name}` (without), model {with_.session.model}, "
                  f"{len(common)} loops judged in both:", "",
                  f"- pass rate {_pct(sa.passed, sa.judged)} with vs {_pct(sb.passed, sb.judged)} without",
                  f"- first-try rate {_pct(sa.first_try, sa.generated)} with vs {_pct(sb.first_try, sb.generated)} without",
                  f"- cost ${sa.cost_usd:.2f} with vs ${sb.cost_usd:.2f} without",
                  f"- pass only with the facts ({len(gained)}): {', '.join(gained) or 'none'}",
                  f"- pass only without them ({len(lost)}): {', '.join(lost) or 'none'}", ""]
    return lines


def _per_loop(sets: list[Results], names: list[str]) -> list[str]:
    loops: list[str] = []
    for r in sets:
        loops += [n for n in r.loops if n not in loops]

    def cell(results: Results, loop: str) -> str:
        r = results.loops.get(loop)
        if r is None:
            return "-"
        if not r.passed:
            return (r.error.error_class if r.error else r.status) if r.passed is False else r.status
        sp = S.speedup(r)
        return f"pass {_x(sp)}" if sp else "pass"

    differing = [n for n in loops if len({cell(r, n).split(" ")[0] for r in sets}) > 1]
    lines = ["## Loops where the sets differ (pass/fail)", ""]
    if not differing:
        return lines + ["_Every loop has the same verdict in every set._", ""]
    return lines + _table(["loop", *names], [[n, *(cell(r, n) for r in sets)] for n in differing]) + [""]


def _compare_figures(sets: list[Results], folder: Path, names: list[str]) -> list[str]:
    out = folder / "plots"
    out.mkdir(exist_ok=True)
    lines = ["## Figures", ""]
    path = plots.pass_rate_by_category_compare(sets, out / "pass_rate_by_category.png")
    _figure(lines, path, folder, "pass rate by category", "No loop was judged.")
    path = plots.speedup_by_baseline_compare(sets, out / "speedup_by_baseline.png", names)
    if path is not None:
        _figure(lines, path, folder, "speedup against each baseline, per set", "")
    base = sets[0]
    for other in sets[1:]:
        name = f"speedup_{plots.set_name(other)}_vs_{plots.set_name(base)}.png".replace("/", "_")
        path = plots.speedup_against(base, other, out / name)
        _figure(lines, path, folder, f"per-loop speedup, {plots.set_name(other)} vs {plots.set_name(base)}",
                f"Per-loop speedup of `{plots.set_name(other)}` against `{plots.set_name(base)}` not drawn: no timings.")
    return lines
