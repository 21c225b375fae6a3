"""Reading UK chronology dates without ever guessing.

Numeric dates are always day/month/year (03/02/2025 is 3 February). A date that has the right shape but
cannot exist (31/02/2025, 02/13/2025) is reported as invalid rather than repaired or re-read as US order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

from assistant.domain.chronology import DatePrecision
from assistant.lexicon import MONTH, MONTH_NUMBERS

DateStatus = Literal["ok", "placeholder", "missing", "invalid", "unrecognised"]

_MONTHS = MONTH_NUMBERS
_MONTH = MONTH.replace("(?:", "(?P<mon>", 1) + r"\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>\d{4}|'?\d{2})"
# A time after a day-precision date belongs to the date text ("03/02/2025 14:30"), not to the agency.
_TIME = (
    r"(?:,?\s*(?:at\s+)?(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s*[ap]\.?m\.?)?(?:\s*hrs)?"
    r"|\s+(?:[01]\d|2[0-3])[0-5]\d\s*hrs)?"
)
_END = r"(?![\w/])"

# 'w/c 03/02/2025', 'week commencing 3 Feb 2025': a week, read as the day it starts (the text is kept).
_WEEK_OF = r"(?:(?:w/?c|w/?b|week\s+(?:commencing|beginning|of))\.?:?\s+)?"
_DAY_PATTERNS = [
    re.compile(r"(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})" + _TIME + _END, re.I),
    re.compile(
        _WEEK_OF + r"(?P<d>\d{1,2})(?P<s>[/.\-])(?P<m>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})" + _TIME + _END, re.I
    ),
    re.compile(
        _WEEK_OF
        + _WEEKDAY
        + r"(?P<d>\d{1,2})"
        + _ORDINAL
        + r"(?:\s+of)?[\s\-/]+"
        + _MONTH
        + r",?[\s\-/]+"
        + _YEAR
        + _TIME
        + _END,
        re.I,
    ),
    re.compile(
        _WEEKDAY + _MONTH + r"\s+(?P<d>\d{1,2})" + _ORDINAL + r",?\s+(?P<y>\d{4})" + _TIME + _END, re.I
    ),
]
_QUALIFIER = (
    r"(?:(?:c\.|circa|approx\.?|approximately|around|about|early|mid-?|late|end\s+of|beginning\s+of|"
    r"start\s+of|spring|summer|autumn|winter)\s*)?"
)
# "Nov–Dec 2023": a span of months, read as its first month (the year written is where the span ends).
_SECOND_MONTH = _MONTH.replace("?P<mon>", "?P<mon2>")
_MONTH_PATTERNS = [
    re.compile(
        _QUALIFIER
        + _MONTH
        + r"\s*(?:-|–|—|/|to|until)\s*"
        + _SECOND_MONTH
        + r",?[\s\-/]+(?P<y>\d{4})"
        + _END,
        re.I,
    ),
    re.compile(_QUALIFIER + _MONTH + r",?[\s\-/]+(?P<y>\d{4})" + _END, re.I),
    re.compile(_QUALIFIER + r"(?P<m>\d{1,2})/(?P<y>\d{4})" + _END, re.I),
    re.compile(_QUALIFIER + r"(?P<y>\d{4})-(?P<m>0?[1-9]|1[0-2])(?![\w/\-])", re.I),
]
_YEAR_PATTERN = re.compile(_QUALIFIER + r"(?P<y>(?:19|20)\d{2})" + _END, re.I)
# What every date pattern above starts with: a prefix of each of them, so a text that does not match it here
# matches none of them (one match instead of nine for the many lines and words that do not start a date).
_DATE_OPENING = re.compile(r"(?:" + _WEEK_OF + _WEEKDAY + r"|" + _QUALIFIER + r")(?:\d|" + MONTH + r")", re.I)
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|until)\s*", re.I)

# Bracketed placeholders that mean "a date was here" when they open a free-text line.
_LEADING_PLACEHOLDER = re.compile(
    r"\[[^\]\n]{0,40}\bdates?\b[^\]\n]{0,40}\]|\[\s*x{1,2}/x{1,2}/x{2,4}\s*\]", re.I
)
# In a date cell anything bracketed, or an explicit "unknown", is the author saying the date is unknown.
_CELL_PLACEHOLDER = re.compile(
    r"\[[^\]\n]*\]|\(\s*date[^)\n]*\)|unknown(?:\s+date)?|date\s+unknown|not\s+known|n/?k|tbc|\?+"
    r"|x{1,2}/x{1,2}/x{2,4}",
    re.I,
)


@dataclass(frozen=True)
class ParsedDate:
    """A date as read from the input, with the author's text kept verbatim."""

    text: str
    status: DateStatus
    iso: str | None = None
    precision: DatePrecision = "unknown"

    @property
    def is_date_like(self) -> bool:
        """True when the text is meant as a date, even if it is a placeholder or an impossible date."""
        return self.status in ("ok", "placeholder", "invalid")


