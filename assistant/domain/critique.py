"""What a critique returns. Field descriptions double as the JSON schema (`rapid-review schema Critique`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.domain.deadline import ReviewDateNote, ReviewDeadline
from assistant.domain.evidence import Evidence as Evidence  # re-exported: defined here first
from assistant.domain.library import LibraryPassage

Severity = Literal["must-fix", "consider"]
Origin = Literal["rules", "llm"]
# Whose judgement a finding rests on (additive to `origin`, which says who wrote it).
Source = Literal["rules", "model", "rules+model"]
Verdict = Literal["analysed", "mentioned_not_analysed", "absent"]
JudgementOutcome = Literal["agreed", "gap_withdrawn", "gap_added", "dropped", "not_answered"]
MarkStatus = Literal["addressed", "not_applicable"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GuidanceRef(_Model):
    id: str = Field(description="Guidance id, e.g. 'min-1' or 'issue-5'.")
    text: str = Field(description="The Panel's guidance text.")


class PanelCommentRef(_Model):
    id: str = Field(description="Comment id 'ex{N}-c{k}'.")
    example: int = Field(description="Example the comment was made on.")
    section: str = Field(description="Section of that example the comment follows.")
    text: str = Field(description="The Panel's comment.")
    score: float = Field(description="Retrieval score (reciprocal rank fusion).")


class NationalReviewRef(_Model):
    id: str = Field(description="Publication id, e.g. 'sudi-2020'.")
    title: str = Field(description="Full title.")
    why: str = Field(description="The case features in the draft that make it relevant.")
    evidence: list[Evidence] = Field(default_factory=list, description="Where those features appear.")


class Finding(_Model):
    code: str = Field(description="Stable code from the finding-codes taxonomy.")
    title: str = Field(description="The code's title.")
    severity: Severity = Field(description="must-fix for the Panel's minimum record; consider for the rest.")
    section: str = Field(
        description="Section of the draft the finding concerns ('Whole document' for absences)."
    )
    evidence: list[Evidence] = Field(
        default_factory=list,
        description="Spans of the input the finding rests on; empty only for a pure absence.",
    )
    message: str = Field(description="What a Panel member would say, in the Panel's voice.")
    guidance: list[GuidanceRef] = Field(default_factory=list, description="The Panel guidance behind it.")
    panel_comments: list[PanelCommentRef] = Field(
        default_factory=list, description="Similar real Panel comments from the corpus, with their example."
    )
    national_reviews: list[NationalReviewRef] = Field(
        default_factory=list,
        description="National reviews that apply, and why (NATIONAL_REVIEW_NOT_REFERENCED).",
    )
    local_passages: list[LibraryPassage] = Field(
        default_factory=list,
        description="Similar passages from the partnership's own library (redacted), each with its source and "
        "date; never from the draft itself.",
    )
    origin: Origin = Field(
        "rules", description="rules (deterministic checks) or llm (a model's point, grounded)."
    )
    source: Source = Field(
        "rules",
        description="Whose judgement it rests on: rules, model (a remote model's grounded point), or "
        "rules+model (a rule's finding that a remote model confirmed or added evidence to).",
    )
    model_note: str = Field(
        "",
        description="What a remote model said about a rule's finding (its reason, cleaned to plain text); shown "
        "marked as model-written, never as part of the Panel-voice message. Empty when the model said nothing.",
    )
    model_evidence: list[Evidence] = Field(
        default_factory=list,
        description="The spans in `evidence` that a remote model pointed to (not the rules); shown marked.",
    )


class Strength(_Model):
    code: str = Field(description="Stable strength id, e.g. 'CLEAR_DECISION'.")
    title: str = Field(description="Short name of the strength.")
    section: str = Field(description="Section where it shows.")
    evidence: list[Evidence] = Field(description="Spans of the input that show it.")
    message: str = Field(description="What a Panel member would say, in the Panel's balanced voice.")
    origin: Origin = Field("rules", description="rules or llm.")
    national_reviews: list[NationalReviewRef] = Field(
        default_factory=list,
        description="Other national reviews that also apply, offered as further reading (not a gap).",
    )


class SectionSummary(_Model):
    heading: str = Field(description="Section heading as found in the draft.")
    start: int = Field(description="Offset of the section in the input.")
    end: int = Field(description="End offset of the section.")
    findings: int = Field(description="Findings in this section.")


class JudgementRecord(_Model):
    code: str = Field(
        description="A judgement code (lived experience, race and culture, disability and health)."
    )
    rules_gap: bool = Field(description="The rule-based check reported the gap.")
    model_verdict: Verdict | None = Field(
        None, description="analysed | mentioned_not_analysed | absent; None when the model gave no answer."
    )
    outcome: JudgementOutcome = Field(
        description="agreed (the model's answer matches the rules), gap_withdrawn (a grounded quote of "
        "analysis removed the rule's gap), gap_added (added at 'consider'), dropped (the answer could not be "
        "grounded, or claimed an absence the rules contradict), not_answered."
    )
    evidence: Evidence | None = Field(None, description="The model's quote, located in the input.")
    note: str = Field("", description="The model's reason, or why its answer was dropped.")


class CritiqueMeta(_Model):
    provider: str = Field(description="Provider that produced the critique.")
    model: str | None = Field(None, description="Remote model, when one was used.")
    input_chars: int = Field(description="Length of the analysed text; offsets index into it.")
    input_sha256: str = Field(description="Hash of the analysed text.")
    exclude_example: int | None = Field(None, description="Example left out of retrieval (leave-one-out).")
    looks_like_rapid_review: bool = Field(description="False when the text does not read as a rapid review.")
    dropped_ungrounded: int = Field(
        0, description="Model points dropped because their quotes were not in the input."
    )
    notices: list[str] = Field(
        default_factory=list, description="Things the user should know (e.g. fallbacks)."
    )
    dropped_judgements: int = Field(
        0, description="Model answers to the judgement questions dropped as ungrounded or unsupported."
    )
    judgements: list[JudgementRecord] = Field(
        default_factory=list,
        description="How each judgement code was decided when a remote model was asked (empty offline).",
    )
    library_excluded: list[str] = Field(
        default_factory=list,
        description="Library documents left out because they are the draft itself or a version of it.",
    )


class Critique(_Model):
    summary: str = Field(description="Two or three sentences a Panel member might open with.")
    findings: list[Finding] = Field(description="Gaps, most important first.")
    strengths: list[Strength] = Field(description="What the draft does well.")
    sections: list[SectionSummary] = Field(description="The sections the draft was split into.")
    meta: CritiqueMeta = Field(description="How the critique was made.")
    deadline: ReviewDeadline | None = Field(
        None, description="When the review is due: from --notified, or a notification date in the draft."
    )
    information: list[ReviewDateNote] = Field(
        default_factory=list,
        description="Information about the review's timing (e.g. sent after the due date); never a finding.",
    )


class Mark(_Model):
    """The author's own mark on a finding (kept for the session, shown in every export)."""

    status: MarkStatus = Field(description="addressed, or not_applicable (with a reason).")
    reason: str = Field("", description="Why the finding does not apply; empty when addressed.")


class CritiqueComparison(_Model):
    """A new critique of an edited draft against the previous one (`assistant.critic.compare`)."""

    resolved: list[Finding] = Field(description="Findings of the previous critique that are gone now.")
    new: list[Finding] = Field(description="Findings that the previous critique did not have.")
    still_open: list[Finding] = Field(description="Findings in both (as they are in the new critique).")
