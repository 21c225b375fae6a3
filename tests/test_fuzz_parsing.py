"""Fuzz suite for the parsing of untrusted text: the readers (text and Markdown bytes), the section splitter,
the chronology parser, the critique (offline, without retrieval) and the redactor.

Two kinds of input are used. Hypothesis text is built from the tokens practitioners type, with stray characters
between them, and repeated to tens of kilobytes so that long runs of one shape appear. The pathological inputs
of issue 12 (bench/cases.py `pathological_inputs`) are used at 1 MB, and the other stress shapes at 256 KB.

Only correct, complete output is asserted. Nothing raises except a refusal of input that really is unusable.
Every offset is inside the text, and every quote equals the input at its offsets. Text read back is the text
written, and redacted text restores exactly. Nothing here is timed: `make bench` (case `parse_pathological`)
reports the time per kilobyte of every component on every pathological input at 1 MB.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assistant import services
from assistant.chronology import parse_chronology
from assistant.documents.parse import parse_document
from assistant.domain.critique import Critique
from assistant.errors import InputError
from assistant.privacy.redaction import PLACEHOLDER, redact
from bench.cases import in_a_draft, pathological_inputs

TODAY = date(2031, 1, 1)
LINE_BREAK = re.compile(r"\r\n|\r|\n")
SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
# The reader refuses text with more control characters than this share (as binary data).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")

ISSUE_CASES = ("heading_spaces", "mother_repeated", "dob_spaces", "dates", "chronology_separators")
PATHOLOGICAL = pathological_inputs(1_000_000)
STRESS = pathological_inputs(256 * 1024)

TOKENS = [
    "# ",
    "## ",
    "#",
    "**",
    "__",
    "|",
    " | ",
    "\t",
    " ",
    "   ",
    "\u00a0",
    "\u202f",
    "–",
    "—",
    "-",
    " - ",
    ":",
    "/",
    ".",
    ",",
    '"',
    "'",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "Mother",
    "Mother ",
    "Father",
    "the health visitor",
    "DOB",
    "DOB:",
    "Date of Birth",
    "14/03/2019",
    "3rd March 2024",
    "2019-03-14",
    "14-Mar-2019",
    "14 03 2019",
    "March 2019",
    "[date]",
    "NHS",
    "943 476 5919",
    "07700 900123",
    "0044 7700 900123",
    "LS6 2AB",
    "LS6  2AB",
    "@tamsinxo_94",
    "YX19 KLM",
    "CSPR-NY-2024-0173",
    "MASH/24/00912",
    "Mrs O'Neill",
    "Ms D'Souza",
    "Pieter van der Berg",
    "KAYDENCE OKONKWO-BRIGHT",
    "Holly Cottage, Moor Lane",
    "Police",
    "HV",
    "CSC",
    "GP",
    "1.",
    "1.1 ",
    "- ",
    "* ",
    "(a) ",
    "☐",
    "[x]",
    "Name:",
    "PERSON_1",
    "SECTION 3 - BACKGROUND",
    "é",
    "漢字",
    "🙂",
]
STRAY = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"), max_size=6)


@st.composite
def texts(draw: st.DrawFn) -> str:
    return "".join(draw(st.lists(st.one_of(st.sampled_from(TOKENS), STRAY), max_size=60)))


@st.composite
def long_runs(draw: st.DrawFn) -> str:
    """A short text repeated to up to about 32 KB between a head and a tail: the shape that makes a
    backtracking pattern super-linear."""
    head, unit, tail = draw(texts()), draw(texts().filter(bool)), draw(texts())
    times = draw(st.integers(1, max(1, 32_000 // len(unit))))
    return head + unit * times + tail


# ---------------------------------------------------------------------------------------------- the checks


def _readable(text: str) -> bool:
    """Whether the reader must accept `text` (else it may refuse it, with an InputError)."""
    controls = len(_CONTROL.findall(text))
    return bool(text.strip()) and controls <= int(0.02 * len(text))


def check_readers(text: str, *, utf16: bool = False) -> None:
    encodings = ["utf-8", "utf-16"] if utf16 else ["utf-8"]
    for suffix in (".txt", ".md"):
        for encoding in encodings:
            try:
                document = services.read_document(text.encode(encoding), f"input{suffix}")
            except InputError:
                assert not _readable(text), (suffix, encoding)
                continue
            assert document.text == text, (suffix, encoding)
            assert document.format in ("text", "markdown")
            assert suffix == ".txt" or document.format == "markdown"


def check_splitter(text: str) -> None:
    doc = parse_document(text)
    pos = 0
    for line in doc.lines:  # lines tile the text
        assert line.start == pos and text[line.start : line.end] == line.text
        m = LINE_BREAK.match(text, line.end)
        pos = m.end() if m else line.end
    assert pos == len(text)
    sections = doc.sections
    assert sections and not text[: sections[0].start].strip() and sections[-1].end == len(text)
    for a, b in pairwise(sections):  # sections partition the text
        assert a.end == b.start and a.start < b.start
    lines_at = {line.start: line for line in doc.lines}
    for s in sections:
        assert 0 <= s.start <= s.body_start <= s.end <= len(text)
        assert s.heading == s.heading.strip()
        assert s.level == 0 or (s.heading and s.heading in lines_at[s.start].text)  # a heading starts a line
    for t in doc.tables:
        assert 0 <= t.start <= t.end <= len(text)
        for row in ([t.header] if t.header else []) + t.rows:
            for cell in row:
                assert t.start <= cell.start <= cell.end <= t.end
                assert text[cell.start : cell.end] == cell.text


def check_chronology(text: str) -> None:
    try:
        chronology = parse_chronology(text, today=TODAY)
    except InputError:
        assert not text.strip()
        return
    assert chronology.source_text == text
    accounting = chronology.line_accounting()
    assert accounting.complete, (accounting.missing[:5], accounting.claimed_twice[:5])
    lines = LINE_BREAK.split(text)
    assert chronology.line_count in (len(lines), len(lines) - 1)  # a final line break ends the last line
    previous = 0
    for entry in chronology.entries:
        assert entry.first_line >= previous  # input order, never re-sorted
        previous = entry.first_line
        for span in entry.source:
            assert 0 <= span.start <= span.end <= len(text)
            assert text[span.start : span.end] == span.text == lines[span.line - 1]
    for unparsed in chronology.unparsed:
        assert unparsed.text == lines[unparsed.line - 1]


def check_critique(text: str) -> None:
    """The critique of the text as it is (which may not read as a rapid review, so few checks run)."""
    try:
        result = services.critique(text, with_panel_comments=False)
    except InputError:
        assert not text.strip()
        return
    _check_critique_result(text, result)


def check_critique_in_a_draft(text: str) -> None:
    """The critique of the text put inside a skeleton rapid review, where every rule check reads it."""
    draft = in_a_draft(text)
    result = services.critique(draft, with_panel_comments=False)
    assert result.meta.looks_like_rapid_review
    _check_critique_result(draft, result)


def _check_critique_result(text: str, result: Critique) -> None:
    assert result.meta.input_chars == len(text)
    quotes = [e for f in result.findings for e in f.evidence]
    quotes += [e for s in result.strengths for e in s.evidence]
    for evidence in quotes:
        assert 0 <= evidence.start <= evidence.end <= len(text)
        assert text[evidence.start : evidence.end] == evidence.quote
    for section in result.sections:
        assert 0 <= section.start <= section.end <= len(text)


def check_redactor(text: str) -> None:
    redaction = redact(text)
    assert redaction.restore(redaction.text) == text  # complete: every replaced form comes back, in place
    originals = redaction.originals()
    issued = [m.group(0) for m in PLACEHOLDER.finditer(redaction.text) if m.group(0) in originals]
    assert len(issued) == sum(e.count for e in redaction.entities)
    assert {e.placeholder for e in redaction.entities} == set(originals)
    counts = Counter(issued)
    for placeholder, forms in originals.items():
        assert len(forms) == counts[placeholder]
        assert all(form and form in text for form in forms)


CHECKS = {
    "readers": check_readers,
    "splitter": check_splitter,
    "chronology": check_chronology,
    "critique": check_critique,
    "critique in a draft": check_critique_in_a_draft,
    "redactor": check_redactor,
}


def _cases(names: list[str]) -> list[object]:
    return [pytest.param(case, component, id=f"{case}-{component}") for case in names for component in CHECKS]


# ---------------------------------------------------------------------------------------------- Hypothesis


@settings(max_examples=150, deadline=None, suppress_health_check=SLOW)
@given(texts())
@example("Mother# :")  # found by Hypothesis: a label heading with a space before its colon kept the space
def test_every_parser_on_practitioner_shaped_text(text: str) -> None:
    check_readers(text, utf16=True)
    for name, check in CHECKS.items():
        if name != "readers":
            check(text)


@settings(max_examples=40, deadline=None, suppress_health_check=SLOW)
@given(long_runs())
def test_every_parser_on_long_runs_of_one_shape(text: str) -> None:
    for check in CHECKS.values():
        check(text)


def test_a_name_thousands_of_letters_long_is_redacted_everywhere_it_is_written() -> None:
    """Found by the fuzz run above: a found name's lower-case forms were built into a pattern letter by letter,
    recursing once per letter, so a 3,000-letter "name" overflowed the stack."""
    name = "Va" + "é" * 3_000
    text = f"# 07700 900123# NHS# DOB:- - ¦{name} said so. {name.lower()} came back. 0044 7700 900123"
    result = redact(text)
    assert "é" not in result.text
    assert result.restore(result.text) == text


# ---------------------------------------------------------------------------------------------- pathological


@pytest.mark.parametrize(("case", "component"), _cases(list(ISSUE_CASES)))
def test_the_issues_pathological_inputs_at_1_mb(case: str, component: str) -> None:
    text = PATHOLOGICAL[case]
    assert 0.9 * 1_000_000 < len(text.encode("utf-8")) <= 1_000_000
    CHECKS[component](text)


@pytest.mark.parametrize(("case", "component"), _cases([c for c in STRESS if c not in ISSUE_CASES]))
def test_other_stress_shapes_at_256_kb(case: str, component: str) -> None:
    CHECKS[component](STRESS[case])


ISSUE_SIZED = {
    "heading_spaces": "# a" + " " * 3_000 + "b",
    "mother_repeated": "Mother " * 20_000,
    "dob_spaces": "DOB" + " " * 4_000,
    "dates": pathological_inputs(20_000 * 12)["dates"],
    "chronology_separators": pathological_inputs(400_000)["chronology_separators"],
}


@pytest.mark.parametrize("case", list(ISSUE_SIZED))
def test_the_issues_inputs_at_their_own_size_inside_a_draft(case: str) -> None:
    check_critique_in_a_draft(ISSUE_SIZED[case])
    check_redactor(ISSUE_SIZED[case])


def test_the_pathological_inputs_are_what_the_issue_describes() -> None:
    small = pathological_inputs(3_004)
    assert small["heading_spaces"] == "# a" + " " * 3_000 + "b"
    assert pathological_inputs(140_000)["mother_repeated"] == "Mother " * 20_000
    assert pathological_inputs(4_003)["dob_spaces"] == "DOB" + " " * 4_000
    assert len(re.findall(r"\d{4}|\d\d\.\d\d\.\d\d", PATHOLOGICAL["dates"])) > 20_000
    assert PATHOLOGICAL["chronology_separators"].startswith("03/02/2025 HV ")
    assert all(len(t.encode("utf-8")) <= 1_000_000 for t in PATHOLOGICAL.values())
