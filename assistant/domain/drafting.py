"""What drafting from a chronology returns. Field descriptions double as the JSON schema.

Grounding is structural: every fact the draft shows is a `Citation`, an exact slice of the chronology
(`quote == source_text[start:end]`, inside line `line`), and every sentence, table cell and section lists the
citations it rests on. Template words ("On …, … recorded:") carry no facts about the family; a value the
chronology does not give reads "Not recorded" rather than being guessed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.domain.chronology import ChronologyIssue, DatePrecision, UnparsedLine
from assistant.domain.critique import Critique
from assistant.domain.deadline import ReviewDeadline

NOT_RECORDED = "Not recorded"
NOT_RECORDED_PANEL = "Not recorded — the Panel expects this"

BlockKind = Literal["heading", "paragraph", "bullet", "table"]
FactId = Literal["child", "age", "gender", "ethnicity", "disability", "education"]
PersonRole = Literal["subject", "child", "parent", "carer", "relative", "adult", "other"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Citation(_Model):
    """An exact piece of the chronology that a sentence or cell rests on."""

    line: int = Field(ge=1, description="1-based line of the chronology the quote is on.")
    start: int = Field(ge=0, description="Offset of the quote in the chronology text.")
    end: int = Field(ge=0, description="Offset just past the quote (exclusive).")
    quote: str = Field(description="The chronology's own words; equals source_text[start:end].")


class DraftSentence(_Model):
    """A sentence (or bullet, or heading) of the draft: template words plus quoted facts."""

    text: str = Field(description="The sentence as shown; each citation's quote appears in it verbatim.")
    quotes: list[Citation] = Field(
        default_factory=list, description="The chronology's words this sentence shows, in order."
    )


class DraftCell(_Model):
    text: str = Field(description="The cell as shown ('Not recorded' when the chronology does not say).")
    quotes: list[Citation] = Field(
        default_factory=list, description="The chronology's words this cell shows; empty for a label."
    )


class DraftRow(_Model):
    cells: list[DraftCell] = Field(description="One cell per column.")
    lines: list[int] = Field(default_factory=list, description="Chronology lines the row comes from.")


class DraftTable(_Model):
    columns: list[str] = Field(description="Column headings.")
    rows: list[DraftRow] = Field(description="Rows in display order.")


class DraftBlock(_Model):
    kind: BlockKind = Field(description="heading (a sub-heading), paragraph, bullet or table.")
    sentences: list[DraftSentence] = Field(
        default_factory=list, description="The block's sentences (empty for a table)."
    )
    table: DraftTable | None = Field(None, description="The table, for kind 'table'.")


class DraftSection(_Model):
    id: str = Field(description="Stable id, e.g. 'case_information'.")
    title: str = Field(description="Section heading.")
    markdown: str = Field(description="The section body as markdown (without its heading).")
    blocks: list[DraftBlock] = Field(description="The section's content, structured, in order.")
    sources: list[int] = Field(description="Every chronology line the section cites, sorted.")


class TimelineItem(_Model):
    date: str | None = Field(description="ISO 8601 date (first day for month/year precision), or null.")
    date_precision: DatePrecision = Field(description="day, month, year or unknown.")
    date_text: str = Field(description="The date as written ('' when the row gave none).")
    agency: str | None = Field(description="Canonical agency name, or null when the row named none.")
    agency_text: str = Field(description="The agency as written.")
    event: str = Field(description="What happened, verbatim from the chronology.")
    lines: list[int] = Field(description="Chronology lines of the entry.")
    start: int = Field(ge=0, description="Offset of the entry's first line in the chronology text.")
    end: int = Field(ge=0, description="Offset just past the entry's last line.")
    undated: bool = Field(description="True when the entry has no usable date; kept, in input order, last.")
    position: int = Field(ge=0, description="The entry's position in the input (0-based).")


class PersonDetail(_Model):
    value: str | None = Field(description="What the chronology says, or null when it does not say.")
    quotes: list[Citation] = Field(default_factory=list, description="Where it says it.")


class Person(_Model):
    id: str = Field(description="Stable id, e.g. 'mother', 'child-x', 'adult-a'.")
    name: str = Field(description="How the draft names them, e.g. 'CHILD X', 'Mother', \"Mother's partner\".")
    role: PersonRole = Field(description="subject, child, parent, carer, relative, adult or other.")
    subject: bool = Field(False, description="True for the child the review is about.")
    written_as: list[str] = Field(description="The distinct ways the chronology names them.")
    relationship: PersonDetail = Field(description="Relationship as the chronology states it.")
    age: PersonDetail = Field(description="Age or date of birth, only where stated next to them.")
    ethnicity: PersonDetail = Field(description="Ethnicity, only where stated next to them.")
    health: PersonDetail = Field(description="Health or disability, only where stated next to them.")
    mentions: int = Field(ge=0, description="How many times the chronology names them.")
    lines: list[int] = Field(description="Lines that name them (first 50).")


class CaseFact(_Model):
    id: FactId = Field(description="Which fact about the child.")
    label: str = Field(description="Row label in the case-information table.")
    value: str | None = Field(description="Shown value built only from quotes; null when not recorded.")
    quotes: list[Citation] = Field(default_factory=list, description="The chronology's words for it.")
    note: str = Field("", description="How a value was worked out (e.g. age from two dated lines).")
    hints: list[DraftSentence] = Field(
        default_factory=list,
        description="Pointers for the author when the value is not recorded (e.g. pronouns used).",
    )


class DraftGap(_Model):
    code: str = Field(description="Finding code from finding-codes.yaml.")
    title: str = Field(description="The code's title.")
    detail: str = Field(description="What the chronology does not say, in plain words.")


class DraftMeta(_Model):
    provider: str = Field(description="Provider that produced the draft.")
    model: str | None = Field(None, description="Remote model, when one was used.")
    input_chars: int = Field(description="Length of the chronology text; citation offsets index into it.")
    input_sha256: str = Field(description="Hash of the chronology text.")
    detected_format: str = Field(description="Row format the parser detected (tab, pipe, csv, …, mixed).")
    counts: dict[str, int] = Field(description="Lines, entries, dated, undated, unparsed, issues …")
    today: str = Field(description="ISO date used to flag future dates.")
    notices: list[str] = Field(default_factory=list, description="Things the user should know.")
    dropped_ungrounded: int = Field(0, description="Model sentences dropped because they were not grounded.")


class Draft(_Model):
    sections: list[DraftSection] = Field(description="The draft's factual sections, in order.")
    timeline: list[TimelineItem] = Field(
        description="Every entry: dated ones sorted by date, then undated ones in input order."
    )
    people: list[Person] = Field(description="People the chronology names, the subject child first.")
    gaps: list[str] = Field(description="Finding codes for what the chronology does not say.")
    gap_details: list[DraftGap] = Field(description="The same gaps with titles and details.")
    case_facts: list[CaseFact] = Field(description="The child's details, each cited or 'not recorded'.")
    unparsed: list[UnparsedLine] = Field(description="Chronology lines that could not be read, with reasons.")
    issues: list[ChronologyIssue] = Field(
        description="Problems in the chronology (dates, duplicates, order …)."
    )
    decision_note: str = Field(description="Who decides: the draft lays out facts, people decide.")
    critique: Critique | None = Field(None, description="Panel-style critique of this draft (--critique).")
    deadline: ReviewDeadline | None = Field(
        None, description="When the review is due: from --notified, or a notification date in the text."
    )
    meta: DraftMeta = Field(description="How the draft was made.")

    def section(self, section_id: str) -> DraftSection:
        return next(s for s in self.sections if s.id == section_id)
