"""StructuredChat end to end: real openai SDK + langchain-openai against a loopback fake server."""

from __future__ import annotations

import json
import os
import socket
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, Field

from assistant.errors import ConfigError, InputError, OutputValidationError, ProviderError
from assistant.llm.audit import AuditLog
from assistant.llm.client import ChatMessage, StructuredChat, extract_json, parse_retry_after
from assistant.privacy import redact
from tests.fakes.openai_server import FakeOpenAIServer, Reply

pytestmark = pytest.mark.loopback


class Finding(BaseModel):
    summary: str = Field(description="One-line summary.")
    risk: int = Field(ge=1, le=5, description="Risk rating 1-5.")


VALID = {"summary": "PERSON_1 was not seen alone.", "risk": 3}
MESSAGES = [
    ChatMessage(role="system", content="You are a safeguarding reviewer."),
    ChatMessage(role="user", content="PERSON_1 was seen by the health visitor on DATE_1."),
]


@pytest.fixture(scope="module")
def tiktoken_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("tiktoken")


@pytest.fixture(autouse=True)
def _restore_tiktoken_env(monkeypatch: pytest.MonkeyPatch, tiktoken_dir: Path) -> None:
    # seed_tiktoken_cache sets TIKTOKEN_CACHE_DIR process-wide; monkeypatch puts it back after each test.
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tiktoken_dir))


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        yield fake


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def make_client(tmp_path: Path, tiktoken_dir: Path, sleeps: Sleeps) -> Any:
    def build(base_url: str, **overrides: Any) -> StructuredChat:
        options: dict[str, Any] = {
            "base_url": base_url,
            "model": "gpt-4o-mini",
            "timeout": 2.0,
            "max_retries": 2,
            "backoff_base": 0.001,
            "audit_path": tmp_path / "audit" / "llm.jsonl",
            "cache_dir": None,
            "tiktoken_dir": tiktoken_dir,
            "sleep": sleeps,
        }
        options.update(overrides)
        return StructuredChat(**options)

    return build


def audit_lines(tmp_path: Path) -> list[dict[str, Any]]:
    path = tmp_path / "audit" / "llm.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_valid_reply_becomes_the_model(server: FakeOpenAIServer, make_client: Any, tmp_path: Path) -> None:
    server.queue(Reply.json(VALID, usage={"prompt_tokens": 40, "completion_tokens": 12}))
    reply = make_client(server.base_url).generate_reply(MESSAGES, Finding, max_tokens=321)
    assert reply.value == Finding(**VALID)
    assert (reply.requests, reply.reasks, reply.cache_hit, reply.mode) == (1, 0, False, "json_schema")
    assert (reply.usage.tokens_in, reply.usage.tokens_out) == (40, 12)
    assert reply.usage.cost_usd == pytest.approx((40 * 0.15 + 12 * 0.60) / 1e6)

    body = server.chat_requests[0].body
    # llama.cpp ignores max_completion_tokens, so the legacy field must travel too.
    assert body["max_tokens"] == 321 and body["max_completion_tokens"] == 321
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["schema"]["required"] == ["summary", "risk"]
    assert body["messages"][1]["content"] == MESSAGES[1].content
    assert server.chat_requests[0].headers["authorization"] == "Bearer sk-no-key-required"


def test_generate_returns_just_the_value(server: FakeOpenAIServer, make_client: Any) -> None:
    server.queue(Reply.json(VALID))
    assert make_client(server.base_url, api_key="sk-test").generate(MESSAGES, Finding) == Finding(**VALID)
    assert server.chat_requests[0].headers["authorization"] == "Bearer sk-test"
    assert server.chat_requests[0].body["max_tokens"] == 2000


