"""Drafts and lines of enquiry as Word documents: real headings, real tables (python-docx).

Word is for people: facts and quotes carry the line of the text they come from, and no finding or gap code,
theme or criterion id, guidance id or character offset (those are in the JSON output)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from docx.document import Document as DocxDocument

from assistant.domain.critique import Finding
from assistant.domain.drafting import Draft, DraftBlock, DraftTable
from assistant.domain.kloe import CriterionPoint, KloeReport
from assistant.llm.untrusted import clean_model_text
from assistant.render.critique_markdown import MODEL_ADDITION, MODEL_POINT, is_model_point
from assistant.render.deadline_text import add_timing_docx
from assistant.render.docx_build import BodyWriter
from assistant.render.draft_markdown import DRAFT_PREAMBLE, DRAFT_TITLE
from assistant.render.finding_order import findings_in_draft_order
from assistant.render.kloe_markdown import KLOE_TITLE, MODEL_LINE_NOTE, MODEL_LINE_PREFIX
from assistant.render.word import new_document, to_bytes

TABLE_STYLE = "Table Grid"
# Word is read by a person: past this many, a list of chronology problems stops helping (a 1 MB file of bullet
# lines had 90,909 unread lines). The rest are named, and every one is in the markdown and JSON output.
WORD_LIST_LIMIT = 500

T = TypeVar("T")


def _first(items: Sequence[T], what: str, doc: DocxDocument) -> Sequence[T]:
    """The first WORD_LIST_LIMIT of `items`, after a line saying how many there are if that is not all."""
    if len(items) <= WORD_LIST_LIMIT:
        return items
    doc.add_paragraph(
        f"The first {WORD_LIST_LIMIT:,} of {len(items):,} {what} are listed here; the markdown and JSON output "
        "(without -o FILE.docx, or with --format json) list every one."
    )
    return items[:WORD_LIST_LIMIT]


def _table(doc: DocxDocument, columns: list[str], rows: list[list[str]]) -> None:
    writer = BodyWriter(doc)
    writer.table(columns, rows, style=TABLE_STYLE)
    writer.paragraph()


def _draft_table(doc: DocxDocument, table: DraftTable) -> None:
    _table(doc, table.columns, [[c.text for c in row.cells] for row in table.rows])


_BLOCK_STYLE = {"heading": "Heading 2", "paragraph": None, "bullet": "List Bullet"}


def _blocks(doc: DocxDocument, blocks: list[DraftBlock]) -> None:
    writer = BodyWriter(doc)
    run: list[tuple[str, str | None]] = []  # paragraphs waiting to be written in one go
    for block in blocks:
        if block.kind in _BLOCK_STYLE:
            run.append((" ".join(s.text for s in block.sentences), _BLOCK_STYLE[block.kind]))
        elif block.table is not None:
            writer.paragraphs(run)
            run = []
            _draft_table(doc, block.table)
    writer.paragraphs(run)


def draft_docx(draft: Draft) -> bytes:
    doc = new_document(DRAFT_TITLE)
    doc.add_paragraph(DRAFT_PREAMBLE, style="Intense Quote")
    for notice in draft.meta.notices:
        doc.add_paragraph(f"Note: {clean_model_text(notice, 4000)}", style="Intense Quote")
    add_timing_docx(doc, draft.deadline)
    for section in draft.sections:
        doc.add_heading(section.title, level=1)
        _blocks(doc, section.blocks)
    doc.add_heading("For the author: what the chronology does not say", level=1)
    if draft.gap_details:
        _table(doc, ["Gap", "Detail"], [[g.title, g.detail] for g in draft.gap_details])
    else:
        doc.add_paragraph("Nothing the checks look for is missing.")
    doc.add_heading("For the author: chronology checks", level=1)
    if draft.issues:
        _table(
            doc,
            ["Lines", "Issue"],
            [
                [", ".join(str(n) for n in i.lines) or "—", i.message]
                for i in _first(draft.issues, "chronology issues", doc)
            ],
        )
    if draft.unparsed:
        doc.add_heading("Lines that could not be read", level=2)
        _table(
            doc,
            ["Line", "Text", "Why"],
            [
                [str(u.line), u.text, u.reason]
                for u in _first(draft.unparsed, "lines that could not be read", doc)
            ],
        )
    if not draft.issues and not draft.unparsed:
        doc.add_paragraph("No issues found in the chronology.")
    doc.add_paragraph(draft.decision_note)
    if draft.critique is not None:
        critique = draft.critique
        doc.add_heading("Panel-style feedback on this draft", level=1)
        doc.add_paragraph(critique.summary)
        if critique.findings:
            _table(
                doc,
                ["Finding", "Section", "What the Panel would say"],
                [_finding_row(f) for f in findings_in_draft_order(critique)],
            )
    return to_bytes(doc)


def _finding_row(f: Finding) -> list[str]:
    """A finding as a table row; a model's point or note is labelled and cleaned to plain text."""
    if is_model_point(f):
        return [
            f"{MODEL_POINT}: {clean_model_text(f.title)}",
            f.section,
            f"{MODEL_POINT}: {clean_model_text(f.message)}",
        ]
    message = f.message
    if f.model_note:
        message += f"\n{MODEL_ADDITION}: {clean_model_text(f.model_note)}"
    return [f.title, f.section, message]


