"""Grounding for anything a model returns: quotes must be found in the user's own text."""

from __future__ import annotations

import re

from assistant.domain.critique import Critique, Evidence

MAX_QUOTE = 600


def locate(quote: str, text: str) -> Evidence | None:
    """Find `quote` in `text` exactly, or after whitespace normalisation; None when it is not there.

    The returned evidence always satisfies text[start:end] == evidence.quote, so a model's loosely
    spaced quote becomes the user's exact span.
    """
    q = quote.strip().strip("\"“”'‘’").strip()
    if not q or len(q) > MAX_QUOTE:
        return None
    at = text.find(q)
    if at >= 0:
        return Evidence(quote=q, start=at, end=at + len(q))
    tokens = q.split()
    if not tokens:
        return None
    pattern = r"\s+".join(re.escape(t) for t in tokens)
    m = re.search(pattern, text)
    if m is None:
        # Models often straighten curly quotes and apostrophes; allow either form.
        loose = pattern.replace("'", "['’]").replace('"', '["“”]')
        m = re.search(loose, text)
    if m is None:
        return None
    return Evidence(quote=m.group(0), start=m.start(), end=m.end())


def overlaps(a: Evidence, b: Evidence) -> bool:
    return a.start < b.end and b.start < a.end


def section_at(critique: Critique, offset: int, default: str) -> str:
    """Heading of the critique's section that holds `offset`, or `default` when none does."""
    return next((s.heading for s in critique.sections if s.start <= offset < s.end), default)