def test_json_schema_500_falls_back_to_json_mode_and_remembers(make_client: Any, tmp_path: Path) -> None:
    with FakeOpenAIServer(reject_json_schema=True) as server:
        server.queue(Reply.json(VALID), Reply.json(VALID))
        client = make_client(server.base_url)
        first = client.generate_reply(MESSAGES, Finding)
        second = client.generate_reply([*MESSAGES[:1], ChatMessage(role="user", content="Again.")], Finding)
    assert first.value == Finding(**VALID) and first.mode == "json_object" and first.requests == 2
    assert second.mode == "json_object" and second.requests == 1
    formats = [r.body.get("response_format", {}).get("type") for r in server.chat_requests]
    assert formats == ["json_schema", "json_object", "json_object"]
    # JSON mode has no schema on the wire, so it goes into the (single) system message.
    system = server.chat_requests[1].body["messages"][0]
    assert system["role"] == "system" and '"risk"' in system["content"] and "JSON" in system["content"]
    assert sum(m["role"] == "system" for m in server.chat_requests[1].body["messages"]) == 1
    assert [e["outcome"] for e in audit_lines(tmp_path)] == ["format_unsupported", "ok", "ok"]


def test_json_mode_also_rejected_falls_back_to_plain_prompting(
    server: FakeOpenAIServer, make_client: Any, sleeps: Sleeps
) -> None:
    server.queue(
        Reply.error(500), Reply.error(500), Reply.text(f"Here you are:\n```json\n{json.dumps(VALID)}\n```")
    )
    reply = make_client(server.base_url).generate_reply(MESSAGES, Finding)
    assert reply.value == Finding(**VALID) and reply.mode == "prompt" and reply.requests == 3
    last = server.chat_requests[-1].body
    assert "response_format" not in last and '"summary"' in last["messages"][0]["content"]
    assert sleeps == []  # a format fallback is not a transport retry


def test_a_failing_server_does_not_downgrade_the_mode_for_good(
    server: FakeOpenAIServer, make_client: Any
) -> None:
    server.queue(*[Reply.error(500)] * 3)
    client = make_client(server.base_url, max_retries=0)
    with pytest.raises(ProviderError, match="failed"):
        client.generate(MESSAGES, Finding)
    assert client.mode == "json_schema" and len(server.chat_requests) == 3


def test_invalid_then_valid_reasks_with_the_errors(server: FakeOpenAIServer, make_client: Any) -> None:
    server.queue(Reply.json({"summary": "PERSON_1 missed"}), Reply.json(VALID))
    reply = make_client(server.base_url).generate_reply(MESSAGES, Finding)
    assert reply.value == Finding(**VALID) and reply.reasks == 1 and reply.requests == 2
    reask = server.chat_requests[1].body["messages"]
    assert reask[-2] == {"role": "assistant", "content": json.dumps({"summary": "PERSON_1 missed"})}
    assert reask[-1]["role"] == "user"
    assert "- risk: Field required" in reask[-1]["content"]
    assert '"required": ["summary", "risk"]' in reask[-1]["content"]


def test_not_json_then_valid_reasks(server: FakeOpenAIServer, make_client: Any) -> None:
    server.queue(Reply.text("I think the risk is moderate."), Reply.json(VALID))
    reply = make_client(server.base_url).generate_reply(MESSAGES, Finding)
    assert reply.reasks == 1
    assert "Invalid JSON" in server.chat_requests[1].body["messages"][-1]["content"]


def test_always_invalid_raises_after_the_cap(
    server: FakeOpenAIServer, make_client: Any, tmp_path: Path
) -> None:
    server.queue(*[Reply.json({"summary": "x", "risk": 9})] * 5)
    with pytest.raises(OutputValidationError) as caught:
        make_client(server.base_url, max_reasks=2).generate(MESSAGES, Finding)
    assert len(server.chat_requests) == 3
    assert "risk: Input should be less than or equal to 5" in str(caught.value)
    assert "RRA_LLM_MAX_REASKS" in str(caught.value)
    assert [e["outcome"] for e in audit_lines(tmp_path)] == ["invalid_output"] * 3


def test_truncated_reply_is_reasked_as_too_long(server: FakeOpenAIServer, make_client: Any) -> None:
    server.queue(Reply.text('{"summary": "PERSON_1 was', finish_reason="length"), Reply.json(VALID))
    reply = make_client(server.base_url).generate_reply(MESSAGES, Finding, max_tokens=50)
    assert reply.reasks == 1
    assert "cut off at the 50-token limit" in server.chat_requests[1].body["messages"][-1]["content"]


