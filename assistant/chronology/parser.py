"""Turning a pasted multi-agency chronology into typed timeline entries.

Each physical line is read once, in order, and ends up in exactly one place: an entry's source, the skipped
list (blank, header, table separator) or the unparsed list with a reason. Formats are decided per line, so a
paste that mixes an Excel block with a few typed lines still parses (and is reported as mixed).
"""

from __future__ import annotations

import csv
import io
import operator
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import accumulate, compress, count, repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import TypeAdapter

from assistant.chronology.agencies import is_agency_alias, known_agency, normalise_agency
from assistant.chronology.dates import (
    DateMatch,
    ParsedDate,
    match_date,
    match_leading_placeholder,
    parse_date_cell,
)
from assistant.domain.chronology import (
    Chronology,
    ChronologyEntry,
    ChronologyIssue,
    DetectedFormat,
    IssueKind,
    RowFormat,
    SkipKind,
    SkippedLine,
    UnparsedLine,
)
from assistant.errors import InputError
from assistant.gc_pause import gc_paused
from assistant.lexicon import ROLE

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_INVISIBLE = "\ufeff\u200b"
# A quoted multi-line cell longer than this is far more likely a stray quote than a real cell.
_MAX_RECORD_LINES = 200
_PIPE_SPLIT = re.compile(r"(?<!\\)\|")
_SEPARATOR_CELL = re.compile(r":?-+:?")
_DATE_SEP = re.compile(r"\s*(?:[–—]+|-{1,2}|:(?!\d))\s*")
# The separator between segments ("date – agency – event"): a dash or colon, found without a leading `\s*`
# (which made searching a long run of spaces quadratic); the spaces around it are added by `segment_sep`.
_SEGMENT_MARK = re.compile(r"[–—]+|:(?!\d)|(?<=\s)-{1,2}(?=\s)")
_WORD = re.compile(r"[a-z0-9#&]+")
# A cell that is a labelled field: one to four words, a colon, a value ("DOB: 03/11/2009").
_FIELD_CELL = re.compile(r"(?:\*\*)?[A-Za-z][A-Za-z.'’/()]*(?:[ ][A-Za-z.'’/()]+){0,3}(?:\*\*)?:(?!\d)\s*\S")
# The labels of a chronology's header fields, when labels and values sit in cells of their own.
_FIELD_WORDS = (
    r"subject|child|child'?s name|name|young person|d\.?o\.?b\.?|date of birth|sex|gender|ethnicity|"
    r"ethnic origin|religion|first language|age|address|nhs (?:no|number)|school|disability|legal status"
)
_FIELD_LABEL = re.compile(r"(?:" + _FIELD_WORDS + r"):?", re.I)
# The first cell of a two-column table of details: a field, or a family member ("Mother's boyfriend").
_DETAIL_LABEL = re.compile(
    r"(?:field|details?|item|information|" + _FIELD_WORDS + r"|(?:\w+'s\s+)?" + ROLE + r")\s*:?", re.I
)
# Lines that organise the paste rather than continue an event: markdown headings, rules, a bold line alone.
_HEADING_LINE = re.compile(r"#{1,6}\s.*|(?:\*\*|__)[^*_]{1,80}(?:\*\*|__):?")
# A bullet, a number or bold before a date that starts an entry.
_LIST_MARKER = re.compile(r"(?:[-*•·▪◦]\s+|\(?\d{1,3}[.)]\s+)?(?P<bold>\*\*|__)?")
_RULE_CHARS = "-=_*"
_RULE_LINE = re.compile(r"(?:[" + _RULE_CHARS + r"]\s*){3,}")


def segment_sep(text: str, pos: int = 0) -> tuple[int, int] | None:
    """(start, end) of the first segment separator at or after `pos`, with the spaces around it; linear.

    The same as searching for `\\s+-{1,2}\\s+|\\s*[–—]+\\s*|\\s*:(?!\\d)\\s*`, without that pattern's
    quadratic cost on a long run of spaces.
    """
    m = _SEGMENT_MARK.search(text, pos)
    if m is None:
        return None
    start, end = m.start(), m.end()
    while start > pos and text[start - 1].isspace():
        start -= 1
    while end < len(text) and text[end].isspace():
        end += 1
    return start, end


def split_segments(text: str) -> list[str]:
    """`text` split at every segment separator (see `segment_sep`)."""
    # One scan for the marks: the spaces around a mark are never part of another mark, so each search that
    # `segment_sep` would start after the previous separator finds the mark this scan finds next.
    parts: list[str] = []
    pos = 0
    n = len(text)
    for m in _SEGMENT_MARK.finditer(text):
        start, end = m.start(), m.end()
        while start > pos and text[start - 1].isspace():
            start -= 1
        while end < n and text[end].isspace():
            end += 1
        parts.append(text[pos:start])
        pos = end
    parts.append(text[pos:])
    return parts


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Header cells are recognised word by word, so "Date of contact" and "Agency / Source" both count.
_DATE_HEADERS = _wordset("date dates when datetime")
_AGENCY_HEADERS = _wordset(
    "agency agencies organisation organisations organization source service professional practitioner who"
)
_EVENT_HEADERS = _wordset(
    "event events details detail summary description happened contact information narrative incident entry "
    "episode what"
)
_NOTE_HEADERS = _wordset("notes note comments comment")
_OTHER_HEADERS = _wordset(
    "time outcome outcomes action actions analysis significance ref no # number key issues learning response "
    "decision by of and the to from involved taken & type name reason seen location for"
)
_HEADER_WORDS = _DATE_HEADERS | _AGENCY_HEADERS | _EVENT_HEADERS | _NOTE_HEADERS | _OTHER_HEADERS

