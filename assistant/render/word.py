"""Word documents with real headings, lists and tables (python-docx)."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument

from assistant.domain.critique import Critique
from assistant.render.critique_markdown import SEVERITY_LABEL


def new_document(title: str) -> DocxDocument:
    doc = Document()
    doc.core_properties.title = title
    doc.add_heading(title, level=0)
    return doc


def to_bytes(doc: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def critique_docx(c: Critique) -> bytes:
    doc = new_document("Panel-style feedback on the draft rapid review")
    doc.add_paragraph(c.summary)
    for notice in c.meta.notices:
        doc.add_paragraph(f"Note: {notice}", style="Intense Quote")
    if c.findings:
        doc.add_heading("Findings", level=1)
    sections: dict[str, list[int]] = {}
    for i, f in enumerate(c.findings):
        sections.setdefault(f.section, []).append(i)
    for section, indexes in sections.items():
        doc.add_heading(section, level=2)
        for i in indexes:
            f = c.findings[i]
            doc.add_heading(f"{f.title} ({f.code})", level=3)
            doc.add_paragraph(SEVERITY_LABEL[f.severity]).runs[0].italic = True
            doc.add_paragraph(f.message)
            for ev in f.evidence:
                doc.add_paragraph(f"“{ev.quote}”", style="Quote")
            for nr in f.national_reviews:
                doc.add_paragraph(f"{nr.title}: {nr.why}", style="List Bullet")
            for g in f.guidance:
                doc.add_paragraph(f"Guidance ({g.id}): {g.text}", style="List Bullet")
            for pc in f.panel_comments:
                doc.add_paragraph(
                    f"Panel comment, Example {pc.example}, '{pc.section}': {pc.text}", style="List Bullet"
                )
    if c.strengths:
        doc.add_heading("Strengths", level=1)
        for s in c.strengths:
            doc.add_heading(s.title, level=3)
            doc.add_paragraph(s.message)
            for ev in s.evidence:
                doc.add_paragraph(f"“{ev.quote}”", style="Quote")
    return to_bytes(doc)
