"""RRA_CHROMA_URL: the index on a real Chroma server (`chroma run`) that this test starts on loopback."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.corpus import load_corpus
from assistant.errors import RetrievalIndexError
from assistant.retrieval.index import CorpusIndex
from assistant.settings import Settings

pytestmark = pytest.mark.loopback

QUERY = "include age, gender, ethnicity and disability up front"
CHROMA = Path(sys.executable).with_name("chroma")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def chroma_url(tmp_path_factory: pytest.TempPathFactory, _network_policy: None) -> Iterator[str]:
    """A fresh server per test; `_network_policy` first, so its loopback permission covers the start-up."""
    if not CHROMA.exists():  # chromadb installs this command; its absence is a broken install
        pytest.fail(f"{CHROMA} not found: reinstall with make setup-dev")
    port = _free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    proc = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as reply:
                    json.loads(reply.read())  # any JSON answer means the server is up
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("chroma run did not start within 60 s")
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(data, ignore_errors=True)


def test_index_builds_and_searches_on_a_chroma_server(chroma_url: str, tmp_path: Path) -> None:
    settings = Settings(chroma_url=chroma_url, data_dir=tmp_path / "unused-local")
    index = CorpusIndex(load_corpus(), settings)
    assert index.built_now and index.count == len(index.items)
    assert "ex1-c1" in [r.id for r in index.search(QUERY, n=3)]
    assert all(r.example != 1 for r in index.search(QUERY, n=30, exclude_example=1))
    # nothing was written locally: the server holds the index
    assert not (tmp_path / "unused-local" / "chroma").exists()
    # a second client reuses the server's complete collection instead of rebuilding
    again = CorpusIndex(load_corpus(), settings)
    assert not again.built_now and again.name == index.name


def test_unreachable_chroma_server_is_a_clear_error(tmp_path: Path) -> None:
    settings = Settings(chroma_url=f"http://127.0.0.1:{_free_port()}", data_dir=tmp_path)
    with pytest.raises(RetrievalIndexError) as info:
        CorpusIndex(load_corpus(), settings)
    assert "RRA_CHROMA_URL" in (info.value.fix or "")
