"""Plain language where a person reads (issue 13 part 3): finding codes, guidance ids and character offsets
appear in the JSON and in the collapsed "For evaluators" section at the end of the markdown, and nowhere in
the markdown's body, the Word report or the Word comments; every output lists findings in the draft's order.
The same holds for the draft from a chronology (gap codes; with --critique, the critique's codes) and the
lines of enquiry (theme ids, gap codes, criterion ids, offsets); their line numbers stay, as people use them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from assistant.documents.reader import read_bytes
from assistant.domain.critique import (
    Critique,
    CritiqueMeta,
    Evidence,
    Finding,
    GuidanceRef,
    SectionSummary,
    Strength,
)
from assistant.drafting import draft_chronology
from assistant.enquiry import kloe_text
from assistant.render.critique_markdown import EVALUATORS_SUMMARY, critique_markdown
from assistant.render.draft_markdown import draft_markdown
from assistant.render.draft_word import draft_docx, kloe_docx
from assistant.render.kloe_markdown import kloe_markdown
from assistant.render.word import critique_docx
from assistant.render.word_comments import annotate

# What must not show where a person reads: a code, a guidance id, a character offset.
JARGON = re.compile(r"\b[A-Z]{3,}(?:_[A-Z]+)+\b|\bmin-\d+\b|\bissue-\d+\b|characters? \d+|\d+–\d+")

DRAFT = (
    "Rapid review of the death of Child M\n\n"
    "Case information\n\n"
    "Child M was a girl aged 3. She lived with her mother and grandmother.\n\n"
    "Background\n\n"
    "The family moved area twice in a year. School noted missed days.\n\n"
    "Decision\n\n"
    "The partnership will not undertake a review because learning is already known."
)


def _ev(quote: str) -> Evidence:
    start = DRAFT.index(quote)
    return Evidence(quote=quote, start=start, end=start + len(quote))


def _critique() -> Critique:
    """Findings listed most important first, as the critic lists them: not the draft's order."""

    def finding(code: str, title: str, section: str, evidence: list[Evidence], severity: str) -> Finding:
        return Finding(
            code=code,
            title=title,
            severity=severity,  # type: ignore[arg-type]
            section=section,
            evidence=evidence,
            message=f"The Panel would ask about {title.lower()}.",
            guidance=[GuidanceRef(id="min-3", text="Record the child's details.")],
        )

    findings = [
        finding(
            "DECISION_REASONS_WEAK",
            "Reasons for the decision",
            "Decision",
            [_ev("learning is already known")],
            "must-fix",
        ),
        finding("MOVES_NOT_ANALYSED", "House moves", "Background", [_ev("moved area twice")], "consider"),
        finding(
            "CHILD_ETHNICITY_MISSING", "Child's ethnicity not recorded", "Case information", [], "must-fix"
        ),
        finding(
            "AGE_DETAIL",
            "Ages of the adults",
            "Case information",
            [_ev("her mother and grandmother")],
            "consider",
        ),
    ]
    strengths = [
        Strength(
            code="CLEAR_DECISION",
            title="Clear decision",
            section="Decision",
            evidence=[_ev("will not undertake a review")],
            message="The decision is clear.",
        ),
        Strength(
            code="CHILD_DESCRIBED",
            title="The child is described",
            section="Case information",
            evidence=[_ev("a girl aged 3")],
            message="The child is described.",
        ),
    ]
    sections = [
        SectionSummary(heading=h, start=DRAFT.index(h + "\n"), end=len(DRAFT), findings=0)
        for h in ("Case information", "Background", "Decision")
    ]
    return Critique(
        summary="A short draft.",
        findings=findings,
        strengths=strengths,
        sections=sections,
        meta=CritiqueMeta(
            provider="offline",
            input_chars=len(DRAFT),
            input_sha256=hashlib.sha256(DRAFT.encode()).hexdigest(),
            looks_like_rapid_review=True,
        ),
    )


DRAFT_ORDER = [
    "Child's ethnicity not recorded",
    "Ages of the adults",
    "House moves",
    "Reasons for the decision",
]


def _positions(text: str, titles: list[str]) -> list[int]:
    return [text.index(t) for t in titles]


def test_markdown_body_is_plain_and_the_evaluators_section_has_the_codes() -> None:
    c = _critique()
    md = critique_markdown(c)
    body, evaluators = md.split("<details>")
    assert not JARGON.search(body), JARGON.search(body)
    assert "What the Panel's guidance asks: Record the child's details." in body
    # Collapsed, last, and complete.
    assert evaluators.startswith(f"\n<summary>{EVALUATORS_SUMMARY}</summary>")
    assert md.rstrip().endswith("</details>")
    for f in c.findings:
        assert f"`{f.code}`" in evaluators
    assert "min-3" in evaluators and f"{c.findings[0].evidence[0].start}–" in evaluators
    assert "| Strength: Clear decision | `CLEAR_DECISION` |" in evaluators


def test_word_report_has_no_codes_ids_or_offsets() -> None:
    data = critique_docx(_critique())
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert not JARGON.search(text), JARGON.search(text)
    assert "What the Panel's guidance asks: Record the child's details." in text


def test_word_comments_have_no_codes_ids_or_offsets() -> None:
    document = read_bytes(DRAFT.encode(), "draft.txt")
    out = docx.Document(io.BytesIO(annotate(document, _critique(), None).docx))
    words = "\n".join(c.text for c in out.comments)
    assert not JARGON.search(words), JARGON.search(words)


