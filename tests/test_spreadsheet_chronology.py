"""Spreadsheet chronologies (.xlsx, .csv): a workbook drafts exactly as its hand-written tab-separated copy.

Every workbook is built here with openpyxl, the way a practitioner's Excel file is laid out: a cover sheet, a
title above the table, an agency merged down the rows of its contacts, real date and date-time cells. The
text is invented.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from assistant import services
from assistant.cli import main
from assistant.documents.spreadsheet import MAX_MERGED_CELLS, read_spreadsheet
from assistant.errors import InputError
from assistant.resources import APP_ENTRY

TITLE = "Multi-agency chronology: Baby T (boy, aged 5 months)"
HEADER = ["Date", "Agency", "Event"]
# (date cell, agency or None where the agency cell above is merged down, event)
ROWS: list[tuple[Any, str | None, str]] = [
    (dt.datetime(2025, 2, 3), "Health Visiting", "New birth visit at home; Baby T weighed, mother tired."),
    (dt.datetime(2025, 2, 11, 9, 45), None, "Telephone contact with mother; no concerns raised."),
    (dt.date(2025, 2, 19), None, "Clinic visit; small bruise seen on Baby T's upper arm."),
    (dt.datetime(2025, 2, 20, 16, 5), "Children's Social Care", "Referral received from Health Visiting."),
    (dt.datetime(2025, 2, 21), None, "Strategy discussion held with police and health."),
    (dt.datetime(2025, 2, 24), "Police", "Officers attended the home after a call from a neighbour."),
]
# The same chronology as a person would type it into a text file.
TSV = (
    f"{TITLE}\n\n"
    "Date\tAgency\tEvent\n"
    "03/02/2025\tHealth Visiting\tNew birth visit at home; Baby T weighed, mother tired.\n"
    "11/02/2025 09:45\tHealth Visiting\tTelephone contact with mother; no concerns raised.\n"
    "19/02/2025\tHealth Visiting\tClinic visit; small bruise seen on Baby T's upper arm.\n"
    "20/02/2025 16:05\tChildren's Social Care\tReferral received from Health Visiting.\n"
    "21/02/2025\tChildren's Social Care\tStrategy discussion held with police and health.\n"
    "24/02/2025\tPolice\tOfficers attended the home after a call from a neighbour.\n"
)


def chronology_workbook(*, first_row: int = 4, cover: bool = True) -> openpyxl.Workbook:
    """A cover sheet, then the chronology: title on row 1, headings on `first_row`, agencies merged down."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    if cover:
        ws.title = "Cover"
        ws["A1"] = "Rapid review: Baby T"
        ws["A2"] = "Prepared for the safeguarding partnership"
        ws["A3"] = "Version 2"
        ws = wb.create_sheet("Chronology")
    else:
        ws.title = "Chronology"
    ws["A1"] = TITLE
    ws.merge_cells("A1:C1")  # a title across the table: one wide cell, not three
    for col, heading in enumerate(HEADER, start=1):
        ws.cell(first_row, col, heading)
    start: int | None = None
    for i, (when, agency, event) in enumerate(ROWS):
        row = first_row + 1 + i
        ws.cell(row, 1, when)
        if isinstance(when, dt.datetime) and when.time() == dt.time(0):
            ws.cell(row, 1).number_format = "dd/mm/yyyy"
        ws.cell(row, 3, event)
        if agency is not None:
            if start is not None and row - 1 > start:
                ws.merge_cells(start_row=start, start_column=2, end_row=row - 1, end_column=2)
            ws.cell(row, 2, agency)
            start = row
    last = first_row + len(ROWS)
    if start is not None and last > start:
        ws.merge_cells(start_row=start, start_column=2, end_row=last, end_column=2)
    return wb


def save(wb: openpyxl.Workbook, path: Path) -> Path:
    wb.save(path)
    return path


def draft_json(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[dict[str, Any], str]:
    code = main(["draft", str(path), "--format", "json", "--today", "2025-06-01", *extra])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out), err


def test_workbook_with_merged_agencies_and_date_cells_drafts_as_its_tab_separated_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xlsx = save(chronology_workbook(), tmp_path / "chronology.xlsx")
    tsv = tmp_path / "chronology.tsv"
    tsv.write_text(TSV, encoding="utf-8")
    from_xlsx, err = draft_json(xlsx, capsys)
    from_tsv, _ = draft_json(tsv, capsys)
    assert from_xlsx == from_tsv
    timeline = [(e["date"], e["agency_text"], e["event"]) for e in from_xlsx["timeline"]]
    assert timeline == [
        ("2025-02-03", "Health Visiting", ROWS[0][2]),
        ("2025-02-11", "Health Visiting", ROWS[1][2]),
        ("2025-02-19", "Health Visiting", ROWS[2][2]),
        ("2025-02-20", "Children's Social Care", ROWS[3][2]),
        ("2025-02-21", "Children's Social Care", ROWS[4][2]),
        ("2025-02-24", "Police", ROWS[5][2]),
    ]
    # Date-only cells stay dates; a cell with a time of day keeps it.
    date_texts = [e["date_text"] for e in from_xlsx["timeline"]]
    assert date_texts[0] == "03/02/2025" and date_texts[1] == "11/02/2025 09:45"
    assert from_xlsx["case_facts"] == from_tsv["case_facts"] and "boy" in json.dumps(from_xlsx["case_facts"])
    assert "sheet 'Chronology'" in err and "'Cover'" in err and "--sheet" in err