def test_429_honours_retry_after(server: FakeOpenAIServer, make_client: Any, tmp_path: Path) -> None:
    server.queue(Reply.error(429, "slow down", headers={"Retry-After": "0.05"}), Reply.json(VALID))
    started = time.monotonic()
    reply = make_client(server.base_url, sleep=time.sleep).generate_reply(MESSAGES, Finding)
    assert time.monotonic() - started >= 0.05
    assert reply.requests == 2
    assert [(e["outcome"], e["attempts"]) for e in audit_lines(tmp_path)] == [("ok", 2)]


def test_retry_after_is_capped(server: FakeOpenAIServer, make_client: Any, sleeps: Sleeps) -> None:
    server.queue(Reply.error(429, headers={"Retry-After": "3600"}), Reply.json(VALID))
    make_client(server.base_url, retry_after_cap=0.02).generate(MESSAGES, Finding)
    assert sleeps == [0.02]


def test_persistent_429_is_rate_limited(server: FakeOpenAIServer, make_client: Any, sleeps: Sleeps) -> None:
    server.queue(*[Reply.error(429, headers={"retry-after-ms": "5"})] * 3)
    with pytest.raises(ProviderError) as caught:
        make_client(server.base_url, max_retries=2).generate(MESSAGES, Finding)
    assert "rate limited (429)" in str(caught.value) and "3 attempts" in str(caught.value)
    assert sleeps == [0.005, 0.005] and len(server.chat_requests) == 3


def test_401_names_the_api_key_setting_and_is_not_retried(
    server: FakeOpenAIServer, make_client: Any, tmp_path: Path
) -> None:
    server.queue(Reply.error(401, "Incorrect API key provided"))
    with pytest.raises(ProviderError) as caught:
        make_client(server.base_url).generate(MESSAGES, Finding)
    assert "unauthorised" in str(caught.value) and "RRA_LLM_API_KEY" in str(caught.value)
    assert caught.value.exit_code == 3 and len(server.chat_requests) == 1
    assert [e["outcome"] for e in audit_lines(tmp_path)] == ["unauthorised"]


def test_404_names_the_model_setting(server: FakeOpenAIServer, make_client: Any) -> None:
    server.queue(Reply.error(404, "model not found"))
    with pytest.raises(ProviderError, match="RRA_LLM_MODEL"):
        make_client(server.base_url, output_mode="prompt").generate(MESSAGES, Finding)


def test_unreachable_port_names_the_base_url_setting(
    make_client: Any, sleeps: Sleeps, tmp_path: Path
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ProviderError) as caught:
        make_client(f"http://127.0.0.1:{port}/v1", max_retries=2).generate(MESSAGES, Finding)
    assert "cannot reach" in str(caught.value) and "RRA_LLM_BASE_URL" in str(caught.value)
    assert "--provider offline" in str(caught.value)
    assert sleeps == [0.001, 0.002]  # exponential backoff between the three attempts
    assert [(e["outcome"], e["attempts"]) for e in audit_lines(tmp_path)] == [("unreachable", 3)]


def test_timeout_is_reported_as_timed_out(server: FakeOpenAIServer, make_client: Any) -> None:
    server.queue(Reply.json(VALID, delay=2.0))
    started = time.monotonic()
    with pytest.raises(ProviderError) as caught:
        make_client(server.base_url, timeout=0.2, max_retries=0).generate(MESSAGES, Finding)
    assert time.monotonic() - started < 1.5
    assert "timed out after 0.2s" in str(caught.value) and "RRA_LLM_TIMEOUT_S" in str(caught.value)


def test_5xx_is_retried_with_backoff(server: FakeOpenAIServer, make_client: Any, sleeps: Sleeps) -> None:
    server.queue(Reply.error(503, "loading model"), Reply.json(VALID))
    reply = make_client(server.base_url, output_mode="prompt").generate_reply(MESSAGES, Finding)
    assert reply.requests == 2 and sleeps == [0.001]


