"""Spreadsheet chronologies (.xlsx, .csv) as the tab-separated text the chronology parser reads.

Multi-agency chronologies are usually compiled in Excel. A workbook becomes what a Word table becomes
(`chronology.render_docx_tables`): the lines above the table (title, subject) first, a blank line, then one
table row per line with cells separated by tabs. Unlike a Word table, a cell merged down several rows (an
agency, a date) gives its value to every row it covers: in Excel that is how one agency's run of contacts is
written, and each row is an event of its own. Date cells become UK dates ('03/02/2025', or '03/02/2025
14:30' when the cell shows a time), the form the parser reads.

A workbook is a zip package, so it gets the reader's bomb checks before openpyxl opens it, plus one of its
own: openpyxl makes a cell object for every cell a merged range covers, so the ranges' areas are summed
from the sheet XML first.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from assistant.chronology.dates import parse_date_cell
from assistant.chronology.parser import _header_columns
from assistant.documents.reader import check_zip_members, read_bytes, zip_members
from assistant.errors import InputError
from assistant.settings import get_settings

Kind = Literal["xlsx", "csv"]

WORKBOOK_FIX = "open it in Excel and save it again as .xlsx, or save the chronology sheet as .csv"
SHEET_FIX = "choose the sheet with --sheet NAME (in the app: save that sheet on its own as .csv)"
# A chronology of thousands of rows is a few MB of sheet XML; openpyxl holds every cell in memory (about
# 50 times the XML), so this is far tighter than the .docx limit.
MAX_WORKBOOK_UNCOMPRESSED = 40 * 1024 * 1024
MAX_MERGED_CELLS = 200_000
# How far down a sheet to look for the header row (title, subject and notes lines sit above it).
HEADER_SEARCH_ROWS = 50

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORKBOOK_EXTENSIONS = (".xlsx", ".xlsm", ".xls")
_SHEET_XML = re.compile(r"xl/worksheets/[^/]+\.xml")
_MERGE_REF = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([^\"]+)\"")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

Grid = dict[tuple[int, int], str]  # (row, column), both from 1, to the cell's text; empty cells absent


@dataclass(frozen=True)
class _Sheet:
    name: str
    grid: Grid
    header_row: int | None  # the row with Date and Agency/Event headings, if any
    dated_rows: int


def spreadsheet_kind(data: bytes, name: str) -> Kind | None:
    """'xlsx' for a workbook (by content, or by its name when the content is not one: then reading it says
    why), 'csv' for a .csv file, None for anything else."""
    ext = Path(name).suffix.lower()
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                if "xl/workbook.xml" in zf.namelist():
                    return "xlsx"
        except Exception:  # a damaged zip: the reader that matches its name says so
            pass
    if ext in _WORKBOOK_EXTENSIONS:
        return "xlsx"
    return "csv" if ext == ".csv" else None


def read_spreadsheet(data: bytes, name: str, *, sheet: str | None = None) -> tuple[str, list[str]]:
    """The chronology in a workbook or CSV file as tab-separated text, and notes for the user (which sheet
    was read). `sheet` names the sheet to read; without it, the one that looks most like a chronology."""
    if spreadsheet_kind(data, name) == "csv":
        document = read_bytes(data, name)  # encodings, BOMs, binary and empty files, the word limit
        sheets = [_sheet(name, _csv_grid(document.text, name))]
        notes = list(document.warnings)
        if sheet is not None:
            notes.append("a CSV file has one sheet, so --sheet was not needed")
        chosen = sheets[0]
        if chosen.header_row is None and not chosen.dated_rows:
            raise _no_chronology(name, [])
    else:
        sheets = _workbook_sheets(data, name)
        chosen = _choose(sheets, name, sheet)
        notes = [_which(chosen, sheets)]
    return _render(chosen, name), notes


# ---------------------------------------------------------------------------------------------- xlsx


def _workbook_sheets(data: bytes, name: str) -> list[_Sheet]:
    if not data.startswith(b"PK\x03\x04"):
        if data.startswith(_OLE):
            raise InputError(
                f"the workbook '{name}' is password-protected or in the old .xls format",
                fix="save it as an unprotected Excel Workbook (.xlsx), or save the chronology sheet as .csv",
            )
        raise InputError(f"'{name}' is not an Excel workbook", fix=WORKBOOK_FIX)
    infos = zip_members(data, name, what="the workbook", fix=WORKBOOK_FIX)
    if "xl/workbook.xml" not in {info.filename for info in infos}:
        raise InputError(f"'{name}' is a zip file but not an Excel workbook", fix=WORKBOOK_FIX)
    check_zip_members(
        data, name, infos, what="the workbook", fix=WORKBOOK_FIX, max_total=MAX_WORKBOOK_UNCOMPRESSED
    )
    _check_merged_areas(data, name, infos)
    import openpyxl  # deferred: only spreadsheets need it

    try:
        # Not read_only: merged ranges are only known to a full worksheet. data_only: a formula's last value.
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises KeyError, lxml and zip errors for broken packages
        raise InputError(
            f"the workbook '{name}' is damaged and cannot be read ({_short(exc)})", fix=WORKBOOK_FIX
        ) from None
    try:
        sheets = [_sheet(ws.title, _worksheet_grid(ws)) for ws in workbook.worksheets]
    finally:
        workbook.close()
    if not any(s.grid for s in sheets):
        raise InputError(
            f"the workbook '{name}' is empty", fix="upload the workbook with the chronology in it"
        )
    return sheets


def _check_merged_areas(data: bytes, name: str, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse merged ranges covering more cells than a chronology could (openpyxl makes an object for each).
    The members were size-checked already, so reading them whole is bounded."""
    from openpyxl.utils.cell import range_boundaries

    total = 0
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in infos:
            if not _SHEET_XML.fullmatch(info.filename):
                continue
            for ref in _MERGE_REF.findall(zf.read(info)):
                try:
                    min_col, min_row, max_col, max_row = range_boundaries(ref.decode("ascii", "replace"))
                except (ValueError, TypeError):
                    continue  # openpyxl reports a range it cannot read when it opens the sheet
                total += ((max_col or min_col or 1) - (min_col or 1) + 1) * (
                    (max_row or 1) - (min_row or 1) + 1
                )
                if total > MAX_MERGED_CELLS:
                    raise InputError(
                        f"the workbook '{name}' merges more than {MAX_MERGED_CELLS:,} cells, which looks like "
                        "a spreadsheet bomb",
                        fix="unmerge the cells (Home > Merge & Center > Unmerge Cells) and save it again",
                    )


