"""The audit log (append-only JSONL, 0o600, no text by default) and the on-disk reply cache."""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest

from assistant.llm.audit import AuditEntry, AuditLog, endpoint_host, prompt_sha256
from assistant.llm.cache import CachedReply, ResponseCache, cache_key

MESSAGES = [{"role": "user", "content": "PERSON_1 was seen on DATE_1."}]


def entry(**overrides: object) -> AuditEntry:
    fields: dict[str, object] = {
        "provider": "openai",
        "model": "gpt-4o-mini",
        "base_url_host": "127.0.0.1:8080",
        "prompt_sha256": prompt_sha256(MESSAGES),
        "prompt_chars": 28,
        "prompt_tokens": 14,
        "tokens_in": 14,
        "tokens_out": 5,
        "cost_usd": 0.0000051,
        "outcome": "ok",
        "attempts": 1,
        "cache_hit": False,
        "raw_prompt": MESSAGES,
        "raw_reply": '{"summary": "PERSON_1"}',
    }
    fields.update(overrides)
    return AuditEntry.model_validate(fields)


def test_audit_appends_lines_creates_dirs_and_is_private(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "audit.jsonl"
    log = AuditLog(path)
    log.record(entry())
    log.record(entry(outcome="timeout", attempts=4, tokens_out=0))
    lines = path.read_text().splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["outcome"] for line in lines] == ["ok", "timeout"]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    first = json.loads(lines[0])
    assert first["time"].endswith("+00:00")
    assert first["raw_prompt"] is None and first["raw_reply"] is None
    assert "PERSON_1" not in path.read_text()


def test_audit_tightens_an_existing_files_permissions(tmp_path: Path) -> None:
    path = tmp_path / "audit.jsonl"
    path.write_text("")
    path.chmod(0o644)
    AuditLog(path).record(entry())
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_audit_log_raw_keeps_text(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "audit.jsonl", log_raw=True)
    log.record(entry())
    (read,) = log.read()
    assert read.raw_prompt == MESSAGES and read.raw_reply == '{"summary": "PERSON_1"}'


def test_audit_concurrent_writers_never_interleave(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "audit.jsonl")

    def write(worker: int) -> None:
        for attempt in range(50):
            log.record(entry(attempts=attempt, model=f"model-{worker}-" + "x" * 2000))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(log.read()) == 400  # every line parses: none were torn or merged


def test_endpoint_host_drops_credentials_and_path() -> None:
    assert endpoint_host("https://user:secret@example.com:8443/tenant/v1") == "example.com:8443"
    assert endpoint_host("http://127.0.0.1:8080/v1") == "127.0.0.1:8080"
    assert endpoint_host("https://api.openai.com/v1") == "api.openai.com"
    assert endpoint_host(None) is None


def test_prompt_hash_is_stable_and_content_sensitive() -> None:
    assert prompt_sha256(MESSAGES) == prompt_sha256([dict(m) for m in MESSAGES])
    assert prompt_sha256(MESSAGES) != prompt_sha256([{"role": "user", "content": "PERSON_2"}])


def test_cache_round_trip_and_miss(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path / "cache")
    key = cache_key("gpt-4o", MESSAGES, {"max_tokens": 10})
    assert cache.get(key) is None
    reply = CachedReply(content='{"a": 1}', model="gpt-4o", tokens_in=3, tokens_out=4)
    cache.put(key, reply)
    assert cache.get(key) == reply
    assert stat.S_IMODE(os.stat(tmp_path / "cache" / f"{key}.json").st_mode) == 0o600
    assert list((tmp_path / "cache").glob("*.tmp")) == []


def test_cache_key_covers_model_messages_and_parameters() -> None:
    base = cache_key("gpt-4o", MESSAGES, {"max_tokens": 10, "temperature": 0})
    assert base == cache_key("gpt-4o", MESSAGES, {"temperature": 0, "max_tokens": 10})
    assert base != cache_key("gpt-4o-mini", MESSAGES, {"max_tokens": 10, "temperature": 0})
    assert base != cache_key(
        "gpt-4o", [{"role": "user", "content": "other"}], {"max_tokens": 10, "temperature": 0}
    )
    assert base != cache_key("gpt-4o", MESSAGES, {"max_tokens": 11, "temperature": 0})


@pytest.mark.parametrize("garbage", [b"", b"{not json", b'{"content": 1}', b"\xff\xfe"])
def test_corrupt_cache_file_is_a_miss_and_gets_overwritten(tmp_path: Path, garbage: bytes) -> None:
    cache = ResponseCache(tmp_path)
    key = cache_key("m", MESSAGES, {})
    (tmp_path / f"{key}.json").write_bytes(garbage)
    assert cache.get(key) is None
    reply = CachedReply(content="{}", model="m", tokens_in=1, tokens_out=1)
    cache.put(key, reply)
    assert cache.get(key) == reply


def test_cache_rejects_keys_that_are_not_digests(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cache_key"):
        ResponseCache(tmp_path).get("../../etc/passwd")
