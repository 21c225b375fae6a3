"""Typed timeline built from a pasted multi-agency chronology.

Every model keeps the author's original text next to any normalised value, and every input line ends up
in exactly one place (an entry's source, the skipped list or the unparsed list), so later drafting code can
always point back to what the author actually wrote.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DatePrecision = Literal["day", "month", "year", "unknown"]
RowFormat = Literal["tab", "pipe", "csv", "delimited", "docx"]
DetectedFormat = Literal["tab", "pipe", "csv", "delimited", "docx", "mixed", "none"]
SkipKind = Literal["blank", "header", "separator"]
IssueKind = Literal[
    "duplicate",
    "out_of_order",
    "future_date",
    "no_dates",
    "mixed_formats",
    "truncated",
    "missing_date",
    "invalid_date",
    "unrecognised_date",
]
LineRole = Literal["entry", "blank", "header", "separator", "unparsed"]

ISO_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


class SourceSpan(BaseModel):
    """One physical line of the input; `text == source_text[start:end]` always holds."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    line: int = Field(ge=1, description="1-based line number in the input.")
    start: int = Field(ge=0, description="Offset of the line's first character in the original input.")
    end: int = Field(ge=0, description="Offset just past the line's last character, line break excluded.")
    text: str = Field(description="The raw line exactly as it appears in the input, without its line break.")


class ChronologyEntry(BaseModel):
    """One event in the timeline, with the author's own wording kept beside each normalised value."""

    model_config = ConfigDict(extra="forbid")

    date: str | None = Field(
        pattern=ISO_DATE_PATTERN,
        description=(
            "ISO date YYYY-MM-DD, or null when unknown. For month or year precision this is the first day "
            "of that month or year; read it together with date_precision."
        ),
    )
    date_precision: DatePrecision = Field(description="How much of the date the author gave.")
    date_text: str = Field(description="The date exactly as written, e.g. '3rd February 2025' or '[date]'.")
    agency: str | None = Field(
        description="Canonical agency name (e.g. 'Health Visiting' for 'HV'); unknown agencies as written."
    )
    agency_text: str = Field(description="The agency exactly as written; empty when the row named none.")
    event: str = Field(
        description="What happened, verbatim; lines of a multi-line event joined with newlines."
    )
    extra: dict[str, str] = Field(
        default_factory=dict,
        description="Other non-empty cells of the row (e.g. Outcome), keyed by header or 'column N'.",
    )
    row_format: RowFormat = Field(description="The format the row was written in.")
    source: list[SourceSpan] = Field(
        min_length=1, description="Every input line the entry came from, in order."
    )

    @property
    def first_line(self) -> int:
        return self.source[0].line

    def date_range(self) -> tuple[dt.date, dt.date] | None:
        """Earliest and latest day the entry can refer to, given its precision; None when undated."""
        if self.date is None:
            return None
        start = dt.date.fromisoformat(self.date)
        if self.date_precision == "year":
            return start, dt.date(start.year, 12, 31)
        if self.date_precision == "month":
            next_month = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
            return start, dt.date.fromordinal(next_month.toordinal() - 1)
        return start, start


class UnparsedLine(BaseModel):
    """A line that could not be read as a row or attached to one; shown to the author, never dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    line: int = Field(ge=1, description="1-based line number in the input.")
    text: str = Field(description="The raw line exactly as it appears in the input.")
    reason: str = Field(description="Why the line could not be used, in words an author can act on.")


class SkippedLine(BaseModel):
    """Lines deliberately left out of the timeline because they carry no event (blank, header, separator).

    A run of consecutive lines skipped for the same reason is one record: a paste of a million blank lines
    is one record of a million lines, not a million records.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    line: int = Field(ge=1, description="1-based line number of the first skipped line in the input.")
    kind: SkipKind = Field(description="Why the lines were skipped.")
    count: int = Field(
        default=1, ge=1, description="How many consecutive lines, from `line` on, are skipped."
    )

    @property
    def lines(self) -> range:
        """The 1-based line numbers of the skipped lines."""
        return range(self.line, self.line + self.count)


class ChronologyIssue(BaseModel):
    """Something the author should check; entries are never altered or removed because of it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: IssueKind = Field(description="Category of problem.")
    message: str = Field(description="What is wrong and where, in plain words.")
    lines: list[int] = Field(default_factory=list, description="1-based input lines the issue refers to.")


class LineAccounting(BaseModel):
    """Where each input line went; `complete` proves nothing was dropped or counted twice."""

    model_config = ConfigDict(extra="forbid")

    roles: dict[int, LineRole] = Field(description="Role of each accounted line, by 1-based line number.")
    missing: list[int] = Field(description="Lines that ended up nowhere (should always be empty).")
    claimed_twice: list[int] = Field(description="Lines claimed by more than one place (should be empty).")

    @property
    def complete(self) -> bool:
        return not self.missing and not self.claimed_twice


class Chronology(BaseModel):
    """The parsed timeline plus everything that did not become part of it."""

    model_config = ConfigDict(extra="forbid")

    entries: list[ChronologyEntry] = Field(description="Timeline entries in input order (never re-sorted).")
    unparsed: list[UnparsedLine] = Field(description="Lines that could not be placed, with reasons.")
    skipped: list[SkippedLine] = Field(
        description="Blank, header and table-separator lines, counted; consecutive lines of a kind in one record."
    )
    issues: list[ChronologyIssue] = Field(description="Problems for the author to check, in line order.")
    detected_format: DetectedFormat = Field(description="Format of the rows, 'mixed' when more than one.")
    line_count: int = Field(ge=0, description="Number of lines in source_text.")
    source_text: str = Field(
        description=(
            "The text every SourceSpan indexes into: the paste itself, or for a .docx its tables rendered "
            "one row per line with tab-separated cells."
        )
    )

    def issues_of(self, kind: IssueKind) -> list[ChronologyIssue]:
        return [issue for issue in self.issues if issue.kind == kind]

    def counts(self) -> dict[str, int]:
        """Headline numbers for a summary line; keys are stable for the UI and tests."""
        dated = sum(1 for entry in self.entries if entry.date is not None)
        skipped = {kind: 0 for kind in ("blank", "header", "separator")}
        for run in self.skipped:
            skipped[run.kind] += run.count
        return {
            "lines": self.line_count,
            "entries": len(self.entries),
            "dated": dated,
            "undated": len(self.entries) - dated,
            "unparsed": len(self.unparsed),
            **skipped,
            "issues": len(self.issues),
        }

    def line_accounting(self) -> LineAccounting:
        roles: dict[int, LineRole] = {}
        claimed_twice: set[int] = set()

        def claim(line: int, role: LineRole) -> None:
            if line in roles:
                claimed_twice.add(line)
            roles[line] = role

        for entry in self.entries:
            for span in entry.source:
                claim(span.line, "entry")
        for skipped in self.skipped:
            for line in skipped.lines:
                claim(line, skipped.kind)
        for unparsed in self.unparsed:
            claim(unparsed.line, "unparsed")
        missing = [n for n in range(1, self.line_count + 1) if n not in roles]
        return LineAccounting(roles=roles, missing=missing, claimed_twice=sorted(claimed_twice))
