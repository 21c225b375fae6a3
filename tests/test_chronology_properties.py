"""Property tests: random chronologies rendered in random formats parse back to what was written."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.chronology import parse_chronology
from assistant.domain.chronology import Chronology
from assistant.errors import InputError

TODAY = date(2031, 1, 1)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
MONTHS += ["November", "December"]
ORDINAL = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}

AGENCIES = [
    ("HV", "Health Visiting"),
    ("Health Visitor", "Health Visiting"),
    ("CSC", "Children's Social Care"),
    ("Children's Services", "Children's Social Care"),
    ("GP", "GP"),
    ("GP Practice", "GP"),
    ("A&E", "Emergency Department"),
    ("ED", "Emergency Department"),
    ("Police", "Police"),
    ("MASH", "MASH"),
    ("MW", "Midwifery"),
    ("School", "Education"),
    ("CAMHS", "CAMHS"),
    ("EMAS", "Ambulance Service"),
    ("East Midlands Ambulance Service", "Ambulance Service"),
    ("Probation", "Probation"),
    ("YOT", "Youth Justice"),
    ("ASC", "Adult Social Care"),
    ("Housing", "Housing"),
    ("IDVA", "Domestic Abuse Service"),
    ("Early Help", "Early Help"),
    ("NHS 111", "NHS 111"),
    ("Paediatrics", "Paediatrics"),
    ("CMHT", "Mental Health"),
    ("Fire Service", "Fire Service"),
    ("NSPCC", "NSPCC"),
    ("Food Bank", "Food Bank"),
]
# Event words include the characters that stress each format: commas, quotes, pipes, dashes, colons.
EVENT_WORDS = ["baby", "seen", "and", "weighed,", 'said "fine"', "follow-up", "mother's", "partner", "a|b"]
EVENT_WORDS += ["14:30", "£50", "(approx)", "x - y", "bruise", "visit;", "CHILD X", "2 weeks", "100%"]
# Continuation lines must read as plain prose: no separators, no leading date, no header words.
CONTINUATION_WORDS = ["baby", "seen", "and", "weighed,", "mother", "tired", "partner", "present", "later"]


@dataclass(frozen=True)
class Row:
    date_text: str
    iso: str | None
    precision: str
    agency_text: str
    agency: str
    event: str
    continuation: tuple[str, ...]

    @property
    def full_event(self) -> str:
        return "\n".join((self.event, *self.continuation))


@st.composite
def dates(draw: st.DrawFn) -> tuple[str, str | None, str]:
    day = draw(st.dates(min_value=date(1975, 1, 1), max_value=date(2030, 12, 31)))
    form = draw(st.integers(0, 11))
    month = MONTHS[day.month - 1]
    iso = day.isoformat()
    if form == 0:
        return f"{day:%d/%m/%Y}", iso, "day"
    if form == 1 and 1969 <= day.year <= 2068:
        return f"{day.day}/{day.month}/{day:%y}", iso, "day"
    if form == 2:
        return f"{day.day} {month[:3]} {day.year}", iso, "day"
    if form == 3:
        return f"{day.day}{ORDINAL.get(day.day, 'th')} {month} {day.year}", iso, "day"
    if form == 4:
        return f"{day:%d.%m.%Y}", iso, "day"
    if form == 5:
        return iso, iso, "day"
    if form == 6:
        return f"{month[:3]} {day.year}", f"{day.year}-{day.month:02d}-01", "month"
    if form == 7:
        return f"{month} {day.year}", f"{day.year}-{day.month:02d}-01", "month"
    if form == 8:
        return str(day.year), f"{day.year}-01-01", "year"
    if form == 9:
        return draw(st.sampled_from(["[date]", "[DATE]", "[date removed]", "[dates]"])), None, "unknown"
    return f"{day:%d/%m/%Y}", iso, "day"


@st.composite
def rows(draw: st.DrawFn) -> Row:
    date_text, iso, precision = draw(dates())
    agency_text, agency = draw(st.sampled_from(AGENCIES))
    event = " ".join(draw(st.lists(st.sampled_from(EVENT_WORDS), min_size=1, max_size=8)))
    lines = st.lists(st.sampled_from(CONTINUATION_WORDS), min_size=1, max_size=5).map(" ".join)
    continuation = tuple(draw(st.lists(lines, max_size=2)))
    return Row(date_text, iso, precision, agency_text, agency, event, continuation)


def render(fmt: str, block: list[Row], header: bool, variant: int) -> list[str]:
    """Lines of one block, written the way an author's paste would have them."""
    out: list[str] = []
    if fmt == "tab":
        if header:
            out.append("Date\tAgency\tEvent")
        for row in block:
            if row.continuation and variant % 2:
                # Excel quotes a multi-line cell and doubles the quotes inside it.
                quoted = '"' + row.full_event.replace('"', '""') + '"'
                out.extend(f"{row.date_text}\t{row.agency_text}\t{quoted}".split("\n"))
            else:
                out.append(f"{row.date_text}\t{row.agency_text}\t{row.event}")
                out.extend(row.continuation)
    elif fmt == "pipe":
        if header:
            out += ["| Date | Agency | Event |", "| --- | --- | --- |"]
        for row in block:
            cells = [row.date_text, row.agency_text, row.event.replace("|", "\\|")]
            out.append("| " + " | ".join(cells) + (" |" if variant % 2 else ""))
            out.extend(row.continuation)
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(
            buffer, lineterminator="\n", quoting=csv.QUOTE_ALL if variant % 2 else csv.QUOTE_MINIMAL
        )
        if header:
            writer.writerow(["Date", "Agency", "Event"])
        for row in block:
            writer.writerow([row.date_text, row.agency_text, row.full_event])
        out.extend(buffer.getvalue().rstrip("\n").split("\n"))
    else:
        separator = [" - ", " – ", " — ", ": "][variant % 4]
        for row in block:
            out.append(f"{row.date_text}{separator}{row.agency_text}{separator}{row.event}")
            out.extend(row.continuation)
    return out


