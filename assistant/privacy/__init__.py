"""Personal data stays on this machine: redact before anything is sent to a model, restore after."""

from assistant.privacy.redaction import (
    EntityKind,
    RedactedEntity,
    Redaction,
    check_redacted,
    redact,
)

__all__ = ["EntityKind", "RedactedEntity", "Redaction", "check_redacted", "redact"]
