"""Exact entry counts on chronologies written the way partnerships write them, and a linear separator.

The chronologies here are our own, made to show the failure classes seen on chronologies by writers who never
saw the tool: a title line, a 'Subject: … DOB: … Sex: …' row of fields, month-only dates and spans of
months, '[date] June 2023' (a day placeholder before a month), multi-line events (quoted cells and indented
continuation lines), markdown headings and rules between entries.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.chronology import parse_chronology
from assistant.chronology.dates import parse_date_cell
from assistant.chronology.parser import segment_sep, split_segments

DATA = Path(__file__).parent / "data" / "chronology"


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def test_a_row_of_labelled_fields_is_not_an_entry() -> None:
    chron = parse_chronology(_read("header_fields.tsv"))
    assert len(chron.entries) == 7
    assert [u.line for u in chron.unparsed] == [1, 2]  # the title and 'Subject: … DOB: … Sex: …'
    assert "labelled fields" in chron.unparsed[1].reason
    assert chron.entries[0].first_line == 5


def test_multi_line_quoted_event_is_one_entry() -> None:
    chron = parse_chronology(_read("header_fields.tsv"))
    strategy = next(e for e in chron.entries if e.date == "2024-01-12")
    assert [s.line for s in strategy.source] == [8, 9, 10]
    assert strategy.event.splitlines()[1] == "P to stay with her aunt while enquiries continue."


def test_month_spans_and_placeholder_days_keep_their_month() -> None:
    chron = parse_chronology(_read("header_fields.tsv"))
    by_text = {e.date_text: e for e in chron.entries}
    assert (by_text["[date] June 2023"].date, by_text["[date] June 2023"].date_precision) == (
        "2023-06-01",
        "month",
    )
    assert (by_text["Oct–Nov 2023"].date, by_text["Oct–Nov 2023"].date_precision) == ("2023-10-01", "month")
    assert by_text["[date]"].date is None  # a bare placeholder still says nothing


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Nov–Dec 2023", "2023-11-01"),
        ("Nov-Dec 2023", "2023-11-01"),
        ("March to April 2024", "2024-03-01"),
        ("Dec–Jan 2024", "2023-12-01"),  # the year written is where the span ends
        ("[date] May 2024", "2024-05-01"),
        ("[date removed] Sept 2022", "2022-09-01"),
    ],
)
def test_month_only_dates(text: str, iso: str) -> None:
    parsed = parse_date_cell(text)
    assert (parsed.status, parsed.iso, parsed.precision, parsed.text) == ("ok", iso, "month", text)


def test_a_placeholder_before_a_full_date_is_not_read_as_that_date() -> None:
    assert parse_date_cell("[date] 03/02/2025").iso is None


def test_headings_and_rules_are_not_continuations() -> None:
    chron = parse_chronology(_read("headed_free_text.md"))
    assert len(chron.entries) == 4
    assert [len(e.source) for e in chron.entries] == [2, 2, 1, 3]
    # '## 2024' straight after an entry's continuation line is a heading, not more of that event
    police = chron.entries[1]
    assert "2024" not in police.event
    assert {u.line for u in chron.unparsed} >= {1, 5, 11, 18}
    assert any(s.kind == "separator" for s in chron.skipped)  # '---'


def test_free_text_placeholder_day_then_month_keeps_the_agency() -> None:
    chron = parse_chronology("[date] Oct 2023 – Police ([Area]) – Stopped in town with two older males.\n")
    (entry,) = chron.entries
    assert (entry.date_text, entry.date, entry.agency_text) == (
        "[date] Oct 2023",
        "2023-10-01",
        "Police ([Area])",
    )
    assert entry.event == "Stopped in town with two older males."


def test_segment_separator_matches_the_old_pattern() -> None:
    import re

    old = re.compile(r"\s+-{1,2}\s+|\s*[–—]+\s*|\s*:(?!\d)\s*")
    samples = [
        "HV - visit",
        "HV -- visit",
        "HV–visit",
        "HV  —  visit",
        "HV: visit at 10:30",
        "a-b - c",
        "no separator here",
        "10:30 only",
        "x --- y - z",
        "   : lead",
    ]
    for text in samples:
        m = old.search(text)
        assert segment_sep(text) == (None if m is None else (m.start(), m.end())), text
        assert split_segments(text) == old.split(text), text


@pytest.mark.parametrize(
    "text",
    [
        "03/02/2025 HV" + " " * 50_000 + "x",
        "03/02/2025 - HV - a\nx" + " " * 50_000 + "y",
        "03/02/2025 - HV - a\n\nx" + " " * 50_000 + "x",
        "03/02/2025 - HV - a\n" + "a :" * 20_000,
    ],
)
def test_long_runs_of_spaces_parse_correctly(text: str) -> None:
    """Pathological input for the separator (quadratic before); the speed itself is measured in bench/."""
    chron = parse_chronology(text)
    assert chron.entries[0].date == "2025-02-03"
    assert chron.line_count == text.count("\n") + 1
    placed = (
        sum(len(e.source) for e in chron.entries) + len(chron.unparsed) + sum(s.count for s in chron.skipped)
    )
    assert placed == chron.line_count


def test_bulleted_numbered_and_bold_dates_start_entries() -> None:
    chron = parse_chronology(
        "- 03/02/2025 – HV – Home visit.\n"
        "  Baby seen.\n"
        "12. 04/02/2025: GP: seen for a cough\n"
        "2) March 2025 - School - absent\n"
        "**06/03/2025** – CSC – strategy discussion\n"
        "• [date] April 2025 – ED – fracture\n"
        "w/c 14/04/2025 – Police – two calls from neighbours\n"
        "- Mother said she was tired\n"
    )
    assert [(e.date_text, e.agency_text) for e in chron.entries] == [
        ("03/02/2025", "HV"),
        ("04/02/2025", "GP"),
        ("March 2025", "School"),
        ("06/03/2025", "CSC"),
        ("[date] April 2025", "ED"),
        ("w/c 14/04/2025", "Police"),
    ]
    assert chron.entries[0].event == "Home visit.\nBaby seen."
    assert chron.entries[-1].event.endswith("- Mother said she was tired")  # a bullet with no date continues


@pytest.mark.parametrize(
    ("line", "agency"),
    [
        ("30/10/2023 – Missing service (RHI) – Return home interview.", "Missing service (RHI)"),
        ("16/02/2024 – MACE panel – Three peers discussed.", "MACE panel"),
        ("03/02/2025 – Missing episode – returned home", ""),  # an event, not a body
        ("03/02/2025 – Home visit – no access", ""),
    ],
)
def test_a_segment_naming_a_kind_of_body_is_the_agency(line: str, agency: str) -> None:
    assert parse_chronology(line).entries[0].agency_text == agency