FORMATS = ["tab", "pipe", "csv", "delimited"]
blocks = st.lists(
    st.tuples(
        st.sampled_from(FORMATS), st.lists(rows(), min_size=1, max_size=6), st.booleans(), st.integers(0, 7)
    ),
    min_size=1,
    max_size=3,
)


def assert_sound(chron: Chronology, text: str) -> None:
    accounting = chron.line_accounting()
    assert accounting.complete, (accounting.missing, accounting.claimed_twice)
    assert len(accounting.roles) == chron.line_count
    for entry in chron.entries:
        for span in entry.source:
            assert text[span.start : span.end] == span.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocks=blocks, ending=st.sampled_from(["\n", "\r\n"]), trailing=st.booleans())
def test_random_chronologies_round_trip(
    blocks: list[tuple[str, list[Row], bool, int]], ending: str, trailing: bool
) -> None:
    lines: list[str] = []
    expected: list[Row] = []
    for index, (fmt, block, header, variant) in enumerate(blocks):
        if index:
            lines.append("")
        lines += render(fmt, block, header and fmt != "delimited", variant)
        expected += block
    text = ending.join(lines) + (ending if trailing else "")

    chron = parse_chronology(text, today=TODAY)

    assert_sound(chron, text)
    assert chron.unparsed == []
    got = [(e.date, e.date_precision, e.date_text, e.agency, e.agency_text, e.event) for e in chron.entries]
    want = [(r.iso, r.precision, r.date_text, r.agency, r.agency_text, r.full_event) for r in expected]
    assert got == want
    formats = {fmt for fmt, *_ in blocks}
    assert bool(chron.issues_of("mixed_formats")) == (len(formats) > 1)
    assert (chron.detected_format == "mixed") == (len(formats) > 1)
    assert bool(chron.issues_of("no_dates")) == all(r.iso is None for r in expected)


TOKENS = [
    *"\t|,\"'-–—:[]/\\.\r\n \x0b\ufeff0123456789",
    "date",
    "Feb",
    "HV",
    "2025",
    "Police",
    "Date",
    "Agency",
]
NASTY = st.lists(st.sampled_from(TOKENS), max_size=120).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(st.text(max_size=300), NASTY))
def test_parser_never_raises_anything_but_input_error(text: str) -> None:
    try:
        chron = parse_chronology(text, today=TODAY)
    except InputError:
        assert not text.strip()
        return
    assert_sound(chron, text)


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(rows(), min_size=1, max_size=20))
def test_every_date_and_agency_in_the_input_appears_in_the_timeline(rows: list[Row]) -> None:
    text = "\n".join(f"{r.date_text}\t{r.agency_text}\t{r.event}" for r in rows)
    chron = parse_chronology(text, today=TODAY)
    assert [e.date_text for e in chron.entries] == [r.date_text for r in rows]
    assert [e.agency_text for e in chron.entries] == [r.agency_text for r in rows]
    # Duplicates are flagged but never removed.
    assert len(chron.entries) == len(rows)
