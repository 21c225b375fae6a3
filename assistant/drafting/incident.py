"""The incident a chronology leads up to: the latest dated entries describing death, injury or harm.

Read before the people (the child the incident happened to is the child the review is about), so it
depends only on the entries' words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from assistant.drafting.grounding import EntryText
from assistant.lexicon import NEGATED

HARM_STRONG = re.compile(
    r"\b(?:died|death|deceased|dead|passed away|fatal\w*|unresponsive|cardiac arrest|CPR|resuscitat\w+|"
    r"fractur\w+|skull|subdural|brain (?:injury|bleed|haemorrhage)|head injur\w+|abusive head trauma|shaken|"
    r"stab(?:bed|bing)?|stab wound|gunshot|burns|scald\w*|overdose\w*|poison\w*|drown\w*|ligature|suicide|"
    r"non-?accidental|NAI|life[- ]threatening|critical condition|intensive care|PICU|ventilat\w+|raped?|"
    r"sexual(?:ly)? assault\w*|serious(?:ly)? (?:injur\w+|harm\w*|hurt))\b",
    re.I,
)
HARM_WEAK = re.compile(
    r"\b(?:injur\w+|bruis\w+|wounds?|bleed\w*|swelling|swollen|floppy|assault\w*|harm(?:ed)?|GBH|grievous|"
    r"abused?|hospital admission)\b",
    re.I,
)
# Entries about the response or the review, not the harm itself.
POST_INCIDENT = re.compile(
    r"\b(?:rapid review|records (?:were )?reviewed|chronolog\w+|serious incident notification|notification to "
    r"the (?:national )?panel|on suspicion|arrested|released under investigation|strategy (?:discussion|meeting)|"
    r"section 47|s47|care plan|placed with|interim|bail)\b",
    re.I,
)
INCIDENT_WINDOW_DAYS = 28
MAX_AFTER = 8


def _harm_score(entry: EntryText) -> int:
    score = 0
    text = entry.source.text
    for pattern, weight in ((HARM_STRONG, 2), (HARM_WEAK, 1)):
        for piece, m in entry.search(pattern):
            at = piece.start + m.start()
            if NEGATED.search(text, max(piece.start, at - 40), at):
                continue
            score = max(score, weight)
    return score


@dataclass
class Incident:
    anchor: EntryText
    entries: list[EntryText]  # what happened (the anchor's date)
    after: list[EntryText]  # what agencies did in the following weeks
    dated: bool


def find_incident(entries: list[EntryText]) -> Incident | None:
    """The latest dated entries describing death, injury or harm, and the entries that follow them."""
    # An entry's score depends only on its event text, and the character before each piece (where a negation's
    # word boundary is read): read once per distinct text (a repeated row).
    scores: dict[tuple[str, ...], int] = {}
    scored = []
    for e in entries:
        text = e.source.text
        event = tuple(text[max(0, c.start - 1) : c.end] if c.start else "\n" + c.quote for c in e.event)
        score = scores.get(event)
        if score is None:
            score = scores[event] = _harm_score(e)
        scored.append((e, score))
    candidates = [(e, s) for e, s in scored if s and not any(True for _ in e.search(POST_INCIDENT))]
    dated = [(e, s) for e, s in candidates if e.entry.date is not None]
    pool = dated or candidates
    if not pool:
        return None
    best = max(s for _, s in pool)

    def key(item: tuple[EntryText, int]) -> tuple[str, int]:
        e, _ = item
        return (e.entry.date or "", e.position) if dated else ("", e.position)

    anchor = max((item for item in pool if item[1] == best), key=key)[0]
    if anchor.entry.date is None:
        return Incident(anchor, [anchor], [], dated=False)
    day = anchor.entry.date
    same_day = [e for e in entries if e.entry.date == day]
    happened = [
        e
        for e in same_day
        if e is anchor or (_harm_score(e) and not any(True for _ in e.search(POST_INCIDENT)))
    ]
    happened_ids = {e.position for e in happened}
    anchor_day = dt.date.fromisoformat(day)
    after = [
        e
        for e in entries
        if e.position not in happened_ids
        and e.entry.date is not None
        and (
            (e.entry.date == day)
            or (0 < (dt.date.fromisoformat(e.entry.date) - anchor_day).days <= INCIDENT_WINDOW_DAYS)
        )
    ]
    after.sort(key=lambda e: (e.entry.date or "", e.position))
    return Incident(anchor, happened, after[:MAX_AFTER], dated=True)