def _points(points: list[CriterionPoint], summary: str) -> str:
    if not points:
        return summary
    return "\n".join(f"{p.reason}: “{p.evidence.quote}” (line {p.line})" for p in points)


def kloe_docx(report: KloeReport) -> bytes:
    doc = new_document(KLOE_TITLE)
    doc.add_paragraph(
        f"Read as a {report.meta.input_kind} about {report.child}. Every quote is the text's own words."
    )
    for notice in report.meta.notices:
        doc.add_paragraph(f"Note: {clean_model_text(notice, 4000)}", style="Intense Quote")
    add_timing_docx(doc, report.deadline)
    doc.add_heading("Key lines of enquiry", level=1)
    for i, line in enumerate(report.lines_of_enquiry, start=1):
        if line.id.startswith(MODEL_LINE_PREFIX):  # a remote model's words: labelled, plain text
            doc.add_heading(f"{i}. {clean_model_text(line.theme)}", level=2)
            doc.add_paragraph(MODEL_LINE_NOTE).runs[0].italic = True
            doc.add_paragraph().add_run(clean_model_text(line.question)).bold = True
            doc.add_paragraph(f"{MODEL_POINT}: {clean_model_text(line.rationale)}")
        else:
            doc.add_heading(f"{i}. {line.theme}", level=2)
            doc.add_paragraph().add_run(line.question).bold = True
            doc.add_paragraph(line.rationale)
        _table(
            doc,
            ["Line", "Evidence"],
            [[str(n), ev.quote] for ev, n in zip(line.evidence, line.lines, strict=False)],
        )
        for nr in line.national_reviews:
            doc.add_paragraph(f"{nr.title}: {nr.why}", style="List Bullet")
    if report.not_in_text:
        doc.add_heading("Questions the text cannot answer", level=1)
        BodyWriter(doc).paragraphs((f"{q.question} {q.why}", "List Bullet") for q in report.not_in_text)
    doc.add_heading("LCSPR criteria: the evidence in the text", level=1)
    _table(
        doc,
        ["Criterion", "Evidence for", "Evidence against"],
        [
            [
                f"{c.label}: {c.criterion}",
                _points(c.evidence_for, c.summary_for),
                _points(c.evidence_against, c.summary_against),
            ]
            for c in report.criteria
        ],
    )
    doc.add_paragraph().add_run(report.decision_note).bold = True
    if report.chronology_issues:
        doc.add_heading("Chronology issues to check", level=1)
        issues = _first(report.chronology_issues, "chronology issues", doc)
        BodyWriter(doc).paragraphs((issue.message, "List Bullet") for issue in issues)
    return to_bytes(doc)
