"""Hypothesis properties not covered elsewhere.

Already covered, and not repeated here: critique grounding on generated fragments and any string
(tests/test_critique_grounding.py), chronology round trips and line accounting (test_chronology_properties.py),
drafting grounding (test_drafting.py), the reader on any bytes (test_reader.py).

Added here:
- the section splitter: lines tile the text, sections partition it, every heading, body and table cell sits
  at exact offsets, markdown headings are found wherever they are put, and line endings do not change the
  structure;
- the chronology parser: every line number and span agrees with one definition of a line (CRLF, CR, LF),
  whatever other separators (vertical tab, form feed, U+2028...) the paste contains, and nothing is reordered;
- evidence offsets on realistic drafts (the five published reviews' sections recombined, re-spaced and
  re-encoded): the critique's and the lines of enquiry's quotes are text[start:end], with the right line.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.chronology import parse_chronology
from assistant.corpus import load_corpus
from assistant.critic.engine import critique_text
from assistant.documents.parse import parse_document, split_lines
from assistant.errors import InputError

LINE_BREAK = re.compile(r"\r\n|\r|\n")
SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]

# ---------------------------------------------------------------------------------------------- documents

FRAGMENTS = [
    "# Rapid review: CHILD A",
    "## Case information",
    "### 2.1 Family background ###",
    "1. Family background",
    "2.3 What happened",
    "Section 4: Decision",
    "**Learning**",
    "__Actions:__",
    "Key events:",
    "What we were worried about",
    "Name\tRelationship\tAge\tEthnicity",
    "CHILD A\tSubject\t4 months\tWhite British",
    "\t\t",
    "| Name | Relationship | Ethnicity |",
    "| --- | :---: | --- |",
    "| CHILD A | Subject | Unknown |",
    "| a | b",
    "- The police will review the policy.",
    "(a) first point",
    "☒ meets the criteria for an LCSPR",
    "Date of birth: [date]",
    "The mother said the baby was fine. The health visitor saw the baby on 3 March.",
    "yes / no",
    "x" * 120,
    "é漢字🙂 ‘quoted’ “double”",
    "\u00a0\u200b\t ",
    "#",
    "|",
    "",
    "",
]
LINE_TEXT = st.text(st.characters(blacklist_characters="\r\n", blacklist_categories=("Cs",)), max_size=30)


@st.composite
def documents(draw: st.DrawFn, breaks: tuple[str, ...] = ("\n", "\r\n", "\r")) -> str:
    """Lines of every shape a rapid review uses, joined by any mix of line breaks, with or without a final one."""
    lines = draw(st.lists(st.one_of(st.sampled_from(FRAGMENTS), LINE_TEXT), max_size=40))
    out: list[str] = []
    for line in lines:
        out += [line, draw(st.sampled_from(breaks))]
    if out and draw(st.booleans()):
        out.pop()
    return "".join(out)


@settings(max_examples=300, deadline=None, suppress_health_check=SLOW)
@given(documents())
def test_lines_tile_the_text(text: str) -> None:
    pos = 0
    for line in split_lines(text):
        assert line.start == pos
        assert text[line.start : line.end] == line.text
        assert "\r" not in line.text and "\n" not in line.text
        m = LINE_BREAK.match(text, line.end)
        pos = m.end() if m else line.end
        assert m is not None or line.end == len(text)
    assert pos == len(text)


@settings(max_examples=300, deadline=None, suppress_health_check=SLOW)
@given(documents())
def test_sections_partition_the_text_and_headings_tables_and_cells_are_exact(text: str) -> None:
    doc = parse_document(text)
    sections = doc.sections
    assert sections
    assert not text[: sections[0].start].strip()  # nothing before the first section but blank space
    assert sections[-1].end == len(text)
    for a, b in pairwise(sections):
        assert a.end == b.start and a.start < b.start  # in order, touching, no overlap
    lines_at = {line.start: i for i, line in enumerate(doc.lines)}
    for k, s in enumerate(sections):
        assert s.start <= s.body_start <= s.end
        if s.level == 0:
            assert k == 0 and s.heading == "" and s.start == 0
            continue
        i = lines_at[s.start]  # a heading starts a line ...
        line = doc.lines[i]
        assert s.heading and s.heading == s.heading.strip()
        assert s.heading in line.text  # ... and its text comes from that line
        assert s.body_start == (doc.lines[i + 1].start if i + 1 < len(doc.lines) else line.end)
    owners = {id(t): s for s in sections for t in s.tables}
    assert len(owners) == len(doc.tables)
    for t, u in pairwise(doc.tables):
        assert t.end <= u.start
    for t in doc.tables:
        assert t.start in lines_at and t.start <= t.end <= len(text)
        owner = owners[id(t)]
        assert owner.start <= t.start and (t.start < owner.end or owner is sections[-1])
        for row in ([t.header] if t.header else []) + t.rows:
            for cell in row:
                assert t.start <= cell.start <= cell.end <= t.end
                assert text[cell.start : cell.end] == cell.text == cell.text.strip()


@settings(max_examples=150, deadline=None, suppress_health_check=SLOW)
@given(documents(), st.data())
def test_section_at_finds_the_section_holding_an_offset(text: str, data: st.DataObject) -> None:
    doc = parse_document(text)
    offset = data.draw(st.integers(doc.sections[0].start, max(doc.sections[0].start, len(text))))
    s = doc.section_at(offset)
    assert s.start <= offset and (offset < s.end or s is doc.sections[-1])


TITLES = (
    st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ0123456789'’-,()"), min_size=1, max_size=50)
    .map(str.strip)
    .filter(lambda t: t and not t.endswith("#"))
)


@settings(max_examples=200, deadline=None, suppress_health_check=SLOW)
@given(
    st.lists(st.tuples(documents(breaks=("\n", "\r\n")), TITLES, st.integers(1, 6)), min_size=1, max_size=6)
)
def test_markdown_headings_are_found_wherever_they_are_put(parts: list[tuple[str, str, int]]) -> None:
    text = ""
    placed: list[tuple[int, str, int]] = []
    for body, title, level in parts:
        if text and not text.endswith(("\n", "\r")):
            text += "\n"
        placed.append((len(text), title, level))
        text += f"{'#' * level} {title}\n{body}"
    found = {(s.start, s.heading, s.level) for s in parse_document(text).sections}
    for start, title, level in placed:
        assert (start, title, level) in found


@settings(max_examples=200, deadline=None, suppress_health_check=SLOW)
@given(documents(breaks=("\n",)), st.sampled_from(["\r\n", "\r"]))
def test_line_endings_do_not_change_the_structure(text: str, newline: str) -> None:
    def shape(t: str) -> list[object]:
        doc = parse_document(t)
        cells = [
            [c.text for c in row]
            for table in doc.tables
            for row in ([table.header] if table.header else []) + table.rows
        ]
        return [[(s.heading, s.level, len(s.tables)) for s in doc.sections], cells]

    assert shape(text.replace("\n", newline)) == shape(text)


# ---------------------------------------------------------------------------------------------- chronologies

TODAY = date(2031, 1, 1)
CHRONO_TOKENS = [
    "01/02/2025",
    "3rd March 2024",
    "Feb 2023",
    "[date]",
    "\t",
    " | ",
    ",",
    '"',
    " - ",
    " – ",
    "Police",
    "HV",
    "Health Visitor",
    "CSC",
    "GP",
    "Date",
    "Agency",
    "Event",
    "baby seen and weighed",
    "mother said fine",
    "---",
    " ",
    "é",
    # line breaks of every kind, and separators that are *not* line breaks for the parser
    "\n",
    "\r\n",
    "\r",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x85",
    "\u2028",
    "\u2029",
]
chronology_text = st.lists(st.sampled_from(CHRONO_TOKENS), max_size=150).map("".join)


def physical_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line: CRLF, CR and LF end a line; a final break does not start another."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in LINE_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


@settings(max_examples=300, deadline=None, suppress_health_check=SLOW)
@given(chronology_text)
def test_chronology_line_numbers_and_spans_agree_with_one_definition_of_a_line(text: str) -> None:
    try:
        chron = parse_chronology(text, today=TODAY)
    except InputError:
        assert not text.strip()
        return
    expected = physical_lines(text)
    assert chron.source_text == text
    assert chron.line_count == len(expected)
    previous_first = 0
    for entry in chron.entries:
        numbers = [span.line for span in entry.source]
        assert numbers == sorted(set(numbers))  # an entry's lines in order, none twice
        assert numbers[0] > previous_first  # entries in input order
        previous_first = numbers[0]
        for span in entry.source:
            assert (span.start, span.end) == expected[span.line - 1]
            assert span.text == text[span.start : span.end]
    for line in chron.unparsed:
        start, end = expected[line.line - 1]
        assert line.text == text[start:end]
    accounting = chron.line_accounting()
    assert accounting.complete, (accounting.missing, accounting.claimed_twice)


# ---------------------------------------------------------------------------------------------- evidence offsets


def _example_sections() -> list[str]:
    corpus = load_corpus()
    out: list[str] = []
    for example in corpus.examples:
        doc = parse_document(example.stripped_text)
        out += [example.stripped_text[s.start : s.end].strip("\n") for s in doc.sections]
    return [s for s in out if s.strip()]


SECTIONS = _example_sections()


@st.composite
def recombined_drafts(draw: st.DrawFn) -> str:
    """Sections of the five published reviews, recombined and re-spaced the ways pastes differ."""
    chosen = draw(st.lists(st.sampled_from(SECTIONS), min_size=3, max_size=12))
    text = "\n\n".join(chosen)
    if draw(st.booleans()):
        text = text.replace("\n", draw(st.sampled_from(["\r\n", "\r"])))
    if draw(st.booleans()):
        text = "\ufeff" + text
    if draw(st.booleans()):
        text = text.replace(" ", draw(st.sampled_from(["\u00a0", "  ", "\t"])), draw(st.integers(0, 50)))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(["é漢字🙂", "\u2028", "\x0b", "İ ß ﬁ"])) + text[at:]
    return text


def line_of(text: str, offset: int) -> int:
    return len(LINE_BREAK.findall(text, 0, offset)) + 1


@settings(max_examples=60, deadline=None, suppress_health_check=SLOW)
@given(recombined_drafts())
def test_critique_evidence_is_exact_on_recombined_published_reviews(text: str) -> None:
    result = critique_text(text)
    evidence = [e for f in result.findings for e in f.evidence]
    evidence += [e for f in result.findings for nr in f.national_reviews for e in nr.evidence]
    evidence += [e for s in result.strengths for e in s.evidence]
    for e in evidence:
        assert e.quote and text[e.start : e.end] == e.quote
    for s in result.sections:
        assert 0 <= s.start <= s.end <= len(text)


@settings(max_examples=60, deadline=None, suppress_health_check=SLOW)
@given(recombined_drafts())
def test_lines_of_enquiry_evidence_is_exact_with_the_right_line(text: str) -> None:
    from assistant.enquiry.engine import kloe_text

    report = kloe_text(text, today=TODAY)
    for line in report.lines_of_enquiry:
        assert len(line.lines) == len(line.evidence)
        for e, number in zip(line.evidence, line.lines, strict=True):
            assert e.quote and text[e.start : e.end] == e.quote
            assert number == line_of(text, e.start), (number, e)
    for criterion in report.criteria:
        for point in [*criterion.evidence_for, *criterion.evidence_against]:
            assert text[point.evidence.start : point.evidence.end] == point.evidence.quote
            assert point.line == line_of(text, point.evidence.start)
