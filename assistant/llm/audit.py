"""A local JSONL audit trail of every remote model call, so a reviewer can show what left the machine.

Entries hold hashes, sizes, token counts and outcomes, never prompt or reply text unless the operator turns
on `log_raw` (and even then the text is the redacted prompt the model saw). Each entry is one `os.write`
to a file opened with O_APPEND, so concurrent writers cannot interleave half-lines.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field

Outcome = Literal[
    "ok",
    "invalid_output",
    "format_unsupported",
    "unreachable",
    "unauthorised",
    "rate_limited",
    "timeout",
    "server_error",
    "bad_request",
    "not_found",
    "too_large",
    "error",
]


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def endpoint_host(base_url: str | None) -> str | None:
    """Host and port only: paths can carry tenant names and userinfo can carry credentials."""
    if not base_url:
        return None
    try:
        parts = urlsplit(base_url)
        host, port = parts.hostname, parts.port
    except ValueError:  # a port that is not a number: the host alone
        try:
            host, port = urlsplit(base_url).hostname, None
        except ValueError:
            return None
    if not host:
        return None
    return f"{host}:{port}" if port else host


def safe_url(url: str | None) -> str:
    """A URL fit to show or log: scheme, host, port and path only.

    Userinfo can hold credentials (http://svcuser:S3cretPass@host/v1 becomes http://host/v1), and a query
    or fragment can hold a key, so all three are dropped. Text that is not a URL with a host is reduced to
    whatever follows its last '@' so that a malformed value cannot leak a password either.
    """
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        port = parts.port
    except ValueError:
        host, port = None, None
    if not host:
        return url.strip().rsplit("@", 1)[-1].split("?", 1)[0].split("#", 1)[0]
    shown = f"[{host}]" if ":" in host else host
    netloc = f"{shown}:{port}" if port else shown
    return f"{parts.scheme}://{netloc}{parts.path}" if parts.scheme else f"{netloc}{parts.path}"


def prompt_sha256(messages: Sequence[dict[str, str]]) -> str:
    canonical = json.dumps(list(messages), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class AuditEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    time: str = Field(default_factory=utc_now, description="UTC ISO 8601 time the call finished.")
    provider: str = Field(description="Provider kind, e.g. 'openai' or 'azure'.")
    model: str = Field(description="Model (or Azure deployment) name sent to the endpoint.")
    base_url_host: str | None = Field(description="Endpoint host[:port], without path or credentials.")
    prompt_sha256: str = Field(description="sha256 of the canonical JSON of the messages sent.")
    prompt_chars: int = Field(ge=0, description="Characters in the redacted prompt (all message contents).")
    prompt_tokens: int = Field(ge=0, description="Locally counted tokens of the redacted prompt.")
    tokens_in: int = Field(ge=0, description="Prompt tokens the provider reported (local count if none).")
    tokens_out: int = Field(ge=0, description="Completion tokens the provider reported (0 on failure).")
    cost_usd: float | None = Field(description="Estimated cost in USD; None when the model is not priced.")
    outcome: Outcome = Field(description="'ok' or the kind of failure.")
    attempts: int = Field(ge=0, description="HTTP requests made for this call, retries included.")
    cache_hit: bool = Field(description="True when answered from the local cache (no request made).")
    mode: str | None = Field(default=None, description="Structured-output mode used for the request.")
    raw_prompt: list[dict[str, str]] | None = Field(
        default=None, description="The redacted messages sent; only when log_raw is on."
    )
    raw_reply: str | None = Field(default=None, description="The reply text; only when log_raw is on.")


class AuditLog:
    """Appends AuditEntry lines to `path` (created with mode 0o600, parents created as needed)."""

    def __init__(self, path: Path, *, log_raw: bool = False) -> None:
        self.path = Path(path)
        self.log_raw = log_raw

    def record(self, entry: AuditEntry) -> None:
        if not self.log_raw:
            entry = entry.model_copy(update={"raw_prompt": None, "raw_reply": None})
        line = (entry.model_dump_json() + "\n").encode("utf-8")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            # An existing file may predate us with looser permissions; the log is sensitive metadata.
            os.fchmod(fd, 0o600)
            os.write(fd, line)
        finally:
            os.close(fd)

    def read(self) -> list[AuditEntry]:
        if not self.path.is_file():
            return []
        lines = self.path.read_text(encoding="utf-8").splitlines()
        return [AuditEntry.model_validate_json(line) for line in lines if line.strip()]
