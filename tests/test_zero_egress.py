"""Zero egress: critique, draft, kloe, eval and the app make no network connection attempt at all.

The conftest guard already blocks every non-loopback connect in this process. A guard only proves that
nothing *succeeded*; code that swallows errors (telemetry does) could still be trying. So each run here also
happens under a spy that records every attempt: Python's socket audit events (connect, DNS lookups,
datagrams) and the guarded connect itself, so an attempt the guard refused is still counted. A fresh process
is also run under strace, which sees connect() and sendto() from native code (chromadb's Rust core,
onnxruntime) as well. Telemetry settings are checked where they are set, not just by their effect.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
import tomllib
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from assistant.cli import main
from assistant.settings import REPO_ROOT, get_settings
from tests.conftest import NetworkBlocked

SAMPLE_DRAFT = REPO_ROOT / "corpus" / "samples" / "draft-baby-sleep.md"
SAMPLE_CHRONOLOGY = REPO_ROOT / "corpus" / "samples" / "chronology-baby-injury.txt"

# Audit events (https://docs.python.org/3/library/audit_events.html) that mean the network is being used.
NETWORK_EVENTS = {
    "socket.connect",
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.gethostbyaddr",
    "socket.getnameinfo",
    "socket.sendto",
    "socket.sendmsg",
    "http.client.connect",
    "urllib.Request",
}
# Variables the conftest sets for every test; removed for child processes so the project is checked alone.
TEST_ONLY_ENV = ("ANONYMIZED_TELEMETRY", "HF_HUB_OFFLINE", "STREAMLIT_BROWSER_GATHER_USAGE_STATS")

Attempt = tuple[str, str, str]  # (what, where, thread)


class _AuditSink:
    """One process-wide audit hook (hooks cannot be removed), recording only while a spy is active."""

    record: Callable[[str, str], None] | None = None

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        record = self.record
        if record is not None and event in NETWORK_EVENTS:
            record(
                event,
                repr(args[1:] if event.startswith("socket.") and event != "socket.getaddrinfo" else args),
            )


_SINK = _AuditSink()
sys.addaudithook(_SINK)


@contextmanager
def network_spy() -> Iterator[list[Attempt]]:
    """Every network attempt made (by any thread) while the block runs, whether or not it was allowed."""
    attempts: list[Attempt] = []
    lock = threading.Lock()

    def record(what: str, where: str) -> None:
        with lock:
            attempts.append((what, where, threading.current_thread().name))

    guarded_connect = socket.socket.connect
    guarded_connect_ex = socket.socket.connect_ex

    def connect(self: socket.socket, address: Any) -> None:
        record("connect (before the guard)", repr(address))
        return guarded_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        record("connect_ex (before the guard)", repr(address))
        return guarded_connect_ex(self, address)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", connect)
        mp.setattr(socket.socket, "connect_ex", connect_ex)
        _SINK.record = record
        try:
            yield attempts
        finally:
            _SINK.record = None


def assert_no_attempts(what: str, attempts: list[Attempt]) -> None:
    assert attempts == [], f"{what} tried to use the network: {attempts}"


def cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


# ---------------------------------------------------------------------------------------------- the spy itself


@pytest.mark.loopback
def test_the_spy_sees_lookups_and_refused_and_allowed_connections() -> None:
    """Control: without this, a spy that recorded nothing would make every test below pass."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        port = server.getsockname()[1]
        with network_spy() as attempts:
            socket.getaddrinfo("localhost", 9)
            with pytest.raises(NetworkBlocked):
                socket.create_connection(("192.0.2.1", 80), timeout=0.5)
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                pass
            worker = threading.Thread(target=lambda: socket.getaddrinfo("localhost", 10), name="worker")
            worker.start()
            worker.join()
    kinds = [(what, thread) for what, _, thread in attempts]
    assert ("socket.getaddrinfo", "MainThread") in kinds and ("socket.getaddrinfo", "worker") in kinds
    assert any(what.startswith("connect") and "192.0.2.1" in where for what, where, _ in attempts)
    assert any(what == "socket.connect" and str(port) in where for what, where, _ in attempts)


# ---------------------------------------------------------------------------------------------- each run


