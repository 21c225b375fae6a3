"""Ages and dates of birth as chronologies write them, always with their units.

'aged 7 months' is 7 months, never 7; '(20 months)', '(2 yrs, funded place)', 'Ms T, 35, White British',
'Father, aged 27', 'DOB: 03/11/2009', 'born [date] March 2016' and '7-week-old baby' are all read, each
as the exact words written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant import textscan
from assistant.lexicon import AGE_UNIT, AGE_VALUE, BIRTH_DATE, ETHNICITY_TERM, NUMBER_WORD

_DOB = r"(?:DOB|d\.o\.b\.?|date of birth)\s*+:?\s*+" + BIRTH_DATE
# '32-year-old', '7 week old', '32 yrs old'
_OLD = r"(?:(?:" + NUMBER_WORD + r")[- ](?:year|month|week|day)s?|" + AGE_VALUE + r")[- ]old"
# An age given as a decade in a bracket: '(60s)', '(mid 20s)'.
_DECADE = r"(?:(?:early|mid|late)[- ]?)?[1-9]0s"
# One part of a bracket after a name that is an age: '20', 'aged 3', '2 yrs', '20 months', '7-week-old'.
_AGE_PART = re.compile(
    r"(?:(?:aged?\s*+:?\s*+)?(?:" + _OLD + "|" + AGE_VALUE + "|" + _DECADE + r")|" + _DOB + r")"
    # '(aged 19 at booking)', '(20 at the time)', '(38 now)': an age, and when it was true
    r"(?:\s++(?:at|in|on|when|now|then|currently|approx\w*)\b[^,;()]*)?",
    re.I,
)
_PAREN = re.compile(r"\s*+,?\s*+\(([^()\n]{1,80})\)")
_PART = re.compile(r"[^,;]+")
_ETHNIC = re.compile(r"\b" + ETHNICITY_TERM + r"\b", re.I)
# An age straight after a name, outside brackets.
# Possessive quantifiers (`*+`, `++`) throughout: a long run of spaces must not be re-split on every try.
# A dash sets an age off as a comma does: 'Baby N – aged 7 months – boy', 'Baby N — 7 months'.
_SEP = r"(?:\s*+[,–—]\s*+|\s++-\s++|\s++)"
_COMMA = r"(?:\s*+[,–—]\s*+|\s++-\s++)"
# 'Baby N, a boy aged 7 months': what the child is, then the age.
_KIND = r"(?:an?\s++(?:[\w-]+\s++)?(?:boy|girl|baby|infant|child|toddler|son|daughter|man|woman)\s++)?"
_AGE_AFTER = re.compile(
    _COMMA
    + r"("
    + AGE_VALUE
    + r")(?=\s*+(?:[,;)]|[.:](?!\d)|$)|\s++(?:and|with|who|is|was|lives?|has|had)\b)"
    r"|" + _SEP + _KIND + r"(aged?\s*+:?\s*+" + AGE_VALUE + r"(?:[- ]old)?)(?![\w])"
    r"|\s*+,\s*+(?:an?\s++)?(" + _OLD + r")(?![\w])"
    r"|\s*+,?\s*+\(?\s*+(" + _DOB + r")"
    r"|,?\s++(?:who\s++)?(?:is|was)\s++(?:aged\s++)?(" + _OLD + "|" + AGE_VALUE + r")"
    r"(?=\s*+(?:[,;)]|[.:](?!\d)|$)|\s++(?:at|when|and|years?)\b)"
    r"|" + _SEP + r"(?:was\s++)?(born\s++(?:on\s++|in\s++)?" + BIRTH_DATE + r")",
    re.I,
)
_AGE_BEFORE = re.compile(r"(" + _OLD + r")\s+(?:\w+\s+)?$", re.I)
# Every _AGE_BEFORE match contains 'old': looking for it first spares the scan of most names' 40 characters.
_OLD_WORD = re.compile(r"old", re.I)
# An age anywhere in a clause (for the child, whose clause names no one else).
AGE_TEXT = re.compile(
    r"\b"
    + _DOB
    + r"|\bborn\s++(?:on\s++|in\s++)?"
    + BIRTH_DATE
    + r"|\baged\s*+[:\-]?\s*+"
    + AGE_VALUE
    + r"(?:[- ]old)?|\bage\s*+[:\-]\s*+"
    + AGE_VALUE
    + r"|\b(?:"
    + NUMBER_WORD
    + r")[- ](?:day|week|month|year)s?"
    r"[- ]old\b|\b\d{1,2}\s*+" + AGE_UNIT + r"(?:,?\s++(?:and\s++)?\d{1,2}\s*+" + AGE_UNIT + r")?"
    r"(?=\s++(?:old|of age|at (?:the )?(?:time|admission|incident|death|referral))\b)"
    r"|\(\s*+" + AGE_VALUE + r"\s*+\)",
    re.I,
)


def paren_after(text: str, end: int, limit: int) -> tuple[int, int] | None:
    """(start, end) of the inside of a bracket straight after offset `end`, or None."""
    m = _PAREN.match(text, end, limit)
    return (m.start(1), m.end(1)) if m is not None else None


def paren_parts(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each comma- or semicolon-separated part of text[start:end], trimmed."""
    for m in _PART.finditer(text, start, end):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            yield s, e


def age_in_part(text: str, start: int, end: int) -> bool:
    return _AGE_PART.fullmatch(text, start, end) is not None


def ethnicity_in_part(text: str, start: int, end: int) -> tuple[int, int] | None:
    m = _ETHNIC.search(text, start, end)
    return (m.start(), m.end()) if m is not None else None


def age_after(text: str, end: int, limit: int) -> tuple[int, int] | None:
    """(start, end) of an age written straight after a name ending at `end` (outside brackets)."""
    m = _AGE_AFTER.match(text, end, limit)
    if m is None:
        return None
    group = next(g for g in range(1, 7) if m.group(g))
    return m.start(group), m.end(group)


# What each reading after or before a name needs somewhere in its piece: a bracket; a number (digits, a number
# word) or a placeholder, which every age and date of birth has; the word 'old'. A piece of a megabyte that
# names 'Mother' a hundred thousand times is then not searched at each of them for what it cannot hold.
_AGE_HINT = re.compile(NUMBER_WORD + r"|\d|\[", re.I)


def detail_hints(piece: str) -> tuple[bool, bool, bool]:
    """Whether paren_after, age_after and age_before can find anything in the text `piece` (offsets in it)."""
    return (
        "(" in piece,
        textscan.search(_AGE_HINT, piece) is not None,
        textscan.search(_OLD_WORD, piece) is not None,
    )


def age_before(text: str, start: int, floor: int) -> tuple[int, int] | None:
    """(start, end) of '7-week-old' written just before a name starting at `start`."""
    lo = max(floor, start - 40)
    if _OLD_WORD.search(text, lo, start) is None:
        return None
    m = _AGE_BEFORE.search(text, lo, start)
    return (m.start(1), m.end(1)) if m is not None else None
