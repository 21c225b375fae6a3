"""Model output shapes for drafting and lines of enquiry, and how they are grounded before use.

A model sentence survives only if it cites chronology lines that exist and quotes, character for character,
a phrase that is on one of them; a model question survives only if its quotes are found in the text.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.domain.drafting import Citation, Draft, DraftBlock, DraftSection, DraftSentence
from assistant.domain.kloe import KeyLineOfEnquiry, KloeReport
from assistant.privacy import Redaction
from assistant.providers.grounding import locate


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ModelSentence(_Out):
    section: Literal["incident_summary", "agency_involvement"] = Field(
        description="Which part it belongs to."
    )
    text: str = Field(description="The sentence.")
    lines: list[int] = Field(min_length=1, description="Chronology line numbers (the L numbers) it rests on.")
    quote: str = Field(description="A short phrase copied exactly from one of those lines.")


class ModelDraft(_Out):
    sentences: list[ModelSentence] = Field(max_length=20, description="The narrative, in order.")


class ModelLine(_Out):
    theme: str = Field(description="Short theme title.")
    question: str = Field(description="The question for the meeting.")
    rationale: str = Field(description="Why it arises from the text, one sentence.")
    quotes: list[str] = Field(min_length=1, max_length=3, description="Exact quotes from the text.")


class ModelEnquiry(_Out):
    lines_of_enquiry: list[ModelLine] = Field(max_length=5, description="Further lines of enquiry.")


TITLES = {
    "incident_summary": "Narrative summary of the incident (model-drafted; each sentence cites the chronology)",
    "agency_involvement": "Narrative of agency involvement (model-drafted; each sentence cites the chronology)",
}


def _line_spans(draft: Draft) -> dict[int, tuple[int, int]]:
    spans: dict[int, tuple[int, int]] = {}
    for item in draft.timeline:
        for line in item.lines:
            spans.setdefault(line, (item.start, item.end))
    return spans


def narrative_section(
    answer: ModelDraft, redaction: Redaction, source: str, draft: Draft
) -> tuple[DraftSection | None, int]:
    spans = _line_spans(draft)
    starts = [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", source))]
    kept: list[tuple[str, DraftSentence, int]] = []
    dropped = 0
    for sentence in answer.sentences:
        cited = [n for n in sentence.lines if n in spans]
        quote = redaction.restore(sentence.quote)
        citation = None
        for n in cited:
            lo, hi = spans[n]
            found = locate(quote, source[lo:hi])
            if found is not None:
                start = lo + found.start
                line = max(i for i, s in enumerate(starts, 1) if s <= start)
                citation = Citation(line=line, start=start, end=lo + found.end, quote=found.quote)
                break
        if citation is None:
            dropped += 1
            continue
        text = redaction.restore(sentence.text).strip()
        shown = f"{text} (“{citation.quote}”, line {citation.line})"
        kept.append((sentence.section, DraftSentence(text=shown, quotes=[citation]), citation.line))
    if not kept:
        return None, dropped
    blocks: list[DraftBlock] = []
    markdown: list[str] = []
    for part in ("incident_summary", "agency_involvement"):
        sentences = [s for section, s, _ in kept if section == part]
        if sentences:
            blocks.append(DraftBlock(kind="heading", sentences=[DraftSentence(text=TITLES[part], quotes=[])]))
            blocks.append(DraftBlock(kind="paragraph", sentences=sentences))
            markdown += [f"### {TITLES[part]}", "", " ".join(s.text for s in sentences), ""]
    section = DraftSection(
        id="model_narrative",
        title="Narrative (model-drafted, every sentence cited)",
        markdown="\n".join(markdown).strip() + "\n",
        blocks=blocks,
        sources=sorted({line for _, _, line in kept}),
    )
    return section, dropped


def merge_enquiry(report: KloeReport, answer: ModelEnquiry, redaction: Redaction, text: str) -> int:
    """Add grounded model questions to the report; return how many were dropped."""
    dropped = 0
    known = {line.question.strip().lower() for line in report.lines_of_enquiry}
    for n, line in enumerate(answer.lines_of_enquiry, 1):
        evidence = [ev for q in line.quotes if (ev := locate(redaction.restore(q), text)) is not None]
        question = redaction.restore(line.question).strip()
        if not evidence or question.lower() in known:
            dropped += 1
            continue
        known.add(question.lower())
        report.lines_of_enquiry.append(
            KeyLineOfEnquiry(
                id=f"model_{n}",
                theme=redaction.restore(line.theme).strip(),
                question=question,
                rationale=redaction.restore(line.rationale).strip() + " (suggested by the model)",
                evidence=evidence,
                lines=[text.count("\n", 0, ev.start) + 1 for ev in evidence],
                agencies=[],
                national_reviews=[],
            )
        )
    return dropped
