"""The generated/<set>/ cache: reuse, honest invalidation, corrupt and half-written entries."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest

from generation import prompt as prompt_module
from generation.session import GenerationConfig
from generation.store import Store
from tests.fake_anthropic import FakeAnthropic, answer, fake_anthropic, reference_kernel  # noqa: F401
from tests.test_generation_loop import make_generator
from tsvc.record import catalog

pytestmark = pytest.mark.filterwarnings("ignore:The model:DeprecationWarning")

S000 = catalog.get("s000")
GOOD = reference_kernel("s000")
_ATTEMPT = {"number": 1, "line": 1, "answer_file": "attempts/s000/01.answer.md", "code_file": "attempts/s000/01.py",
            "error_class": None, "message": "passed", "input_tokens": 1, "output_tokens": 1, "cost_usd": 0.0,
            "request_seconds": 0.0, "check_seconds": 0.0, "stop_reason": "end_turn"}


@pytest.fixture
def cached(fake_anthropic: FakeAnthropic, tmp_path: Path) -> Path:
    """A set folder holding a passing s000, generated through one request."""
    folder = tmp_path / "claude-sonnet-4-5"
    fake_anthropic.add(answer(GOOD))
    gen, _ = make_generator(folder)
    assert gen.ensure(S000).entry.passed
    assert len(fake_anthropic.requests) == 1
    return folder


def test_a_cached_entry_is_reused_without_a_request(fake_anthropic: FakeAnthropic, cached: Path):
    gen, lines = make_generator(cached, run_id="run-2")
    r = gen.ensure(S000)
    assert r.path == cached / "s000.py" and not r.generated
    assert len(fake_anthropic.requests) == 1 and lines == []


def test_a_changed_prompt_invalidates_the_entry(fake_anthropic: FakeAnthropic, cached: Path,
                                                monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(prompt_module, "TRITON_RULES", prompt_module.TRITON_RULES + ("A new rule.",))
    fake_anthropic.add(answer(GOOD))
    gen, lines = make_generator(cached, run_id="run-2")
    r = gen.ensure(S000)
    assert r.generated and len(fake_anthropic.requests) == 2
    assert "A new rule." in fake_anthropic.requests[1].text()
    assert "made from another prompt" in lines[0]
    assert json.loads((cached / "s000.json").read_text())["prompt_sha256"] == gen.prompt(S000).sha256


def test_reuse_stale_keeps_an_entry_made_from_another_prompt(fake_anthropic: FakeAnthropic, cached: Path,
                                                             monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(prompt_module, "TRITON_RULES", prompt_module.TRITON_RULES + ("A new rule.",))
    gen, _ = make_generator(cached, run_id="run-2")
    gen.config = GenerationConfig(gen.config.policy, analysis=False, reuse_stale=True, run_id="run-2")
    assert not gen.ensure(S000).generated
    assert len(fake_anthropic.requests) == 1


def test_regenerate_redoes_an_entry_once_per_run(fake_anthropic: FakeAnthropic, cached: Path):
    fake_anthropic.add(answer(GOOD))
    first, _ = make_generator(cached, run_id="run-2", regenerate=True)
    assert first.ensure(S000).generated
    other_worker, _ = make_generator(cached, run_id="run-2", regenerate=True)
    assert not other_worker.ensure(S000).generated
    assert len(fake_anthropic.requests) == 2


def _edit_kernel(folder: Path) -> None:
    (folder / "s000.py").write_text(GOOD[:40])


def _truncate_record(folder: Path) -> None:
    (folder / "s000.json").write_text((folder / "s000.json").read_text()[:100])


def _drop_record(folder: Path) -> None:  # a run killed between the kernel's rename and the record's
    (folder / "s000.json").unlink()


def _rewrite_record(change: dict) -> Callable[[Path], None]:
    """A record whose fields `change` replaces (each a state outside its closed set)."""
    def damage(folder: Path) -> None:
        record = json.loads((folder / "s000.json").read_text())
        record.update(change)
        (folder / "s000.json").write_text(json.dumps(record))
    return damage


@pytest.mark.parametrize("damage", [_edit_kernel, _truncate_record, _drop_record,
                                    _rewrite_record({"stopped": "gave up"}),
                                    _rewrite_record({"analysis": "partly"}),
                                    _rewrite_record({"attempts": [{**_ATTEMPT, "error_class": "bad luck"}]})],
                         ids=["kernel-changed", "record-truncated", "record-missing", "unknown-stop",
                              "unknown-analysis-state", "unknown-error-class"])
def test_a_corrupt_entry_is_regenerated_with_a_warning(fake_anthropic: FakeAnthropic, cached: Path, damage):
    damage(cached)
    fake_anthropic.add(answer(GOOD))
    gen, _ = make_generator(cached, run_id="run-2")
    with pytest.warns(UserWarning, match="corrupt"):
        r = gen.ensure(S000)
    assert r.generated and r.entry.passed and len(fake_anthropic.requests) == 2


def test_a_killed_generation_leaves_no_entry(fake_anthropic: FakeAnthropic, tmp_path: Path):
    folder = tmp_path / "claude-sonnet-4-5"
    store = Store(folder, folder.name)
    staging = store.staging("s000")  # a run died here, mid-generation
    staging.attempt_path(1, ".py").write_text(GOOD)
    assert store.read("s000") is None and not (folder / "s000.py").exists()
    fake_anthropic.add(answer(GOOD))
    gen, _ = make_generator(folder)
    assert gen.ensure(S000).entry.passed
    assert not staging.root.exists()  # the leftover was cleared under the lock


def test_the_record_accounts_for_every_attempt(fake_anthropic: FakeAnthropic, tmp_path: Path):
    folder = tmp_path / "a-set"
    fake_anthropic.add(answer("import triton\n", input_tokens=3000, output_tokens=200),
                       answer(GOOD, input_tokens=4000, output_tokens=300))
    gen, _ = make_generator(folder)
    record = json.loads((gen.ensure(S000).path.with_suffix(".json")).read_text())
    assert record["totals"]["attempts"] == 2 and record["kernel_attempt"] == 2
    assert record["totals"]["input_tokens"] == 7000 and record["totals"]["output_tokens"] == 500
    assert record["totals"]["cost_usd"] == pytest.approx((7000 * 3 + 500 * 15) / 1e6)
    assert [a["code_file"] for a in record["attempts"]] == ["attempts/s000/01.py", "attempts/s000/02.py"]
    assert all((folder / a["answer_file"]).is_file() for a in record["attempts"])
    assert (folder / "s000.py").read_bytes() == (folder / "attempts/s000/02.py").read_bytes()
    assert json.loads((folder / "kernelset.json").read_text())["model"] == "claude-sonnet-4-5"


def test_without_a_key_a_corrupt_entry_fails_and_a_missing_one_is_skipped(fake_anthropic: FakeAnthropic, cached: Path,
                                                                          monkeypatch: pytest.MonkeyPatch):
    _edit_kernel(cached)
    monkeypatch.delenv("ANTHROPIC_API_KEY")
    gen, _ = make_generator(cached, run_id="run-2")
    corrupt, absent = gen.ensure(S000), gen.ensure(catalog.get("s111"))
    assert corrupt.skip is None and corrupt.error is not None and "is corrupt" in corrupt.error
    assert absent.error is None and absent.skip is not None and absent.skip.startswith("no kernel for s111 ")