def test_the_markdown_draft_is_the_same_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    xlsx = save(chronology_workbook(first_row=7, cover=False), tmp_path / "c.xlsx")
    tsv = tmp_path / "c.txt"
    tsv.write_text(TSV, encoding="utf-8")
    outputs = []
    for path in (xlsx, tsv):
        assert main(["draft", str(path), "--today", "2025-06-01"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] and "Children's Social Care" in outputs[0]


def test_the_text_a_workbook_becomes(tmp_path: Path) -> None:
    text, notes = services.read_chronology(save(chronology_workbook(), tmp_path / "c.xlsx"))
    assert text == TSV
    assert notes and "headings on row 4" in notes[0]


def test_sheet_option_chooses_and_names_the_sheets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wb = chronology_workbook()
    second = wb.create_sheet("Police only")
    second.append(HEADER)
    second.append([dt.datetime(2025, 3, 1), "Police", "Welfare check at the family home."])
    path = save(wb, tmp_path / "two.xlsx")
    chosen, err = draft_json(path, capsys)  # the sheet with more dated rows
    assert len(chosen["timeline"]) == len(ROWS) and "'Police only'" in err
    police, _ = draft_json(path, capsys, "--sheet", "police only")
    assert [e["event"] for e in police["timeline"]] == ["Welfare check at the family home."]
    assert main(["draft", str(path), "--sheet", "Health"]) == 2
    err = capsys.readouterr().err
    assert "no sheet 'Health'" in err and "'Cover', 'Chronology', 'Police only'" in err and "fix:" in err


def test_two_equal_chronology_sheets_are_not_guessed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wb = openpyxl.Workbook()
    for i, ws in enumerate([wb.active, wb.create_sheet("Copy")]):
        assert ws is not None
        ws.title = ["Original", "Copy"][i]
        ws.append(HEADER)
        ws.append([dt.datetime(2025, 3, 1), "Police", "Welfare check."])
    path = save(wb, tmp_path / "twins.xlsx")
    assert main(["draft", str(path)]) == 2
    err = capsys.readouterr().err
    assert "more than one sheet" in err and "'Original', 'Copy'" in err and "--sheet NAME" in err
    assert main(["draft", str(path), "--sheet", "Copy", "--format", "json"]) == 0


ROWS_CSV = [
    ["Date", "Agency", "Event"],
    ["03/02/2025", "Health Visiting", 'New birth visit, Baby T weighed; mother tired, "coping".'],
    ["11/02/2025 09:45", "Health Visiting", "Telephone contact with mother.\nNo concerns raised."],
    ["20/02/2025", "Children's Social Care", "Referral received from Health Visiting."],
]


def csv_bytes(rows: list[list[str]], *, bom: bool = True) -> bytes:
    import csv

    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8")


def test_csv_with_commas_quoted_line_breaks_and_a_bom_drafts_as_the_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_path = tmp_path / "chronology.csv"
    csv_path.write_bytes(csv_bytes([[TITLE], [], *ROWS_CSV]))
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append([TITLE])
    ws.append([])
    for row in ROWS_CSV:
        ws.append(row)
    xlsx = save(wb, tmp_path / "chronology.xlsx")
    from_csv, _ = draft_json(csv_path, capsys)
    from_xlsx, _ = draft_json(xlsx, capsys)
    assert from_csv == from_xlsx
    events = [e["event"] for e in from_csv["timeline"]]
    assert events[0] == ROWS_CSV[1][2]  # the commas and quotes are the cell's own
    assert events[1] == "Telephone contact with mother.\nNo concerns raised."  # one entry, both lines
    assert len(events) == 3 and "\ufeff" not in json.dumps(from_csv)


def test_csv_without_line_breaks_drafts_as_its_tab_separated_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [ROWS_CSV[0], ROWS_CSV[1], ROWS_CSV[3]]
    csv_path = tmp_path / "c.csv"
    csv_path.write_bytes(csv_bytes(rows))
    tsv = tmp_path / "c.tsv"
    tsv.write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    assert draft_json(csv_path, capsys)[0] == draft_json(tsv, capsys)[0]


def test_kloe_reads_a_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = save(chronology_workbook(), tmp_path / "c.xlsx")
    code = main(["kloe", str(path), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)["meta"]["input_kind"] == "chronology" and "sheet 'Chronology'" in err


# ---------------------------------------------------------------------------------------------- refusals


def merged_bomb() -> bytes:
    """A small workbook whose sheet claims one merged range of millions of cells."""
    buffer = io.BytesIO()
    chronology_workbook(cover=False).save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb"<mergeCells.*?</mergeCells>", b"", data)
                data = data.replace(
                    b"</sheetData>",
                    b'</sheetData><mergeCells count="1"><mergeCell ref="D1:XFD1048576"/></mergeCells>',
                )
            dst.writestr(info.filename, data)
    return out.getvalue()


def size_bomb() -> bytes:
    """A workbook with a member that inflates to far more than any chronology (packed ~1000:1)."""
    buffer = io.BytesIO()
    chronology_workbook(cover=False).save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        dst.writestr("xl/media/padding.bin", b"\0" * (60 * 1024 * 1024))
    return out.getvalue()


def workbook_bytes(wb: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def notes_only() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Notes"
    ws.append(["Panel members", "Chair, police, health"])
    wb.create_sheet("Actions").append(["Action", "Owner"])
    return workbook_bytes(wb)


REFUSED: list[tuple[str, str, Any, str, str]] = [
    # (id, file name, bytes or a builder, part of the message, part of the fix)
    ("merged_bomb", "c.xlsx", merged_bomb, "merges more than", "unmerge the cells"),
    ("size_bomb", "c.xlsx", size_bomb, "looks like a zip bomb", "save it again as .xlsx"),
    (
        "text_named_xlsx",
        "c.xlsx",
        b"Date,Agency,Event\n",
        "is not an Excel workbook",
        "save it again as .xlsx",
    ),
    ("old_xls", "c.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old .xls format", ".xlsx"),
    ("docx_named_xlsx", "c.xlsx", None, "not an Excel workbook", "save it again as .xlsx"),
    (
        "empty_workbook",
        "c.xlsx",
        lambda: workbook_bytes(openpyxl.Workbook()),
        "is empty",
        "upload the workbook",
    ),
    (
        "no_chronology",
        "c.xlsx",
        notes_only,
        "no sheet of 'c.xlsx' (sheets: 'Notes', 'Actions')",
        "Date, Agency",
    ),
    ("empty_csv", "c.csv", b"\xef\xbb\xbf\r\n", "the document is empty", "paste or upload"),
    ("csv_no_dates", "c.csv", b"Name,Role\nAlex,Chair\n", "looks like a chronology", "Date, Agency, Event"),
]


def refused_bytes(case: Any) -> bytes:
    data = case[2]
    if case[0] == "docx_named_xlsx":
        import docx

        buffer = io.BytesIO()
        docx.Document().save(buffer)
        return buffer.getvalue()
    return data() if callable(data) else data


@pytest.mark.parametrize("case", REFUSED, ids=[c[0] for c in REFUSED])
def test_bad_spreadsheets_exit_2_with_the_fix(
    case: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, name, _, problem, fix = case
    path = tmp_path / name
    path.write_bytes(refused_bytes(case))
    assert main(["draft", str(path)]) == 2
    err = capsys.readouterr().err
    message, _, fix_line = err.partition("  fix: ")
    assert problem in message and fix in fix_line and "Traceback" not in err
    with pytest.raises(InputError):  # the app's upload path
        services.read_chronology(path.read_bytes(), name)


def test_the_merged_bomb_is_refused_before_openpyxl_opens_it(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*_a: Any, **_k: Any) -> None:
        raise AssertionError("openpyxl was asked to open a bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    with pytest.raises(InputError, match=f"merges more than {MAX_MERGED_CELLS:,} cells"):
        read_spreadsheet(merged_bomb(), "c.xlsx")


def test_sheet_option_on_a_text_file_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.txt"
    path.write_text(TSV, encoding="utf-8")
    assert main(["draft", str(path), "--sheet", "Chronology"]) == 2
    assert "is not one" in capsys.readouterr().err


def test_the_draft_page_reads_an_uploaded_workbook() -> None:
    pytest.importorskip("streamlit")
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP_ENTRY), default_timeout=120)
    at.run()
    at.switch_page("app_pages/draft.py").run()
    data = workbook_bytes(chronology_workbook())
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    at.file_uploader[0].upload("chronology.xlsx", data, mime).run()
    assert not at.exception and not at.error, (at.exception, [e.value for e in at.error])
    assert at.text_area(key="w_draft_text").value == TSV
