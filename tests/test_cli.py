"""The `tsvc` command as a shell uses it: in a pipe whose reader stops early."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.project import ROOT

MAIN = "import sys; from tsvc.cli import main; sys.exit(main())"


@pytest.mark.parametrize("args", [["list"], ["show", "s000"], ["analyze", "--all", "--json"]],
                         ids=["list", "show", "analyze"])
def test_a_reader_that_stops_early_ends_the_command_quietly(args):
    """`tsvc list | head -n 1`: no BrokenPipeError traceback, the status a shell gives a writer cut off."""
    proc = subprocess.Popen([sys.executable, "-c", MAIN, *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, bufsize=0)
    proc.stdout.read(1)
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert b"Traceback" not in err and b"BrokenPipeError" not in err, err.decode()
    assert proc.returncode in (0, 141)


def test_python_dash_m_has_the_stages_commands():
    out = subprocess.run([sys.executable, "-m", "tsvc.cli", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0 and "analyze" in out.stdout and "compare" in out.stdout, out.stdout + out.stderr
