"""What the redactor finds in a text, as the redaction tests read it: the spans' words, and each word's kind."""

from __future__ import annotations

from assistant.privacy.kinds import EntityKind
from assistant.privacy.redaction import find_spans


def found(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_spans(text)]


def kinds(text: str) -> dict[str, EntityKind]:
    return {text[s.start : s.end]: s.kind for s in find_spans(text)}


def kinded(text: str) -> list[tuple[str, str]]:
    """Each span as (its kind's name, its words), in order."""
    return [(s.kind.name, text[s.start : s.end]) for s in find_spans(text)]
