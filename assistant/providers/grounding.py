"""Grounding for anything a model returns: quotes must be found in the user's own text.

One rule for every model-written point (critique points, judgement answers, drafted sentences, lines of
enquiry): the quote, with the redaction's placeholders restored, must be found in the user's text
(`locate`) and be a meaningful span (`meaningful`): at least MIN_QUOTE_CHARS characters, or a whole clause
of at least MIN_CLAUSE_WORDS words bounded by punctuation or line ends. A one-character quote, or a
fragment such as "White British", grounds nothing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.domain.critique import Critique, Evidence

if TYPE_CHECKING:
    from assistant.privacy import Redaction

MAX_QUOTE = 600
MIN_QUOTE_CHARS = 20
MIN_CLAUSE_WORDS = 3
_CLAUSE_OPENERS = ".;:!?\n(-*•\"“'‘|\t"
_CLAUSE_CLOSERS = ".;:!?,)\n\"”'’|\t"


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


def whole_clause(evidence: Evidence, text: str) -> bool:
    """The span is a whole clause: bounded by punctuation or line ends on both sides, with a few words."""
    quote = evidence.quote.rstrip()
    if not quote or len(quote.split()) < MIN_CLAUSE_WORDS:
        return False
    before = text[max(0, evidence.start - 80) : evidence.start].rstrip(" ")
    after = text[evidence.end : evidence.end + 80].lstrip(" ")
    opens = not before or before[-1] in _CLAUSE_OPENERS
    closes = quote[-1] in ".;:!?" or not after or after[0] in _CLAUSE_CLOSERS
    return opens and closes


def meaningful(evidence: Evidence, text: str) -> bool:
    """Long enough to ground a point: MIN_QUOTE_CHARS characters, or a whole clause."""
    return len(evidence.quote.strip()) >= MIN_QUOTE_CHARS or whole_clause(evidence, text)


def ground_quote(
    quote: str | None,
    redaction: Redaction,
    text: str,
    *,
    within: tuple[int, int] | None = None,
    where: str = "the text",
) -> tuple[Evidence | None, str]:
    """A model's quote located in the user's text (restored first), or None and why it cannot be used.

    With `within` (start, end) the quote must lie in that part of the text (a cited chronology line); the
    evidence returned always indexes into the whole text.
    """
    if not quote or not quote.strip():
        return None, "no quote was given"
    lo, hi = within if within is not None else (0, len(text))
    found = locate(redaction.restore(quote), text[lo:hi])
    if found is None:
        return None, f"the quote is not in {where}"
    evidence = Evidence(quote=found.quote, start=lo + found.start, end=lo + found.end)
    if not meaningful(evidence, text):
        return None, f"the quote is shorter than {MIN_QUOTE_CHARS} characters and not a whole clause"
    return evidence, ""
