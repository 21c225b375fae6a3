"""The section and table splitter: every heading style the Panel's examples and real templates use, tables
with header detection and exact cell offsets, any line endings, and large inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.documents import DraftDocument, parse_document

DRAFTS = Path(__file__).parent / "data" / "drafts"


def headings(text: str) -> list[str]:
    return [s.heading for s in parse_document(text).sections if s.heading]


def assert_offsets(doc: DraftDocument) -> None:
    text = doc.text
    for line in doc.lines:
        assert text[line.start : line.end] == line.text
        assert "\n" not in line.text and "\r" not in line.text
    prev_end = 0
    for s in doc.sections:
        assert s.start == prev_end or prev_end == 0
        assert s.start <= s.body_start <= s.end <= len(text)
        prev_end = s.end
    assert doc.sections[-1].end == len(text)
    for t in doc.tables:
        assert 0 <= t.start <= t.end <= len(text)
        for row in ([t.header] if t.header else []) + t.rows:
            for cell in row:
                assert text[cell.start : cell.end] == cell.text
                assert cell.text == cell.text.strip()


@pytest.mark.parametrize(
    ("text", "heading", "level"),
    [
        ("# Case information\n\nName: CHILD A\n", "Case information", 1),
        ("### Summary of the incident ###\n\nText.\n", "Summary of the incident", 3),
        ("Intro.\n\n**Immediate safeguarding**\nCHILD A is with her aunt.\n", "Immediate safeguarding", 2),
        ("Intro.\n\n__Decision:__\nNo LCSPR.\n", "Decision", 2),
        ("Intro.\n\n1. Family background\n\nCHILD A lives with her mother.\n", "1. Family background", 1),
        ("Intro.\n\n2.1 Key practice episodes\n\nText here.\n", "2.1 Key practice episodes", 1),
        (
            "Intro.\n\nSection 2: Consideration of Case, Criteria and Guidance\n\nText.\n",
            "Section 2: Consideration of Case, Criteria and Guidance",
            1,
        ),
        (
            "Intro.\n\nWhat we were worried about\n\nThe referrals were not linked.\n",
            "What we were worried about",
            2,
        ),
        ("Intro.\n\nWhat needs to happen?\n\nActions follow.\n", "What needs to happen?", 2),
        ("Intro.\n\nCASE SUMMARY\n\nThe case.\n", "CASE SUMMARY", 2),
        ("Intro.\n\nKey events:\n\nThe events.\n", "Key events", 2),
    ],
    ids=[
        "markdown",
        "markdown-closing-hashes",
        "bold",
        "bold-underscore-colon",
        "numbered",
        "numbered-sub",
        "section-n",
        "plain-short-line",
        "question",
        "upper-case",
        "short-colon",
    ],
)
def test_heading_styles_with_exact_offsets(text: str, heading: str, level: int) -> None:
    doc = parse_document(text)
    found = [s for s in doc.sections if s.heading == heading]
    assert len(found) == 1, [s.heading for s in doc.sections]
    section = found[0]
    assert section.level == level
    line_end = text.index("\n", section.start)
    assert heading.rstrip(":").split()[0].strip("#*_") in text[section.start : line_end]
    assert section.start == 0 or text[section.start - 1] == "\n"
    assert section.body_start == line_end + 1
    assert_offsets(doc)


@pytest.mark.parametrize(
    "text",
    [
        "Intro.\n\nName of Child: CHILD A\n\nDate of Birth: [date]\n",  # fields, not headings
        "Intro.\n\nActions taken to date include:\n\n- Bail conditions\n",  # a lead-in to a list
        "Intro.\n\n1. The father was not seen by any agency during the pregnancy.\n\nMore.\n",  # a numbered sentence
        "Intro.\n\n- Children's Social Care\n\n- Police\n",  # bullets
        "Intro.\n\n☒ highlights or may highlight recurrent themes\n\nMore.\n",  # a checkbox line
        "Intro.\n\nYes No\n\nMore.\n",  # a form's answer
        "Some text that runs on\n\nand continues here in lower case.\n",  # a sentence broken across a page
        "Intro.\n\nCHILD A\tSubject\tFemale\n\nMore.\n",  # a table row
    ],
    ids=[
        "fields",
        "lead-in",
        "numbered-sentence",
        "bullets",
        "checkbox",
        "yes-no",
        "broken-sentence",
        "table-row",
    ],
)
def test_lines_that_are_not_headings(text: str) -> None:
    doc = parse_document(text)
    assert headings(text) == [], headings(text)
    assert_offsets(doc)


def test_numbered_heading_directly_above_its_table_or_text() -> None:
    text = "Rapid review\n\n1. Family background\nName\tRelationship\nCHILD T\tSubject\n\n2. The incident\nOn 2 February CHILD T was stabbed.\n"
    assert headings(text) == ["Rapid review", "1. Family background", "2. The incident"]
    listed = "Actions\n\n1. Review the policy\n2. Train the staff\n"
    assert headings(listed) == ["Actions"]


def test_sections_partition_the_text() -> None:
    text = (DRAFTS / "complete-neglect.md").read_text(encoding="utf-8")
    doc = parse_document(text)
    assert doc.sections[0].start == 0
    for a, b in zip(doc.sections, doc.sections[1:], strict=False):
        assert a.end == b.start
    assert doc.sections[-1].end == len(text)
    assert headings(text)[:3] == ["Rapid review: CHILD P", "Case information", "Summary of the incident"]
    assert_offsets(doc)


def test_text_before_the_first_heading_is_its_own_section() -> None:
    doc = parse_document("Preamble line.\n\n# Heading\n\nBody.\n")
    assert [s.heading for s in doc.sections] == ["", "Heading"]
    assert doc.sections[0].level == 0 and doc.sections[0].end == doc.sections[1].start


def test_no_headings_gives_one_section() -> None:
    text = (DRAFTS / "no-headings.txt").read_text(encoding="utf-8")
    doc = parse_document(text)
    assert len(doc.sections) == 1 and doc.sections[0].heading == "" and doc.sections[0].end == len(text)


# -- tables -----------------------------------------------------------------------------------------------


def test_pipe_table_with_header_and_exact_cells() -> None:
    text = (
        "Intro.\n\n| Name | Relationship | Ethnicity |\n| --- | :---: | --- |\n"
        "| CHILD A | Subject |  White British  |\n| Mother | Mother | |\n\nAfter.\n"
    )
    doc = parse_document(text)
    assert len(doc.tables) == 1
    t = doc.tables[0]
    assert [c.text for c in t.header or []] == ["Name", "Relationship", "Ethnicity"]
    assert [[c.text for c in r] for r in t.rows] == [
        ["CHILD A", "Subject", "White British"],
        ["Mother", "Mother", ""],
    ]
    cell = t.rows[0][2]
    assert text[cell.start : cell.end] == "White British"
    assert t.column("ethnic") == 2 and t.column("relation") == 1 and t.column("disability") is None
    assert text[t.start : t.end].startswith("| Name") and text[t.start : t.end].endswith(
        "| Mother | Mother | |"
    )
    assert_offsets(doc)


def test_tab_table_with_header_and_blank_lines_between_rows() -> None:
    text = "Intro.\n\nName\tGender\tEthnicity\n\nCHILD F\tMale\tWhite British\n\nMother\tFemale\tUnknown\n\nAfter text.\n"
    doc = parse_document(text)
    assert len(doc.tables) == 1
    t = doc.tables[0]
    assert [c.text for c in t.header or []] == ["Name", "Gender", "Ethnicity"]
    assert [r[2].text for r in t.rows] == ["White British", "Unknown"]
    unknown = t.rows[1][2]
    assert text[unknown.start : unknown.end] == "Unknown"
    assert_offsets(doc)


def test_table_without_a_header_row() -> None:
    text = "Key events:\n\n\tSingle assessment completed.\n\tCase closed to the family key worker.\n"
    t = parse_document(text).tables[0]
    assert t.header is None and len(t.rows) == 2
    assert t.rows[0][0].text == "" and t.rows[0][1].text == "Single assessment completed."


def test_tables_are_attached_to_their_sections() -> None:
    text = "# A\n\nText.\n\n# Family\n\n| Name | Relationship |\n|---|---|\n| CHILD A | Subject |\n\n# B\n\nMore.\n"
    doc = parse_document(text)
    family = next(s for s in doc.sections if s.heading == "Family")
    assert len(family.tables) == 1 and family.tables[0] is doc.tables[0]
    assert all(not s.tables for s in doc.sections if s.heading != "Family")


def test_a_single_pipe_in_prose_is_not_a_table() -> None:
    assert parse_document("Intro | not a table.\n").tables == []


# -- line endings and size -------------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_other_line_endings_give_the_same_structure(newline: str) -> None:
    text = (DRAFTS / "numbered-exploitation.txt").read_text(encoding="utf-8")
    other = text.replace("\n", newline)
    a, b = parse_document(text), parse_document(other)
    assert [s.heading for s in a.sections] == [s.heading for s in b.sections]
    assert [[c.text for c in r] for t in a.tables for r in t.rows] == [
        [c.text for c in r] for t in b.tables for r in t.rows
    ]
    assert_offsets(b)
    for s in b.sections:
        if s.heading:
            assert other[s.start :].startswith(s.heading.split()[0])


def test_crlf_pipe_table_cells_exclude_the_carriage_return() -> None:
    text = "| Name | Ethnicity |\r\n|---|---|\r\n| CHILD A | White British |\r\n"
    t = parse_document(text).tables[0]
    assert t.rows[0][1].text == "White British"
    assert_offsets(parse_document(text))


def test_ten_thousand_headings() -> None:
    text = "".join(f"## Heading {i}\n\nBody of section {i}.\n\n" for i in range(10_000))
    doc = parse_document(text)
    assert len(doc.sections) == 10_000
    assert doc.sections[9_999].heading == "Heading 9999"
    assert doc.sections[-1].end == len(text)


def test_empty_and_odd_inputs() -> None:
    for text in ("", "\n", "\r\n\r\n", "#", "|", "\t", "**", "1.", "# \n"):
        doc = parse_document(text)
        assert doc.sections and doc.sections[-1].end == len(text)
        assert_offsets(doc)


def test_a_text_parsed_twice_inside_parses_shared_is_split_once() -> None:
    from assistant.documents.parse import parses_shared

    text = "# Rapid review\n\n## Case information\n\nAmara lived with her mother.\n"
    with parses_shared():
        first = parse_document(text)
        assert parse_document(text) is first
        assert parse_document(text + "More.\n") is not first
    outside = parse_document(text)
    assert outside is not first
    assert outside == first
