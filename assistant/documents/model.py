"""The document model: lines, sections and tables, each with character offsets into the original input.

Plain dataclasses and named tuples rather than pydantic: a 100k-word draft has tens of thousands of lines and
cells, and these objects never cross an API boundary (findings carry offsets, not these objects).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple


# Lines and cells are named tuples: a 1 MB text can have a million lines or cells, and a tuple is built about
# four times faster than a frozen dataclass (immutable and hashable alike).
class Line(NamedTuple):
    start: int
    end: int  # exclusive, before the line break
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


class Cell(NamedTuple):
    text: str  # stripped
    start: int
    end: int


@dataclass(slots=True)
class Table:
    start: int
    end: int
    header: list[Cell] | None
    rows: list[list[Cell]]

    def column(self, *names: str) -> int | None:
        """Index of the first header cell with a word starting with any of `names` (case-insensitive); a short
        name (up to four letters: 'age', 'sex', 'dob') must be the whole word, so 'Lead agency' is no age."""
        if not self.header:
            return None
        for i, cell in enumerate(self.header):
            if any(header_has(cell.text, n) for n in names):
                return i
        return None


def header_has(text: str, name: str) -> bool:
    """Whether a header or field label names `name`: a word starting with it, or the word itself if short."""
    pattern = r"(?<![\w])" + re.escape(name.lower()) + (r"(?![\w])" if len(name) <= 4 else "")
    return re.search(pattern, text.lower()) is not None


@dataclass(slots=True)
class Section:
    heading: str
    level: int  # 1 = top level; 0 = the text before the first heading
    start: int  # offset of the heading line (or 0)
    body_start: int
    end: int
    tables: list[Table] = field(default_factory=list)


@dataclass(slots=True)
class DraftDocument:
    text: str
    lines: list[Line]
    sections: list[Section]
    tables: list[Table]

    def section_at(self, offset: int) -> Section:
        found = self.sections[0]
        for s in self.sections:
            if s.start <= offset:
                found = s
            else:
                break
        return found

    def body(self, section: Section) -> str:
        return self.text[section.body_start : section.end]
