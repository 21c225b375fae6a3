"""Plain language where a person reads (issue 13 part 3): finding codes, guidance ids and character offsets
appear in the JSON and in the collapsed "For evaluators" section at the end of the markdown, and nowhere in
the markdown's body, the Word report or the Word comments; every output lists findings in the draft's order.
"""

from __future__ import annotations

import hashlib
import io
import re

import docx

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
from assistant.render.critique_markdown import EVALUATORS_SUMMARY, critique_markdown
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
