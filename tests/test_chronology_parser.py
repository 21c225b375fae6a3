"""Chronology parsing: each format, messy pastes, every issue kind, and nothing invented or dropped."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from assistant.chronology import parse_chronology, parse_docx_tables, render_docx_tables
from assistant.chronology.agencies import is_agency_alias
from assistant.domain.chronology import Chronology
from assistant.errors import InputError
from assistant.resources import SAMPLES_DIR

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "chronology"
SAMPLES = [
    SAMPLES_DIR / "chronology-baby-injury.txt",
    SAMPLES_DIR / "chronology-exploitation.txt",
]
FIXTURES = sorted(DATA.iterdir())
TODAY = date(2025, 11, 26)


def parse(name: str) -> Chronology:
    return parse_chronology((DATA / name).read_text(encoding="utf-8"), today=TODAY)


def assert_sound(chron: Chronology, text: str) -> None:
    """The invariants every result must keep, whatever the input."""
    accounting = chron.line_accounting()
    assert accounting.complete, (accounting.missing, accounting.claimed_twice)
    assert len(accounting.roles) == chron.line_count
    assert chron.source_text == text
    for entry in chron.entries:
        numbers = [span.line for span in entry.source]
        assert numbers == sorted(numbers)
        for span in entry.source:
            assert text[span.start : span.end] == span.text
    for unparsed in chron.unparsed:
        assert unparsed.reason


def rows(chron: Chronology) -> list[tuple[str | None, str, str, str | None, str, str]]:
    return [(e.date, e.date_precision, e.date_text, e.agency, e.agency_text, e.event) for e in chron.entries]


def kinds(chron: Chronology) -> list[tuple[str, list[int]]]:
    return [(issue.kind, issue.lines) for issue in chron.issues]


# -- formats -------------------------------------------------------------------------------------------------


def test_tab_with_header_reads_every_date_form_and_extra_columns() -> None:
    chron = parse("tab_header.tsv")
    assert chron.detected_format == "tab"
    assert rows(chron) == [
        ("2025-02-03", "day", "03/02/2025", "Health Visiting", "HV", "New birth visit, baby seen"),
        ("2025-02-03", "day", "3/2/25", "GP", "GP", "Six-week check"),
        ("2025-02-04", "day", "4 Feb 2025", "Police", "Police", "Attended address after call from neighbour"),
        (
            "2025-02-05",
            "day",
            "5th February 2025",
            "Children's Social Care",
            "Children's Services",
            "Referral received",
        ),
        ("2025-02-06", "day", "06.02.2025", "Emergency Department", "A&E", "Baby brought in by Mother"),
        ("2025-02-07", "day", "2025-02-07", "Midwifery", "Midwifery", "Postnatal check"),
        ("2025-02-01", "month", "Feb 2025", "Education", "School", "Sibling attendance dropped"),
        ("2025-01-01", "year", "2025", "Housing", "Housing", "Tenancy transferred"),
        (None, "unknown", "[date]", "MASH", "MASH", "Contact screened"),
    ]
    assert chron.entries[0].extra == {"Outcome": "No further action"}
    assert chron.entries[1].extra == {}, "empty cells are not stored"
    assert chron.counts()["header"] == 1
    assert chron.issues == [], "a placeholder date is not a problem, and overlapping precisions are in order"


def test_tab_without_header_is_read_positionally() -> None:
    chron = parse("tab_no_header.tsv")
    assert [(e.date, e.agency, e.agency_text, e.event) for e in chron.entries] == [
        ("2025-01-10", "Midwifery", "MW", "Booking appointment"),
        ("2025-01-11", "Children's Social Care", "CSC", "Referral from midwife"),
        ("2025-01-12", "GP", "GP Practice", "Mother seen"),
        ("2025-01-13", "Fire Service", "Fire Service", "Home safety visit"),
    ]
    assert chron.counts()["header"] == 0


def test_header_decides_column_roles() -> None:
    chron = parse("reordered_columns.tsv")
    first = chron.entries[0]
    assert (first.date, first.agency, first.event) == ("2025-04-01", "Police", "Attended address")
    assert first.extra == {"Analysis": "Missed opportunity to ask about the baby"}


def test_pipe_table_skips_separator_and_unescapes_pipes() -> None:
    chron = parse("pipe_table.md")
    assert chron.detected_format == "pipe"
    assert [(e.date, e.agency, e.event) for e in chron.entries] == [
        ("2025-03-01", "Health Visiting", "Visit | baby seen"),
        ("2025-03-02", "CAMHS", "Referral for sibling"),
        ("2025-03-03", "Adult Social Care", "Assessment of grandmother"),
        ("2025-03-04", "Ambulance Service", "Ambulance attended"),
        ("2025-03-05", "Ambulance Service", "Follow-up call"),
    ]
    assert chron.counts()["separator"] == 1
    assert chron.counts()["blank"] == 1
    assert [(u.line, u.text) for u in chron.unparsed] == [(1, "Chronology extract (CHILD Z)")]
    assert "before the first" in chron.unparsed[0].reason


def test_csv_quoted_commas_newlines_and_doubled_quotes() -> None:
    chron = parse("quoted.csv")
    assert chron.detected_format == "csv"
    assert rows(chron) == [
        (
            "2025-02-03",
            "day",
            "03/02/2025",
            "Health Visiting",
            "Health Visitor",
            "Visit, baby seen and weighed",
        ),
        ("2025-02-04", "day", "04/02/2025", "GP", "GP Practice", 'Mother said "fine"; no concerns'),
        (None, "unknown", "", "Police", "Police", "Attended, merged date cell"),
        (
            "2025-02-05",
            "day",
            "05/02/2025",
            "Children's Social Care",
            "Social Care",
            "Referral, with a space after the comma",
        ),
    ]
    multi = chron.entries[1]
    assert [span.line for span in multi.source] == [3, 4], "a quoted cell over two lines keeps both lines"
    assert multi.extra == {"Notes": "Follow up\nin two weeks"}
    assert kinds(chron) == [("missing_date", [5])]


def test_date_agency_event_lines_with_every_separator() -> None:
    chron = parse("delimited.txt")
    assert chron.detected_format == "delimited"
    assert rows(chron) == [
        ("2025-02-03", "day", "03/02/2025", "Health Visiting", "HV", "home visit, baby seen"),
        ("2025-02-03", "day", "3 Feb 2025", "Police", "Police", "attended address"),
        ("2025-02-04", "day", "04/02/2025", "GP", "GP", "appointment, mother attended"),
        ("2025-02-05", "day", "05/02/2025", "Children's Social Care", "CSC", "referral accepted"),
        (
            "2025-02-10",
            "day",
            "Monday 10th February 2025",
            "Health Visiting",
            "Health Visitor",
            "weight check",
        ),
        ("2025-02-11", "day", "February 11, 2025", "Early Help", "Early Help", "family support session"),
        (None, "unknown", "[DATE]", "Probation", "Probation", "Mother's partner supervision appointment"),
        (None, "unknown", "[date removed]", "Youth Justice", "YOT", "no contact"),
        ("2025-02-12", "day", "12/02/2025", None, "", "Mother told the HV she was struggling"),
        ("2025-02-13", "day", "13/02/2025 14:30", "Ambulance Service", "EMAS", "conveyed to hospital"),
        ("2025-01-01", "year", "2025", "Housing", "Housing", "rent arrears noted during the year"),
    ]


def test_mixed_formats_in_one_paste_are_all_read_and_reported() -> None:
    chron = parse("mixed.txt")
    assert chron.detected_format == "mixed"
    assert [e.row_format for e in chron.entries] == ["tab", "tab", "pipe", "pipe", "delimited", "csv"]
    assert [e.date for e in chron.entries] == [f"2025-06-0{day}" for day in range(1, 7)]
    (issue,) = chron.issues_of("mixed_formats")
    assert issue.lines == [2, 5, 8, 9]
    assert "tab" in issue.message and "csv" in issue.message


def test_date_on_its_own_line_takes_the_event_from_the_lines_below() -> None:
    chron = parse_chronology("03/02/2025\nHV home visit\nbaby seen\n", today=TODAY)
    (entry,) = chron.entries
    assert (entry.date, entry.agency, entry.event) == ("2025-02-03", None, "HV home visit\nbaby seen")
    assert [span.line for span in entry.source] == [1, 2, 3]


def test_two_column_rows_and_agency_first_rows() -> None:
    chron = parse_chronology(
        "03/02/2025\tBaby seen\nPolice\t04/02/2025\tAttended\n05/02/2025\tGP\t\n", today=TODAY
    )
    assert [(e.date, e.agency, e.event) for e in chron.entries] == [
        ("2025-02-03", None, "Baby seen"),
        ("2025-02-04", "Police", "Attended"),
        ("2025-02-05", "GP", ""),
    ]


# -- messy pastes --------------------------------------------------------------------------------------------


def test_messy_paste() -> None:
    chron = parse("messy.txt")
    assert_sound(chron, (DATA / "messy.txt").read_text(encoding="utf-8"))
    by_line = {e.first_line: e for e in chron.entries}

    merged = by_line[4]
    assert (merged.date, merged.date_precision, merged.date_text, merged.agency) == (
        None,
        "unknown",
        "",
        "Health Visiting",
    )
    assert (
        merged.event
        == "Merged date cell - antenatal contact\nNote: midwife recorded the partner's name incorrectly"
    )
    assert [span.line for span in merged.source] == [4, 5], "a note between rows attaches to the row above"

    gp = by_line[6]
    assert gp.event == "Mother seen for anxiety.\nSecond paragraph of the GP entry."
    assert [span.line for span in gp.source] == [6, 7]

    assert chron.counts()["header"] == 3, "the first header and two stray repeats are skipped and counted"
    assert [s.line for s in chron.skipped if s.kind == "header"] == [2, 8, 17]
    assert [u.line for u in chron.unparsed] == [1, 12]
    assert "blank" in chron.unparsed[1].reason
    assert kinds(chron) == [
        ("missing_date", [4]),
        ("invalid_date", [9]),
        ("unrecognised_date", [10]),
        ("duplicate", [14, 13]),
        ("out_of_order", [15, 14]),
        ("future_date", [16]),
    ]
    invalid = by_line[9]
    assert (invalid.date, invalid.date_text) == (None, "31/02/2025")
    assert by_line[10].date_text == "Tuesday"
    assert len(chron.entries) == 9, "the duplicate is flagged, not removed"


def test_crlf_offsets_are_exact_and_results_match_lf() -> None:
    lf = (DATA / "messy.txt").read_text(encoding="utf-8")
    for ending in ("\r\n", "\r"):
        text = lf.replace("\n", ending)
        chron = parse_chronology(text, today=TODAY)
        assert_sound(chron, text)
        assert rows(chron) == rows(parse_chronology(lf, today=TODAY))
        assert all("\r" not in span.text for e in chron.entries for span in e.source)


def test_crlf_inside_quoted_csv_cell() -> None:
    text = 'Date,Agency,Event\r\n03/02/2025,HV,"first line\r\nsecond line"\r\n04/02/2025,GP,next\r\n'
    chron = parse_chronology(text, today=TODAY)
    assert_sound(chron, text)
    assert [e.event for e in chron.entries] == ["first line\nsecond line", "next"]
    assert [span.text for span in chron.entries[0].source] == ['03/02/2025,HV,"first line', 'second line"']


def test_excel_quoted_multiline_tab_cell() -> None:
    text = '03/02/2025\tHV\t"Visit, mother said ""fine""\nbaby seen"\n04/02/2025\tGP\tnext\n'
    chron = parse_chronology(text, today=TODAY)
    assert_sound(chron, text)
    assert [e.event for e in chron.entries] == ['Visit, mother said "fine"\nbaby seen', "next"]


def test_stray_quote_in_a_tab_cell_is_kept_verbatim() -> None:
    text = '03/02/2025\tHV\t"fine" she said\n04/02/2025\tGP\t"quoted whole"\n'
    chron = parse_chronology(text, today=TODAY)
    assert [e.event for e in chron.entries] == ['"fine" she said', '"quoted whole"']


def test_heading_rows_are_unparsed_not_turned_into_entries() -> None:
    text = "Date\tAgency\tEvent\nPre-birth history\t\t\n03/02/2025\tHV\tvisit\n2024\n"
    chron = parse_chronology(text, today=TODAY)
    assert [e.first_line for e in chron.entries] == [3]
    assert [u.line for u in chron.unparsed] == [2, 4]
    assert "heading" in chron.unparsed[0].reason


def test_agency_line_without_a_date_before_any_entry() -> None:
    chron = parse("no_dates.txt")
    assert [(e.date, e.agency, e.event) for e in chron.entries] == [
        (None, "Police", "attended the address"),
        (None, "Health Visiting", "home visit, baby seen"),
        (None, "GP", "appointment not attended"),
    ]
    assert [kind for kind, _ in kinds(chron)] == ["no_dates", "missing_date", "missing_date", "missing_date"]


# -- issues --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "\r\n\t \r\n"])
def test_empty_input_raises_input_error(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_chronology(text)
    assert caught.value.exit_code == 2
    assert caught.value.message == "the chronology is empty"
    assert caught.value.fix == "paste rows of date, agency and event"


def test_no_dates_returns_partial_results() -> None:
    text = "Agency\tEvent\nPolice\tattended the address\nHV\tvisit\n"
    chron = parse_chronology(text, today=TODAY)
    assert [(e.date, e.agency, e.event) for e in chron.entries] == [
        (None, "Police", "attended the address"),
        (None, "Health Visiting", "visit"),
    ]
    assert kinds(chron) == [("no_dates", [])], "no per-row noise when the table has no date column at all"


def test_prose_with_no_rows_is_all_unparsed_with_no_dates() -> None:
    text = "The family moved to the area.\nThey were not known to services.\n"
    chron = parse_chronology(text, today=TODAY)
    assert chron.entries == []
    assert chron.detected_format == "none"
    assert [u.line for u in chron.unparsed] == [1, 2]
    assert [issue.kind for issue in chron.issues] == ["no_dates"]


def test_duplicates_each_point_at_the_first_copy() -> None:
    row = "03/02/2025 - HV - home visit"
    text = (
        "\n".join([row, "03/02/2025 - GP - other", row, "3 Feb 2025 - Health Visitor - home  visit"]) + "\n"
    )
    chron = parse_chronology(text, today=TODAY)
    assert len(chron.entries) == 4
    assert [(i.kind, i.lines) for i in chron.issues] == [("duplicate", [3, 1]), ("duplicate", [4, 1])]


def test_out_of_order_respects_precision() -> None:
    text = (
        "03/02/2025 - HV - a\nFeb 2025 - GP - b\n2025 - CSC - c\n01/01/2025 - Police - d\n2024 - School - e\n"
    )
    chron = parse_chronology(text, today=TODAY)
    assert kinds(chron) == [("out_of_order", [5, 4])], "month/year ranges that overlap are not out of order"


def test_out_of_order_with_undated_rows_between() -> None:
    text = "03/02/2025 - HV - a\n[date] - GP - b\n01/02/2025 - CSC - c\n"
    chron = parse_chronology(text, today=TODAY)
    assert kinds(chron) == [("out_of_order", [3, 1])]


def test_future_dates_use_today_and_default_to_the_real_today() -> None:
    tomorrow = TODAY + timedelta(days=1)
    text = f"{TODAY:%d/%m/%Y} - HV - today\n{tomorrow:%d/%m/%Y} - GP - tomorrow\n"
    assert kinds(parse_chronology(text, today=TODAY)) == [("future_date", [2])]
    assert kinds(parse_chronology("03/02/2099 - HV - far future\n")) == [("future_date", [1])]
    assert kinds(parse_chronology("Dec 2025 - HV - next month\n", today=TODAY)) == [("future_date", [1])]


def test_truncated_csv_quote_never_closes() -> None:
    text = '03/02/2025,HV,visit\n04/02/2025,GP,"cut off here'
    chron = parse_chronology(text, today=TODAY)
    assert_sound(chron, text)
    assert kinds(chron) == [("truncated", [2])]
    assert chron.entries[1].event == "cut off here"


def test_truncated_last_table_row() -> None:
    text = "| Date | Agency | Event |\n|---|---|---|\n| 03/02/2025 | HV | visit |\n| 04/02/2025 | GP"
    chron = parse_chronology(text, today=TODAY)
    assert kinds(chron) == [("truncated", [4])]
    assert chron.entries[-1].agency == "GP"


def test_one_cut_off_row_is_one_truncated_issue() -> None:
    text = '03/02/2025,HV,visit\n"04/02/2025","GP'
    assert kinds(parse_chronology(text, today=TODAY)) == [("truncated", [2])]


def test_agency_line_below_an_entry_continues_it() -> None:
    text = "03/02/2025 - Police - CHILD Y reported missing.\nPolice: located at 02:00 in a car park.\n"
    (entry,) = parse_chronology(text, today=TODAY).entries
    assert entry.event == "CHILD Y reported missing.\nPolice: located at 02:00 in a car park."


def test_large_paste_keeps_every_row_and_finds_repeats() -> None:
    start = date(2000, 1, 1)
    lines = [f"{start + timedelta(days=n):%d/%m/%Y}\tHV\tvisit {n}" for n in range(10_000)]
    lines += lines[:5]
    chron = parse_chronology("\n".join(lines), today=TODAY)
    assert len(chron.entries) == 10_005
    assert [issue.lines for issue in chron.issues_of("duplicate")] == [[10_001 + n, 1 + n] for n in range(5)]
    assert chron.line_accounting().complete


def test_short_row_mid_table_is_not_truncation() -> None:
    text = "03/02/2025\tHV\tvisit\n04/02/2025\tGP\n05/02/2025\tCSC\tcall\n"
    assert parse_chronology(text, today=TODAY).issues_of("truncated") == []


def test_counts_and_line_accounting() -> None:
    chron = parse("messy.txt")
    assert chron.counts() == {
        "lines": 17,
        "entries": 9,
        "dated": 6,
        "undated": 3,
        "unparsed": 2,
        "blank": 1,
        "header": 3,
        "separator": 0,
        "issues": 6,
    }
    roles = chron.line_accounting().roles
    assert [roles[n] for n in (1, 2, 3, 5, 11, 12)] == [
        "unparsed",
        "header",
        "entry",
        "entry",
        "blank",
        "unparsed",
    ]


# -- docx ----------------------------------------------------------------------------------------------------


def _chronology_docx() -> docx.document.Document:
    document = docx.Document()
    document.add_paragraph("Chronology for CHILD X (not a table, read as a line above the rows)")
    table = document.add_table(rows=6, cols=3)
    values = [
        ("Date", "Agency", "Event"),
        ("03/02/2025", "HV", "New birth visit"),
        ("", "GP", "Same day, merged date cell"),
        ("Pre-birth history", "", ""),
        ("[date]", "Police", "Attended address"),
        ("05/02/2025", "CSC", "Referral"),
    ]
    for row, cells in zip(table.rows, values, strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    table.cell(5, 2).add_paragraph("Strategy discussion held.")
    table.cell(1, 0).merge(table.cell(2, 0))  # vertical merge: the date cell spans two rows
    table.cell(3, 0).merge(table.cell(3, 2))  # a full-width heading row
    return document


def test_docx_tables(tmp_path: Path) -> None:
    document = _chronology_docx()
    path = tmp_path / "chronology.docx"
    document.save(str(path))
    for source in (document, path, str(path)):
        chron = parse_docx_tables(source, today=TODAY)
        assert_sound(chron, render_docx_tables(document))
        assert chron.detected_format == "docx"
        assert [(e.date, e.date_text, e.agency, e.event) for e in chron.entries] == [
            ("2025-02-03", "03/02/2025", "Health Visiting", "New birth visit"),
            (None, "", "GP", "Same day, merged date cell"),
            (None, "[date]", "Police", "Attended address"),
            ("2025-02-05", "05/02/2025", "Children's Social Care", "Referral\nStrategy discussion held."),
        ]
        # The paragraph above the table is line 1 (and a blank line 2): it names the child, so it is read,
        # as a line that is not an entry.
        assert kinds(chron) == [("missing_date", [5])], "a merged date cell is not copied down"
        assert [u.text.strip() for u in chron.unparsed] == [
            "Chronology for CHILD X (not a table, read as a line above the rows)",
            "Pre-birth history",
        ]


def test_docx_vertical_merge_is_read_from_xml() -> None:
    document = _chronology_docx()
    merged = document.tables[0]._tbl.tr_lst[2].tc_lst[0]
    assert merged.find(qn("w:tcPr")).find(qn("w:vMerge")) is not None
    # python-docx's row.cells repeats the merged text; the renderer must not.
    assert document.tables[0].rows[2].cells[0].text.startswith("03/02/2025")
    assert render_docx_tables(document).splitlines()[4].split("\t")[0] == ""  # after the title, a blank


def test_docx_errors(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-doc.docx"
    bad.write_text("plain text", encoding="utf-8")
    with pytest.raises(InputError, match="could not open"):
        parse_docx_tables(bad)
    empty = docx.Document()
    empty.add_paragraph("no tables here")
    with pytest.raises(InputError, match="no tables"):
        parse_docx_tables(empty)


# -- nothing invented, nothing dropped (over every fixture and sample) ---------------------------------------

ALL_INPUTS = [*FIXTURES, *SAMPLES]
DATE_TOKEN = re.compile(
    r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\[[^\]]*date[^\]]*\]"
    r"|\b\d{1,2}(?:st|nd|rd|th)? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}\b",
    re.I,
)


@pytest.mark.parametrize("path", ALL_INPUTS, ids=lambda p: p.name)
def test_every_line_accounted_and_offsets_exact(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert_sound(parse_chronology(text, today=TODAY), text)


@pytest.mark.parametrize("path", ALL_INPUTS, ids=lambda p: p.name)
def test_every_date_and_agency_in_the_input_appears_in_the_timeline(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    chron = parse_chronology(text, today=TODAY)
    outputs = [u.text for u in chron.unparsed]
    for e in chron.entries:
        outputs += [e.date_text, e.agency_text, e.event, *e.extra.values()]
    for token in DATE_TOKEN.findall(text):
        assert any(token in piece for piece in outputs), f"date {token!r} vanished"
    # Independent oracle: any table cell that is exactly an agency name must be its row's agency_text.
    first_lines = {e.first_line: e for e in chron.entries}
    for number, line in enumerate(text.splitlines(), start=1):
        entry = first_lines.get(number)
        if entry is None or entry.row_format not in ("tab", "pipe"):
            continue
        for cell in (c.strip() for c in re.split(r"\t|(?<!\\)\|", line)):
            if is_agency_alias(cell):
                assert entry.agency_text == cell, f"agency {cell!r} on line {number} vanished"


@pytest.mark.parametrize("path", ALL_INPUTS, ids=lambda p: p.name)
def test_entries_invent_nothing_and_drop_no_words(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    chron = parse_chronology(text, today=TODAY)
    for entry in chron.entries:
        raw = "\n".join(span.text for span in entry.source)
        assert entry.date_text in entry.source[0].text
        assert entry.agency_text in raw
        fields = " ".join([entry.date_text, entry.agency_text, entry.event, *entry.extra.values()])
        assert set(re.findall(r"\w+", fields)) <= set(re.findall(r"\w+", raw)), (
            "a field has words not in the input"
        )
        assert set(re.findall(r"\w+", raw)) <= set(re.findall(r"\w+", fields)), (
            "a word of the input was dropped"
        )
        if entry.date is not None:
            assert entry.date_precision != "unknown"
        else:
            assert entry.date_precision == "unknown"


def test_models_describe_every_field_and_forbid_extras() -> None:
    from pydantic import BaseModel

    from assistant.domain import chronology as models

    for model in (
        models.SourceSpan,
        models.ChronologyEntry,
        models.UnparsedLine,
        models.SkippedLine,
        models.ChronologyIssue,
        models.LineAccounting,
        models.Chronology,
    ):
        assert issubclass(model, BaseModel)
        assert model.model_config.get("extra") == "forbid"
        for name, info in model.model_fields.items():
            assert info.description, f"{model.__name__}.{name} has no description"
    schema = models.Chronology.model_json_schema()
    assert "entries" in schema["properties"]


def test_result_round_trips_through_json() -> None:
    chron = parse("messy.txt")
    assert Chronology.model_validate_json(chron.model_dump_json()) == chron
