"""What every check reads: the draft, its sections and tables, and helpers that return exact evidence spans."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from assistant.documents import DraftDocument, Section, Table, parse_document
from assistant.domain.critique import Evidence

CASE_INFO_HEADING = re.compile(
    r"(?i)\b(child|children|family|families|household|case (information|details|background)|background information|"
    r"subject|genogram|details of|demographic|personal details|key information|introduction|about the child|"
    r"young person)\b"
)
# Headings that name the case-information block itself (a title such as 'Rapid review: CHILD X' is not one).
CASE_INFO_SECTION = re.compile(
    r"(?i)\b(case (information|details|background)|background information|family|household|details|about the child|"
    r"child information|genogram|introduction)\b"
)
NOT_CASE_INFO_HEADING = re.compile(
    r"(?i)\b(incident|summary|analysis|learning|decision|recommendation|action|chronolog|agency involvement|"
    r"key events|practice|conclusion|worried|working well|what happened|facts|methodology|scope)\b"
)
UPFRONT_MIN_CHARS = 1500
UPFRONT_MAX_SHARE = 0.3


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    text: str

    def evidence(self) -> Evidence:
        return Evidence(quote=self.text, start=self.start, end=self.end)


@dataclass
class Context:
    text: str
    doc: DraftDocument = field(init=False)
    memo: dict[str, object] = field(default_factory=dict)  # facts several checks share, computed once

    def __post_init__(self) -> None:
        self.doc = parse_document(self.text)

    # -- regions ---------------------------------------------------------------------------------------
    @cached_property
    def upfront(self) -> tuple[int, int]:
        """Where the Panel expects the child's and family's details: the case-information part at the top.

        Sections from the start while their headings read as case information; later case-information
        sections count while they stand in the first 30% of the draft. A draft without headings gets its
        opening 1,500 characters (or 30%, if longer)."""
        sections = self.doc.sections
        limit = max(UPFRONT_MIN_CHARS, int(len(self.text) * UPFRONT_MAX_SHARE))
        if len(sections) <= 1:
            return 0, min(len(self.text), limit)
        end = sections[0].end
        for s in sections[1:]:
            if s.start > limit:
                break
            if CASE_INFO_HEADING.search(s.heading) and not NOT_CASE_INFO_HEADING.search(s.heading):
                end = s.end
        return 0, end

    @cached_property
    def upfront_section(self) -> str:
        """Name of the case-information section, for findings about what it lacks."""
        _, end = self.upfront
        candidates = [
            s for s in self.doc.sections if s.start < end and not NOT_CASE_INFO_HEADING.search(s.heading)
        ]
        for pattern in (CASE_INFO_SECTION, CASE_INFO_HEADING):
            for s in candidates:
                if pattern.search(s.heading):
                    return s.heading
        return "Case information"

    @cached_property
    def upfront_text(self) -> str:
        s, e = self.upfront
        return self.text[s:e]

    def sections_matching(self, heading: re.Pattern[str]) -> list[Section]:
        return [s for s in self.doc.sections if heading.search(s.heading)]

    def section_name(self, offset: int) -> str:
        return self.doc.section_at(offset).heading or "Opening text"

    def tables_in(self, start: int, end: int) -> list[Table]:
        return [t for t in self.doc.tables if t.start >= start and t.end <= end]

    @cached_property
    def table_spans(self) -> list[tuple[int, int]]:
        return [(t.start, t.end) for t in self.doc.tables]

    def in_table(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.table_spans)

    # -- searching -------------------------------------------------------------------------------------
    def find(self, pattern: re.Pattern[str], start: int = 0, end: int | None = None) -> Iterator[Match]:
        for m in pattern.finditer(self.text, start, len(self.text) if end is None else end):
            yield Match(m.start(), m.end(), m.group(0))

    def first(self, pattern: re.Pattern[str], start: int = 0, end: int | None = None) -> Match | None:
        return next(self.find(pattern, start, end), None)

    def sentence(self, offset: int, limit: int = 300) -> Match:
        """The sentence (or line) around an offset, trimmed to `limit` characters, as an exact span."""
        text = self.text
        lo = max(0, offset - limit)
        start = offset
        while start > lo and text[start - 1] not in ".!?\n":
            start -= 1
        hi = min(len(text), offset + limit)
        end = offset
        while end < hi and text[end] not in ".!?\n":
            end += 1
        if end < len(text) and text[end] in ".!?":
            end += 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Match(start, end, text[start:end])

    def line_at(self, offset: int) -> Match:
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        end = len(self.text) if end < 0 else end
        raw = self.text[start:end]
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        return Match(start + lead, start + lead + len(body), body)

    def paragraph_around(self, offset: int) -> tuple[int, int]:
        start = self.text.rfind("\n\n", 0, offset)
        start = 0 if start < 0 else start + 2
        end = self.text.find("\n\n", offset)
        return start, len(self.text) if end < 0 else end


def words(text: str) -> int:
    return len(text.split())


def any_match(patterns: Iterable[re.Pattern[str]], text: str) -> bool:
    return any(p.search(text) for p in patterns)
