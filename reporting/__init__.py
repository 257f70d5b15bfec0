"""Results people can read: results.json from every run, REPORT.md with plots, and comparisons of kernel sets.

* `collect`  turns pytest test reports into per-test records, and those into per-loop results;
* `results`  is the results.json schema: building, merging, loading;
* `summary`  the headline figures of one set (pass rate, fast_1, geometric-mean speedups, cost);
* `baselines` what each baseline is, and per baseline the speedup and fast_p; the fraction of the physical limit;
* `sections` REPORT.md's and COMPARE.md's sections on the baselines and the limit;
* `render`   REPORT.md and COMPARE.md; `plots` the PNG figures;
* `plugin`   the pytest plugin (--report-dir); `cli` the `tsvc report` and `tsvc compare` commands.
"""
