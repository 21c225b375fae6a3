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
from docx.oxml.ns import qn

from assistant.documents.model import Line, Table
from assistant.documents.parse import parse_document
from assistant.render.docx_build import BodyWriter, add_text, cell_paragraphs
from assistant.render.docx_offsets import OffsetMap

_BULLET = re.compile(r"^\s*[-*•]\s+")
_MAX_LEVEL = 6
_W_R = qn("w:r")


def text_docx(text: str, title: str) -> tuple[Any, OffsetMap]:
    """(python-docx Document, map from offsets in `text` to its runs)."""
    document = Document()
    document.core_properties.title = title
    # The template's body starts with one empty paragraph; the draft should start at the top.
    body = document.element.body
    for p in body.findall(f"{{{body.nsmap['w']}}}p"):
        body.remove(p)
    offsets = OffsetMap()
    writer = BodyWriter(document)
    parsed = parse_document(text)
    headings = {
        s.start: s.level for s in parsed.sections if s.level > 0 and s.body_start > s.start and s.heading
    }
    tables = {t.start: t for t in parsed.tables}
    lines = parsed.lines
    i = 0
    paragraph: list[Line] = []
    # Paragraphs waiting to be written in one go, as (the texts of their runs, style), and the span of `text`
    # each run holds (in order, a run per non-empty text; a line break holds none).
    pending: list[tuple[list[str], str | None]] = []
    spans: list[tuple[int, int] | None] = []

    def one_run(run_text: str, start: int, style: str) -> None:
        pending.append(([run_text], style))
        if run_text:
            spans.append((start, len(run_text)))

    def flush() -> None:
        if paragraph:
            texts: list[str] = []
            for line in paragraph:  # not blank, so each line's text is a run
                if texts:
                    texts.append("\n")  # a line break in its own run
                    spans.append(None)
                texts.append(line.text)
                spans.append((line.start, len(line.text)))
            pending.append((texts, None))
            paragraph.clear()

    def write() -> None:
        flush()
        # Every character maps to its run one to one (xml_safe keeps the length, and a tab is one character).
        for r, span in zip(writer.paragraphs_of_runs(pending), spans, strict=True):
            if span is not None:
                offsets.add_span(span[0], r, 0, span[1])
        pending.clear()
        spans.clear()

    while i < len(lines):
        line = lines[i]
        if line.start in tables:
            write()
            table = tables[line.start]
            _table(writer, table, offsets)
            while i < len(lines) and lines[i].start <= table.end:
                i += 1
            continue
        if line.blank:
            flush()
        elif line.start in headings:
            flush()
            start, end = _heading_span(line.text)
            level = min(headings[line.start], _MAX_LEVEL)
            one_run(line.text[start:end], line.start + start, f"Heading {level}")
        elif (bullet := _BULLET.match(line.text)) is not None:
            flush()
            one_run(line.text[bullet.end() :], line.start + bullet.end(), "List Bullet")
        else:
            paragraph.append(line)
        i += 1
    write()
    return document, offsets


def _run(p: Any, text: str, start: int, offsets: OffsetMap) -> None:
    """One run at the end of paragraph element `p` holding `text` (which starts at `start`); every
    character maps to it one to one (xml_safe keeps the length, and a tab is one character of the run)."""
    if text:
        offsets.add_span(start, add_text(p, text), 0, len(text))


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


def _table(writer: BodyWriter, table: Table, offsets: OffsetMap) -> None:
    rows = ([table.header] if table.header else []) + table.rows
    columns = max(len(row) for row in rows)
    word_table = writer.grid(len(rows), columns)
    for paragraphs, cells in zip(cell_paragraphs(word_table), rows, strict=True):
        for p, cell in zip(paragraphs, cells, strict=False):
            _run(p, cell.text, cell.start, offsets)
