"""BodyWriter writes the XML python-docx would, without its per-item scans (issue 12: a 250 KB chronology's
draft took 46 s as Word)."""

from __future__ import annotations

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from lxml import etree

from assistant.render.docx_build import BodyWriter, add_text, cell_paragraphs

# The last two are runs parsed on their own (many tabs and breaks); a long one declares its namespace.
TEXTS = [
    "Mother said she was fine",
    "  leading and trailing  ",
    "tab\there",
    "two\nlines",
    "a & b < c",
    "",
    "\t" * 100 + "many tabs\n",
    "word\tand tab " * 400 + "\n",
]


def _xml(element: etree._Element) -> bytes:
    return etree.tostring(element)


def _body_xml(doc: DocxDocument) -> list[bytes]:
    return [_xml(child) for child in doc.element.body]


@pytest.mark.parametrize("style", [None, "List Bullet", "Heading 2"])
def test_paragraphs_are_what_python_docx_writes(style: str | None) -> None:
    ours, theirs = Document(), Document()
    writer = BodyWriter(ours)
    writer.paragraphs((text, style) for text in TEXTS)
    for text in TEXTS:
        writer.paragraph(text, style)
        writer.heading(text, 1)
    for text in TEXTS:
        theirs.add_paragraph(text, style)
    for text in TEXTS:
        theirs.add_paragraph(text, style)
        theirs.add_heading(text, 1)
    assert _body_xml(ours) == _body_xml(theirs)


def test_the_section_properties_stay_last() -> None:
    doc = Document()
    BodyWriter(doc).paragraphs([("one", None), ("two", None)])
    doc.add_paragraph("three")
    body = list(doc.element.body)
    assert body[-1].tag.endswith("sectPr")
    assert [p.text for p in doc.paragraphs] == ["one", "two", "three"]


def test_a_table_has_a_bold_header_and_the_text_of_every_cell() -> None:
    doc = Document()
    table = BodyWriter(doc).table(
        ["Line", "Text"], [["1", "tab\there"], ["2", "bad \x07 control"], ["3", ""]]
    )
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Line", "Text"],
        ["1", "tab\there"],
        ["2", "bad   control"],
        ["3", ""],
    ]
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert not any(run.bold for cell in table.rows[1].cells for run in cell.paragraphs[0].runs)
    assert table.style is not None and table.style.name == "Table Grid"


def test_a_table_matches_python_docx_cell_for_cell() -> None:
    ours, theirs = Document(), Document()
    rows = [[text, "x"] for text in TEXTS if text]
    BodyWriter(ours).table(["A", "B"], rows)
    table = theirs.add_table(rows=1 + len(rows), cols=2)
    table.style = "Table Grid"
    for n, (row, values) in enumerate(zip(table.rows, [["A", "B"], *rows], strict=True)):
        for cell, text in zip(row.cells, values, strict=True):
            run = cell.paragraphs[0].add_run(text)
            if n == 0:
                run.bold = True
    assert _body_xml(ours) == _body_xml(theirs)


def test_a_row_with_the_wrong_number_of_cells_is_refused() -> None:
    with pytest.raises(ValueError, match="row 1 has 1 cells for 2 columns"):
        BodyWriter(Document()).table(["A", "B"], [["only one"]])


def test_grid_cells_take_runs_that_can_be_found_again() -> None:
    doc = Document()
    table = BodyWriter(doc).grid(2, 3)
    rows = list(cell_paragraphs(table))
    assert [len(r) for r in rows] == [3, 3]
    run = add_text(rows[1][2], "found")
    assert table.cell(1, 2).text == "found"
    assert run.getparent() is rows[1][2]


def test_a_draft_in_word_lists_the_first_500_unread_lines_and_says_how_many_there_are() -> None:
    import io

    from assistant import services
    from assistant.render.draft_word import WORD_LIST_LIMIT

    chronology = (
        "- seen about the garden fence\n" * 700 + "12/01/2024 | Health visitor | Home visit; Ellis well.\n"
    )
    draft = services.draft(chronology, provider="offline", today="2031-01-01")
    assert len(draft.unparsed) == 700
    word = Document(io.BytesIO(services.draft_word(draft)))
    unread = next(t for t in word.tables if t.rows[0].cells[0].text == "Line" and len(t.columns) == 3)
    assert len(unread.rows) == 1 + WORD_LIST_LIMIT
    assert any("The first 500 of 700 lines that could not be read" in p.text for p in word.paragraphs)
    assert services.draft_markdown(draft).count("seen about the garden fence") == 700


def test_the_redacted_text_in_word_keeps_one_empty_paragraph_for_a_run_of_blank_lines() -> None:
    import io

    from assistant.render.word import redaction_docx

    word = Document(io.BytesIO(redaction_docx("Mother spoke.\n\n\n\n\nThe GP called.\n", [])))
    texts = [p.text for p in word.paragraphs]
    start = texts.index("Mother spoke.")
    assert texts[start : start + 3] == ["Mother spoke.", "", "The GP called."]


def test_a_run_of_many_tabs_is_what_python_docx_writes() -> None:
    ours, theirs = Document(), Document()
    text = "a" + "\t" * 3000 + " b & c\nd"
    p = BodyWriter(ours).paragraph_element()
    run = add_text(p, text, bold=True)
    theirs.add_paragraph().add_run(text).bold = True
    assert run.getparent() is p
    assert _body_xml(ours) == _body_xml(theirs)


def test_paragraphs_of_runs_returns_each_non_empty_texts_run_in_order() -> None:
    doc = Document()
    runs = BodyWriter(doc).paragraphs_of_runs(
        [(["one", "\n", "two"], None), ([""], "List Bullet"), (["three\tfour" * 300], "Heading 2")]
    )
    texts = [p.text for p in doc.paragraphs]
    assert texts == ["one\ntwo", "", "three\tfour" * 300]
    assert [r.getparent() for r in runs] == [doc.paragraphs[0]._p] * 3 + [doc.paragraphs[2]._p]
    assert [len(r) for r in runs] == [1, 1, 1, 601]  # 300 tabs between 301 pieces of text