def test_cache_hit_makes_no_request(server: FakeOpenAIServer, make_client: Any, tmp_path: Path) -> None:
    server.queue(Reply.json(VALID), Reply.json(VALID))
    client = make_client(server.base_url, cache_dir=tmp_path / "cache")
    first = client.generate_reply(MESSAGES, Finding, max_tokens=100)
    again = make_client(server.base_url, cache_dir=tmp_path / "cache").generate_reply(
        MESSAGES, Finding, max_tokens=100
    )
    assert again.cache_hit and again.requests == 0 and again.value == first.value
    assert len(server.chat_requests) == 1
    client.generate_reply(MESSAGES, Finding, max_tokens=200)  # a different parameter is a different key
    assert len(server.chat_requests) == 2
    assert [e["cache_hit"] for e in audit_lines(tmp_path)] == [False, True, False]


def test_audit_has_one_line_per_remote_call_and_no_text(
    server: FakeOpenAIServer, make_client: Any, tmp_path: Path
) -> None:
    server.queue(Reply.json({"summary": "no risk given"}), Reply.json(VALID), Reply.json(VALID))
    client = make_client(server.base_url)
    client.generate(MESSAGES, Finding)
    client.generate([ChatMessage(role="user", content="Summarise DATE_1.")], Finding)
    path = tmp_path / "audit" / "llm.jsonl"
    entries = audit_lines(tmp_path)
    assert len(entries) == len(server.chat_requests) == 3
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    text = path.read_text()
    for fragment in ("health visitor", "PERSON_1", "no risk given", "Summarise"):
        assert fragment not in text
    first = entries[0]
    assert first["provider"] == "openai" and first["model"] == "gpt-4o-mini"
    assert first["base_url_host"] == f"127.0.0.1:{server.port}"
    assert len(first["prompt_sha256"]) == 64 and first["prompt_chars"] > 0 and first["prompt_tokens"] > 0
    assert first["tokens_in"] > 0 and first["tokens_out"] > 0 and first["cost_usd"] > 0
    assert [e["outcome"] for e in entries] == ["invalid_output", "ok", "ok"]


def test_log_raw_keeps_the_redacted_prompt(
    server: FakeOpenAIServer, make_client: Any, tmp_path: Path
) -> None:
    server.queue(Reply.json(VALID))
    make_client(server.base_url, log_raw=True).generate(MESSAGES, Finding)
    entry = AuditLog(tmp_path / "audit" / "llm.jsonl").read()[0]
    assert entry.raw_prompt is not None and entry.raw_prompt[1]["content"] == MESSAGES[1].content
    assert entry.raw_reply == json.dumps(VALID)


def test_unredacted_text_is_refused_before_any_request(server: FakeOpenAIServer, make_client: Any) -> None:
    leaky = [ChatMessage(role="user", content="Kelly Smith took Jayden to Oakfield Primary School.")]
    with pytest.raises(InputError, match="redact"):
        make_client(server.base_url).generate(leaky, Finding)
    assert server.requests == []


def test_only_redacted_text_reaches_the_wire_and_restores(server: FakeOpenAIServer, make_client: Any) -> None:
    source = "Mother: Kelly Smith (DOB 12/03/1994) took Jayden to Oakfield Primary School. Call 07700 900123."
    redaction = redact(source)
    server.queue(Reply.json({"summary": "PERSON_1 should have been asked about SCHOOL_1.", "risk": 2}))
    messages = [ChatMessage(role="user", content=f"Review this:\n{redaction.text}")]
    finding = make_client(server.base_url).generate(messages, Finding)
    wire = server.chat_requests[0].text
    for original in ("Kelly", "Smith", "12/03/1994", "Jayden", "Oakfield", "07700"):
        assert original not in wire
    assert (
        redaction.restore(finding.summary)
        == "Kelly Smith should have been asked about Oakfield Primary School."
    )


