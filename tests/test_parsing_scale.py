"""Guards on how much the section splitter and the chronology parser build for pathological input (issue 12).

No timings here (bench/ measures those): these pin the record counts that made a 1 MB input slow, a million
skipped-line records for a file of blank lines and a million table cells for one line of tabs, and check that
the shortcuts taken to avoid them give the same answers as the long way round.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.chronology import parse_chronology
from assistant.chronology.dates import _DATE_OPENING, _match_single, match_date
from assistant.documents.model import Cell, Line
from assistant.documents.parse import MAX_ROW_SEPARATORS, _cells, parse_document, split_lines

MEGABYTE = 1_000_000


def test_a_megabyte_of_blank_lines_is_one_skipped_record() -> None:
    text = "03/02/2025 - HV - home visit\n" + "\n" * MEGABYTE + "04/02/2025 - GP - seen\n"
    chron = parse_chronology(text)
    assert [e.date for e in chron.entries] == ["2025-02-03", "2025-02-04"]
    assert len(chron.skipped) == 1
    run = chron.skipped[0]
    assert (run.line, run.count, run.kind) == (2, MEGABYTE, "blank")
    assert chron.counts()["blank"] == MEGABYTE
    assert chron.line_count == MEGABYTE + 2


def test_runs_of_skipped_lines_merge_only_when_consecutive_and_of_one_kind() -> None:
    text = (
        "Date | Agency | Event\n"  # 1 header
        "|---|---|---|\n"  # 2 separator
        "| 03/02/2025 | HV | home visit |\n"  # 3 entry
        "\n"  # 4 blank
        "   \n"  # 5 blank (spaces)
        "\ufeff\n"  # 6 blank (an invisible character alone)
        "| 04/02/2025 | GP | seen |\n"  # 7 entry
        "\n"  # 8 blank
        "|---|---|---|\n"  # 9 separator
        "|---|---|---|\n"  # 10 separator
    )
    chron = parse_chronology(text)
    assert [(s.line, s.count, s.kind) for s in chron.skipped] == [
        (1, 1, "header"),
        (2, 1, "separator"),
        (4, 3, "blank"),
        (8, 1, "blank"),
        (9, 2, "separator"),
    ]
    accounting = chron.line_accounting()
    assert accounting.complete
    assert [accounting.roles[n] for n in range(1, 11)] == [
        "header",
        "separator",
        "entry",
        "blank",
        "blank",
        "blank",
        "entry",
        "blank",
        "separator",
        "separator",
    ]
    assert chron.counts()["blank"] == 4 and chron.counts()["separator"] == 3


def test_blank_lines_inside_a_text_of_crlf_lines_are_skipped_as_one_run() -> None:
    text = "03/02/2025 - HV - visit\r\n\r\n\r\n\r\n04/02/2025 - GP - seen\r\n"
    chron = parse_chronology(text)
    assert [(s.line, s.count) for s in chron.skipped] == [(2, 3)]
    assert [span.start for e in chron.entries for span in e.source] == [0, text.index("04/")]
    assert chron.line_accounting().complete


def test_a_megabyte_of_blank_lines_splits_into_lines_but_no_sections_or_tables() -> None:
    text = "a" + "\n" * MEGABYTE + "b"
    doc = parse_document(text)
    assert len(doc.lines) == MEGABYTE + 1
    assert doc.lines[0].text == "a" and doc.lines[-1] == (len(text) - 1, len(text), "b")
    assert doc.tables == []
    assert len(doc.sections) == 1


@pytest.mark.parametrize("separator", ["\t", "|"])
def test_a_line_of_thousands_of_cells_is_text_not_a_table_row(separator: str) -> None:
    huge = "|" + f"cell {separator}" * 5000
    wide_but_real = "|" + " | ".join(f"c{i}" for i in range(MAX_ROW_SEPARATORS - 1)) + " |"
    if separator == "\t":
        huge = huge.replace("|", "", 1)
        wide_but_real = "\t".join(f"c{i}" for i in range(MAX_ROW_SEPARATORS + 1))
    text = f"# Review\n\n{wide_but_real}\n{wide_but_real}\n\n{huge}\n"
    doc = parse_document(text)
    assert len(doc.tables) == 1, "the table a person could have written is still read"
    assert [len(row) >= MAX_ROW_SEPARATORS - 1 for row in doc.tables[0].rows] == [True, True]
    assert doc.tables[0].end < text.index(huge), "the line of thousands of cells is not in it"
    assert huge in doc.body(doc.sections[0]), "its text stays in the section"


def test_split_lines_gives_offsets_that_tile_the_text() -> None:
    for text in ["", "a", "a\n", "\n\n", "ab\ncd\n\nx", "é\n\n€x\n", "x\r\ny\rz\n"]:
        lines = split_lines(text)
        assert [text[ln.start : ln.end] for ln in lines] == [ln.text for ln in lines]
        assert [ln.text for ln in lines] == re.split(r"\r\n|\r|\n", text.removesuffix("\n"))[: len(lines)]
        assert len(lines) == len(text.splitlines())


DATE_LIKE = [
    "03/02/2025",
    "3rd February 2025",
    "2025-02-03",
    "3-Feb-2025",
    "03.02.25",
    "Monday 3 February 2025",
    "Mon. 3rd of Feb, 2025",
    "w/c 03/02/2025",
    "week commencing 3 Feb 2025",
    "February 3rd, 2025",
    "circa March 2024",
    "c. 2019",
    "mid-2019",
    "Spring 2020",
    "end of May 2021",
    "late 2020",
    "Nov–Dec 2023",
    "Sept 2022",
    "02/2024",
    "2024-03",
    "approximately 1998",
    "ſunday 3 February 2025",  # a long s: the patterns ignore case the Unicode way
]
NOT_DATES = ["observed", "- observed", "Mother said", "Name: x", "October", "week", "winter", "a", "Ko"]


@pytest.mark.parametrize("text", DATE_LIKE + NOT_DATES)
def test_the_date_opening_check_never_turns_away_a_date(text: str) -> None:
    """`_DATE_OPENING` lets match_date skip its nine patterns; it must accept whatever they match."""
    for pos in range(len(text)):
        if _match_single(text, pos, allow_year=True) is not None:
            assert _DATE_OPENING.match(text, pos) is not None, (text, pos)


TOKENS = [
    "03",
    "3rd",
    "2025",
    "/",
    "-",
    ".",
    " ",
    ",",
    "of",
    "Feb",
    "sept",
    "Monday",
    "w/c",
    "week",
    "beginning",
]
TOKENS += ["commencing", "circa", "c.", "mid", "end of", "winter", "to", "'25", "14:30", "ſ", "K", "x", "["]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=8))
def test_the_date_opening_check_never_turns_away_a_date_made_of_date_words(tokens: list[str]) -> None:
    text = "".join(tokens)
    for pos in range(len(text)):
        if _match_single(text, pos, allow_year=True) is not None:
            assert _DATE_OPENING.match(text, pos) is not None, (text, pos)


@pytest.mark.parametrize("text", DATE_LIKE)
def test_dates_are_still_read(text: str) -> None:
    assert match_date(text, allow_year=True) is not None, text


def test_the_garbage_collector_is_back_as_it_was_after_parsing() -> None:
    import gc

    from assistant.gc_pause import gc_paused

    assert gc.isenabled()
    parse_document("# A\n\ntext\n")
    parse_chronology("03/02/2025 - HV - visit\n")
    assert gc.isenabled()
    with gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled(), "an inner pause leaves the outer one paused"
    assert gc.isenabled()
    gc.disable()
    try:
        with pytest.raises(ValueError), gc_paused():
            raise ValueError
        assert not gc.isenabled(), "a collector that was off stays off"
    finally:
        gc.enable()


def _cells_one_by_one(line: Line) -> list[Cell]:
    """The cells of a table line worked out one at a time (what `_cells` computed before it was built in C)."""
    text = line.text
    if "\t" in text:
        start, chunks = 0, text.split("\t")
    else:
        end = text.rindex("|") if text.rstrip().endswith("|") else len(text)
        start = text.index("|") + 1
        chunks = text[start:end].split("|")
    cells = []
    for chunk in chunks:
        lead = len(chunk) - len(chunk.lstrip())
        cells.append(
            Cell(chunk.strip(), line.start + start + lead, line.start + start + lead + len(chunk.strip()))
        )
        start += len(chunk) + 1
    return cells


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t|a\u00a0\u3000é", max_size=30), st.integers(0, 50))
def test_cells_are_built_with_their_offsets(text: str, start: int) -> None:
    if "\t" not in text and "|" not in text:
        text = "|" + text
    line = Line(start, start + len(text), text)
    assert _cells(line) == _cells_one_by_one(line)
    for cell in _cells(line):
        assert text[cell.start - start : cell.end - start] == cell.text
