"""Where a draft or chronology gives the notification date, and the dates of its own review steps.

A date counts when it is a whole day (not a month) on the same line as the cue: the one just after the cue
("notified the Panel on 3 March 2025", "Date of notification: 03/03/2025"), otherwise the nearest one before it
(a chronology row: "03/03/2025 | LA | Serious incident notification submitted"). Dates are read by the
chronology's own reader, so 03/04/2025 is 3 April here too.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from assistant.chronology.dates import match_date
from assistant.domain.critique import Evidence
from assistant.domain.deadline import DatedStep
from assistant.lexicon import DATE

_DATE_START = re.compile(r"(?<![\w/])" + DATE, re.I)
# A date after the cue belongs to it unless the words between say it is another event's ("notification
# made following the incident on 28/02/2025").
_OTHER_EVENT = re.compile(
    r"\b(?:incident|following|after|since|death|died|injur\w*|harm\w*|born|birth)\b", re.I
)
_AFTER_WINDOW = 60

_PANEL = r"(?:(?:the\s+)?(?:national\s+)?(?:child\s+safeguarding\s+practice\s+review\s+)?panel|csprp|ofsted)"
# The serious incident notification, not any agency being notified of something.
_NOTIFICATION = re.compile(
    r"\bdate\s+of\s+(?:the\s+)?(?:serious\s+incident\s+)?notification\b"
    r"|\b(?:serious\s+incident\s+)?notification\s+date\b"
    r"|\bserious\s+incident\s+notification\b|\b(?-i:SIN)\b"
    r"|\bnotified\s+(?:to\s+)?" + _PANEL + r"|\bnotification\s+(?:\w+\s+){0,3}?(?:to|with)\s+" + _PANEL,
    re.I,
)
_REVIEW = r"(?:rapid\s+review|the\s+review|safeguarding\s+partners|DSPs?|LSPs?)"
_STEPS: list[tuple[DatedStep, re.Pattern[str]]] = [
    (
        "submitted",
        re.compile(
            r"\bdate\s+(?:submitted|sent|of\s+submission)(?:\s+to\s+" + _PANEL + r")?"
            r"|\b(?:submitted|sent|returned)\s+to\s+" + _PANEL,
            re.I,
        ),
    ),
    (
        "signed_off",
        re.compile(
            r"\bdate\s+(?:of\s+)?sign(?:ed)?[\s-]*off\b|\bsign[\s-]*off\s+date\b"
            r"|\b" + _REVIEW + r"\b[^.\n]{0,60}?\b(?:signed[\s-]*off|approved|agreed)\b"
            r"|\bsigned[\s-]*off\s+by\s+(?:the\s+)?(?:\w+\s+){0,3}?(?:partners|DSPs?|LSPs?)\b",
            re.I,
        ),
    ),
    (
        "completed",
        re.compile(
            r"\bdate\s+(?:of\s+)?complet(?:ed|ion)\b|\b" + _REVIEW + r"\b[^.\n]{0,40}?\bcompleted\b", re.I
        ),
    ),
    (
        "meeting",
        re.compile(r"\bdate\s+of\s+(?:the\s+)?rapid\s+review\s+meeting\b|\brapid\s+review\s+meeting\b", re.I),
    ),
]


@dataclass(frozen=True)
class FoundDate:
    day: dt.date
    evidence: Evidence  # the cue and the date, as written


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end < 0 else line_end


def _days_in(text: str, start: int, end: int) -> list[tuple[int, int, dt.date]]:
    """Whole-day dates that start within text[start:end], with their offsets."""
    out = []
    for m in _DATE_START.finditer(text, start, end):
        found = match_date(text, m.start())
        parsed = found.parsed if found is not None else None
        if found is not None and parsed is not None and parsed.status == "ok" and parsed.precision == "day":
            out.append((m.start(), found.end, dt.date.fromisoformat(parsed.iso or "")))
    return out


def _date_for(text: str, cue: re.Match[str]) -> FoundDate | None:
    line_start, line_end = _line_bounds(text, cue.start(), cue.end())
    days = _days_in(text, line_start, line_end)
    after = [
        d
        for d in days
        if cue.end() <= d[0] <= cue.end() + _AFTER_WINDOW and not _OTHER_EVENT.search(text, cue.end(), d[0])
    ]
    before = [d for d in days if d[1] <= cue.start()]
    chosen = after[0] if after else (before[-1] if before else None)
    if chosen is None:
        return None
    start, end = min(chosen[0], cue.start()), max(chosen[1], cue.end())
    return FoundDate(chosen[2], Evidence(quote=text[start:end], start=start, end=end))


def find_notification(text: str) -> FoundDate | None:
    """The first notification date the text gives, or None."""
    for cue in _NOTIFICATION.finditer(text):
        found = _date_for(text, cue)
        if found is not None:
            return found
    return None


def find_review_steps(text: str) -> list[tuple[DatedStep, FoundDate]]:
    """The dates the text gives for its own review steps, most final step first (submitted, signed off,
    completed, meeting), the first date found for each."""
    steps: list[tuple[DatedStep, FoundDate]] = []
    for step, pattern in _STEPS:
        for cue in pattern.finditer(text):
            line_start = _line_bounds(text, cue.start(), cue.end())[0]
            if _NOTIFICATION.search(text, max(line_start, cue.start() - _AFTER_WINDOW), cue.end()):
                continue  # "notification submitted to the Panel on ..." dates the notification, not the review
            found = _date_for(text, cue)
            if found is not None:
                steps.append((step, found))
                break
    return steps