def test_critique_draft_and_kloe_make_no_network_attempt(
    index: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import assistant

    runs: list[tuple[str, Callable[[], object]]] = [
        (
            "critique (CLI, Word output)",
            lambda: cli(["critique", str(SAMPLE_DRAFT), "-o", str(tmp_path / "c.docx")], capsys),
        ),
        ("critique (CLI, JSON)", lambda: cli(["critique", str(SAMPLE_DRAFT), "--format", "json"], capsys)),
        (
            "draft --critique (CLI)",
            lambda: cli(
                ["draft", str(SAMPLE_CHRONOLOGY), "--critique", "-o", str(tmp_path / "d.docx")], capsys
            ),
        ),
        ("kloe (CLI)", lambda: cli(["kloe", str(SAMPLE_CHRONOLOGY), "--format", "json"], capsys)),
        ("search (CLI)", lambda: cli(["search", "safer sleep advice to fathers"], capsys)),
        ("redact (CLI)", lambda: cli(["redact", str(SAMPLE_DRAFT)], capsys)),
        (
            "Python API",
            lambda: (
                assistant.critique(SAMPLE_DRAFT.read_text(encoding="utf-8")),
                assistant.draft(SAMPLE_CHRONOLOGY.read_text(encoding="utf-8")),
                assistant.kloe(SAMPLE_CHRONOLOGY.read_text(encoding="utf-8")),
            ),
        ),
    ]
    for what, run in runs:
        with network_spy() as attempts:
            run()
        assert_no_attempts(what, attempts)


def test_the_full_eval_makes_no_network_attempt(
    index: Any, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with network_spy() as attempts:
        out = cli(
            ["eval", "--format", "json", "-o", str(tmp_path / "eval.json"), "--report-dir", str(tmp_path)],
            capsys,
        )
    assert_no_attempts("rapid-review eval", attempts)
    assert out == ""
    report = json.loads((tmp_path / "eval.json").read_text(encoding="utf-8"))
    assert report["leave_one_out"] is True and len(report["per_example"]) == 5


def test_the_app_makes_no_network_attempt(index: Any) -> None:
    pytest.importorskip("streamlit")
    from streamlit.testing.v1 import AppTest

    with network_spy() as attempts:
        at = AppTest.from_file(str(REPO_ROOT / "ui" / "app.py"), default_timeout=120)
        at.run()
        at.text_area(key="w_critique_text").input(SAMPLE_DRAFT.read_text(encoding="utf-8")).run()
        next(b for b in at.button if b.label == "Run the critique").click().run()
        assert at.session_state["critique"] is not None
        at.switch_page("app_pages/draft.py").run()
        at.text_area(key="w_draft_text").input(SAMPLE_CHRONOLOGY.read_text(encoding="utf-8")).run()
        next(b for b in at.button if b.label == "Draft the sections").click().run()
        assert at.session_state["draft"] is not None
        at.switch_page("app_pages/kloe.py").run()
        at.text_area(key="w_kloe_text").input(SAMPLE_CHRONOLOGY.read_text(encoding="utf-8")).run()
        next(b for b in at.button if b.label == "Find the lines of enquiry").click().run()
        assert at.session_state["kloe"] is not None
        at.switch_page("app_pages/corpus.py").run()
        at.switch_page("app_pages/evaluation.py").run()
        assert not at.exception, at.exception
    assert_no_attempts("the app", attempts)


@pytest.mark.loopback
def test_remote_critique_reaches_only_the_configured_endpoint_with_tracing_forced_off(
    index: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With LangSmith tracing switched on in the environment, the only connection is to the model server,
    and inside every StructuredChat call tracing is off."""
    from langchain_openai.chat_models.base import BaseChatOpenAI
    from langsmith.utils import tracing_is_enabled

    from tests.fakes.openai_server import FakeOpenAIServer, Reply

    for name, value in {
        "LANGSMITH_TRACING": "true",
        "LANGCHAIN_TRACING_V2": "true",
        "LANGSMITH_API_KEY": "ls-test",
        "LANGCHAIN_API_KEY": "ls-test",
        "LANGSMITH_ENDPOINT": "https://api.smith.langchain.com",
    }.items():
        monkeypatch.setenv(name, value)
    assert tracing_is_enabled()  # the environment alone would trace
    seen: list[object] = []
    real_generate = BaseChatOpenAI._generate

    def generate(self: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(tracing_is_enabled())
        return real_generate(self, *args, **kwargs)

    monkeypatch.setattr(BaseChatOpenAI, "_generate", generate)
    draft = tmp_path / "draft.md"
    draft.write_text(SAMPLE_DRAFT.read_text(encoding="utf-8"), encoding="utf-8")
    with FakeOpenAIServer() as server:
        monkeypatch.setenv("RRA_LLM_BASE_URL", server.base_url)
        monkeypatch.setenv("RRA_LLM_MODEL", "gpt-4o-mini")
        monkeypatch.setenv("RRA_LLM_API_KEY", "test-key")
        monkeypatch.setenv("RRA_LLM_MAX_RETRIES", "0")
        monkeypatch.setenv("RRA_AUDIT_LOG", str(tmp_path / "audit.jsonl"))
        monkeypatch.setenv("RRA_CACHE_DIR", str(tmp_path / "cache"))
        get_settings.cache_clear()
        server.queue(Reply.json({"points": []}))
        with network_spy() as attempts:
            cli(["critique", str(draft), "--provider", "openai", "--format", "json"], capsys)
            time.sleep(0.5)  # a tracer would post from a background thread
        assert len(server.chat_requests) == 1
    assert seen == [False]
    endpoint = ("127.0.0.1", server.port)
    stray = [a for a in attempts if a[0] != "socket.getaddrinfo" and repr(endpoint) not in a[1]]
    lookups = [a for a in attempts if a[0] == "socket.getaddrinfo" and "'127.0.0.1'" not in a[1]]
    assert stray == [] and lookups == [], attempts
    assert attempts  # the spy did see the call to the model server


# ---------------------------------------------------------------------------------------------- telemetry settings


def test_chromadb_telemetry_is_off_in_the_client_the_index_uses(
    index: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.retrieval.index import _chroma_settings

    client = index._collection._client
    assert client.get_settings().anonymized_telemetry is False
    # The project sets it itself: it stays off even if the environment asks for it.
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "True")
    assert _chroma_settings().anonymized_telemetry is False


def test_streamlit_usage_statistics_are_off_in_the_config_and_in_rapid_review_ui(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["address"] == "127.0.0.1" and config["server"]["headless"] is True

    class Started(BaseException):
        pass

    launched: list[tuple[list[str], dict[str, str]]] = []

    def execve(path: str, argv: list[str], env: dict[str, str]) -> None:
        launched.append((list(argv), dict(env)))
        raise Started

    monkeypatch.delenv("STREAMLIT_BROWSER_GATHER_USAGE_STATS", raising=False)  # set by the conftest
    monkeypatch.setattr(os, "execve", execve)
    monkeypatch.setattr(subprocess, "call", lambda *a, **k: pytest.fail("ui must not start a server here"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(Started):
        main(["ui", "--port", str(port)])
    capsys.readouterr()
    ((argv, env),) = launched
    assert "--browser.gatherUsageStats=false" in argv
    assert env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] == "false"
    assert "--server.address=127.0.0.1" in argv and "--server.headless=true" in argv


def test_no_tracing_or_telemetry_is_switched_on_by_the_project() -> None:
    """Nothing the project ships sets LangChain/LangSmith tracing (or any telemetry) on."""
    switch_on = re.compile(
        r"(?i)(LANGCHAIN_TRACING\w*|LANGSMITH_TRACING\w*|ANONYMIZED_TELEMETRY|gatherUsageStats)\W+(true|1|yes|on)\b"
    )
    files = [REPO_ROOT / ".env.example", REPO_ROOT / "Makefile", REPO_ROOT / "pyproject.toml"]
    files += [
        p
        for folder in ("assistant", "ui", "scripts", ".ci", ".streamlit")
        for p in (REPO_ROOT / folder).rglob("*")
        if p.is_file() and p.suffix in {".py", ".toml", ".sh", ".yaml", ".yml", ".cfg", ""}
    ]
    offenders = [
        f"{path.relative_to(REPO_ROOT)}: {m.group(0)}"
        for path in files
        for m in switch_on.finditer(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert offenders == []
    source = "\n".join(p.read_text(encoding="utf-8") for p in (REPO_ROOT / "assistant").rglob("*.py"))
    assert "load_dotenv" not in source  # .env feeds the settings object only, never os.environ
    from assistant.llm import client

    assert "tracing_context(enabled=False)" in Path(client.__file__).read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------- native code too


def _strace() -> str:
    tool = shutil.which("strace")
    if tool is None:
        pytest.skip("strace is not installed (apt-get install strace); the in-process spies above still ran")
    probe = subprocess.run([tool, "-f", "-o", os.devnull, "true"], capture_output=True, timeout=30)
    if probe.returncode != 0:
        pytest.skip(f"strace cannot trace here: {probe.stderr.decode(errors='replace').strip()}")
    return tool


def _child_env(data_dir: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in TEST_ONLY_ENV and not k.startswith(("RRA_", "LANG"))
    }
    env.update(RRA_DATA_DIR=str(data_dir), RRA_CACHE_DIR=str(data_dir / "cache"), LANG="C.UTF-8")
    return env


def _inet_calls(log: Path) -> list[str]:
    """connect/sendto/sendmsg calls with an internet address (loopback included) in an strace log."""
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    return [
        line
        for line in lines
        if re.search(r"\b(connect|sendto|sendmsg|sendmmsg)\(", line) and "AF_INET" in line
    ]


STRACE_ARGS = ["-f", "-qq", "-e", "signal=none", "-e", "trace=connect,sendto,sendmsg,sendmmsg"]


def test_a_fresh_process_makes_no_connect_call_even_from_native_code(
    index: Any, data_dir: Path, tmp_path: Path
) -> None:
    """critique, draft --critique, kloe and search in a fresh process (so chromadb's client and the ONNX
    model start up under the trace), without the test-only telemetry variables, under strace."""
    tool = _strace()
    log = tmp_path / "strace.log"
    script = textwrap.dedent(
        f"""
        from assistant.cli import main
        runs = [
            ["critique", {str(SAMPLE_DRAFT)!r}, "-o", {str(tmp_path / "c.docx")!r}],
            ["draft", {str(SAMPLE_CHRONOLOGY)!r}, "--critique", "-o", {str(tmp_path / "d.md")!r}],
            ["kloe", {str(SAMPLE_CHRONOLOGY)!r}, "-o", {str(tmp_path / "k.json")!r}, "--format", "json"],
            ["search", "safer sleep", "--format", "json"],
        ]
        for argv in runs:
            assert main(argv) == 0, argv
        # Control: one datagram to the discard port on loopback, which the trace must show.
        import socket
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as control:
            control.sendto(b"", ("127.0.0.1", 9))
        """
    )
    done = subprocess.run(
        [tool, *STRACE_ARGS, "-o", str(log), sys.executable, "-c", script],
        env=_child_env(data_dir),
        cwd=tmp_path,
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-3000:]
    assert (tmp_path / "c.docx").is_file() and (tmp_path / "k.json").is_file()
    calls = _inet_calls(log)
    assert len(calls) == 1 and "htons(9)" in calls[0], calls  # only the control


@pytest.mark.loopback
def test_the_app_server_makes_no_connect_call(index: Any, data_dir: Path, tmp_path: Path) -> None:
    """`rapid-review ui` under strace, from start to a health check answered on loopback."""
    tool = _strace()
    log = tmp_path / "strace.log"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        sys.executable,
        "-c",
        "from assistant.cli import entrypoint; entrypoint()",
        "ui",
        "--port",
        str(port),
    ]
    output = tmp_path / "server.log"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with output.open("wb") as out:
        process = subprocess.Popen(
            [tool, *STRACE_ARGS, "-o", str(log), *command],
            env=_child_env(data_dir),
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # strace and the server it traces share one process group, ended below
        )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with opener.open(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as response:
                    if response.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the app did not start:\n{output.read_text(errors='replace')[-3000:]}")
            time.sleep(0.1)
        with opener.open(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert response.status == 200
        time.sleep(1.0)  # anything the server does just after start-up (update checks, usage stats)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)
    assert _inet_calls(log) == []
