"""REPORT.md's "Samples" section: the figures of a --samples K run (issue 20), absent when no loop has two samples.

Two sources, each with its own job. pass@k, the first-try rate, the spread of
speedups and the cost are over every sample the cache holds for the run's
samples 1..K (results.json's `generation.samples`, from
generation.samples.loop_samples; computed by reporting.passk.samples_summary).
The verdicts of this run's own tests are per sample too (results.json's
`samples`); every other figure of the report is sample 1's.
"""
from __future__ import annotations

from reporting.passk import samples_summary
from reporting.schema import Results
from reporting.sections import pct, table, times

EXPLAINED = """\
- **Samples** (`--samples K`): K independent generation chains per loop. **pass@k** is the chance that at
  least one of k samples drawn from a loop's n passes, by the unbiased estimator of Chen et al. (2021),
  1 - C(n-c, k)/C(n, k), averaged over loops; pass@1 is the mean of c/n. A sample never made (budget spent)
  is not counted. The **first-try rate** of samples is over samples. The **cost per passing loop** is every
  dollar spent on every sample (failing ones and optimisation rounds included) over the loops with at least
  one passing sample. The **speedup spread** is the least, median and greatest speedup over C of a loop's
  samples, where optimisation rounds timed them. Every other figure of this report is sample 1's.
"""


def loop_records(results: Results) -> list[dict]:
    """Each loop's samples as the cache records them (generation.samples.LoopSamples.to_dict())."""
    return [r.generation["samples"] for r in results.loops.values() if r.generation and r.generation.get("samples")]


def has_samples(results: Results) -> bool:
    return any(record["n"] > 1 for record in loop_records(results))


def run_verdicts(results: Results) -> dict[int, dict[str, int]]:
    """Sample k -> how many loops its tests passed, failed and judged in this run."""
    out: dict[int, dict[str, int]] = {}
    for r in results.loops.values():
        for s in r.samples or ():
            counts = out.setdefault(s.sample, {"passed": 0, "failed": 0, "judged": 0})
            if s.passed is not None:
                counts["judged"] += 1
                counts["passed" if s.passed else "failed"] += 1
    return dict(sorted(out.items()))


def _counts(records: list[dict]) -> str:
    least, most = min(r["n"] for r in records), max(r["n"] for r in records)
    return str(least) if least == most else f"{least} to {most}"


def summary_rows(results: Results) -> list[tuple[str, str]]:
    """(figure, value) pairs over every sample of the run's loops."""
    records = loop_records(results)
    s = samples_summary(records)
    rows = [("loops sampled", str(s["loops"])), ("samples per loop", _counts([r for r in records if r["n"]])),
            ("passing samples", pct(s["passing_samples"], s["samples"])),
            ("loops with a passing sample", pct(s["loops_with_a_passing_sample"], s["loops"]))]
    rows += [(f"pass@{k}", f"{100 * v:.1f}%") for k, v in s["pass_at_k"].items()]
    per_loop = s["cost_per_passing_loop"]
    rows += [("first-try rate (samples)", pct(sum(r["first_try"] for r in records), s["samples"])),
             ("total cost, every sample (attempts and rounds)", f"${s['cost_usd']:.2f}"),
             ("cost per passing loop", "n/a (no loop passed)" if per_loop is None else f"${per_loop:.4f}")]
    return rows


def _spread_lines(results: Results) -> list[str]:
    spread = samples_summary(loop_records(results))["speedup_spread"]
    if not spread:
        return ["_Speedup spread: no sample was timed (speedups of samples come from `--optimize-rounds` on a GPU)._",
                ""]
    rows = [[loop, str(v["count"]), times(v["min"]), times(v["median"]), times(v["max"])]
            for loop, v in spread.items()]
    return ["Speedup over C across each loop's timed samples:", "",
            *table(["loop", "samples timed", "least", "median", "greatest"], rows), ""]


def _verdict_lines(results: Results) -> list[str]:
    verdicts = run_verdicts(results)
    if not verdicts:
        return []
    rows = [[str(k), str(v["passed"]), str(v["failed"]), pct(v["passed"], v["judged"])] for k, v in verdicts.items()]
    return ["This run's tests, per sample (the summary's pass rate is sample 1's):", "",
            *table(["sample", "loops passed", "loops failed or without a kernel", "pass rate"], rows), ""]


def samples_section(results: Results) -> list[str]:
    """The section's lines; none when no loop has more than one sample."""
    if not has_samples(results):
        return []
    records = loop_records(results)
    lines = ["## Samples", "",
             "Each loop was generated as several independent samples. These figures are over every sample the "
             "cache holds; the rest of this report (pass rate, first-try rate, speedups, cost) is sample 1's.", "",
             *table(["figure", "value"], [[k, v] for k, v in summary_rows(results)]), ""]
    if len({r["n"] for r in records if r["n"]}) > 1:
        lines += ["Loops have different numbers of samples, so pass@k goes up to the fewest any loop has "
                  "(a sample never made, say the budget ran out, is no failed sample).", ""]
    corrupt = [f"{r['loop']} (sample {', '.join(map(str, r['corrupt']))})" for r in records if r.get("corrupt")]
    if corrupt:
        lines += [f"Not counted, their entries are unreadable: {', '.join(corrupt)}.", ""]
    return lines + _verdict_lines(results) + _spread_lines(results)