def test_prompt_over_budget_is_refused_before_sending(server: FakeOpenAIServer, make_client: Any) -> None:
    with pytest.raises(ProviderError, match="RRA_LLM_MAX_PROMPT_TOKENS"):
        make_client(server.base_url, max_prompt_tokens=5).generate(MESSAGES, Finding)
    assert server.requests == []


def test_azure_uses_deployment_path_and_api_key_header(server: FakeOpenAIServer, make_client: Any) -> None:
    server.queue(Reply.json(VALID))
    client = make_client(
        f"http://127.0.0.1:{server.port}",
        api_key="azure-key",
        azure_deployment="rra-gpt4o",
        api_version="2024-10-21",
    )
    assert client.generate(MESSAGES, Finding) == Finding(**VALID)
    request = server.chat_requests[0]
    assert request.path == "/openai/deployments/rra-gpt4o/chat/completions"
    assert request.query["api-version"] == ["2024-10-21"]
    assert request.headers["api-key"] == "azure-key"
    assert request.body["max_tokens"] == 2000


def test_langsmith_tracing_is_forced_off(
    server: FakeOpenAIServer, make_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from langchain_core.tracers.langchain import wait_for_all_tracers
    from langchain_openai import ChatOpenAI

    with FakeOpenAIServer() as sink:
        monkeypatch.setenv("LANGSMITH_TRACING", "true")
        monkeypatch.setenv("LANGSMITH_ENDPOINT", f"http://127.0.0.1:{sink.port}")
        monkeypatch.setenv("LANGSMITH_API_KEY", "ls-test")
        server.queue(Reply.json(VALID), Reply.text("control"))
        make_client(server.base_url).generate(MESSAGES, Finding)
        time.sleep(0.5)  # a tracer posts its batch from a background thread
        assert sink.requests == []
        # Control: the same environment does trace a bare langchain call, so the check above can fail.
        ChatOpenAI(base_url=server.base_url, model="m", api_key="k", max_retries=0).invoke("control")
        deadline = time.monotonic() + 5
        while not sink.requests and time.monotonic() < deadline:
            time.sleep(0.05)
        assert sink.requests, "LangSmith tracing did not start in the control call; the test proves nothing"
        wait_for_all_tracers()  # finish the control's uploads while the sink is still up


@pytest.mark.parametrize(
    ("overrides", "setting"),
    [
        ({"base_url": "127.0.0.1:8080"}, "RRA_LLM_BASE_URL"),
        ({"base_url": ""}, "RRA_LLM_BASE_URL"),
        ({"model": ""}, "RRA_LLM_MODEL"),
        ({"azure_deployment": "dep"}, "RRA_LLM_API_VERSION"),
    ],
)
def test_configuration_errors_name_the_setting(
    make_client: Any, overrides: dict[str, Any], setting: str
) -> None:
    options = {"base_url": "http://127.0.0.1:9/v1", **overrides}
    with pytest.raises(ConfigError, match=setting) as caught:
        make_client(**options)
    assert caught.value.exit_code == 3


def test_helpers() -> None:
    assert extract_json('Sure!\n```json\n{"a": 1}\n```\nDone.') == '{"a": 1}'
    assert extract_json('The answer is {"a": {"b": 2}} as requested') == '{"a": {"b": 2}}'
    assert parse_retry_after({"Retry-After": "2"}) == 2.0
    assert parse_retry_after({"retry-after-ms": "250"}) == 0.25
    assert parse_retry_after({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}) == 0.0
    assert parse_retry_after({"Retry-After": "soon"}) is None
    assert parse_retry_after({}) is None


# ------------------------------------------------------------------- reply size, deadline, output mode

MB = 1024 * 1024


@pytest.mark.parametrize("declare_length", [True, False], ids=["content-length", "chunked"])
def test_a_200_mb_reply_is_refused_without_being_read_whole(
    server: FakeOpenAIServer, make_client: Any, tmp_path: Path, declare_length: bool
) -> None:
    server.queue(Reply.huge(200 * MB, declare_length=declare_length), Reply.json(VALID))
    client = make_client(server.base_url, timeout=20.0)
    started = time.monotonic()
    with pytest.raises(ProviderError) as caught:
        client.generate(MESSAGES, Finding)
    assert time.monotonic() - started < 10
    message = str(caught.value)
    assert f"larger than {client.max_reply_bytes:,} bytes" in message and "not read" in message
    assert caught.value.exit_code == 3
    assert len(server.chat_requests) == 1  # refused, not retried
    # Declared: refused from the header, before the body. Chunked: refused once past the cap, so what the
    # server managed to write is the cap plus what the sockets buffer, nowhere near 200 MB.
    assert server.body_bytes_sent < 32 * MB
    assert [e["outcome"] for e in audit_lines(tmp_path)] == ["too_large"]


def test_a_compressed_reply_cannot_expand_past_the_cap(server: FakeOpenAIServer, make_client: Any) -> None:
    import gzip

    bomb = gzip.compress(b'{"summary": "' + b"a" * (64 * MB) + b'", "risk": 1}')
    assert len(bomb) < MB
    server.queue(Reply(raw_body=bomb, content_encoding="gzip"))
    with pytest.raises(ProviderError, match="larger than"):
        make_client(server.base_url).generate(MESSAGES, Finding)


def test_a_small_compressed_reply_is_read(server: FakeOpenAIServer, make_client: Any) -> None:
    import gzip

    completion = {
        "id": "c",
        "object": "chat.completion",
        "created": 0,
        "model": "gpt-4o-mini",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": json.dumps(VALID)},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 5, "completion_tokens": 5, "total_tokens": 10},
    }
    server.queue(Reply(raw_body=gzip.compress(json.dumps(completion).encode()), content_encoding="gzip"))
    assert make_client(server.base_url).generate(MESSAGES, Finding) == Finding(**VALID)
    assert server.chat_requests[0].headers["accept-encoding"] == "identity"


def test_over_long_fields_fail_validation_with_the_typed_error(
    server: FakeOpenAIServer, make_client: Any
) -> None:
    class Capped(BaseModel):
        summary: str = Field(max_length=50, description="Short.")

    server.queue(*[Reply.json({"summary": "x" * 5000})] * 2)
    with pytest.raises(OutputValidationError, match="at most 50 characters"):
        make_client(server.base_url, max_reasks=1).generate(MESSAGES, Capped)


def test_the_timeout_is_a_deadline_for_a_reply_dripped_a_byte_at_a_time(
    server: FakeOpenAIServer, make_client: Any
) -> None:
    server.queue(Reply.json(VALID, drip=0.05))  # about 400 bytes: 20 s in all, every read quick
    started = time.monotonic()
    with pytest.raises(ProviderError) as caught:
        make_client(server.base_url, timeout=1.0, max_retries=3).generate(MESSAGES, Finding)
    assert time.monotonic() - started < 2.5
    assert "timed out after 1s" in str(caught.value) and "RRA_LLM_TIMEOUT_S" in str(caught.value)


def test_the_timeout_is_a_deadline_across_re_asks(server: FakeOpenAIServer, make_client: Any) -> None:
    server.queue(*[Reply.json({"summary": "no risk"}, delay=0.4)] * 6)  # each one invalid, each 0.4 s
    started = time.monotonic()
    with pytest.raises(ProviderError) as caught:
        make_client(server.base_url, timeout=1.0, max_reasks=5).generate(MESSAGES, Finding)
    assert time.monotonic() - started < 2.0
    assert len(server.chat_requests) <= 3 and "timed out after 1s" in str(caught.value)
    assert not isinstance(caught.value, OutputValidationError)


def test_the_timeout_is_a_deadline_across_retries_and_backoff(
    server: FakeOpenAIServer, make_client: Any
) -> None:
    server.queue(*[Reply.error(429, "slow down", headers={"Retry-After": "0.4"}, delay=0.1)] * 8)
    started = time.monotonic()
    with pytest.raises(ProviderError):
        make_client(
            server.base_url, timeout=1.0, max_retries=8, output_mode="prompt", sleep=time.sleep
        ).generate(MESSAGES, Finding)
    assert time.monotonic() - started < 1.6
    assert len(server.chat_requests) < 5


def test_a_transient_5xx_does_not_switch_the_output_mode_for_later_calls(
    server: FakeOpenAIServer, make_client: Any
) -> None:
    server.queue(Reply.error(503, "Service Unavailable"), Reply.json(VALID), Reply.json(VALID))
    client = make_client(server.base_url)
    first = client.generate_reply(MESSAGES, Finding)
    assert first.mode == "json_object"  # this call still gets its answer
    assert client.mode == "json_schema"
    second = client.generate_reply([*MESSAGES[:1], ChatMessage(role="user", content="Again.")], Finding)
    assert second.mode == "json_schema" and second.requests == 1
    formats = [r.body.get("response_format", {}).get("type") for r in server.chat_requests]
    assert formats == ["json_schema", "json_object", "json_schema"]


def test_an_unexplained_5xx_on_two_calls_running_does_switch_it(
    server: FakeOpenAIServer, make_client: Any
) -> None:
    server.queue(*[Reply.error(500, "Internal Server Error"), Reply.json(VALID)] * 2, Reply.json(VALID))
    client = make_client(server.base_url)
    for n in range(3):
        client.generate([*MESSAGES[:1], ChatMessage(role="user", content=f"Call {n}.")], Finding)
    formats = [r.body.get("response_format", {}).get("type") for r in server.chat_requests]
    assert formats == ["json_schema", "json_object", "json_schema", "json_object", "json_object"]
    assert client.mode == "json_object"


def test_on_send_is_called_once_before_sending_and_never_for_a_cache_hit(
    server: FakeOpenAIServer, make_client: Any, tmp_path: Path
) -> None:
    heard: list[tuple[int, int]] = []
    server.queue(Reply.json({"summary": "no risk"}), Reply.json(VALID))

    def on_send(tokens: int) -> None:
        heard.append((tokens, len(server.requests)))

    client = make_client(server.base_url, cache_dir=tmp_path / "cache")
    client.generate_reply(MESSAGES, Finding, on_send=on_send)  # one re-ask: still one notice
    client.generate_reply(MESSAGES, Finding, on_send=on_send)  # answered from the cache
    assert len(heard) == 1 and heard[0][0] > 0 and heard[0][1] == 0  # before the first request
    with pytest.raises(ProviderError, match="RRA_LLM_MAX_PROMPT_TOKENS"):
        make_client(server.base_url, max_prompt_tokens=5).generate_reply(MESSAGES, Finding, on_send=on_send)
    assert len(heard) == 1  # refused before sending: nothing to announce


def test_credentials_in_the_endpoint_url_are_never_shown_or_logged(
    server: FakeOpenAIServer, make_client: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import base64
    import logging

    secret = "S3cretPass"
    with pytest.raises(ConfigError) as caught:
        make_client(f"ftp://svcuser:{secret}@127.0.0.1/v1")
    assert secret not in str(caught.value) and "svcuser" not in str(caught.value)
    caplog.set_level(logging.DEBUG)  # httpx logs every request URL at INFO, the SDK at DEBUG
    server.queue(Reply.json(VALID), Reply.error(401, "no"))
    client = make_client(f"http://svcuser:{secret}@127.0.0.1:{server.port}/v1")
    assert client.generate(MESSAGES, Finding) == Finding(**VALID)
    # The credentials still reach the server, as HTTP Basic auth (what the URL asked for) ...
    expected = base64.b64encode(f"svcuser:{secret}".encode()).decode()
    assert server.chat_requests[0].headers["authorization"] == f"Basic {expected}"
    with pytest.raises(ProviderError) as refused:
        client.generate([ChatMessage(role="user", content="Again.")], Finding)
    # ... but never appear in an error, the audit log or any log line.
    assert secret not in str(refused.value)
    assert secret not in (tmp_path / "audit" / "llm.jsonl").read_text()
    assert "HTTP Request" in caplog.text and secret not in caplog.text and "svcuser" not in caplog.text
    assert client.host == f"127.0.0.1:{server.port}"
