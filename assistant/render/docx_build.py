"""Appending paragraphs and table rows to a new Word document in constant time per item.

python-docx's `add_paragraph` finds the body's closing `w:sectPr` by scanning every child from the first,
its `add_row` does the same in the table, a style is looked up by name through every style, and a run's
text goes through a per-character state machine. Each is fine for a page; together they made a 250 KB
chronology's draft take 46 s as Word (quadratic). The output here is the same XML python-docx writes.

Paragraphs, rows and big runs are written as XML text and parsed. A big one declares the w namespace itself:
lxml moves an element whose namespace is declared on an ancestor into another document in time quadratic in
its descendants (a paragraph of 40,000 runs took 1.8 s), while a redundant declaration on the moved element
is simply dropped (the XML written is the same). Small ones do not, as parsing a declaration costs time too.
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
# Past this many tabs and breaks, a run is parsed from XML text rather than built an element at a time.
_PARSED_ABOVE = 64
_W_DECL = nsdecls("w")
# An element whose XML is longer than this declares the namespace (at most a few hundred descendants below).
_DECLARED_ABOVE = 2048
_W_TR, _W_TC, _W_P = qn("w:tr"), qn("w:tc"), qn("w:p")
_W_R, _W_T, _W_RPR, _W_B = qn("w:r"), qn("w:t"), qn("w:rPr"), qn("w:b")
_W_PPR, _W_PSTYLE, _W_VAL, _XML_SPACE = qn("w:pPr"), qn("w:pStyle"), qn("w:val"), qn("xml:space")


def xml_safe(text: str) -> str:
    """Text Word can hold: characters XML 1.0 forbids (most C0 controls) become spaces, not a crash."""
    return _NOT_XML.sub(" ", text)


def add_text(p: etree._Element, text: str, *, bold: bool = False) -> etree._Element:
    """One run (returned) holding `text` at the end of paragraph element `p`, as `Paragraph.add_run`
    writes it."""
    safe = xml_safe(text)
    parts = _RUN_PARTS.findall(safe)
    if len(parts) > _PARSED_ABOVE:  # a million tabs: an element at a time took 2.5 s, parsing 0.3 s
        r = parse_xml(_run_xml(safe, bold=bold, declare=True))
        p.append(r)
        return r
    r = etree.SubElement(p, _W_R)
    if bold:
        etree.SubElement(etree.SubElement(r, _W_RPR), _W_B)
    for part in parts:
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


def _run_xml(text: str, *, bold: bool = False, declare: bool = False) -> str:
    """The XML `add_text` builds, as a string (declaring the w namespace if `declare`)."""
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    head = f"<w:r {_W_DECL}>" if declare else "<w:r>"
    if _SPECIAL.search(text) is None:  # the common case: one w:t
        space = ' xml:space="preserve"' if len(text.strip()) < len(text) else ""
        return f"{head}{rpr}<w:t{space}>{escape(text)}</w:t></w:r>"
    inner = []
    for part in _RUN_PARTS.findall(xml_safe(text)):
        if part in _TAG:
            inner.append("<w:tab/>" if part == "\t" else "<w:br/>")
        else:
            space = ' xml:space="preserve"' if len(part.strip()) < len(part) else ""
            inner.append(f"<w:t{space}>{escape(part)}</w:t>")
    return f"{head}{rpr}{''.join(inner)}</w:r>"


def _parsed(xml: list[str], wrapper: str) -> etree._Element:
    """A `wrapper` element holding the elements of `xml` (each small, or declaring the w namespace), parsed in
    one go."""
    return parse_xml(f"<{wrapper} {_W_DECL}>{''.join(xml)}</{wrapper}>")


def _start(tag: str, xml_inside: str) -> str:
    """The start tag of a `tag` element holding `xml_inside`, declaring the w namespace if it is big."""
    return f"<{tag} {_W_DECL}>" if len(xml_inside) > _DECLARED_ABOVE else f"<{tag}>"


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
        self.paragraphs_of_runs(((text,) if text else (), style) for text, style in items)

    def paragraphs_of_runs(self, items: Iterable[tuple[Sequence[str], str | None]]) -> list[etree._Element]:
        """Many paragraphs, each (the texts of its runs, style), written as one XML string and parsed once.
        Returns their runs in order, one per non-empty text."""
        xml: list[str] = []
        for texts, style in items:
            ppr = f'<w:pPr><w:pStyle w:val="{self._style_id(style)}"/></w:pPr>' if style else ""
            runs = "".join(_run_xml(text) for text in texts if text)
            xml.append(f"{_start('w:p', runs)}{ppr}{runs}</w:p>")
        parsed = _parsed(xml, "w:body")
        made = list(parsed.iter(_W_R))
        for p in list(parsed):
            self._append(p)
        return made

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
        trs = []
        made: dict[tuple[str, bool], str] = {}  # tables repeat cells ("as above", a line's reason)
        for n, values in enumerate(rows):
            if len(values) != columns:
                raise ValueError(f"row {n} has {len(values)} cells for {columns} columns")
            bold = bold_first and n == 0
            cells = []
            for text in values:
                key = (text, bold)
                if key not in made:
                    made[key] = _run_xml(text, bold=bold) if text else ""
                cells.append(f"{cell}{made[key]}</w:p></w:tc>")
            inside = "".join(cells)
            trs.append(f"{_start('w:tr', inside)}{inside}</w:tr>")
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in range(columns))
        tbl = parse_xml(f"<w:tbl {_W_DECL}><w:tblPr>{_TBL_PR}</w:tblPr><w:tblGrid>{grid}</w:tblGrid></w:tbl>")
        self._append(tbl)
        tbl.extend(list(_parsed(trs, "w:tbl")))
        table = Table(tbl, self._doc._body)
        table.style = self._doc.styles[style]
        return table