def _worksheet_grid(ws: Any) -> Grid:
    grid: Grid = {}
    # The cells the sheet stores, not ws.iter_rows: that makes every cell up to the furthest one used, and a
    # stray mark in row 1,000,000 would make a million empty rows.
    for (row, col), cell in ws._cells.items():
        text = _cell_text(cell.value)
        if text:
            grid[(row, col)] = text
    for merged in ws.merged_cells.ranges:
        top = grid.get((merged.min_row, merged.min_col))
        if top is None:
            continue
        # Down the rows only: a cell merged across columns is one wide cell (a section heading over the
        # table, say), and repeating it in each column would make it look like an event.
        for row in range(merged.min_row + 1, merged.max_row + 1):
            grid[(row, merged.min_col)] = top
    return grid


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        # Midnight is a date without a time: exports (pandas, openpyxl, many case systems) store every date
        # as a date-time at 00:00 and format it with the time, which no one recorded.
        if value.time() == dt.time(0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _clean(str(value))


# ---------------------------------------------------------------------------------------------- csv


def _csv_grid(text: str, name: str) -> Grid:
    sample = text[:20_000]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    grid: Grid = {}
    try:
        # newline="": a quoted cell's own line breaks reach the csv module, which keeps them in the cell.
        for row, cells in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), start=1):
            for col, cell in enumerate(cells, start=1):
                if cleaned := _clean(cell):
                    grid[(row, col)] = cleaned
    except csv.Error as exc:
        raise InputError(
            f"the CSV file '{name}' cannot be read ({_short(exc)})",
            fix="open it in Excel and save it again as CSV UTF-8, or save the chronology as .xlsx",
        ) from None
    return grid


def _clean(cell: str) -> str:
    # Tabs would split the row for the parser; line breaks inside a cell become vertical tabs, as Word writes
    # them (and as render_docx_tables does), so a row stays on one line.
    return _LINE_BREAK.sub("\x0b", cell.replace("\t", " ")).strip()


# ---------------------------------------------------------------------------------------------- choosing


def _sheet(name: str, grid: Grid) -> _Sheet:
    rows = _rows(grid)
    header_row, date_col = None, None
    for number in sorted(rows)[:HEADER_SEARCH_ROWS]:
        columns = _header_columns(rows[number])
        if (
            columns is not None
            and columns.date is not None
            and (columns.agency, columns.event) != (None, None)
        ):
            header_row, date_col = number, columns.date
            break
    below = [cells for number, cells in rows.items() if header_row is None or number > header_row]
    if date_col is None:  # no header: a date in the first filled cell, as in a table with no header row
        dated = sum(1 for cells in below if parse_date_cell(next((c for c in cells if c), "")).is_date_like)
    else:
        dated = sum(
            1 for cells in below if date_col < len(cells) and parse_date_cell(cells[date_col]).is_date_like
        )
    return _Sheet(name, grid, header_row, dated)


