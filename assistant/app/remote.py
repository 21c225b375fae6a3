"""What would be sent to a remote model, shown to the user before anything leaves the machine.

Both the redacted text and the token and cost estimate come from the service layer
(`services.estimate_remote`, which builds the very prompt the remote provider would send, and
`services.redact_text`); nothing is sent while preparing them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from assistant import services
from assistant.privacy import RedactedEntity


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RemotePreview:
    text_sha256: str
    redacted: str
    entities: tuple[RedactedEntity, ...]
    model: str
    endpoint: str
    prompt_tokens: int
    max_output_tokens: int
    cost_usd: float | None

    @property
    def tokens_note(self) -> str:
        return (
            f"{self.prompt_tokens:,} tokens sent (the redacted draft, the Panel's guidance and the "
            f"instructions) and at most {self.max_output_tokens:,} tokens back"
        )


def preview(text: str) -> RemotePreview:
    """Redact `text` and estimate the request's tokens and cost for the configured model."""
    estimate = services.estimate_remote(text)
    redaction = services.redact_text(text)
    return RemotePreview(
        text_sha256=text_hash(text),
        redacted=estimate.redacted_text,
        entities=tuple(redaction.entities),
        model=estimate.model,
        endpoint=estimate.host or "",
        prompt_tokens=estimate.prompt_tokens,
        max_output_tokens=estimate.max_completion_tokens,
        cost_usd=estimate.estimated_cost_usd,
    )