def test_every_output_lists_findings_in_the_drafts_order() -> None:
    c = _critique()
    body = critique_markdown(c).split("<details>")[0]
    assert _positions(body, DRAFT_ORDER) == sorted(_positions(body, DRAFT_ORDER))
    assert body.index("The child is described") < body.index("Clear decision")
    evaluators = critique_markdown(c).split("<details>")[1]
    assert _positions(evaluators, DRAFT_ORDER) == sorted(_positions(evaluators, DRAFT_ORDER))
    word = "\n".join(p.text for p in docx.Document(io.BytesIO(critique_docx(c))).paragraphs)
    assert _positions(word, DRAFT_ORDER) == sorted(_positions(word, DRAFT_ORDER))
    comments = "\n".join(
        c.text
        for c in docx.Document(
            io.BytesIO(annotate(read_bytes(DRAFT.encode(), "d.txt"), _critique(), None).docx)
        ).comments
    )
    assert _positions(comments, DRAFT_ORDER) == sorted(_positions(comments, DRAFT_ORDER))


# An invented chronology, one entry a line (so a line reference is one number, never a range like an offset).
CHRONOLOGY = (
    "Date\tAgency\tEvent\n"
    "03/03/2024\tHealth Visiting\tAntenatal contact. Mother said her partner works away. Partner not seen.\n"
    "15/05/2024\tPolice\tNeighbour reported a loud argument at the flat. Mother said it was about rent.\n"
    "16/05/2024\tChildren's Social Care\tPolice notification screened; no further action.\n"
    "02/07/2024\tGP\tBaby R seen for a cough. Mark on baby's ear noted; Mother said it was from a strap. "
    "Not referred.\n"
    "20/07/2024\tHealth Visiting\tVisit: no access. Letter left.\n"
    "05/08/2024\tEmergency Department\tBaby R brought in, not feeding, bruise on the chest. "
    "Skeletal survey found a fractured arm.\n"
)
TODAY = dt.date(2025, 1, 1)
# Beyond the critique's jargon: theme and question ids (snake case) and criterion ids.
IDS = re.compile(rf"{JARGON.pattern}|\b[a-z]+_[a-z_]+\b|\breg11-[a-d]\b|\balso-[a-z]")


def _split_once(md: str) -> tuple[str, str]:
    """The body and the one collapsed section for evaluators, which ends the markdown."""
    assert md.count("<details>") == 1 and "&lt;details" not in md
    assert md.rstrip().endswith("</details>")
    body, evaluators = md.split("<details>")
    return body, evaluators


def _docx_words(data: bytes) -> str:
    """Every paragraph and table cell of a Word document, in document order."""
    document = docx.Document(io.BytesIO(data))
    out = []
    for el in document.element.body.iterchildren():
        if el.tag.endswith("}p"):
            out.append(Paragraph(el, document).text)
        elif el.tag.endswith("}tbl"):
            out += [" | ".join(c.text for c in row.cells) for row in Table(el, document).rows]
    return "\n".join(out)


def test_kloe_markdown_keeps_ids_codes_and_offsets_for_evaluators_only() -> None:
    report = kloe_text(CHRONOLOGY, today=TODAY)
    assert report.not_in_text and any(q.gap for q in report.not_in_text)
    body, evaluators = _split_once(kloe_markdown(report))
    assert not IDS.search(body), IDS.search(body)
    assert "(line 4)" in body  # the line a chair can find stays
    assert evaluators.startswith("\n<summary>For evaluators: ")
    for line in report.lines_of_enquiry:
        assert f"`{line.id}`" in evaluators
        for ev in line.evidence:
            assert f"{ev.start}–{ev.end}" in evaluators
    for q in report.not_in_text:
        assert f"`{q.id}`" in evaluators and (q.gap is None or f"`{q.gap}`" in evaluators)
    for c in report.criteria:
        assert f"| {c.label} | `{c.id}` |" in evaluators
    assert f"Input {len(CHRONOLOGY)} characters" in evaluators


def test_kloe_word_has_no_ids_codes_or_offsets() -> None:
    report = kloe_text(CHRONOLOGY, today=TODAY)
    words = _docx_words(kloe_docx(report))
    assert not IDS.search(words), IDS.search(words)
    assert report.lines_of_enquiry[0].theme in words and "Regulation 11(a)" in words


def test_draft_markdown_keeps_gap_codes_for_evaluators_only() -> None:
    draft = draft_chronology(CHRONOLOGY, today=TODAY)
    assert draft.gap_details and draft.critique is None
    body, evaluators = _split_once(draft_markdown(draft))
    assert not IDS.search(body), IDS.search(body)
    for gap in draft.gap_details:
        assert f"- **{gap.title}**: {gap.detail}" in body
        assert f"| {gap.title} | `{gap.code}` |" in evaluators
    assert "(line 5)" in body


def test_draft_with_critique_has_one_evaluators_section_and_plain_word() -> None:
    draft = draft_chronology(CHRONOLOGY, today=TODAY).model_copy(update={"critique": _critique()})
    md = draft_markdown(draft)
    body, evaluators = _split_once(md)  # the critique's own section joins the draft's, not nested or escaped
    assert not IDS.search(body), IDS.search(body)
    assert "What the Panel's guidance asks: Record the child's details." in body
    assert "`CHILD_ETHNICITY_MISSING`" in evaluators and "`DECISION_REASONS_WEAK`" in evaluators
    assert "min-3" in evaluators and "| Strength: Clear decision | `CLEAR_DECISION` |" in evaluators
    words = _docx_words(draft_docx(draft))
    assert not IDS.search(words), IDS.search(words)
    assert _positions(words, DRAFT_ORDER) == sorted(_positions(words, DRAFT_ORDER))
    assert draft.gap_details[0].title in words
