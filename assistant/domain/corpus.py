"""Typed records of the Panel's "Rapid review examples" publication and the reference data."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.domain.library import LibraryPassage

Kind = Literal["guidance", "review_section", "panel_comment", "national_review", "criterion"]
KINDS: tuple[Kind, ...] = ("guidance", "review_section", "panel_comment", "national_review", "criterion")


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Guidance(Record):
    id: str = Field(
        description="Stable id, e.g. 'min-1' (minimum requirement) or 'issue-5' (important issue)."
    )
    group: Literal["minimum_requirement", "important_issue"] = Field(description="Which list it comes from.")
    text: str = Field(description="The guidance text as the Panel wrote it.")


class PanelComment(Record):
    id: str = Field(description="'ex{N}-c{k}': the k-th Panel comment of example N, in document order.")
    example: int = Field(ge=1, le=5, description="Example number 1-5.")
    section: str = Field(description="Heading of the review section the comment follows.")
    text: str = Field(description="The comment without its 'Panel Comment:' label.")
    start: int = Field(ge=0, description="Offset of the comment paragraph in the publication text.")


class ReviewSection(Record):
    example: int = Field(ge=1, le=5, description="Example number 1-5.")
    index: int = Field(ge=0, description="Position of the section within the example.")
    heading: str = Field(
        description="Section heading as it appears in the review ('' for text before any heading)."
    )
    text: str = Field(description="Section text with the Panel's comments removed.")
    comment_ids: tuple[str, ...] = Field(default=(), description="Ids of the Panel comments that follow it.")


class Example(Record):
    number: int = Field(ge=1, le=5, description="Example number.")
    title: str = Field(description="Title, e.g. 'Sudden Unexpected Death in Infancy'.")
    incident_type: str = Field(description="Type of incident named in the title.")
    verdict: str = Field(description="The Panel's introductory paragraph about this review.")
    lcspr_decision: Literal["commission", "not_commission"] = Field(
        description="What the partnership decided."
    )
    panel_agreed: bool = Field(description="Whether the Panel agreed with the decision.")
    sections: tuple[ReviewSection, ...] = Field(description="The review's sections in order.")
    comments: tuple[PanelComment, ...] = Field(description="The Panel's comments in order.")
    text: str = Field(description="The example's full text as published, comments included.")
    stripped_text: str = Field(description="The review text without the verdict and the Panel's comments.")


class NationalReview(Record):
    id: str = Field(description="Stable id, e.g. 'sudi-2020'.")
    title: str = Field(description="Full title of the publication.")
    short_names: tuple[str, ...] = Field(description="Names a draft may use to refer to it.")
    published: str | None = Field(
        description="Publication month, YYYY-MM; None when the reference data gives no date."
    )
    kind: str = Field(description="national review | briefing paper | thematic analysis | annual report.")
    theme: str = Field(description="What it is about.")
    source: str = Field(description="Who published it and where, as the reference data records it.")
    checked: str = Field(description="When its facts were last checked against public sources, YYYY-MM.")
    evidence_base: str = Field("", description="What it was drawn from (cases, reviews), when recorded.")
    key_points: tuple[str, ...] = Field(description="Its main findings.")
    triggers: tuple[str, ...] = Field(description="Case features that make it relevant.")
    requires: tuple[tuple[str, ...], ...] = Field(
        default=(),
        description="Regex groups that must each match for it to apply (e.g. a baby AND co-sleeping).",
    )
    reference_patterns: tuple[str, ...] = Field(
        default=(), description="Regexes by which a draft may refer to it."
    )

    @property
    def supporting_only(self) -> bool:
        """An annual report gathers themes across all notifications: context for a review, never the one
        publication a draft must cite."""
        return self.kind == "annual report"

    @property
    def date_label(self) -> str:
        return self.published or "date not recorded"


class FrameworkDocument(Record):
    id: str = Field(description="Stable id, e.g. 'working-together-2023'.")
    title: str = Field(description="Title of the statute, guidance or publication.")
    published: str = Field(description="Date: YYYY, YYYY-MM or YYYY-MM-DD.")
    source: str = Field(description="Where it comes from.")
    status: str = Field(description="Whether it is current, and what it replaces or was replaced by.")


class Criterion(Record):
    id: str = Field(description="'reg11-a'..'reg11-d', 'also-1'.., 'national-1'.., or a framework fact id.")
    group: Literal["local_review", "local_review_also_consider", "national_review", "framework"] = Field(
        description="Which list it belongs to."
    )
    text: str = Field(description="The criterion or fact.")


class Corpus(Record):
    guidance: tuple[Guidance, ...] = Field(description="7 minimum requirements and 9 important issues.")
    examples: tuple[Example, ...] = Field(description="The five example rapid reviews.")
    national_reviews: tuple[NationalReview, ...] = Field(description="National reviews and briefing papers.")
    criteria: tuple[Criterion, ...] = Field(description="Statutory criteria and framework facts.")
    framework: tuple[FrameworkDocument, ...] = Field(
        default=(), description="The statutes and guidance the expectations come from, with their dates."
    )
    reference_checked: str = Field(
        description="The oldest 'checked' month (YYYY-MM) across the reference data: when it was last checked."
    )
    content_hash: str = Field(
        description="sha256 over every corpus file; the index is rebuilt when it changes."
    )

    @property
    def panel_comments(self) -> tuple[PanelComment, ...]:
        return tuple(c for e in self.examples for c in e.comments)

    def example(self, number: int) -> Example:
        for e in self.examples:
            if e.number == number:
                return e
        raise KeyError(number)

    def guidance_by_id(self, gid: str) -> Guidance:
        return next(g for g in self.guidance if g.id == gid)

    def national_review(self, rid: str) -> NationalReview:
        return next(r for r in self.national_reviews if r.id == rid)


class CorpusCounts(Record):
    examples: int = Field(description="Example reviews.")
    panel_comments: int = Field(description="Panel comments across the examples.")
    minimum_requirements: int = Field(description="Minimum requirements for a rapid review.")
    important_issues: int = Field(description="Important issues to consider.")
    national_reviews: int = Field(description="National reviews and briefing papers.")
    criteria: int = Field(description="Statutory criteria and framework facts.")
    review_sections: int = Field(description="Sections across the five examples.")


class PublicationSummary(Record):
    id: str = Field(description="Stable id.")
    title: str = Field(description="Full title.")
    kind: str = Field(
        description="national review | briefing paper | thematic analysis | annual report | guidance."
    )
    date: str = Field(description="Publication date as recorded, or 'date not recorded'.")
    source: str = Field(description="Where it comes from.")
    status: str = Field("", description="For the framework: whether it is current, and what it replaced.")
    role: Literal["may_be_required", "supporting", "framework"] = Field(
        description="may_be_required: a critique may ask a draft to cite it; supporting: offered only as "
        "further reading (annual reports); framework: statute or guidance the expectations rest on."
    )


class CorpusSummary(Record):
    counts: CorpusCounts = Field(description="How many of each kind of record the corpus holds.")
    examples: tuple[str, ...] = Field(description="'Example N: title' for each example.")
    publications: tuple[PublicationSummary, ...] = Field(
        default=(), description="National reviews, annual reports and the framework, with sources and dates."
    )
    reference_checked: str = Field("", description="When the reference data was last checked (YYYY-MM).")
    reference_stale: bool = Field(
        False, description="True when that was more than 12 months before today: the data may be out of date."
    )
    content_hash: str = Field(description="sha256 of the corpus files.")
    source: str = Field(description="Attribution of the publication.")


class SearchResult(Record):
    id: str = Field(description="Index id of the item.")
    text: str = Field(description="The item's text.")
    kind: Kind = Field(description="guidance | review_section | panel_comment | national_review | criterion.")
    source: str = Field(
        description="Where it comes from, e.g. 'Example 1, Panel comment on \"Case information\"'."
    )
    example: int | None = Field(None, description="Example number, when the item comes from an example.")
    section: str | None = Field(None, description="Section heading, when the item comes from an example.")
    score: float = Field(description="Fused reciprocal-rank score (higher is better).")


class SearchResponse(Record):
    query: str = Field(description="The query as given.")
    results: tuple[SearchResult, ...] = Field(description="Best first.")
    local_passages: tuple[LibraryPassage, ...] = Field(
        default=(), description="Passages from the partnership's own library (redacted), best first."
    )
