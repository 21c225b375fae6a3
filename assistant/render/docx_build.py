"""Appending paragraphs and table rows to a new Word document in constant time per item.

python-docx's `add_paragraph` finds the body's closing `w:sectPr` by scanning every child from the first,
its `add_row` does the same in the table, a style is looked up by name through every style, and a run's
text goes through a per-character state machine. Each is fine for a page; together they made a 250 KB
chronology's draft take 46 s as Word (quadratic). The output here is the same XML python-docx writes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.shared import Emu
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

# Characters XML 1.0 cannot hold (python-docx raises on them): C0 controls other than tab, LF and CR.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# What python-docx's new tables carry: no fixed width, header-row banding.
_TBL_PR = (
    '<w:tblW w:type="auto" w:w="0"/><w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" '
    'w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
)
# A tab is its own element in Word, and so is a line break; everything between them is one w:t.
_RUN_PARTS = re.compile(r"\t|\r|\n|[^\t\r\n]+")
_SPECIAL = re.compile(r"[\t\r\n\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TAG = {"\t": qn("w:tab"), "\r": qn("w:br"), "\n": qn("w:br")}
_IN_PLACE_ABOVE = 64
_W_TR, _W_TC, _W_P = qn("w:tr"), qn("w:tc"), qn("w:p")
_W_R, _W_T, _W_RPR, _W_B = qn("w:r"), qn("w:t"), qn("w:rPr"), qn("w:b")
_W_PPR, _W_PSTYLE, _W_VAL, _XML_SPACE = qn("w:pPr"), qn("w:pStyle"), qn("w:val"), qn("xml:space")


def xml_safe(text: str) -> str:
    """Text Word can hold: characters XML 1.0 forbids (most C0 controls) become spaces, not a crash."""
    return _NOT_XML.sub(" ", text)


def add_text(p: etree._Element, text: str, *, bold: bool = False) -> etree._Element:
    """One run (returned) holding `text` at the end of paragraph element `p`, as `Paragraph.add_run`
    writes it."""
    r = etree.SubElement(p, _W_R)
    if bold:
        etree.SubElement(etree.SubElement(r, _W_RPR), _W_B)
    for part in _RUN_PARTS.findall(xml_safe(text)):
        if part in _TAG:
            etree.SubElement(r, _TAG[part])
            continue
        t = etree.SubElement(r, _W_T)
        t.text = part
        if len(part.strip()) < len(part):
            t.set(_XML_SPACE, "preserve")
    return r


def cell_paragraphs(table: Table) -> Iterator[list[etree._Element]]:
    """Each row's cells' first paragraph elements, read straight from the XML (python-docx's `tr_lst`,
    `tc_lst` and `p_lst` each filter the children again)."""
    for tr in table._tbl.iterchildren(_W_TR):
        yield [tc.find(_W_P) for tc in tr.iterchildren(_W_TC)]


def _run_xml(text: str, *, bold: bool = False) -> str | None:
    """The XML `add_text` builds, as a string; None when the run must be built in place instead (`text` has
    more tabs and line breaks than `_IN_PLACE_ABOVE`: lxml moves a parsed element into another document in
    time quadratic in its children)."""
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    if _SPECIAL.search(text) is None:  # the common case: one w:t
        space = ' xml:space="preserve"' if len(text.strip()) < len(text) else ""
        return f"<w:r>{rpr}<w:t{space}>{escape(text)}</w:t></w:r>"
    if text.count("\t") + text.count("\n") + text.count("\r") > _IN_PLACE_ABOVE:
        return None
    inner = []
    for part in _RUN_PARTS.findall(xml_safe(text)):
        if part in _TAG:
            inner.append("<w:tab/>" if part == "\t" else "<w:br/>")
        else:
            space = ' xml:space="preserve"' if len(part.strip()) < len(part) else ""
            inner.append(f"<w:t{space}>{escape(part)}</w:t>")
    return f"<w:r>{rpr}{''.join(inner)}</w:r>"


def _parsed(xml: list[str], wrapper: str) -> list[etree._Element]:
    """The elements of `xml` (each small), parsed in one go."""
    return list(parse_xml(f"<{wrapper} {nsdecls('w')}>{''.join(xml)}</{wrapper}>"))


class BodyWriter:
    """Appends to the end of `doc`'s body (before its section properties), remembering style ids."""

    def __init__(self, doc: DocxDocument) -> None:
        self._doc = doc
        self._body = doc.element.body
        self._end = self._body.sectPr
        self._style_ids: dict[str, str] = {}

    def _append(self, element: etree._Element) -> None:
        if self._end is not None:
            self._end.addprevious(element)
        else:
            self._body.append(element)

    def _style_id(self, name: str) -> str:
        if name not in self._style_ids:
            self._style_ids[name] = self._doc.styles[name].style_id
        return self._style_ids[name]

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        return Paragraph(self.paragraph_element(text, style), self._doc._body)

    def paragraph_element(self, text: str = "", style: str | None = None) -> etree._Element:
        """A new paragraph's w:p element, for callers that work on the XML (no python-docx proxy to build)."""
        p = etree.SubElement(self._body, _W_P)  # made in this document, so python-docx's CT_P
        if style is not None:
            ppr = etree.SubElement(p, _W_PPR)
            etree.SubElement(ppr, _W_PSTYLE).set(_W_VAL, self._style_id(style))
        if text:
            add_text(p, text)
        self._append(p)  # moved before the section properties, within the document: no namespace fixing
        return p

    def paragraphs(self, items: Iterable[tuple[str, str | None]]) -> None:
        """Many (text, style) paragraphs, written as one XML string and parsed once."""
        xml: list[str] = []
        later: list[tuple[int, str]] = []
        for text, style in items:
            ppr = f'<w:pPr><w:pStyle w:val="{self._style_id(style)}"/></w:pPr>' if style else ""
            run = _run_xml(text) if text else ""
            if run is None:
                later.append((len(xml), text))
            xml.append(f"<w:p>{ppr}{run or ''}</w:p>")
        ps = _parsed(xml, "w:body")
        for p in ps:
            self._append(p)
        for i, text in later:
            add_text(ps[i], text)

    def heading(self, text: str, level: int) -> Paragraph:
        return self.paragraph(text, "Title" if level == 0 else f"Heading {level}")

    def grid(self, rows: int, columns: int, *, style: str = "Table Grid") -> Table:
        """An empty table (what `Document.add_table` makes)."""
        return self._table(columns, [[""] * columns for _ in range(rows)], style, bold_first=False)

    def table(
        self, columns: Sequence[str], rows: Sequence[Sequence[str]], *, style: str = "Table Grid"
    ) -> Table:
        """A table with a bold header row."""
        return self._table(len(columns), [columns, *rows], style, bold_first=True)

    def _table(self, columns: int, rows: Sequence[Sequence[str]], style: str, *, bold_first: bool) -> Table:
        width = Emu(self._doc._block_width // max(1, columns)).twips
        cell = f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr><w:p>'
        trs, later = [], []
        made: dict[tuple[str, bool], str | None] = {}  # tables repeat cells ("as above", a line's reason)
        for n, values in enumerate(rows):
            if len(values) != columns:
                raise ValueError(f"row {n} has {len(values)} cells for {columns} columns")
            bold = bold_first and n == 0
            cells = []
            for c, text in enumerate(values):
                key = (text, bold)
                if key not in made:
                    made[key] = _run_xml(text, bold=bold) if text else ""
                run = made[key]
                if run is None:
                    later.append((n, c, text, bold))
                cells.append(f"{cell}{run or ''}</w:p></w:tc>")
            trs.append(f"<w:tr>{''.join(cells)}</w:tr>")
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in range(columns))
        tbl = parse_xml(
            f"<w:tbl {nsdecls('w')}><w:tblPr>{_TBL_PR}</w:tblPr><w:tblGrid>{grid}</w:tblGrid></w:tbl>"
        )
        self._append(tbl)
        parsed = _parsed(trs, "w:tbl")
        for tr in parsed:
            tbl.append(tr)
        for n, c, text, bold in later:
            add_text(parsed[n][c].find(_W_P), text, bold=bold)
        table = Table(tbl, self._doc._body)
        table.style = self._doc.styles[style]
        return table
