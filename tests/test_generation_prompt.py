"""The prompt, the code-block extraction and screen, the feedback text, and `tsvc prompt`."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generation import prompt as prompt_module
from generation.extract import extract_code, screen
from generation.feedback import Failure, FailureKind, clean_traceback, feedback
from generation.options import duration, model_from_set_name
from generation.prompt import AnalysisState, build_prompt
from generation.retry import RetryPolicy
from tsvc.record import catalog
from tsvc.record.convention import python_signature

S421 = catalog.get("s421")
SECTIONS = ["## The C function", "## Arrays and arguments", "## Facts from dependence analysis",
            "## Required Python signature", "## Triton rules", "## Answer format"]


def test_sections_come_in_order():
    text = build_prompt(S421).text
    if "## Facts from dependence analysis" not in text:
        pytest.skip("the analysis package gives no facts here")
    positions = [text.index(s) for s in SECTIONS]
    assert positions == sorted(positions)


def test_the_prompt_holds_the_c_text_signature_and_rules():
    text = build_prompt(S421, analysis=False).text
    assert S421.c_text.strip() in text
    assert python_signature(S421) in text
    assert "`flat_2d_array`: torch.float32 tensor of shape (LEN_2D * LEN_2D,), read and written" in text
    assert "`a`: torch.float32 tensor of shape (LEN_1D,), read only" in text
    for rule in ("`tl.constexpr`", "`tl.arange` inside a loop", "scalar indexing", "`triton.language`",
                 "Python lists", "`break` or `continue`", "`tensor.data_ptr()`"):
        assert rule in text, rule
    assert text.rstrip().endswith("with no text before or after it.")


def test_the_prompt_is_deterministic_and_hashed():
    one, two = build_prompt(S421), build_prompt(S421)
    assert one.text == two.text and one.sha256 == two.sha256 and len(one.sha256) == 64


def test_no_analysis_leaves_the_facts_out():
    prompt = build_prompt(S421, analysis=False)
    assert "dependence analysis" not in prompt.text and prompt.analysis == AnalysisState.OFF
    assert prompt.sha256 != build_prompt(S421, analysis=True).sha256 or \
        build_prompt(S421).analysis != AnalysisState.ON


def test_without_the_analysis_package_the_prompt_still_builds(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(sys.modules, "analysis", None)  # import analysis -> ImportError(name="analysis")
    prompt = build_prompt(S421)
    assert prompt.analysis == AnalysisState.UNAVAILABLE
    assert prompt.text == build_prompt(S421, analysis=False).text


def test_a_failing_analysis_is_recorded_not_fatal(monkeypatch: pytest.MonkeyPatch):
    pytest.importorskip("analysis")

    def broken(loop):
        raise RuntimeError("no model for this loop")

    monkeypatch.setattr("analysis.facts_for_prompt", broken)
    with pytest.warns(UserWarning, match="analysis failed"):
        assert build_prompt(S421).analysis == AnalysisState.FAILED


@pytest.mark.parametrize("answer,code", [
    ("```python\nx = 1\n```", "x = 1\n"),
    ("Here:\n```py\nx = 1\n```\nDone.", "x = 1\n"),
    ("```\nx = 1\n```", "x = 1\n"),
    ("```python\nshort = 1\n```\n```python\nlonger = 2\ny = 3\n```", "longer = 2\ny = 3\n"),
    ("```python\nx = 1\n", "x = 1\n"),  # cut off at max_tokens: the block is kept
    ("I cannot do that.", None),
    ("```c\nint x;\n```", None),
    ("~~~\nx = 1\n~~~", "x = 1\n"),
    ('````python\nx = """\n```\n"""\n````', 'x = """\n```\n"""\n'),
    ("```python\nx = 1\n``` not a close\ny = 2\n```", "x = 1\n``` not a close\ny = 2\n"),
    ("Use ```x``` inline.\n```python\nx = 1\n```", "x = 1\n"),
    ("- item:\n\n    ```python\n    if x:\n        y = 1\n    ```", "if x:\n    y = 1\n"),
], ids=["python", "py-with-prose", "bare-fence", "longest-block", "unterminated", "prose", "c-only", "tildes",
        "longer-fence-holds-a-shorter-one", "close-has-nothing-after-it", "inline-backticks", "list-item"])
def test_extract_code(answer: str, code: str | None):
    assert extract_code(answer) == code


_KERNEL = "```python\ndef s421_triton(**kw):\n    pass\n```"
_USAGE = "```python\nimport torch\n" + "s421_triton(a=x)\n" * 20 + "```"


_DOC = '"""Doc.\n\n```\nexample()\n```\n"""\n'


@pytest.mark.parametrize("answer,prefix", [
    (f"{_KERNEL}\n{_USAGE}", ""),
    (f"{_USAGE}\n{_KERNEL}", ""),
    ("```python\ndef broken(:\n" + "    x = 1\n" * 30 + f"```\n{_KERNEL}", ""),
    ("```python\n" + _DOC + _KERNEL[len("```python\n"):], _DOC),
], ids=["usage-after", "usage-before", "longer-unparsable-block", "bare-fence-in-docstring"])
def test_the_block_that_defines_the_kernel_is_the_module(answer: str, prefix: str):
    assert extract_code(answer, S421.kernel_name) == prefix + "def s421_triton(**kw):\n    pass\n"


@pytest.mark.parametrize("code,error_class", [
    ("def s421_triton(:\n", FailureKind.UNPARSABLE),
    ("import os\ndef s421_triton(**kw):\n    os.system('true')\n", FailureKind.POLICY),
    ("from subprocess import run\ndef s421_triton(**kw):\n    pass\n", FailureKind.POLICY),
    ("import triton\ndef other(**kw):\n    pass\n", FailureKind.IMPORT),
    ("import torch\nimport triton.language as tl\ndef s421_triton(**kw):\n    pass\n", None),
], ids=["syntax", "import-os", "from-subprocess", "no-kernel-function", "fine"])
def test_screen(code: str, error_class: FailureKind | None):
    failure = screen(code, S421)
    assert (failure.error_class if failure else None) is error_class


def test_feedback_keeps_the_candidates_frames_and_drops_the_harness():
    kernel = Path("/tmp/staging/attempts/s421/03.py")
    harness = Path(prompt_module.__file__).resolve().parent.parent / "tsvc" / "candidate.py"
    tb = (f'Traceback (most recent call last):\n  File "{harness}", line 108, in call_kernel\n'
          f'    value = fn(**tensors, **scalars)\n  File "{kernel}", line 12, in s421_triton\n'
          f'    x = a[10**9]\nIndexError: index out of range')
    cleaned = clean_traceback(tb, kernel)
    assert "candidate.py" not in cleaned and "fn(**tensors" not in cleaned
    assert 'File "kernel.py", line 12, in s421_triton' in cleaned and "IndexError" in cleaned
    text = feedback(Failure(FailureKind.RUNTIME, cleaned, "LEN_1D=97, LEN_2D=17"), S421)
    assert text.startswith("Your kernel raised an error when it ran (at LEN_1D=97, LEN_2D=17).")
    assert text.rstrip().endswith("in one Python code block only.")


@pytest.mark.parametrize("number,fresh,line", [(1, True, 1), (2, False, 1), (5, False, 1), (6, True, 2),
                                                (7, False, 2), (10, False, 2), (11, True, 3)])
def test_conversations_reset_every_five_attempts(number: int, fresh: bool, line: int):
    policy = RetryPolicy(max_attempts=11, reset_after=5)
    assert policy.fresh(number) is fresh and policy.line(number) == line


@pytest.mark.parametrize("name,model", [("claude-sonnet-4-5", "claude-sonnet-4-5"),
                                        ("claude-sonnet-4-5-noanalysis", "claude-sonnet-4-5"),
                                        ("claude-opus-4-5-20251101", "claude-opus-4-5-20251101"),
                                        ("my-experiment", None)])
def test_the_model_follows_the_set_name(name: str, model: str | None):
    assert model_from_set_name(name) == model


@pytest.mark.parametrize("text,seconds", [("900", 900), ("90s", 90), ("15m", 900), ("1h", 3600)])
def test_durations(text: str, seconds: float):
    assert duration(text) == seconds


def test_tsvc_prompt_prints_the_exact_prompt():
    script = "import generation.cli, sys; from tsvc.cli import main; sys.exit(main(['prompt', 's421']))"
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=root, check=True)
    prompt = build_prompt(S421)
    assert done.stdout == prompt.text
    assert f"# sha256: {prompt.sha256}" in done.stderr
