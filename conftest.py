"""The suite's pytest plugins live in the package and load through its pytest11 entry points (pyproject.toml).

Named here too, for a checkout that is not installed (or a run with plugin
autoload off): the entry points carry the same names, and pytest skips a
plugin already registered under its name, so none loads twice.
"""
pytest_plugins = ["tsvc.plugin.suite", "generation.plugin", "tsvc.plugin.benchplugin", "reporting.plugin"]