# First words that make a segment a person, not an agency ("Mother: said she was tired").
_PERSON_WORDS = _wordset(
    "mother mum father dad parent parents baby child sibling brother sister grandmother grandfather "
    "grandparent grandparents nan aunt uncle partner stepfather boyfriend girlfriend neighbour family "
    "friend she he they it maternal paternal young yp mgm mgf pgm pgf"
)
# The last word of a segment that names an organisation rather than an event.
_BODY_WORDS = _wordset("service services team unit panel trust board partnership hub practice department")
_BRACKETED = re.compile(r"\([^()]*\)")
# Words that make a short segment an event, not an unknown agency ("Home visit - baby seen").
_EVENT_WORDS = _wordset(
    "visit visited call called seen attended appointment referral referred contact meeting assessment "
    "strategy discussion review conference admitted discharged reported report arrested missing home "
    "telephone phone text email letter no not did was were had has with at to by"
)


class _Line(NamedTuple):  # a tuple: a 1 MB paste can have a million lines
    number: int
    start: int
    end: int
    text: str

    def span(self) -> dict[str, Any]:
        """The fields of the line's SourceSpan."""
        return {"line": self.number, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class _Columns:
    """Which cell holds what; from a header row, or positional when the table has none."""

    date: int | None
    agency: int | None
    event: int | None
    names: tuple[str, ...] = ()


@dataclass
class _Draft:
    """An entry while it can still grow continuation lines."""

    date: ParsedDate
    agency_text: str
    event: str
    row_format: RowFormat
    lines: list[_Line]
    extra: dict[str, str] = field(default_factory=dict)
    agency_led: bool = False

    def fields(self) -> dict[str, Any]:
        """The fields of the ChronologyEntry (validated with the others in one call, `_ENTRIES`)."""
        return {
            "date": self.date.iso,
            "date_precision": self.date.precision,
            "date_text": self.date.text,
            "agency": normalise_agency(self.agency_text),
            "agency_text": self.agency_text,
            "event": self.event,
            "extra": self.extra,
            "row_format": self.row_format,
            "source": [line.span() for line in self.lines],
        }


# Entries are validated all at once: pydantic-core builds the list in one call, two to three times faster
# than a call per entry and per source line when a paste has tens of thousands.
_ENTRIES = TypeAdapter(list[ChronologyEntry])
_UNPARSED = TypeAdapter(list[UnparsedLine])


class _Lines:
    """The physical lines of `text` with their offsets; CRLF, CR and LF all end a line and none is kept.

    Each `_Line` is built only when read: a 1 MB paste can be a million blank lines, which the parser skips
    as one run without ever building them. Indexes are 0-based and non-negative.
    """

    __slots__ = ("bodies", "starts")

    def __init__(self, text: str) -> None:
        if "\r" not in text:
            # LF only (the usual case): one split in C instead of a regex match per line.
            bodies = text.split("\n")
            if not bodies[-1]:
                bodies.pop()  # the text ends with a line break (or is empty): no line after it
            # A line starts after the lengths of the lines before it and one break each; summed in C.
            self.starts = list(map(operator.add, accumulate(map(len, bodies), initial=0), count()))
            self.bodies = bodies
            return
        self.bodies, self.starts = [], []
        pos = 0
        for m in _LINE_BREAK.finditer(text):
            self.bodies.append(text[pos : m.start()])
            self.starts.append(pos)
            pos = m.end()
        if pos < len(text):
            self.bodies.append(text[pos:])
            self.starts.append(pos)

    def __len__(self) -> int:
        return len(self.bodies)

    def __getitem__(self, index: int) -> _Line:
        body = self.bodies[index]
        start = self.starts[index]
        return _Line(index + 1, start, start + len(body), body)

    def non_blank(self) -> list[int]:
        """Indexes of the lines with text once spaces and invisible characters are stripped; in C."""
        bodies = map(str.strip, map(str.strip, map(str.strip, self.bodies), repeat(_INVISIBLE)))
        return list(compress(count(), bodies))


def _clean(cell: str) -> str:
    # Word writes soft line breaks as vertical tabs; inside a cell they are line breaks.
    return cell.strip().strip(_INVISIBLE).strip().replace("\x0b", "\n")


def _words(cell: str) -> list[str]:
    return _WORD.findall(cell.lower().replace("’", "'").replace("'s", ""))


def _header_columns(cells: Sequence[str]) -> _Columns | None:
    """Column roles if the row is a header ("Date | Agency | Event"), else None."""
    return _header_columns_of(tuple(cells))


# A row is asked twice in a row (whether it is a CSV row, then what it holds); the answer is immutable.
@lru_cache(maxsize=8)
def _header_columns_of(cells: tuple[str, ...]) -> _Columns | None:
    filled = [cell for cell in cells if cell]
    if len(filled) < 2:
        return None
    roles: list[str | None] = []
    for cell in cells:
        words = _words(cell)
        if cell and (not words or any(w not in _HEADER_WORDS for w in words) or len(cell) > 40):
            return None
        role = None
        for word in words:
            if word in _DATE_HEADERS:
                role = "date"
            elif word in _AGENCY_HEADERS:
                role = "agency"
            elif word in _EVENT_HEADERS:
                role = "event"
            elif word in _NOTE_HEADERS:
                role = "note"
            if role:
                break
        roles.append(role)
    if not any(role in ("date", "agency", "event", "note") for role in roles):
        return None

    def first(role: str) -> int | None:
        return roles.index(role) if role in roles else None

    event = first("event")
    return _Columns(
        date=first("date"),
        agency=first("agency"),
        event=event if event is not None else first("note"),
        names=tuple(cells),
    )


def _positional_columns(cells: Sequence[str]) -> _Columns:
    """Roles for a table with no header: date, agency, event, with two light corrections."""
    return _positional_columns_of(tuple(cells))


# Read from the row's text alone; the same row pasted many times is read once.
@lru_cache(maxsize=1024)
def _positional_columns_of(cells: tuple[str, ...]) -> _Columns:
    width = max((i + 1 for i, cell in enumerate(cells) if cell), default=0)
    if width <= 1:
        return _Columns(date=0, agency=None, event=None)
    date_col, agency_col = 0, 1
    # "Police | 03/02/2025 | ..." : the date is where the date is, not where it usually is.
    if not parse_date_cell(cells[0]).is_date_like and parse_date_cell(cells[1]).is_date_like:
        date_col, agency_col = 1, 0
    if width == 2:
        other = 1 - date_col
        if is_agency_alias(cells[other]):
            return _Columns(date=date_col, agency=other, event=None)
        return _Columns(date=date_col, agency=None, event=other)
    return _Columns(date=date_col, agency=agency_col, event=2)


def _field_row(cells: Sequence[str]) -> bool:
    """A row of labelled fields, not an event: 'Label: value' cells ("Subject: Child V | DOB: 03/11/2009 |
    Sex: Male"), or labels and values in turn ("Child | Child V | DOB | 03/11/2009")."""
    filled = [cell for cell in cells if cell]
    if len(filled) < 2:
        return False
    if all(_FIELD_CELL.match(cell) for cell in filled):
        return True
    labels = sum(1 for cell in filled if _FIELD_LABEL.fullmatch(cell.strip("*_ ")))
    if labels >= 2 and 2 * labels >= len(filled):
        return True
    # A two-column table of details ('Mother | Ms H, 26'): a field or family word, then its value.
    return (
        len(filled) == 2
        and cells[0] == filled[0]
        and _DETAIL_LABEL.fullmatch(filled[0].strip("*_ ")) is not None
    )


def _plausible_agency(segment: str) -> bool:
    """Whether the text between the date and the next separator names an agency rather than an event."""
    text = segment.strip()
    if not text or len(text) > 60:
        return False
    if is_agency_alias(text):
        return True
    words = _words(text)
    if not words or words[0] in _PERSON_WORDS:
        return False
    if known_agency(text) is not None and len(words) <= 6:
        return True
    # 'Missing service (RHI)', 'Exploitation Team', 'MACE panel': named by what kind of body it is.
    bare = _words(_BRACKETED.sub(" ", text))
    if bare and bare[-1] in _BODY_WORDS and len(bare) <= 5 and text[0].isupper() and text[-1] not in ".,;!?":
        return True
    return (
        len(words) <= 4
        and len(text) <= 40
        and text[0].isupper()
        and text[-1] not in ".,;!?"
        and not any(word in _EVENT_WORDS or word.isdigit() for word in words)
    )


def _scan_quotes(text: str, delimiter: str, in_quotes: bool, *, strict: bool) -> bool | None:
    """CSV quote state at the end of `text`: True while a quoted cell is still open, None if malformed.

    `strict` (used for Excel tab pastes) refuses a delimiter inside the open cell, because there a stray
    quote is far likelier than a multi-line cell containing a tab.
    """
    if not in_quotes and '"' not in text:
        return False
    at_field_start = not in_quotes
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if in_quotes:
            if char == '"':
                if i + 1 < n and text[i + 1] == '"':
                    i += 2
                    continue
                if i + 1 < n and text[i + 1] != delimiter:
                    return None
                in_quotes = False
            elif strict and char == delimiter:
                return None
        elif char == delimiter or (char == " " and at_field_start):
            # Leading spaces keep a field "at its start", as csv's skipinitialspace reads it.
            at_field_start = True
            i += 1
            continue
        elif char == '"' and at_field_start:
            in_quotes = True
        at_field_start = False
        i += 1
    return in_quotes


def _leading_date(stripped: str) -> DateMatch | None:
    """The date (or placeholder) a line's text starts with, if any."""
    found = match_date(stripped, allow_year=True)
    if found is not None or not stripped.startswith("["):
        return found  # every placeholder opens with '['
    end = match_leading_placeholder(stripped)
    if end is None:
        return None
    return DateMatch(ParsedDate(text=stripped[:end], status="placeholder"), end)


def _free_kind(text: str) -> str:
    """'separator' for a rule line, 'heading' for a heading, else 'text': what a line with no date is."""
    # (The first character rules each pattern out cheaply on most lines.)
    if text[0] in _RULE_CHARS and _RULE_LINE.fullmatch(text):
        return "separator"
    if text[0] in "#*_" and _HEADING_LINE.fullmatch(text):
        return "heading"
    return "text"


# Why a table row is not an event: the reason for its first line, and for the lines it continues onto.
_FIELD_ROW = (
    "a row of labelled fields (such as 'Subject: …', 'DOB: …'), not an event",
    "continues the row of labelled fields on the line above",
)
_DATE_ONLY_HEADING = (
    "the row has only a month or year in the date column (a section heading?)",
    "continues the heading on the line above",
)
_DATE_ONLY_NOTE = (
    "the row has text only in the date column and it is not a date (a heading or a note?)",
    "continues the heading or note on the line above",
)


@dataclass(frozen=True)
class _Row:
    """What a table row's cells say, given its columns: read once per distinct row."""

    parsed: ParsedDate
    not_event: tuple[str, str] | None  # the reasons it is unparsed, when it is no event
    agency: str = ""
    event: str = ""
    extra: tuple[tuple[str, str], ...] = ()


def _read_row(columns: _Columns, cells: tuple[str, ...]) -> _Row:
    def cell(index: int | None) -> str:
        return cells[index] if index is not None and index < len(cells) else ""

    parsed = parse_date_cell(cell(columns.date))
    filled = [i for i, text in enumerate(cells) if text]
    if not parsed.is_date_like and _field_row(cells):
        return _Row(parsed, _FIELD_ROW)
    if filled == [columns.date] and parsed.precision in ("month", "year"):
        return _Row(parsed, _DATE_ONLY_HEADING)
    if filled == [columns.date] and parsed.status == "unrecognised":
        return _Row(parsed, _DATE_ONLY_NOTE)
    used = {columns.date, columns.agency, columns.event}
    extra: dict[str, str] = {}
    for index, text in enumerate(cells):
        if index in used or not text:
            continue
        name = columns.names[index] if index < len(columns.names) and columns.names[index] else ""
        name = name or f"column {index + 1}"
        while name in extra:
            name += " (again)"
        extra[name] = text
    return _Row(parsed, None, cell(columns.agency), cell(columns.event), tuple(extra.items()))


def _is_delimited_header(stripped: str) -> bool:
    """'Date – Agency – Event': a header row written as a delimited line."""
    sep = segment_sep(stripped)
    if sep is None:
        return False  # one segment is no header row
    # The first cell rules most lines out before a long line is split into all its segments.
    first = stripped[: sep[0]].strip()
    if first and (
        len(first) > 40 or not (words := _words(first)) or any(w not in _HEADER_WORDS for w in words)
    ):
        return False
    parts = [part.strip() for part in split_segments(stripped)]
    return len(parts) >= 2 and _header_columns(parts) is not None


class _Parser:
    def __init__(self, text: str, *, tab_format: RowFormat) -> None:
        self.text = text
        self.lines = _Lines(text)
        self.tab_format = tab_format
        self.drafts: list[_Draft] = []
        # (line, text, reason) of each unparsed line, validated all at once in `result` like the entries
        self.unparsed: list[tuple[int, str, str]] = []
        # Skipped lines as [first line, count, kind] runs, merged while reading; SkippedLine records at the end.
        self.skipped: list[list[Any]] = []
        self.issues: list[ChronologyIssue] = []
        self.columns: dict[str, _Columns] = {}
        self.widths: dict[str, int] = {}
        # Continuation text attaches only to an entry on the line directly above (through its own lines).
        self.can_continue = False
        self.pipe_rows_closed = False
        # Line of the latest table row that looks cut short; an issue only if it is the paste's last line.
        self.last_row_cut: int | None = None
        # The line `csv_candidate` read last and its cleaned cells, so the row is not read twice.
        self.csv_fields: tuple[str, tuple[str, ...]] | None = None
        # Pure readings of a line's text, kept per distinct text: a long paste repeats lines (a column of
        # bullets, the same row pasted many times) and each reading costs several regex matches.
        self._leading: dict[str, DateMatch | None] = {}
        self._csv_cells: dict[str, tuple[str, ...]] = {}
        self._starts: dict[str, tuple[str, DateMatch | None]] = {}
        self._headers: dict[str, bool] = {}
        self._agency_led: dict[str, bool] = {}
        self._free: dict[str, str] = {}
        self._rows: dict[tuple[_Columns, tuple[str, ...]], _Row] = {}

    # -- bookkeeping -------------------------------------------------------------------------------------

    def issue(self, kind: IssueKind, message: str, lines: Sequence[int]) -> None:
        self.issues.append(ChronologyIssue(kind=kind, message=message, lines=list(lines)))

    def skip(self, lines: Sequence[_Line], kind: SkipKind) -> None:
        """Skip consecutive lines."""
        self.skip_run(lines[0].number, len(lines), kind)

    def skip_run(self, first: int, n: int, kind: SkipKind) -> None:
        """Skip `n` consecutive lines from line number `first`, extending the run just before them."""
        last = self.skipped[-1] if self.skipped else None
        if last is not None and last[2] == kind and last[0] + last[1] == first:
            last[1] += n
        else:
            self.skipped.append([first, n, kind])
        self.can_continue = False

    def unparse(self, line: _Line, reason: str) -> None:
        self.unparsed.append((line.number, line.text, reason))
        self.can_continue = False

    def add(self, draft: _Draft) -> None:
        self.drafts.append(draft)
        self.can_continue = True
        first = draft.lines[0].number
        status, shown = draft.date.status, draft.date.text
        if status == "invalid":
            self.issue(
                "invalid_date",
                f"line {first}: '{shown}' is not a real date (UK day/month/year); the entry is left undated",
                [first],
            )
        elif status == "unrecognised":
            self.issue(
                "unrecognised_date",
                f"line {first}: '{shown}' in the date column is not a date the parser can read; left undated",
                [first],
            )

    def missing_date(self, line: int, why: str) -> None:
        self.issue(
            "missing_date", f"line {line}: {why}; the entry is left undated, not given a nearby date", [line]
        )

    # -- main loop ---------------------------------------------------------------------------------------

    def run(self) -> None:
        # Runs of blank lines are skipped in one step each (as `read` would skip each of them), found from
        # the non-blank lines' indexes rather than line by line.
        i = 0  # the first line not yet read
        for j in self.lines.non_blank():
            if j < i:
                continue  # a line of a multi-line record already read
            if j > i:
                self.skip_run(i + 1, j - i, "blank")
            i = j + self.read(j)
        if i < len(self.lines):
            self.skip_run(i + 1, len(self.lines) - i, "blank")

    def read(self, i: int) -> int:
        """Handle the line at index `i`; returns how many lines were consumed."""
        line = self.lines[i]
        stripped = line.text.strip().strip(_INVISIBLE).strip()
        if not stripped:
            self.skip([line], "blank")
            return 1
        if self.is_pipe_row(line, stripped):
            self.pipe_row(line, stripped)
            return 1
        if "\t" in line.text:
            return self.delimited_record(i, "\t", self.tab_format)
        if self.dated_line(line, stripped):
            return 1
        if "," in stripped and self.csv_candidate(stripped):
            return self.delimited_record(i, ",", "csv")
        self.free_text(line, stripped)
        return 1

    # -- tables ------------------------------------------------------------------------------------------

    def is_pipe_row(self, line: _Line, stripped: str) -> bool:
        if stripped.startswith("|"):
            return True
        # (Counting every '|' first is a cheap bound on the unescaped ones.)
        if "\t" in line.text or stripped.count("|") < 2 or len(_PIPE_SPLIT.findall(stripped)) < 2:
            return False
        # Without a leading pipe, "a | b | c" is a table row only if it reads like one: pipes inside a
        # typed event ("03/02/2025 - HV - a|b c|d") must not turn the line into a table.
        cells = [_clean(cell) for cell in _PIPE_SPLIT.split(stripped)]
        return parse_date_cell(cells[0]).is_date_like or _header_columns(cells) is not None

    def pipe_row(self, line: _Line, stripped: str) -> None:
        closed = stripped.endswith("|") and not stripped.endswith("\\|") and len(stripped) > 1
        inner = stripped[1:] if stripped.startswith("|") else stripped
        inner = inner[:-1] if closed else inner
        cells = [_clean(cell).replace("\\|", "|") for cell in _PIPE_SPLIT.split(inner)]
        if all(cells) and all(_SEPARATOR_CELL.fullmatch(cell.replace(" ", "")) for cell in cells):
            self.skip([line], "separator")
            return
        if len(cells) == 1:
            if cells[0]:
                self.free_text(line, cells[0])
            else:
                self.skip([line], "blank")
            return
        self.table_row(cells, "pipe", [line])
        if not closed and self.pipe_rows_closed:
            self.last_row_cut = line.number
        self.pipe_rows_closed = self.pipe_rows_closed or closed

    def delimited_record(self, i: int, delimiter: str, row_format: RowFormat) -> int:
        """Read one CSV or tab row, following a quoted cell over line breaks; returns lines consumed."""
        first = self.lines[i]
        state = _scan_quotes(first.text, delimiter, False, strict=delimiter == "\t")
        record = [first]
        if state:
            j = i + 1
            while state and j < len(self.lines) and len(record) < _MAX_RECORD_LINES:
                state = _scan_quotes(self.lines[j].text, delimiter, True, strict=delimiter == "\t")
                if state is None:
                    break
                record.append(self.lines[j])
                j += 1
            if state is not False:
                if state and j >= len(self.lines):
                    self.issue(
                        "truncated",
                        f"line {first.number}: a quoted cell opens but never closes before the end of the "
                        "paste; the paste may be cut off, so the row is read as a single line",
                        [first.number],
                    )
                record = [first]
        if len(record) == 1:
            if delimiter == "\t":
                cells = first.text.split("\t")
            elif self.csv_fields is not None and self.csv_fields[0] == first.text:
                # `csv_candidate` has just read this very text the same way
                self.table_row(list(self.csv_fields[1]), row_format, record)
                return 1
            else:
                cells = next(csv.reader([first.text], skipinitialspace=True), [])
        else:
            joined = "\n".join(line.text for line in record)
            reader = csv.reader(io.StringIO(joined), delimiter=delimiter, skipinitialspace=delimiter == ",")
            cells = next(reader, [])
        self.table_row([_clean(cell) for cell in cells], row_format, record)
        return len(record)

    def csv_candidate(self, stripped: str) -> bool:
        fields = self._csv_cells.get(stripped)
        if fields is None:
            cells = next(csv.reader([stripped], skipinitialspace=True), [])
            fields = self._csv_cells[stripped] = tuple(_clean(cell) for cell in cells)
        self.csv_fields = (stripped, fields)
        if len(fields) < 2:
            return False
        if _header_columns(fields) is not None:
            return True
        columns = self.columns.get("csv")
        date_col = columns.date if columns is not None and columns.date is not None else 0
        if date_col < len(fields) and parse_date_cell(fields[date_col]).is_date_like:
            return True
        if columns is not None:
            # A merged (empty) date cell in a table whose header we have seen.
            return len(fields) == len(columns.names) and (columns.date is None or not fields[date_col])
        return not fields[0] and len(fields) >= 3

    def table_row(self, cells: list[str], row_format: RowFormat, record: list[_Line]) -> None:
        if not any(cells):
            self.skip(record, "blank")
            return
        header = _header_columns(cells)
        if header is not None:
            self.columns[row_format] = header
            self.skip(record, "header")
            return
        columns = self.columns.get(row_format) or _positional_columns(cells)
        self.widths[row_format] = max(self.widths.get(row_format, 0), len(cells))
        key = (columns, tuple(cells))
        row = self._rows.get(key)
        if row is None:
            row = self._rows[key] = _read_row(columns, key[1])
        if row.not_event is not None:
            first, rest = row.not_event
            self.unparse(record[0], first)
            for line in record[1:]:
                self.unparse(line, rest)
            return
        parsed = row.parsed
        draft = _Draft(
            date=parsed,
            agency_text=row.agency,
            event=row.event,
            row_format=row_format,
            lines=list(record),
            extra=dict(row.extra),
        )
        self.add(draft)
        if parsed.status == "missing" and columns.date is not None:
            self.missing_date(record[0].number, "the date cell is empty (a merged cell?)")
        expected = len(columns.names) if columns.names else self.widths.get(row_format, 0)
        self.last_row_cut = record[-1].number if len(cells) < expected else None

    # -- free text ---------------------------------------------------------------------------------------

    def dated_line(self, line: _Line, stripped: str) -> bool:
        """Read a "date – agency – event" line; False when the line does not start with a date."""
        start = self._starts.get(stripped)
        if start is None:
            start = self._starts[stripped] = self.dated_start(stripped)
        stripped, leading = start
        if leading is None:
            return self.delimited_header(line, stripped)
        parsed, rest = leading.parsed, stripped[leading.end :]
        year_only = parsed.precision == "year"
        sep = _DATE_SEP.match(rest)
        if sep is not None:
            # "2025-26" is a financial year, not the year 2025 followed by a separator.
            if year_only and rest[0] == "-":
                return False
            body = rest[sep.end() :]
        elif not rest:
            if year_only:
                self.unparse(line, "a year on its own line (a heading?); it is not attached to any event")
                return True
            if parsed.precision == "month" and self.dated_or_blank_next(line):
                self.unparse(line, "a month on its own line (a heading?); it is not attached to any event")
                return True
            body = ""
        elif rest[0].isspace() and not year_only:
            body = rest.strip()
        else:
            return False
        agency, event = self.split_agency(body)
        self.add(_Draft(date=parsed, agency_text=agency, event=event, row_format="delimited", lines=[line]))
        return True

    def dated_start(self, stripped: str) -> tuple[str, DateMatch | None]:
        """The line's text after any list marker before a date, and that date (None: no leading date)."""
        leading = self.leading_date(stripped)
        marker = _LIST_MARKER.match(stripped) if leading is None else None
        if marker is not None and 0 < marker.end() < len(stripped):
            # '- 03/02/2025 – HV – visit', '12. 03/02/2025: …', '**03/02/2025** – HV – …'
            stripped = stripped[marker.end() :]
            leading = self.leading_date(stripped)
            if leading is not None and marker.group("bold"):
                close = stripped.startswith(marker.group("bold"), leading.end)
                leading = DateMatch(leading.parsed, leading.end + (2 if close else 0))
        return stripped, leading

    def dated_or_blank_next(self, line: _Line) -> bool:
        """Whether the line after `line` is blank, absent or starts with a date: then `line` heads a section
        ('March 2024' above dated rows) rather than dating the event written on the lines below it."""
        if line.number >= len(self.lines):
            return True
        following = self.lines[line.number].text.strip()
        return not following or self.leading_date(following) is not None

    def leading_date(self, stripped: str) -> DateMatch | None:
        if not stripped[:1].isalnum() and not stripped.startswith("["):
            return None  # a date starts with a letter or digit, a placeholder with '['
        try:
            return self._leading[stripped]
        except KeyError:
            found = self._leading[stripped] = _leading_date(stripped)
            return found

    def split_agency(self, rest: str) -> tuple[str, str]:
        sep = segment_sep(rest)
        if sep is not None and sep[0] > 0 and _plausible_agency(rest[: sep[0]]):
            return rest[: sep[0]].strip(), _clean(rest[sep[1] :])
        if is_agency_alias(rest):
            return rest.strip(), ""
        return "", _clean(rest)

    def delimited_header(self, line: _Line, stripped: str) -> bool:
        header = self._headers.get(stripped)
        if header is None:
            header = self._headers[stripped] = _is_delimited_header(stripped)
        if header:
            self.skip([line], "header")
        return header

    def free_text(self, line: _Line, text: str) -> None:
        kind = self._free.get(text)
        if kind is None:
            kind = self._free[text] = _free_kind(text)
        if kind == "separator":
            self.skip([line], "separator")
            return
        if kind == "heading":
            self.unparse(line, "a heading, not part of an event")
            return
        agency_led = self.agency_led(text)
        previous = self.drafts[-1] if self.drafts else None
        if previous is not None and self.can_continue and not (agency_led and previous.agency_led):
            previous.lines.append(line)
            addition = _clean(text)
            previous.event = f"{previous.event}\n{addition}" if previous.event else addition
            return
        if agency_led:
            agency, event = self.split_agency(text)
            self.add(
                _Draft(
                    date=ParsedDate(text="", status="missing"),
                    agency_text=agency,
                    event=event,
                    row_format="delimited",
                    lines=[line],
                    agency_led=True,
                )
            )
            self.missing_date(line.number, "the line names an agency but gives no date")
            return
        if previous is None:
            reason = (
                "text before the first chronology row: it has no date and there is no entry to attach it to"
            )
        else:
            reason = (
                "text with no date that is not directly below an entry (a blank, header or unreadable line "
                "comes between), so it is not attached to any event"
            )
        self.unparse(line, reason)

    def agency_led(self, text: str) -> bool:
        led = self._agency_led.get(text)
        if led is None:
            sep = segment_sep(text)
            led = self._agency_led[text] = sep is not None and sep[0] > 0 and is_agency_alias(text[: sep[0]])
        return led

    # -- result ------------------------------------------------------------------------------------------

    def result(self, today: date) -> Chronology:
        entries = _ENTRIES.validate_python([draft.fields() for draft in self.drafts])
        bodies = self.lines.bodies
        last_text_line = next((i + 1 for i in range(len(bodies) - 1, -1, -1) if bodies[i].strip()), None)
        already = {line for issue in self.issues if issue.kind == "truncated" for line in issue.lines}
        cut = self.last_row_cut
        if cut is not None and cut == last_text_line and cut not in already:
            self.issue(
                "truncated",
                f"line {cut}: the last row has fewer cells than the rows above; the paste may be cut off",
                [cut],
            )
        issues = self.issues + _check_entries(entries, today)
        formats = list(dict.fromkeys(entry.row_format for entry in entries))
        detected: DetectedFormat = "none" if not formats else formats[0] if len(formats) == 1 else "mixed"
        if len(formats) > 1:
            firsts = [next(e.first_line for e in entries if e.row_format == fmt) for fmt in formats]
            described = ", ".join(
                f"{fmt} (from line {line})" for fmt, line in zip(formats, firsts, strict=True)
            )
            issues.append(
                ChronologyIssue(
                    kind="mixed_formats",
                    message=(
                        f"rows are written in {len(formats)} formats: {described}; check each part was read"
                    ),
                    lines=firsts,
                )
            )
        issues.sort(key=lambda issue: min(issue.lines) if issue.lines else 0)
        return Chronology(
            entries=entries,
            unparsed=_UNPARSED.validate_python(
                [{"line": n, "text": text, "reason": reason} for n, text, reason in self.unparsed]
            ),
            skipped=[SkippedLine(line=first, count=n, kind=kind) for first, n, kind in self.skipped],
            issues=issues,
            detected_format=detected,
            line_count=len(self.lines),
            source_text=self.text,
        )


def _check_entries(entries: Sequence[ChronologyEntry], today: date) -> list[ChronologyIssue]:
    """Duplicate, ordering, future-date and no-date checks; linear in the number of entries."""
    issues: list[ChronologyIssue] = []
    seen: dict[tuple[object, ...], int] = {}
    previous: ChronologyEntry | None = None
    previous_span: tuple[date, date] | None = None
    any_dated = False
    for entry in entries:
        line = entry.first_line
        when = (entry.date, entry.date_precision) if entry.date else entry.date_text.lower()
        key = (
            when,
            (entry.agency or "").lower(),
            " ".join(entry.event.split()).lower(),
            tuple(sorted(entry.extra.items())),
        )
        if key in seen:
            issues.append(
                ChronologyIssue(
                    kind="duplicate",
                    message=f"line {line} repeats the entry on line {seen[key]}; both are kept",
                    lines=[line, seen[key]],
                )
            )
        else:
            seen[key] = line
        span = entry.date_range()
        if span is None:
            continue
        any_dated = True
        if span[0] > today:
            issues.append(
                ChronologyIssue(
                    kind="future_date",
                    message=f"line {line}: '{entry.date_text}' is after today ({today.isoformat()})",
                    lines=[line],
                )
            )
        if previous is not None and previous_span is not None and span[1] < previous_span[0]:
            issues.append(
                ChronologyIssue(
                    kind="out_of_order",
                    message=(
                        f"line {line}: '{entry.date_text}' is earlier than '{previous.date_text}' "
                        f"on line {previous.first_line} above it"
                    ),
                    lines=[line, previous.first_line],
                )
            )
        previous, previous_span = entry, span
    if not any_dated:
        issues.append(
            ChronologyIssue(
                kind="no_dates",
                message=(
                    "no recognisable dates were found; entries are kept undated and the order checks were "
                    "skipped (UK dates such as 03/02/2025 or 3 Feb 2025 are read)"
                ),
                lines=[],
            )
        )
    return issues


def _require_text(text: str) -> None:
    if not text.strip():
        raise InputError("the chronology is empty", fix="paste rows of date, agency and event")


def parse_chronology(text: str, *, today: date | None = None) -> Chronology:
    """Parse a pasted chronology (tab, pipe/markdown, CSV or "date – agency – event" lines, or a mix).

    Raises InputError only when there is nothing to parse; every other problem is returned as an issue.
    """
    _require_text(text)
    return _parse(text, today=today, tab_format="tab")


def _parse(text: str, *, today: date | None, tab_format: RowFormat) -> Chronology:
    # An entry is a handful of small objects and pydantic records, none in a cycle: a 1 MB paste makes
    # hundreds of thousands, which the cyclic collector would otherwise scan again and again.
    with gc_paused():
        parser = _Parser(text, tab_format=tab_format)
        parser.run()
        return parser.result(today or date.today())


def _preamble(document: DocxDocument) -> str:
    """The paragraphs above the first table (title, 'Subject: …', household), one per line, tabs as spaces.

    They are never entries of their own (the parser reads them as lines before the first row), but they say
    which child the chronology is about and who the family are.
    """
    from docx.oxml.ns import qn

    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            break
        if child.tag == qn("w:p"):
            text = "".join("".join(t.itertext()) for t in child.iter(qn("w:t")))
            text = _LINE_BREAK.sub(" ", text.replace("\t", " ")).strip()
            if text:
                lines.append(text)
    return "\n".join(lines)


def _cell_text(tc: Any) -> str:
    """A cell's text from its XML: each w:t read with itertext (python-docx's `.text` stops at an entity
    reference inside w:t and drops the rest of the run), tabs and breaks kept, paragraphs on lines."""
    from docx.oxml.ns import qn

    paragraphs = []
    for p in tc.iterchildren(qn("w:p")):
        pieces = []
        for node in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
            if node.tag == qn("w:t"):
                pieces.append("".join(node.itertext()))
            else:
                pieces.append("\t" if node.tag == qn("w:tab") else "\n")
        paragraphs.append("".join(pieces))
    return "\n".join(paragraphs)


def render_docx_tables(document: DocxDocument) -> str:
    """The document's tables as text, one table row per line and cells separated by tabs, after the
    paragraphs above the first table (the title and subject lines), separated from it by a blank line.

    Cells are read from the XML, not `row.cells`, because python-docx repeats a vertically merged cell's
    text into the rows below; the parser must see those cells as empty (merged), not as a repeated date.
    In-cell line breaks become vertical tabs (as Word itself writes them) so a row stays on one line.
    A document whose tables hold no text renders as ''.
    """

    blocks: list[str] = []
    for table in document.tables:
        rows: list[str] = []
        for tr in table._tbl.tr_lst:
            cells: list[str] = []
            for tc in tr.tc_lst:
                text = "" if tc.vMerge == "continue" else _cell_text(tc)
                text = _LINE_BREAK.sub("\x0b", text.replace("\t", " "))
                cells.append(text)
                cells.extend([""] * (tc.grid_span - 1))
            rows.append("\t".join(cells))
        blocks.append("\n".join(rows))
    tables = "\n\n".join(blocks)
    if not tables.replace("\t", "").strip():
        return ""  # no tables with text: the preamble alone is no chronology
    preamble = _preamble(document)
    return f"{preamble}\n\n{tables}" if preamble else tables


def parse_docx_tables(
    source: DocxDocument | str | os.PathLike[str], *, today: date | None = None
) -> Chronology:
    """Parse the tables of a Word document (a path or an opened `docx.Document`).

    SourceSpans index into `Chronology.source_text`, the tables rendered by `render_docx_tables`.
    """
    import docx

    if isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            document = docx.Document(str(path))
        except Exception as exc:  # python-docx raises several unrelated types for a bad file
            raise InputError(
                f"could not open {path.name} as a Word document ({type(exc).__name__})",
                fix="save the chronology as .docx, or paste it as text",
            ) from exc
    else:
        document = source
    text = render_docx_tables(document)
    if not text.replace("\t", "").strip():
        raise InputError("the document has no tables with text", fix="put the chronology in a Word table")
    return _parse(text, today=today, tab_format="docx")
