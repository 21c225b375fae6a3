"""Rapid Review Assistant: Panel-style feedback, drafting and lines of enquiry for rapid reviews.

The Python API mirrors the CLI:

    from assistant import critique, draft, kloe
    result = critique(open("draft.md").read())          # -> Critique
    sections = draft(open("chronology.txt").read())     # -> Draft (factual sections, timeline, people, gaps)
    report = kloe(open("chronology.txt").read())        # -> KloeReport (lines of enquiry, criteria table)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.telemetry import switch_off

switch_off()  # before any dependency is imported (assistant/telemetry.py)

if TYPE_CHECKING:
    from assistant.domain.critique import Critique
    from assistant.domain.drafting import Draft
    from assistant.domain.kloe import KloeReport

__version__ = "1.0.0"


def critique(text: str, *, provider: str | None = None, exclude_example: int | None = None) -> Critique:
    """Panel-style feedback on a draft rapid review (offline unless provider='openai')."""
    from assistant import services

    return services.critique(text, provider=provider, exclude_example=exclude_example)


def draft(
    text: str, *, provider: str | None = None, today: str | None = None, critique: bool = False
) -> Draft:
    """Draft the factual sections of a rapid review from a multi-agency chronology (every fact quoted)."""
    from assistant import services

    return services.draft(text, provider=provider, today=today, with_critique=critique)


def kloe(text: str, *, provider: str | None = None, exclude_example: int | None = None) -> KloeReport:
    """Key lines of enquiry and the LCSPR criteria evidence table, from a chronology or a draft review."""
    from assistant import services

    return services.kloe(text, provider=provider, exclude_example=exclude_example)


__all__ = ["critique", "draft", "kloe"]
