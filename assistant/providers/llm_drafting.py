"""Model output shapes for drafting and lines of enquiry, and how they are grounded before use.

A model sentence survives only if it cites chronology lines that exist and quotes, character for character,
a phrase that is on one of them; a model question survives only if its quotes are found in the text. Every
quote must also be a meaningful span (`grounding.ground_quote`: at least 20 characters or a whole clause),
every field is length-capped by the schema, and every model-written string is cleaned to plain one-line
text (`assistant.llm.untrusted`) before its placeholders are restored. The narrative section and each model
line of enquiry say in their titles that a model wrote them.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from assistant.domain.drafting import Citation, Draft, DraftBlock, DraftSection, DraftSentence
from assistant.domain.kloe import KeyLineOfEnquiry, KloeReport
from assistant.llm.untrusted import clean_model_text, markdown_inline
from assistant.privacy import Redaction
from assistant.providers.grounding import ground_quote

MODEL_LINE_PREFIX = "model_"
MODEL_LINE_MARK = "(model-written)"


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ModelSentence(_Out):
    section: Literal["incident_summary", "agency_involvement"] = Field(
        description="Which part it belongs to."
    )
    text: str = Field(max_length=600, description="The sentence, plain text.")
    lines: list[int] = Field(
        min_length=1, max_length=10, description="Chronology line numbers (the L numbers) it rests on."
    )
    quote: str = Field(
        max_length=600,
        description="A phrase copied exactly from one of those lines: at least 20 characters, or a whole clause.",
    )


class ModelDraft(_Out):
    sentences: list[ModelSentence] = Field(max_length=20, description="The narrative, in order.")


class ModelLine(_Out):
    theme: str = Field(max_length=120, description="Short theme title.")
    question: str = Field(max_length=400, description="The question for the meeting.")
    rationale: str = Field(max_length=600, description="Why it arises from the text, one sentence.")
    quotes: list[Annotated[str, StringConstraints(max_length=600)]] = Field(
        min_length=1,
        max_length=3,
        description="Exact quotes from the text, each at least 20 characters or a whole clause.",
    )


class ModelEnquiry(_Out):
    lines_of_enquiry: list[ModelLine] = Field(max_length=5, description="Further lines of enquiry.")


TITLES = {
    "incident_summary": "Narrative summary of the incident (model-written; each sentence cites the chronology)",
    "agency_involvement": "Narrative of agency involvement (model-written; each sentence cites the chronology)",
}
SECTION_TITLE = "Narrative (model-written by a remote model, every sentence cited; check each one)"


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
        citation = None
        for n in cited:
            found, _ = ground_quote(sentence.quote, redaction, source, within=spans[n])
            if found is not None:
                line = max(i for i, s in enumerate(starts, 1) if s <= found.start)
                citation = Citation(line=line, start=found.start, end=found.end, quote=found.quote)
                break
        text = clean_model_text(redaction.restore(clean_model_text(sentence.text, 600)), 600)
        if citation is None or not text:
            dropped += 1
            continue
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
            # Markdown from model text: escaped, one line, so only this template makes structure.
            markdown += [f"### {TITLES[part]}", "", " ".join(markdown_inline(s.text) for s in sentences), ""]
    section = DraftSection(
        id="model_narrative",
        title=SECTION_TITLE,
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
        evidence = [ev for q in line.quotes if (ev := ground_quote(q, redaction, text)[0]) is not None]
        question = _clean(line.question, redaction, 400)
        theme = _clean(line.theme, redaction, 120)
        if not evidence or not question or question.lower() in known:
            dropped += 1
            continue
        known.add(question.lower())
        report.lines_of_enquiry.append(
            KeyLineOfEnquiry(
                id=f"{MODEL_LINE_PREFIX}{n}",
                theme=f"{theme or 'Further question'} {MODEL_LINE_MARK}",
                question=question,
                rationale=_clean(line.rationale, redaction, 600) + " (suggested by a remote model)",
                evidence=evidence,
                lines=[text.count("\n", 0, ev.start) + 1 for ev in evidence],
                agencies=[],
                national_reviews=[],
            )
        )
    return dropped


def _clean(text: str, redaction: Redaction, limit: int) -> str:
    return clean_model_text(redaction.restore(clean_model_text(text, limit)), limit)


def is_model_line(line: KeyLineOfEnquiry) -> bool:
    """A line of enquiry a remote model suggested (not one the offline engine found)."""
    return line.id.startswith(MODEL_LINE_PREFIX)
