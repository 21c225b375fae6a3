"""On-disk cache of validated model replies, so re-running a review does not pay for (or wait on) a call.

Keyed on the sha256 of the model, the redacted messages and every parameter that changes the reply,
including the output schema. One JSON file per key; a file that fails to parse or validate is treated as
a miss and overwritten by the next put, so a crash mid-write can never wedge the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.llm.audit import utc_now

CACHE_FORMAT = 1


def cache_key(model: str, messages: Sequence[Mapping[str, str]], parameters: Mapping[str, Any]) -> str:
    material = {
        "format": CACHE_FORMAT,
        "model": model,
        "messages": [dict(m) for m in messages],
        "parameters": dict(parameters),
    }
    canonical = json.dumps(material, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class CachedReply(BaseModel):
    model_config = ConfigDict(extra="forbid")

    content: str = Field(description="The validated reply as JSON text.")
    model: str = Field(description="Model that produced the reply.")
    tokens_in: int = Field(ge=0, description="Prompt tokens the original call used.")
    tokens_out: int = Field(ge=0, description="Completion tokens the original call used.")
    created: str = Field(default_factory=utc_now, description="UTC ISO time the reply was cached.")


class ResponseCache:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def _path(self, key: str) -> Path:
        if len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
            raise ValueError("cache keys are sha256 hex digests; build them with cache_key()")
        return self.directory / f"{key}.json"

    def get(self, key: str) -> CachedReply | None:
        path = self._path(key)
        try:
            return CachedReply.model_validate_json(path.read_bytes())
        except (OSError, ValidationError, ValueError):
            return None

    def put(self, key: str, reply: CachedReply) -> None:
        path = self._path(key)
        self.directory.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(reply.model_dump_json().encode("utf-8"))
        # Rename is atomic on POSIX: readers see the old file or the new one, never half of it.
        os.replace(tmp, path)
