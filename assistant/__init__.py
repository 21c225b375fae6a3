"""Rapid Review Assistant: Panel-style feedback, drafting and lines of enquiry for rapid reviews.

The Python API mirrors the CLI:

    from assistant import critique
    result = critique(open("draft.md").read())          # -> Critique
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.domain.critique import Critique

__version__ = "1.0.0"


def critique(text: str, *, provider: str | None = None, exclude_example: int | None = None) -> Critique:
    """Panel-style feedback on a draft rapid review (offline unless provider='openai')."""
    from assistant import services

    return services.critique(text, provider=provider, exclude_example=exclude_example)


__all__ = ["critique"]
