"""What the redaction tests ask of a result: whether a value was hidden, and what kind each found span is."""

from __future__ import annotations

from assistant.privacy import EntityKind
from assistant.privacy.redaction import find_spans


def covered(text: str, value: str) -> bool:
    """Every letter and digit of `value` (at its first occurrence in `text`) is inside a redacted span."""
    start = text.index(value)
    hidden = bytearray(len(text))
    for span in find_spans(text):
        hidden[span.start : span.end] = b"\x01" * (span.end - span.start)
    return all(hidden[k] for k in range(start, start + len(value)) if text[k].isalnum())


def kinds_of(text: str) -> dict[str, EntityKind]:
    return {text[s.start : s.end]: s.kind for s in find_spans(text)}
