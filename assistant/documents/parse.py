"""Split any rapid-review template into lines, sections and tables.

The five published examples alone use headed prose, two- and multi-column tables, checkbox lists,
numbered headings, bold lines and bullets, so headings are recognised by shape rather than by a fixed
list of titles: markdown '#', bold-only lines, numbered or 'Section N:' lines, and short title-like lines
that stand alone as a paragraph.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import accumulate, compress, count, repeat

from assistant.documents.model import Cell, DraftDocument, Line, Section, Table
from assistant.gc_pause import gc_paused

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
# Linear: the title is taken whole and its closing '#'s stripped in Python. ('(.+?)\s*#*\s*$' backtracks
# quadratically on a line of '# a' and thousands of spaces.)
_MD_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(\S.*)$")
# '**The incident.** On [date] ...' or '**Child:** N, aged 16 ...' opening a paragraph: an inline label that
# names what the paragraph is about, as council templates write sections without separate heading lines.
_INLINE_LABEL = re.compile(
    r"^(?:\*\*|__)([A-Z][^*_:.\n]{1,60}?)(?:[:.]\s*(?:\*\*|__)|(?:\*\*|__)\s*[:.])\s*(\S)"
)
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*$")
_NUMBERED = re.compile(
    r"^\s*(?:(?:section|part|appendix)\s+\d+[:.]?|\d{1,2}(?:\.\d{1,2})*\.?)\s+(\S.*)$", re.I
)
_BULLET = re.compile(r"^\s*(?:[-*•▪◦●○]|\(?[a-z0-9]{1,3}[.)])\s+")
_CHECKBOX = re.compile(r"[☐☑☒□■]|\[[ xX✓]\]")
_FIELD = re.compile(r"^[^:]{1,60}:\s+\S")  # 'Name of Child: CHILD A' is a field, not a heading
_SECTION_CAPS = re.compile(r"^(?:SECTION|PART|APPENDIX)\s+[0-9A-Z]{1,3}\b[^a-z]{0,70}$")
_CAPS_HEADING = re.compile(r"^(?=[^a-z]*[A-Z]{3})[A-Z0-9 /&',()–-]+$")
_ENDS_SENTENCE = re.compile(r"[.,;]\s*$")
_YES_NO = re.compile(r"^(?:yes|no|n/?a)(?:\s*/?\s*(?:yes|no|n/?a))*$", re.I)
_SEPARATOR_ROW = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")

MAX_HEADING_CHARS = 90
MAX_HEADING_WORDS = 12
MAX_NUMBERED_TIGHT_WORDS = 6  # a numbered heading with no blank line after it must be short
MAX_ROW_SEPARATORS = 100  # a table row has at most this many tabs or pipes (forms run to a dozen columns)


def split_lines(text: str) -> list[Line]:
    """The lines of `text` with their offsets; CRLF, CR and LF each end a line and none is kept."""
    if "\r" in text:
        lines: list[Line] = []
        for m in _LINE.finditer(text):
            raw = m.group(0)
            if not raw:
                break
            body = raw.rstrip("\r\n")
            lines.append(Line(m.start(), m.start() + len(body), body))
        return lines
    # LF only (the usual case): one split in C instead of a regex match per line, and the lines built in C
    # too (a 1 MB text can be a million lines): each starts after the lines before it and one break each.
    bodies = text.split("\n")
    if not bodies[-1]:
        bodies.pop()  # the text ends with a line break (or is empty): no line after it
    starts = list(map(operator.add, accumulate(map(len, bodies), initial=0), count()))
    ends = map(operator.add, starts, map(len, bodies))
    rows = zip(starts, ends, bodies, strict=False)  # `starts` has one more: where a next line would start
    with gc_paused():  # a million tuples of ints and strings: no cycles to look for
        return list(map(tuple.__new__, repeat(Line), rows))


def _is_table_line(text: str) -> bool:
    """A row of tab-separated cells, or of '|'-separated cells starting with '|'; a line with more than
    MAX_ROW_SEPARATORS tabs (or pipes) is no row a person wrote, so it is read as text, not a table of
    thousands of cells."""
    if "\t" in text and text.strip():
        return text.count("\t") <= MAX_ROW_SEPARATORS
    stripped = text.strip()
    return stripped.startswith("|") and 2 <= stripped.count("|") <= MAX_ROW_SEPARATORS


def _heading(line: Line, prev_blank: bool, next_blank: bool, next_text: str) -> tuple[str, int] | None:
    """(heading text, level) when the line is a heading."""
    text = line.text
    if (m := _MD_HEADING.match(text)) is not None:
        title = m.group(2).rstrip().rstrip("#").rstrip()
        return (title or m.group(2).strip()), len(m.group(1))
    stripped = text.strip()
    if not stripped or len(stripped) > MAX_HEADING_CHARS or _is_table_line(text):
        return None
    if (m := _BOLD_LINE.match(text)) is not None and "**" not in m.group(1):
        return m.group(1).strip().rstrip(":").rstrip(), 2
    if _SECTION_CAPS.match(stripped) and next_text:
        return stripped, 1  # 'SECTION 10 - ANALYSIS AND LEARNING' between a form's field lines
    if not prev_blank:
        return None
    if _CHECKBOX.search(stripped) or stripped.startswith("["):
        return None
    if (m := _NUMBERED.match(stripped)) is not None:
        title = m.group(1)
        if len(title.split()) > MAX_HEADING_WORDS or _ENDS_SENTENCE.search(title):
            return None
        if next_blank:
            return stripped.rstrip(":").rstrip(), 1
        # '1. Family background' directly above its table or text is still a heading; '1. Review the policy'
        # followed by '2. ...' is a list item.
        if (
            len(title.split()) <= MAX_NUMBERED_TIGHT_WORDS
            and title[:1].isupper()
            and (not _NUMBERED.match(next_text) or _opens_subsection(stripped, next_text))
            and not _BULLET.match(next_text)
        ):
            return stripped.rstrip(":").rstrip(), 1
        return None
    if _CAPS_HEADING.match(stripped) and len(stripped.split()) <= MAX_NUMBERED_TIGHT_WORDS and next_text:
        return stripped, 2  # 'FAMILY' or 'DISCUSSION / LEARNING' directly over its text
    if _BULLET.match(text) or not next_blank or next_text[:1].islower():
        return None  # a lower-case next paragraph means a sentence broken across a page
    if _YES_NO.match(stripped):
        return None
    first = stripped[0]
    if not (first.isupper() or first.isdigit() or first in "'\"‘“"):
        return None
    if len(stripped.split()) > MAX_HEADING_WORDS or _ENDS_SENTENCE.search(stripped):
        return None
    if stripped.endswith(":"):
        # 'Key events:' is a heading; 'Actions taken to date include:' is a lead-in to a list
        # ('Mother# :' has a space before its colon: the heading is the words alone)
        return (stripped[:-1].rstrip(), 2) if len(stripped.split()) <= 3 else None
    if _FIELD.match(stripped) and not re.match(r"(?i)(section|part|appendix|example)\s+\d", stripped):
        return None
    return stripped, 2


def _inline_label(line: Line, next_text: str) -> tuple[str, int] | None:
    """'**The incident.** On [date] ...' opening a paragraph: the label names the paragraph's topic. A run of
    one-line fields ('**Status:** Final draft' over '**Author:** ...') is a field list, not sections."""
    m = _INLINE_LABEL.match(line.text)
    if m is None or len(m.group(1).split()) > 8:
        return None
    rest = line.text[m.start(2) :]
    if len(rest) < 40 and (_INLINE_LABEL.match(next_text) or _FIELD.match(next_text)):
        return None
    return m.group(1).strip(), 3


_TIGHT_MAX_WORDS = 8


def _tight_heading(line: Line, prev_text: str, next_text: str) -> tuple[str, int] | None:
    """A heading in text without blank lines: a short capitalised line that is not a sentence or a field,
    between the end of one paragraph and a capitalised line ('About M and her family' / 'M is 15 ...')."""
    stripped = line.text.strip()
    if not stripped or not stripped[0].isupper() or len(stripped) > 60:
        return None
    if len(stripped.split()) > _TIGHT_MAX_WORDS or stripped[-1] in ".,;:-–" or _is_table_line(line.text):
        return None
    if _FIELD.match(stripped) or _BULLET.match(stripped) or _CHECKBOX.search(stripped):
        return None
    if not next_text[:1].isupper() or prev_text.rstrip().endswith((",", "-", "–", "and", "or", "of", "the")):
        return None
    return stripped, 2


def _opens_subsection(line: str, next_text: str) -> bool:
    """'3. BACKGROUND' directly over '3.1 Child T was born ...': a numbered heading over its own paragraphs."""
    number = re.match(r"(\d{1,2})\.?\s", line)
    return number is not None and re.match(re.escape(number.group(1)) + r"\.\d", next_text) is not None


def _cells(line: Line) -> list[Cell]:
    text = line.text
    if "\t" in text:
        base, chunks = line.start, text.split("\t")
    else:
        inner_start = text.index("|") + 1
        inner_end = text.rindex("|") if text.rstrip().endswith("|") else len(text)
        base, chunks = line.start + inner_start, text[inner_start:inner_end].split("|")
    # Built in C (a 1 MB table can have a million cells): a chunk starts after the chunks before it and one
    # separator each, and its cell after the chunk's leading spaces.
    lengths = list(map(len, chunks))
    offsets = map(operator.add, accumulate(lengths, initial=base), count())
    leads = map(operator.sub, lengths, map(len, map(str.lstrip, chunks)))
    values = list(map(str.strip, chunks))
    starts = list(map(operator.add, offsets, leads))
    ends = map(operator.add, starts, map(len, values))
    return list(map(tuple.__new__, repeat(Cell), zip(values, starts, ends, strict=True)))


_HEADER_WORDS = re.compile(
    r"(?i)\b(name|relationship|relation|gender|sex|ethnic\w*|age|d\.?o\.?b|date of birth|date|agency|agencies|"
    r"address|legal status|disabilit\w*|health|role|school|event|details|notes?|organisation|service|contact|"
    r"contribut\w*|involvement|outcome|concerns?|actions?|learning|responses?|comments?|summary|description|"
    r"household|family|religion|language|nationality|occupation|time|period|owner|lead|timescale|status)\b"
)


def _looks_like_header(cells: list[Cell]) -> bool:
    filled = [c.text for c in cells if c.text]
    if not filled:
        return False
    hits = sum(1 for t in filled if _HEADER_WORDS.search(t) and len(t.split()) <= 5)
    return hits >= max(1, (len(filled) + 1) // 2)


def _tables(lines: list[Line]) -> list[Table]:
    """The tables among the non-blank `lines` (Word pastes often put blank lines between rows)."""
    tables: list[Table] = []
    block: list[Line] = []

    def flush() -> None:
        rows = [_cells(ln) for ln in block if not _SEPARATOR_ROW.match(ln.text)]
        if rows and (len(rows) >= 2 or len(rows[0]) >= 2):
            header = rows[0] if _looks_like_header(rows[0]) else None
            body = rows[1:] if header is not None else rows
            tables.append(Table(block[0].start, block[-1].end, header, body))
        block.clear()

    for line in lines:
        if _is_table_line(line.text):
            block.append(line)
        elif block:
            flush()
    if block:
        flush()
    return tables


# The texts parsed inside `parses_shared()`, and their parses (None outside it).
_shared: ContextVar[dict[str, DraftDocument] | None] = ContextVar("parses_shared", default=None)


@contextmanager
def parses_shared() -> Iterator[None]:
    """Within the block, parsing a text parsed before in it returns that same parse: a command that reads its
    input twice (a critique, then the Word document its comments go in) splits it once. Nothing changes a
    parse after it is made; they are forgotten when the block ends."""
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def parse_document(text: str) -> DraftDocument:
    shared = _shared.get()
    if shared is not None and text in shared:
        return shared[text]
    with gc_paused():  # it builds a line tuple per line and a cell per table cell, none in a cycle
        parsed = _parse_document(text)
    if shared is not None:
        shared[text] = parsed
    return parsed


def _heading_reading(
    line: Line, prev_blank: bool, next_blank: bool, next_text: str, prev_text: str | None
) -> tuple[tuple[str, int] | None, bool]:
    """(heading text and level, or None; whether it is a label opening its paragraph) for a non-blank line;
    `prev_text` is the line above in a text without blank lines (None otherwise or for the first line)."""
    found = _heading(line, prev_blank, next_blank, next_text)
    if found is None and prev_blank:
        found = _inline_label(line, next_text)
        if found is not None:
            return found, True
    if found is None and prev_text is not None:
        found = _tight_heading(line, prev_text, next_text)
    return found, False


def _parse_document(text: str) -> DraftDocument:
    lines = split_lines(text)
    sections: list[Section] = []
    current = Section(heading="", level=0, start=0, body_start=0, end=len(text))
    n = len(lines)
    # Only the lines with text are visited (in C, a text can be a million blank lines): a blank line is never
    # a heading, a label, a tight heading or a table row.
    stripped = list(map(str.strip, map(operator.attrgetter("text"), lines)))
    blank = list(map(operator.not_, stripped))
    filled = list(compress(count(), stripped))
    # The next non-blank line after each filled line (the last has none).
    following = [stripped[i] for i in filled[1:]] + [""]
    # Text from a PDF often has no blank lines at all, so headings stand between lines instead of paragraphs.
    unbroken = n >= 20 and (n - len(filled)) * 30 < n
    # Whether a line heads a section depends only on its text and its neighbours', so it is read once per
    # distinct line and neighbours: a long text repeats its lines (a column of bullets, a pasted table).
    readings: dict[tuple[str, bool, bool, str, str | None], tuple[tuple[str, int] | None, bool]] = {}
    for k, i in enumerate(filled):
        line = lines[i]
        prev_blank = i == 0 or blank[i - 1]
        next_blank = i == n - 1 or blank[i + 1]
        prev_text = lines[i - 1].text if unbroken and i > 0 else None
        key = (line.text, prev_blank, next_blank, following[k], prev_text)
        reading = readings.get(key)
        if reading is None:
            reading = readings[key] = _heading_reading(line, prev_blank, next_blank, following[k], prev_text)
        found, labelled = reading
        if found is None:
            continue
        # the paragraph after a label is the section's text
        body_start = line.start if labelled else lines[i + 1].start if i + 1 < n else line.end
        heading, level = found
        current.end = line.start
        sections.append(current)
        current = Section(
            heading=heading, level=level, start=line.start, body_start=body_start, end=len(text)
        )
    current.end = len(text)
    sections.append(current)
    if len(sections) > 1 and not text[: sections[1].start].strip():
        sections.pop(0)  # no preamble before the first heading
    tables = _tables([lines[i] for i in filled])
    si = 0
    for t in tables:
        while si + 1 < len(sections) and sections[si + 1].start <= t.start:
            si += 1
        sections[si].tables.append(t)
    return DraftDocument(text=text, lines=lines, sections=sections, tables=tables)
