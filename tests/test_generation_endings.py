"""How a generation run records its requests and ends: ids per attempt, leftovers swept, clean one-line endings."""
from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
from filelock import FileLock

from generation import options
from generation.store import Store
from tests.fake_anthropic import FakeAnthropic, Reply, answer, fake_anthropic, reference_kernel  # noqa: F401
from tests.test_generation_loop import NO_FUNCTION, make_generator
from tsvc import kernelsets
from tsvc.record import catalog

REPO = Path(__file__).resolve().parent.parent
S000 = catalog.get("s000")
UNREACHABLE = "http://127.0.0.1:1"


def tsvc(*argv: str) -> int:
    import generation.cli  # noqa: F401 (registers the subcommands)
    from tsvc.cli import main

    return main(list(argv))


@pytest.fixture
def generated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty generated/ folder, so a set named on the command line is made (or not) there."""
    monkeypatch.setattr(kernelsets, "GENERATED_DIR", tmp_path / "generated")
    (tmp_path / "generated").mkdir()
    return tmp_path / "generated"


def test_each_attempt_records_the_dated_model_and_the_request_id(fake_anthropic: FakeAnthropic, tmp_path: Path):
    fake_anthropic.add(answer(NO_FUNCTION), answer(NO_FUNCTION.replace("helper", "other_helper")))
    gen, _ = make_generator(tmp_path / "claude-sonnet-4-5", attempts=2)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gen.ensure(S000)
    record = json.loads((tmp_path / "claude-sonnet-4-5" / "s000.json").read_text())
    assert [a["model"] for a in record["attempts"]] == ["claude-sonnet-4-5-20250929"] * 2
    assert [a["request_id"] for a in record["attempts"]] == fake_anthropic.request_ids
    assert record["provenance"]["model"] == "claude-sonnet-4-5"  # what was asked for
    # The SDK's deprecation notice for this alias is recorded once, never raised as a warning.
    assert any("deprecated" in note for note in record["provenance"]["client_notes"])
    assert not [w for w in caught if "deprecated" in str(w.message)]


def test_an_interrupted_runs_staging_is_swept_unless_its_loop_is_being_generated(fake_anthropic: FakeAnthropic,
                                                                                  tmp_path: Path):
    folder = tmp_path / "claude-sonnet-4-5"
    store = Store(folder, folder.name)
    left = store.staging("s111")  # a run killed mid-generation of s111
    busy = store.staging("s311")  # another process generating s311 right now
    with FileLock(str(folder / ".locks" / "s311.lock")):
        fake_anthropic.add(answer(NO_FUNCTION))
        gen, _ = make_generator(folder, attempts=1)
        gen.ensure(S000)  # another loop: the sweep is per set, at the run's first loop
        assert not left.root.exists() and busy.root.exists()


def _fast_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """No SDK retries: a refused connection is refused again however often it is retried."""
    real = options.settings_for
    monkeypatch.setattr(options, "settings_for", lambda ks, opts: dataclasses.replace(real(ks, opts), max_retries=0))


def test_an_unreachable_api_ends_in_one_line_naming_the_url(generated: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]):
    monkeypatch.setenv("ANTHROPIC_BASE_URL", UNREACHABLE)
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test")
    _fast_settings(monkeypatch)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert tsvc("generate", "s000", "s311", "--kernels", "claude-sonnet-4-5", "--no-analysis") == 1
    out = capsys.readouterr()
    text = out.out + out.err
    assert text.count(UNREACHABLE) == 1 and "cannot reach the Anthropic API at http://127.0.0.1:1" in text
    assert "s311" not in text  # no second loop is tried against an API that is not there
    assert "Traceback" not in text and "Warning" not in text and not caught
    assert not (generated / "claude-sonnet-4-5").exists()  # no empty set folder left behind


def test_without_a_key_generate_says_so_once_up_front(generated: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]):
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.delenv("ANTHROPIC_AUTH_TOKEN", raising=False)
    assert tsvc("generate", "--kernels", "claude-sonnet-4-5") == 2
    out = capsys.readouterr()
    assert out.out == ""
    lines = out.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("tsvc: error: 151 of 151 loop(s) have no usable kernel")
    assert "no ANTHROPIC_API_KEY" in lines[0]
    assert not (generated / "claude-sonnet-4-5").exists()


def test_without_a_key_cached_loops_need_none(fake_anthropic: FakeAnthropic, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    folder = tmp_path / "claude-sonnet-4-5"
    fake_anthropic.add(answer(reference_kernel("s000")))
    make_generator(folder)[0].ensure(S000)
    monkeypatch.delenv("ANTHROPIC_API_KEY")
    assert tsvc("generate", "s000", "--kernels", str(folder), "--no-analysis") == 0
    assert "1 of 1 loops have a passing kernel" in capsys.readouterr().out


@pytest.mark.timeout(180)  # a fresh interpreter imports torch and triton
def test_ctrl_c_during_generation_ends_in_one_line(fake_anthropic: FakeAnthropic, tmp_path: Path):
    folder = tmp_path / "claude-sonnet-4-5"
    folder.mkdir()
    fake_anthropic.add(Reply(text="```python\nx = 1\n```", delay=60.0))  # the model is still writing
    script = "import sys, generation.cli; from tsvc.cli import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.Popen([sys.executable, "-c", script, "generate", "s000", "--kernels", str(folder),
                             "--no-analysis"], cwd=REPO, env=dict(os.environ), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not fake_anthropic.requests and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
    assert fake_anthropic.requests, "the request never came"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert err.strip().splitlines()[-1] == "tsvc generate: interrupted while generating s000; nothing of that loop was kept"
    assert not any((folder / ".staging").glob("*")) and not (folder / "s000.json").exists()


def test_an_openai_compatible_server_that_is_not_there_is_unreachable(monkeypatch: pytest.MonkeyPatch):
    from generation.client import OpenAICompatibleProvider, ProviderSettings, ProviderUnreachable, Turn

    monkeypatch.setenv("OPENAI_BASE_URL", f"{UNREACHABLE}/v1")
    provider = OpenAICompatibleProvider(ProviderSettings(provider="openai", model="local", max_retries=0))
    with pytest.raises(ProviderUnreachable, match="cannot reach http://127.0.0.1:1/v1/chat/completions"):
        provider.complete("system", [Turn("user", "hi")], timeout=5)


def test_a_server_that_does_not_answer_in_time_is_not_unreachable(monkeypatch: pytest.MonkeyPatch):
    import socket

    from generation.client import OpenAICompatibleProvider, ProviderError, ProviderSettings, ProviderUnreachable, Turn

    with socket.socket() as silent:  # accepts connections (the backlog does) and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{silent.getsockname()[1]}/v1")
        provider = OpenAICompatibleProvider(ProviderSettings(provider="openai", model="local", max_retries=0))
        with pytest.raises(ProviderError) as info:
            provider.complete("system", [Turn("user", "hi")], timeout=0.5)
    assert not isinstance(info.value, ProviderUnreachable)
