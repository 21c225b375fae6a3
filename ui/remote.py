"""What would be sent to a remote model, shown to the user before anything leaves the machine.

The redacted text is exactly what `assistant.privacy.redact` produces (the remote provider redacts the same
way before sending); the token count is for that text with the model's tokeniser (an estimate for local
models) plus the completion cap, and the cost comes from `assistant.llm.tokens`' price table.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from assistant.privacy import RedactedEntity, redact
from assistant.settings import Settings, get_settings


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RemotePreview:
    text_sha256: str
    redacted: str
    entities: tuple[RedactedEntity, ...]
    model: str
    endpoint: str
    draft_tokens: int
    max_output_tokens: int
    cost_usd: float | None

    @property
    def tokens_note(self) -> str:
        return (
            f"about {self.draft_tokens:,} tokens of draft (plus the Panel's guidance and instructions), "
            f"and at most {self.max_output_tokens:,} tokens back"
        )


def preview(text: str, settings: Settings | None = None) -> RemotePreview:
    """Redact `text` and estimate its tokens and cost for the configured model."""
    from assistant.llm.tokens import count_tokens, estimate_cost

    s = settings or get_settings()
    model = s.llm_model or ""
    redaction = redact(text)
    tokens = count_tokens(redaction.text, model, cache_dir=s.cache_dir / "tiktoken")
    return RemotePreview(
        text_sha256=text_hash(text),
        redacted=redaction.text,
        entities=tuple(redaction.entities),
        model=model,
        endpoint=s.llm_base_url or "",
        draft_tokens=tokens,
        max_output_tokens=s.llm_max_tokens,
        cost_usd=estimate_cost(tokens, s.llm_max_tokens, model),
    )
