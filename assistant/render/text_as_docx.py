"""A Word document of a draft that arrived as text (.md, .txt, or the text of a PDF), with an offset map.

The draft keeps its words: headings become Word headings (their '#' or '**' markup dropped), '- ' items
list paragraphs, tables the parser recognised Word tables, and the lines of a paragraph stay lines (a line
break between them). Every character that lands in a run is recorded in an `OffsetMap`, so the critique's
offsets, which index into this text, can anchor comments exactly as they do on an author's own .docx.
"""

from __future__ import annotations

import re
from typing import Any

from docx import Document

from assistant.documents.model import Line, Table
from assistant.documents.parse import parse_document
from assistant.render.docx_offsets import OffsetMap
from assistant.render.word import xml_safe

_BULLET = re.compile(r"^\s*[-*•]\s+")
_MAX_LEVEL = 6


def text_docx(text: str, title: str) -> tuple[Any, OffsetMap]:
    """(python-docx Document, map from offsets in `text` to its runs)."""
    document = Document()
    document.core_properties.title = title
    # The template's body starts with one empty paragraph; the draft should start at the top.
    body = document.element.body
    for p in body.findall(f"{{{body.nsmap['w']}}}p"):
        body.remove(p)
    offsets = OffsetMap()
    parsed = parse_document(text)
    headings = {
        s.start: s.level for s in parsed.sections if s.level > 0 and s.body_start > s.start and s.heading
    }
    tables = {t.start: t for t in parsed.tables}
    lines = parsed.lines
    i = 0
    paragraph: list[Line] = []

    def flush() -> None:
        if paragraph:
            p = document.add_paragraph()
            for n, line in enumerate(paragraph):
                if n:
                    p.add_run().add_break()
                _run(p, line.text, line.start, offsets)
            paragraph.clear()

    while i < len(lines):
        line = lines[i]
        if line.start in tables:
            flush()
            table = tables[line.start]
            _table(document, table, offsets)
            while i < len(lines) and lines[i].start <= table.end:
                i += 1
            continue
        if line.blank:
            flush()
        elif line.start in headings:
            flush()
            start, end = _heading_span(line.text)
            heading = document.add_heading(level=min(headings[line.start], _MAX_LEVEL))
            _run(heading, line.text[start:end], line.start + start, offsets)
        elif (bullet := _BULLET.match(line.text)) is not None:
            flush()
            item = document.add_paragraph(style="List Bullet")
            _run(item, line.text[bullet.end() :], line.start + bullet.end(), offsets)
        else:
            paragraph.append(line)
        i += 1
    flush()
    return document, offsets


def _run(paragraph: Any, text: str, start: int, offsets: OffsetMap) -> None:
    """One run holding `text` (which starts at `start`); every character maps to it one to one."""
    if not text:
        return
    # xml_safe keeps the length (a forbidden control character becomes one space), so offsets still hold.
    run = paragraph.add_run(xml_safe(text))
    for i in range(len(text)):
        offsets.add(start + i, run._r, i)


def _heading_span(text: str) -> tuple[int, int]:
    """The heading's words inside its line, without markdown '#'s or a '**' wrapper (linear, no regex
    backtracking on a long line)."""
    start, end = 0, len(text)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if text.startswith("#", start):
        inner = start
        while inner < end and text[inner] == "#":
            inner += 1
        start = inner
        while end > start and text[end - 1] == "#":
            end -= 1
    for marker in ("**", "__"):
        if text.startswith(marker, start) and text.endswith(marker, start, end) and end - start > 4:
            start, end = start + 2, end - 2
            break
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else (0, len(text))


def _table(document: Any, table: Table, offsets: OffsetMap) -> None:
    rows = ([table.header] if table.header else []) + table.rows
    columns = max(len(row) for row in rows)
    word_table = document.add_table(rows=len(rows), cols=columns)
    word_table.style = "Table Grid"
    for row, cells in zip(word_table.rows, rows, strict=True):
        for word_cell, cell in zip(row.cells, cells, strict=False):
            _run(word_cell.paragraphs[0], cell.text, cell.start, offsets)
