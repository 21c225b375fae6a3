"""Key lines of enquiry and the LCSPR criteria evidence table, for chairs.

The report lays out evidence; it never says whether to commission a review. Every evidence item is an
exact span of the analysed text (`Evidence.quote == text[start:end]`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.domain.chronology import ChronologyIssue
from assistant.domain.critique import Evidence, NationalReviewRef
from assistant.domain.deadline import ReviewDeadline
from assistant.domain.library import LibraryPassage

InputKind = Literal["chronology", "draft"]
CriterionGroup = Literal["regulation_11", "additional_circumstance"]

NO_EVIDENCE = "No evidence found in the text"
DECISION_NOTE = (
    "Whether to commission a local child safeguarding practice review is a decision for the safeguarding "
    "partners. This report lays out the evidence in the text for and against each criterion; it makes no "
    "recommendation, and meeting a criterion does not oblige the partners to commission a review."
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class KeyLineOfEnquiry(_Model):
    id: str = Field(description="Theme id, e.g. 'domestic_abuse'.")
    theme: str = Field(description="Theme title, e.g. 'Domestic abuse'.")
    question: str = Field(
        description="The question for the rapid review meeting or an LCSPR's terms of reference."
    )
    rationale: str = Field(description="Why the question arises from this text.")
    evidence: list[Evidence] = Field(description="Quotes from the text, with exact offsets.")
    lines: list[int] = Field(
        description="1-based line of each evidence quote, in the same order as evidence."
    )
    agencies: list[str] = Field(description="Agencies whose entries carry the evidence (chronology input).")
    national_reviews: list[NationalReviewRef] = Field(
        description="National reviews the question connects to, and why."
    )
    local_passages: list[LibraryPassage] = Field(
        default_factory=list,
        description="Similar passages from the partnership's own library (redacted), with source and date.",
    )


class OpenQuestion(_Model):
    id: str = Field(description="What the text is silent on, e.g. 'lived_experience'.")
    question: str = Field(description="The question the meeting should put to agencies.")
    why: str = Field(description="What the text does not say.")
    gap: str | None = Field(None, description="The matching finding code, when there is one.")


class CriterionPoint(_Model):
    reason: str = Field(description="What the quote shows in relation to the criterion.")
    evidence: Evidence = Field(description="The quote, with exact offsets.")
    line: int = Field(ge=1, description="1-based line of the text.")


class CriterionEvidence(_Model):
    id: str = Field(description="'reg11-a'..'reg11-d' or 'also-*' (corpus criterion id).")
    group: CriterionGroup = Field(description="Regulation 11 criterion or additional circumstance.")
    label: str = Field(description="Short label, e.g. 'Regulation 11(a)'.")
    criterion: str = Field(description="The criterion as worded in the regulations or guidance.")
    evidence_for: list[CriterionPoint] = Field(description="Evidence in the text that bears for it.")
    evidence_against: list[CriterionPoint] = Field(description="Evidence in the text that bears against it.")
    summary_for: str = Field(description=f"One line; '{NO_EVIDENCE}' when there is none.")
    summary_against: str = Field(description=f"One line; '{NO_EVIDENCE}' when there is none.")


class ThemeSummary(_Model):
    id: str = Field(description="Theme id.")
    title: str = Field(description="Theme title.")
    hits: int = Field(description="Distinct evidence quotes found.")
    lines: list[int] = Field(description="Lines they are on.")


class KloeMeta(_Model):
    provider: str = Field(description="Provider that produced the report.")
    model: str | None = Field(None, description="Remote model, when one was used.")
    input_kind: InputKind = Field(description="Whether the text was read as a chronology or a draft review.")
    input_chars: int = Field(description="Length of the analysed text; offsets index into it.")
    input_sha256: str = Field(description="Hash of the analysed text.")
    exclude_example: int | None = Field(None, description="Example left out of retrieval (leave-one-out).")
    notices: list[str] = Field(default_factory=list, description="Things the user should know.")
    library_excluded: list[str] = Field(
        default_factory=list,
        description="Library documents left out because they are the text itself or a version of it.",
    )


class KloeReport(_Model):
    child: str = Field(description="How the text names the child ('the child' when it does not).")
    lines_of_enquiry: list[KeyLineOfEnquiry] = Field(
        description="Questions with their evidence, strongest first."
    )
    not_in_text: list[OpenQuestion] = Field(
        description="Questions the Panel always expects answered that the text says nothing about."
    )
    criteria: list[CriterionEvidence] = Field(
        description="Each regulation 11 criterion and additional circumstance, with evidence for and against."
    )
    themes: list[ThemeSummary] = Field(description="Every theme detected, with how much evidence.")
    decision_note: str = Field(description="The decision rests with the safeguarding partners.")
    chronology_issues: list[ChronologyIssue] = Field(
        default_factory=list, description="Problems in the chronology, when the input was one."
    )
    deadline: ReviewDeadline | None = Field(
        None, description="When the review is due: from --notified, or a notification date in the text."
    )
    meta: KloeMeta = Field(description="How the report was made.")