@dataclass(frozen=True)
class DateMatch:
    parsed: ParsedDate
    end: int


def _year(raw: str) -> int:
    digits = raw.lstrip("'")
    if len(digits) == 4:
        return int(digits)
    # Same pivot as strptime's %y: 00-68 is 2000s, 69-99 is 1900s (parents' histories go back decades).
    value = int(digits)
    return 2000 + value if value <= 68 else 1900 + value


def _build(match: re.Match[str], precision: DatePrecision) -> tuple[str | None, DatePrecision]:
    """ISO date for a matched shape, or None when no such day exists."""
    groups = match.groupdict()
    year = _year(groups["y"])
    month = _MONTHS[groups["mon"][:3].lower()] if groups.get("mon") else int(groups.get("m") or 1)
    if groups.get("mon2") and month > _MONTHS[groups["mon2"][:3].lower()]:
        year -= 1  # "Dec–Jan 2024": the year written is the span's end, so December is the year before
    day = int(groups["d"]) if groups.get("d") else 1
    if not 1900 <= year <= 2100:
        return None, precision
    try:
        return date(year, month, day).isoformat(), precision
    except ValueError:
        return None, precision


def _match_single(text: str, pos: int, *, allow_year: bool) -> tuple[re.Match[str], DatePrecision] | None:
    best: tuple[re.Match[str], DatePrecision] | None = None
    groups: list[tuple[list[re.Pattern[str]], DatePrecision]] = [
        (_DAY_PATTERNS, "day"),
        (_MONTH_PATTERNS, "month"),
    ]
    if allow_year:
        groups.append(([_YEAR_PATTERN], "year"))
    for patterns, precision in groups:
        for pattern in patterns:
            m = pattern.match(text, pos)
            if m and (best is None or m.end() > best[0].end()):
                best = (m, precision)
    return best


def match_date(text: str, pos: int = 0, *, allow_year: bool = False) -> DateMatch | None:
    """Match a date (or a date range, read as its start) at `pos`; the longest reading wins.

    A placeholder for the day before a month ("[date] May 2024") is read as that month: the text keeps the
    placeholder, the precision says only the month is known.
    """
    if pos < len(text) and text[pos] == "[":
        return _placeholder_then_date(text, pos, allow_year=allow_year)
    if pos >= len(text) or not text[pos].isalnum() or _DATE_OPENING.match(text, pos) is None:
        return None
    first = _match_single(text, pos, allow_year=allow_year)
    if first is None:
        return None
    m, precision = first
    iso, precision = _build(m, precision)
    end = m.end()
    join = _RANGE_JOIN.match(text, end)
    if join:
        second = _match_single(text, join.end(), allow_year=False)
        if second is not None:
            end = second[0].end()
    raw = text[pos:end]
    if iso is None:
        return DateMatch(ParsedDate(text=raw, status="invalid"), end)
    return DateMatch(ParsedDate(text=raw, status="ok", iso=iso, precision=precision), end)


_SPACES = re.compile(r"[ \t]*")


def _placeholder_then_date(text: str, pos: int, *, allow_year: bool) -> DateMatch | None:
    placeholder = _LEADING_PLACEHOLDER.match(text, pos)
    if placeholder is None:
        return None
    after = _SPACES.match(text, placeholder.end())
    start = after.end() if after is not None else placeholder.end()
    if start == placeholder.end():
        return None  # "[date]May 2024" is not a month that follows a placeholder
    found = match_date(text, start, allow_year=allow_year)
    if found is None or found.parsed.status != "ok" or found.parsed.precision == "day":
        return None  # "[date] 03/02/2025" says two different things; leave it to the placeholder reading
    parsed = found.parsed
    return DateMatch(
        ParsedDate(text=text[pos : found.end], status="ok", iso=parsed.iso, precision=parsed.precision),
        found.end,
    )


def match_leading_placeholder(text: str) -> int | None:
    """End offset of a date placeholder such as '[date removed]' at the start of `text`."""
    m = _LEADING_PLACEHOLDER.match(text)
    return m.end() if m else None


# The same cell is read while detecting the format and again while building the row.
@lru_cache(maxsize=8192)
def parse_date_cell(cell: str) -> ParsedDate:
    """Read the content of a date column. The text is kept verbatim whatever the outcome."""
    text = cell.strip()
    if not text:
        return ParsedDate(text=text, status="missing")
    if _CELL_PLACEHOLDER.fullmatch(text):
        return ParsedDate(text=text, status="placeholder")
    m = match_date(text, allow_year=True)
    if m is not None:
        rest = text[m.end :].strip()
        # A date followed by a bracketed remark ("03/02/2025 (evening)") still states that date; a bare
        # year does not, and other trailing text ("03/02/2025, HV") means this is not a date cell at all.
        if not rest or (m.parsed.precision != "year" and rest[0] in "(["):
            return ParsedDate(
                text=text, status=m.parsed.status, iso=m.parsed.iso, precision=m.parsed.precision
            )
    return ParsedDate(text=text, status="unrecognised")