def _rows(grid: Grid, first_col: int = 1, width: int | None = None) -> dict[int, list[str]]:
    """Row number to its cells from `first_col` (to the row's last filled cell, or `width` cells)."""
    by_row: dict[int, dict[int, str]] = {}
    for (row, col), text in grid.items():
        if col >= first_col:
            by_row.setdefault(row, {})[col] = text
    out: dict[int, list[str]] = {}
    for row in sorted(by_row):
        cols = by_row[row]
        span = width if width is not None else max(cols) - first_col + 1
        out[row] = [cols.get(first_col + i, "") for i in range(span)]
    return out


def _choose(sheets: list[_Sheet], name: str, wanted: str | None) -> _Sheet:
    names = [s.name for s in sheets]
    if wanted is not None:
        for s in sheets:
            if s.name == wanted or s.name.strip().lower() == wanted.strip().lower():
                return s
        raise InputError(
            f"the workbook '{name}' has no sheet '{wanted}'; its sheets: {_listed(names)}", fix=SHEET_FIX
        )
    with_header = [s for s in sheets if s.header_row is not None and s.dated_rows]
    candidates = with_header or [s for s in sheets if s.dated_rows]
    if not candidates:
        raise _no_chronology(name, names)
    best = max(s.dated_rows for s in candidates)
    top = [s for s in candidates if s.dated_rows == best]
    if len(top) > 1:
        raise InputError(
            f"the workbook '{name}' has more than one sheet that looks like a chronology "
            f"({_listed([s.name for s in top])}, {best} dated rows each); its sheets: {_listed(names)}",
            fix=SHEET_FIX,
        )
    return top[0]


def _no_chronology(name: str, names: list[str]) -> InputError:
    where = f"no sheet of '{name}' (sheets: {_listed(names)})" if names else f"'{name}'"
    return InputError(
        f"{where} looks like a chronology: there is no header row with a Date column and an Agency or Event "
        "column, and no rows that start with a date",
        fix="put the chronology in a table headed Date, Agency, Event (one event a row), or choose the sheet "
        "with --sheet NAME",
    )


def _which(chosen: _Sheet, sheets: list[_Sheet]) -> str:
    note = f"read the chronology from sheet '{chosen.name}' ({chosen.dated_rows} dated rows"
    note += f", headings on row {chosen.header_row})" if chosen.header_row is not None else ", no header row)"
    others = [s.name for s in sheets if s is not chosen]
    if others:
        note += f"; the workbook's other sheets: {_listed(others)} (choose one with --sheet NAME)"
    return note


def _listed(names: list[str]) -> str:
    return ", ".join(f"'{n}'" for n in names)


# ---------------------------------------------------------------------------------------------- rendering


def _render(sheet: _Sheet, name: str) -> str:
    """Lines above the headings joined by spaces (the title, 'Subject: …'), a blank line, then the table from
    its headings down as tab-separated rows of one width, each ending in a line break; empty rows and empty
    leading columns left out."""
    limit = get_settings().max_input_bytes
    start = sheet.header_row if sheet.header_row is not None else min((r for r, _ in sheet.grid), default=1)
    table = {key: text for key, text in sheet.grid.items() if key[0] >= start}
    first_col = min((c for _, c in table), default=1)
    width = max((c for _, c in table), default=first_col) - first_col + 1
    above = _rows({key: text for key, text in sheet.grid.items() if key[0] < start})
    lines = [" ".join(" ".join(c for c in cells if c).split()) for cells in above.values()]
    preamble = "\n".join(line for line in lines if line)
    rows: list[str] = []
    size = len(preamble)
    for cells in _rows(table, first_col, width).values():
        row = "\t".join(cells)
        size += len(row) + 1
        if size > limit:  # shared strings can repeat one long text in every cell: stop before holding it all
            raise InputError(
                f"the chronology in '{name}' is larger than the input limit once read",
                fix=f"split the chronology, or raise RRA_MAX_INPUT_BYTES (now {limit} bytes)",
            )
        rows.append(row)
    body = "".join(row + "\n" for row in rows)  # line-ended, as Excel's "Save as Text" writes it
    return f"{preamble}\n\n{body}" if preamble else body


def _short(exc: BaseException) -> str:
    detail = str(exc).strip() or type(exc).__name__
    return detail if len(detail) <= 160 else detail[:157] + "..."
