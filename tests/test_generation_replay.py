"""Answers in the shapes real models write, replayed through the real SDK, the loopback API and the checker.

`tests/replay/shapes/` holds answer templates (prose around a fence, several
blocks, `~~~`, `python3`, a fence indented in a list item, a usage block longer
than the module, a fence inside the module's docstring, a bare fence); each
reference kernel wrapped in each shape must come out of extraction byte for
byte and pass at attempt 1. `tests/replay/answers/` holds whole answers with a
known fault; CASES says what each must lead to, attempt by attempt.

The full cross product through the attempt loop (151 loops x every shape) is
opt-in: TSVC_REPLAY_ALL=1. It checks each distinct module once per loop
(the checker's verdict depends on the module's text only), so its cost is one
check per loop.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from generation.extract import extract_code
from generation.retry import check_module
from tests.fake_anthropic import FakeAnthropic, Reply, fake_anthropic, reference_kernel  # noqa: F401
from tests.test_generation_loop import make_generator
from tsvc import backend
from tsvc.record import catalog
from tsvc.record.catalog import Loop
from tsvc.record.convention import HOST_RULE, python_signature

pytestmark = pytest.mark.filterwarnings("ignore:The model:DeprecationWarning")

REPLAY = Path(__file__).resolve().parent / "replay"
SHAPES = {p.stem: p.read_text() for p in sorted((REPLAY / "shapes").glob("*.md"))}
LOOPS = list(catalog.catalog().values())
SUBSET = [catalog.get(n) for n in ("s000", "s311", "s1119")]  # void 1D, scalar result, 2D recurrence
_MODULE_LINE = re.compile(r"^([ \t]*)\{\{MODULE\}\}$", re.MULTILINE)


def usage_block(loop: Loop, longer_than: int) -> str:
    """A test script of the kind models append: it calls the kernel and never defines it."""
    lines = ["import torch", "", f"# Check {loop.kernel_name} against a plain loop at several sizes."]
    size = 16
    while len("\n".join(lines)) <= longer_than:
        lines += [f"LEN_1D = {size}", "arguments = make_arguments(LEN_1D)", "expected = run_plain_loop(arguments)",
                  f"{loop.kernel_name}(**arguments)", "torch.testing.assert_close(arguments, expected)",
                  f'print("size {size}: ok")', ""]
        size *= 2
    return "\n".join(lines)


def wrap(shape: str, loop: Loop, module: str) -> str:
    """`module` as the answer of `shape`: placeholders filled, the module indented as its line is."""
    text = shape.replace("{{KERNEL}}", loop.kernel_name)
    text = text.replace("{{USAGE}}", usage_block(loop, longer_than=2 * len(module)))
    body = module.rstrip("\n").splitlines()
    return _MODULE_LINE.sub(lambda m: "\n".join((m[1] + line).rstrip() for line in body), text)


@pytest.mark.parametrize("shape", SHAPES, ids=list(SHAPES))
@pytest.mark.parametrize("loop", LOOPS, ids=[loop.name for loop in LOOPS])
def test_extraction_gives_the_module_back(loop: Loop, shape: str):
    module = reference_kernel(loop.name)
    expected = module
    if shape.startswith("docstring_fence"):  # the answer's module is all between its outer fences
        expected = wrap("\n".join(SHAPES[shape].strip("\n").splitlines()[1:-1]) + "\n", loop, module)
        assert expected.endswith(module) and expected.count("```") == 2
    assert extract_code(wrap(SHAPES[shape], loop, module), loop.kernel_name) == expected


def test_the_usage_block_is_longer_than_the_module():
    loop = catalog.get("s000")
    answer = wrap(SHAPES["usage_longer"], loop, reference_kernel("s000"))
    blocks = re.findall(r"```python\n(.*?)```", answer, re.DOTALL)
    assert len(blocks) == 2 and len(blocks[1]) > 2 * len(blocks[0])  # so length alone would pick it


def _run_shapes(loops: list[Loop], fake: FakeAnthropic, tmp_path: Path, memo: bool) -> None:
    device = backend.select().device
    verdicts: dict[tuple[str, str], object] = {}

    def check(loop: Loop, path: Path):
        body = "".join(path.read_text().splitlines(keepends=True)[2:])  # without the provenance header
        key = (loop.name, body)
        if not memo or key not in verdicts:
            verdicts[key] = check_module(loop, path, device)
        return verdicts[key]

    for loop in loops:
        for shape, template in SHAPES.items():
            fake.add(Reply(text=wrap(template, loop, reference_kernel(loop.name))))
            gen, _ = make_generator(tmp_path / f"{loop.name}-{shape}", attempts=1)
            gen.check = check
            r = gen.ensure(loop)
            assert r.entry is not None and r.entry.passed and r.entry.first_try, f"{loop.name} {shape}: {r.error}"


@pytest.mark.parametrize("loop", SUBSET, ids=[loop.name for loop in SUBSET])
def test_each_shape_of_a_reference_kernel_passes_at_attempt_1(fake_anthropic: FakeAnthropic, tmp_path: Path,
                                                               loop: Loop):
    _run_shapes([loop], fake_anthropic, tmp_path, memo=False)
    assert len(fake_anthropic.requests) == len(SHAPES) and not fake_anthropic.invalid


@pytest.mark.skipif(os.environ.get("TSVC_REPLAY_ALL") != "1", reason="the 151-loop replay: set TSVC_REPLAY_ALL=1")
@pytest.mark.timeout(7200)
def test_every_reference_kernel_in_every_shape_passes_at_attempt_1(fake_anthropic: FakeAnthropic, tmp_path: Path):
    _run_shapes(LOOPS, fake_anthropic, tmp_path, memo=True)
    assert len(fake_anthropic.requests) == len(LOOPS) * len(SHAPES)


@dataclass(frozen=True)
class Case:
    """A replayed conversation: the answers in order, and what each attempt must be judged."""

    loop: str
    answers: tuple[str, ...]  # files under tests/replay/answers/, or "reference" for the reference kernel
    expect: tuple[str, ...]  # per attempt: an error class value, or "passed"
    feedback: tuple[str, ...] = ()  # texts the feedback after attempt 1 must hold
    stop_reason: str = "end_turn"  # of the first answer


CASES = {
    "returns-the-array-for-a-void-loop": Case("s000", ("s000_returns_the_array",), ("passed",)),
    "positional-signature": Case("s000", ("s000_positional_signature", "reference"),
                                 ("signature error", "passed"),
                                 ("got an unexpected keyword argument", "called with every argument by keyword")),
    "host-side-torch-reduction": Case("s311", ("s311_host_torch_reduction", "reference"),
                                      ("host computation", "passed"), ("aten.sum", HOST_RULE)),
    "truncated-at-max-tokens": Case("s000", ("s000_truncated", "reference"), ("truncated answer", "passed"),
                                    ("cut off at the output token limit",), stop_reason="max_tokens"),
    "usage-block-only": Case("s000", ("s000_usage_only", "reference"), ("policy violation", "passed"),
                             ("'s000_triton' is never defined",)),
    "imports-numpy": Case("s000", ("s000_imports_numpy", "reference"), ("policy violation", "passed"),
                          ("import of 'numpy'",)),
    "the-same-module-twice": Case("s000", ("s000_wrong", "s000_wrong_again", "reference"),
                                  ("wrong result", "wrong result", "passed"), ("array a:",)),
}
CONVENTION_ERRORS = {"signature error", "wrong return value", "host computation", "policy violation", "import error"}


def _answer(case: Case, name: str, first: bool) -> Reply:
    if name == "reference":
        return Reply(text=f"```python\n{reference_kernel(case.loop)}```")
    text = (REPLAY / "answers" / f"{name}.md").read_text()
    return Reply(text=text, stop_reason=case.stop_reason if first else "end_turn")


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_replayed_answers_get_their_verdicts(fake_anthropic: FakeAnthropic, tmp_path: Path, case: Case):
    loop = catalog.get(case.loop)
    fake_anthropic.add(*[_answer(case, name, i == 0) for i, name in enumerate(case.answers)])
    gen, lines = make_generator(tmp_path / "claude-sonnet-4-5", attempts=len(case.answers))
    r = gen.ensure(loop)
    assert r.entry is not None, r.error
    assert tuple(a.error_class or "passed" for a in r.entry.attempts) == case.expect, lines
    assert all("\n" not in line for line in lines)
    if len(case.expect) > 1:
        fed_back = fake_anthropic.requests[1].turns[2]["content"]
        for text in case.feedback:
            assert text in fed_back
        assert (python_signature(loop) in fed_back) == (case.expect[0] in CONVENTION_ERRORS)
    assert not fake_anthropic.invalid


def test_a_repeated_module_is_fed_back_as_such_and_not_run_again(fake_anthropic: FakeAnthropic, tmp_path: Path):
    case = CASES["the-same-module-twice"]
    fake_anthropic.add(*[_answer(case, name, i == 0) for i, name in enumerate(case.answers)])
    gen, lines = make_generator(tmp_path / "claude-sonnet-4-5")
    checked: list[int] = []
    real_check = gen.check
    gen.check = lambda loop, path: checked.append(int(path.name[:2])) or real_check(loop, path)
    r = gen.ensure(catalog.get("s000"))
    assert checked == [1, 3]  # attempt 2 repeated attempt 1: not checked again
    second = r.entry.attempts[1]
    assert second.same_as == 1 and second.input_tokens == 1000 and second.cost_usd > 0
    assert lines[2].startswith("s000 attempt 2/10: wrong result: array a:")
    assert lines[2].endswith("(the same module as attempt 1, not run again)")
    fed_back = fake_anthropic.requests[2].turns[2]["content"]
    assert fed_back.startswith("This is the same module as attempt 1, which failed because: your kernel ran "
                               "but computed a wrong result")
    assert "It was not run again." in fed_back
