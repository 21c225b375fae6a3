"""Word documents with real headings, lists and tables (python-docx)."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from docx import Document
from docx.document import Document as DocxDocument

from assistant.domain.critique import Critique, Finding, Mark
from assistant.llm.untrusted import clean_model_text
from assistant.privacy import RedactedEntity
from assistant.render.critique_markdown import (
    GUIDANCE_ASKS,
    MODEL_ADDITION,
    MODEL_POINT,
    MODEL_POINT_NOTE,
    MODEL_POINTS_HEADING,
    MODEL_QUOTE,
    MODEL_STRENGTHS_HEADING,
    SEVERITY_LABEL,
    is_model_evidence,
    is_model_point,
)
from assistant.render.deadline_text import add_timing_docx
from assistant.render.docx_build import BodyWriter, xml_safe
from assistant.render.finding_order import findings_in_draft_order, strengths_in_draft_order
from assistant.render.marks import MARK_LABEL, mark_for, mark_text


def new_document(title: str) -> DocxDocument:
    doc = Document()
    doc.core_properties.title = title
    doc.add_heading(title, level=0)
    return doc


def to_bytes(doc: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _labelled(doc: DocxDocument, label: str, text: str, style: str | None = None) -> None:
    """A paragraph that opens with an italic label ("Model-written point: …")."""
    paragraph = doc.add_paragraph(style=style)
    paragraph.add_run(f"{label}: ").italic = True
    paragraph.add_run(text)


def _quotes(doc: DocxDocument, f: Finding) -> None:
    for ev in f.evidence:
        mark = f" ({MODEL_QUOTE})" if is_model_evidence(f, ev) else ""
        doc.add_paragraph(xml_safe(f"“{ev.quote}”{mark}"), style="Quote")


def _rule_finding(doc: DocxDocument, f: Finding) -> None:
    doc.add_heading(f.title, level=3)
    doc.add_paragraph(SEVERITY_LABEL[f.severity]).runs[0].italic = True
    doc.add_paragraph(f.message)
    if f.model_note:
        _labelled(doc, MODEL_ADDITION, clean_model_text(f.model_note))
    _quotes(doc, f)
    for nr in f.national_reviews:
        doc.add_paragraph(f"{nr.title}: {nr.why}", style="List Bullet")
    for g in f.guidance:
        doc.add_paragraph(f"{GUIDANCE_ASKS}: {g.text}", style="List Bullet")
    for pc in f.panel_comments:
        doc.add_paragraph(
            f"Panel comment, Example {pc.example}, '{pc.section}': {pc.text}", style="List Bullet"
        )


def _model_finding(doc: DocxDocument, f: Finding) -> None:
    """A remote model's point: labelled, plain text, no severity of the rules' and no Panel sources."""
    doc.add_heading(f"{MODEL_POINT}: {clean_model_text(f.title)}", level=3)
    doc.add_paragraph(f"{MODEL_POINT} ({MODEL_POINT_NOTE}); to consider").runs[0].italic = True
    _labelled(doc, MODEL_POINT, clean_model_text(f.message))
    _quotes(doc, f)


def _sections(findings: list[Finding]) -> dict[str, list[Finding]]:
    sections: dict[str, list[Finding]] = {}
    for f in findings:
        sections.setdefault(f.section, []).append(f)
    return sections


def _mark(doc: DocxDocument, f: Finding, marks: Mapping[str, Mark] | None) -> None:
    mark = mark_for(f, marks)
    if mark is not None:
        _labelled(doc, MARK_LABEL, xml_safe(mark_text(mark)))


def critique_docx(c: Critique, marks: Mapping[str, Mark] | None = None) -> bytes:
    """The critique as a Word document. Model-written points and strengths have their own headings and
    labels, and their text is cleaned (`assistant.llm.untrusted`): Word shows it as plain words. `marks`: the
    author's marks by `assistant.critic.compare.finding_key`, shown under their findings. Findings follow the
    draft's order, in plain words: codes, guidance ids and offsets are for evaluators (the JSON output)."""
    doc = new_document("Panel-style feedback on the draft rapid review")
    doc.add_paragraph(c.summary)
    for notice in c.meta.notices:
        doc.add_paragraph(f"Note: {clean_model_text(notice, 4000)}", style="Intense Quote")
    ordered = findings_in_draft_order(c)
    rules = [f for f in ordered if not is_model_point(f)]
    model = [f for f in ordered if is_model_point(f)]
    if rules:
        doc.add_heading("Findings", level=1)
    for section, items in _sections(rules).items():
        doc.add_heading(section, level=2)
        for f in items:
            _rule_finding(doc, f)
            _mark(doc, f, marks)
    if model:
        doc.add_heading(MODEL_POINTS_HEADING, level=1)
        for section, items in _sections(model).items():
            doc.add_heading(section, level=2)
            for f in items:
                _model_finding(doc, f)
                _mark(doc, f, marks)
    own = [s for s in strengths_in_draft_order(c) if s.origin != "llm"]
    theirs = [s for s in strengths_in_draft_order(c) if s.origin == "llm"]
    for heading, strengths in (("Strengths", own), (MODEL_STRENGTHS_HEADING, theirs)):
        if not strengths:
            continue
        doc.add_heading(heading, level=1)
        for s in strengths:
            if s.origin == "llm":
                doc.add_heading(f"{MODEL_POINT}: {s.title}", level=3)
                _labelled(doc, MODEL_POINT, clean_model_text(s.message))
            else:
                doc.add_heading(s.title, level=3)
                doc.add_paragraph(s.message)
            for ev in s.evidence:
                mark = f" ({MODEL_QUOTE})" if s.origin == "llm" else ""
                doc.add_paragraph(xml_safe(f"“{ev.quote}”{mark}"), style="Quote")
    add_timing_docx(doc, c.deadline, c.information)
    return to_bytes(doc)


def redaction_docx(
    text: str, entities: Sequence[RedactedEntity], originals: Mapping[str, Sequence[str]] | None = None
) -> bytes:
    """`rapid-review redact -o FILE.docx`: the redacted text, a paragraph per line, then the placeholders."""
    doc = new_document("Redacted text")
    doc.add_paragraph(
        "This is the text a remote model would receive: identifiers are replaced by placeholders."
        + (" The last column shows what each replaced; it never leaves this computer." if originals else "")
    )
    writer = BodyWriter(doc)
    # A run of blank lines is one empty paragraph: a million of them (a 1 MB file of newlines) made Word slow to
    # write and to open, and says nothing more to the person reading what would be sent.
    lines = text.splitlines()
    writer.paragraphs(
        (line, None) for n, line in enumerate(lines) if line.strip() or not n or lines[n - 1].strip()
    )
    doc.add_heading("Placeholders", level=1)
    if not entities:
        doc.add_paragraph("None: nothing identifying was found.")
        return to_bytes(doc)
    columns = ["Placeholder", "Kind", "Times"] + (["Replaced"] if originals else [])
    rows = [
        [e.placeholder, e.kind.value, str(e.count)]
        + ([", ".join(sorted(set(originals.get(e.placeholder, []))))] if originals else [])
        for e in entities
    ]
    writer.table(columns, rows)
    return to_bytes(doc)
