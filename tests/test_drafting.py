"""Drafting from a chronology: sections, people, facts, the incident, gaps, and above all grounding.

Grounding is tested three ways: the engine's own check (`grounding_problems`), an independent walk over
every citation in the Draft, and the rendered markdown's quoted strings, on fixtures and on generated
chronologies (hypothesis).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from assistant.chronology import parse_chronology
from assistant.critic.taxonomy import load_codes
from assistant.domain.drafting import NOT_RECORDED, NOT_RECORDED_PANEL, Citation, Draft
from assistant.drafting import draft_chronology, grounding_problems
from assistant.errors import InputError
from assistant.render.draft_markdown import draft_body_markdown, draft_markdown
from assistant.render.draft_word import draft_docx
from assistant.resources import SAMPLES_DIR

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = SAMPLES_DIR
DATA = Path(__file__).parent / "data" / "drafting"
TODAY = dt.date(2026, 1, 1)
SECTION_TITLES = [
    "Case information",
    "Family and household",
    "Summary of the incident",
    "Key events",
    "Agency involvement",
    "Analysis questions for the author",
]
FIXTURES = [
    SAMPLES / "chronology-baby-injury.txt",
    SAMPLES / "chronology-exploitation.txt",
    DATA / "messy_paste.txt",
    DATA / "family_details.csv",
    DATA / "no_dates.txt",
    DATA / "pipe_escaped.md",
    ROOT / "tests" / "data" / "chronology" / "messy.txt",
    ROOT / "tests" / "data" / "chronology" / "mixed.txt",
    ROOT / "tests" / "data" / "chronology" / "quoted.csv",
    ROOT / "tests" / "data" / "chronology" / "delimited.txt",
    ROOT / "tests" / "data" / "chronology" / "reordered_columns.tsv",
]
TEMPLATE_QUOTES = {NOT_RECORDED_PANEL, NOT_RECORDED, "…"}


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _draft(path: Path) -> Draft:
    return draft_chronology(_text(path), today=TODAY)


def citations(obj: object) -> Iterator[Citation]:
    """Every Citation anywhere in a model, however deeply nested."""
    if isinstance(obj, Citation):
        yield obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from citations(getattr(obj, name))
    elif isinstance(obj, list | tuple):
        for item in obj:
            yield from citations(item)


def assert_grounded(draft: Draft, source: str) -> None:
    assert grounding_problems(draft, source) == []
    lines = re.split(r"\r\n|\r|\n", source)  # as the parser splits: a Word \v is not a line break
    for c in citations(draft):
        assert source[c.start : c.end] == c.quote, c
        assert c.quote.strip(), c
        assert c.quote in lines[c.line - 1], f"line {c.line} does not contain {c.quote!r}"
    # Every curly-quoted string a reader sees in a section is the chronology's own words.
    for section in draft.sections:
        for quoted in re.findall(r"“([^”]+)”", section.markdown):
            assert quoted in source or quoted in TEMPLATE_QUOTES, (section.title, quoted)


# -- grounding ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_fact_is_an_exact_quote_on_its_cited_line(path: Path) -> None:
    draft = _draft(path)
    assert_grounded(draft, _text(path))
    assert [s.title for s in draft.sections] == SECTION_TITLES


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_every_date_and_agency_in_the_input_is_in_the_timeline(path: Path) -> None:
    text = _text(path)
    chronology = parse_chronology(text, today=TODAY)
    draft = draft_chronology(text, today=TODAY)
    assert len(draft.timeline) == len(chronology.entries)
    shown = {(t.date_text, t.agency_text, t.event) for t in draft.timeline}
    for entry in chronology.entries:
        assert (entry.date_text, entry.agency_text, entry.event) in shown
    assert [u.line for u in draft.unparsed] == [u.line for u in chronology.unparsed]
    assert draft.issues == chronology.issues


def test_section_sources_list_the_lines_they_cite() -> None:
    draft = _draft(SAMPLES / "chronology-baby-injury.txt")
    for section in draft.sections:
        cited = {c.line for c in citations(section)}
        assert cited <= set(section.sources) or section.id == "family_household"
    key_events = draft.section("key_events")
    assert set(key_events.sources) == {n for t in draft.timeline for n in t.lines}


# Generated chronologies: any mix of formats, dates, agencies and people must stay grounded.
_DATES = st.sampled_from(
    ["03/02/2025", "3 Feb 2025", "3rd February 2025", "Feb 2025", "[date]", "2025-02-07", "31/02/2025", ""]
)
_AGENCIES = st.sampled_from(
    ["HV", "CSC", "Police", "GP Practice", "A&E", "School", "YOT", "Fire Service", ""]
)
_PEOPLE = st.sampled_from(
    [
        "CHILD Q (4)",
        "CHILD Q",
        "Mother (aged 31, Black African)",
        "Mother's partner",
        "Father, aged 40,",
        "Adult C (Mother's partner)",
        "the baby",
        "MGM",
        "his sister",
    ]
)
_DOINGS = st.sampled_from(
    [
        "seen at home",
        "disclosed low mood",
        "has autism",
        "was not brought to the appointment",
        "said he was scared",
        "had a bruise to the cheek",
        "was found unresponsive and died",
        "placed with maternal grandmother",
        'said "fine", no concerns',
        "lives with Mother",
    ]
)


@st.composite
def chronologies(draw: st.DrawFn) -> str:
    fmt = draw(st.sampled_from(["tab", "pipe", "csv", "dash", "mixed"]))
    rows = []
    if fmt in ("tab", "pipe", "csv") and draw(st.booleans()):
        rows.append(
            {
                "tab": "Date\tAgency\tEvent",
                "pipe": "| Date | Agency | Event |\n|---|---|---|",
                "csv": "Date,Agency,Event",
            }[fmt]
        )
    for _ in range(draw(st.integers(1, 12))):
        date, agency = draw(_DATES), draw(_AGENCIES)
        event = "; ".join(f"{draw(_PEOPLE)} {draw(_DOINGS)}" for _ in range(draw(st.integers(1, 3)))) + "."
        row_fmt = draw(st.sampled_from(["tab", "pipe", "csv", "dash"])) if fmt == "mixed" else fmt
        if row_fmt == "tab":
            rows.append(f"{date}\t{agency}\t{event}")
        elif row_fmt == "pipe":
            rows.append(f"| {date} | {agency} | {event} |")
        elif row_fmt == "csv":
            rows.append(f'{date},{agency},"{event.replace(chr(34), chr(34) * 2)}"')
        else:
            rows.append(f"{date} - {agency} - {event}" if agency else f"{date} - {event}")
        if draw(st.integers(0, 5)) == 0:
            rows.append(draw(st.sampled_from(["Note: records awaited", "", "Second line of the event"])))
    return "\n".join(rows)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chronologies())
def test_generated_chronologies_stay_grounded(text: str) -> None:
    if not text.strip():
        return
    draft = draft_chronology(text, today=TODAY)
    assert_grounded(draft, text)
    chronology = parse_chronology(text, today=TODAY)
    assert len(draft.timeline) == len(chronology.entries)


# -- sections and facts ---------------------------------------------------------------------------------


def test_baby_injury_case_information_fills_only_what_is_stated() -> None:
    draft = _draft(SAMPLES / "chronology-baby-injury.txt")
    facts = {f.id: f for f in draft.case_facts}
    assert facts["child"].value == "CHILD X"
    assert facts["age"].value is not None and "21/01/2025" in facts["age"].value
    assert "38 weeks" not in [c.quote for c in facts["age"].quotes]  # a gestation, not an age
    assert "About 5 weeks old" in facts["age"].note
    for missing in ("gender", "ethnicity", "disability"):
        assert facts[missing].value is None
    table = draft.section("case_information").blocks[1].table
    assert table is not None
    cells = {row.cells[0].text: row.cells[1].text for row in table.rows}
    assert cells["Gender"] == cells["Ethnicity"] == "Not recorded — the Panel expects this"
    assert cells["Disability or health needs"] == "Not recorded — the Panel expects this"


def test_family_details_are_read_next_to_each_person() -> None:
    draft = _draft(DATA / "family_details.csv")
    people = {p.name: p for p in draft.people}
    assert draft.people[0].subject and draft.people[0].name == "CHILD K"
    assert people["Mother"].age.value == "aged 24"
    assert people["Mother"].ethnicity.value == "Black Caribbean"
    assert people["Father"].age.value == "aged 27"
    assert people["Father"].health.value == "epilepsy"
    assert people["Maternal grandmother"].age.value == "58"
    # Each brother or sister is a person of their own ('half-brother (6)'), not one merged 'Sibling(s)' row.
    assert people["Half-brother"].age.value == "6"
    assert people["Adult A"].relationship.value == "Mother's ex-partner"
    assert people["Mother"].health.value is None  # nothing about her health is stated next to her
    facts = {f.id: f for f in draft.case_facts}
    assert facts["gender"].value == "Gender: female"
    assert facts["disability"].value == "diagnosis of Down's syndrome"
    assert facts["ethnicity"].value is None  # Mother's heritage is not the child's
    assert "CHILD_ETHNICITY_MISSING" in draft.gaps
    assert "FAMILY_STRUCTURE_MISSING" not in draft.gaps  # 'lives with the family' is said


def test_messy_paste_people_and_links() -> None:
    draft = _draft(DATA / "messy_paste.txt")
    people = {p.name: p for p in draft.people}
    assert people["Mother"].age.value == "19"
    assert people["Mother"].ethnicity.value == "White British"
    assert people["Adult B"].relationship.value == "Mother's partner"  # 'Mother's partner (Adult B)'
    facts = {f.id: f for f in draft.case_facts}
    assert facts["gender"].value == "boy"


def test_a_sibling_of_someone_else_is_not_a_sibling() -> None:
    draft = _draft(SAMPLES / "chronology-baby-injury.txt")
    names = [p.name for p in draft.people]
    assert "Sibling(s)" not in names  # 'sibling of partner's friend'
    assert names[:3] == ["CHILD X", "Mother", "Mother's partner"]
    assert "Maternal grandmother" in names


def test_incident_summary_cites_the_latest_harm_entries() -> None:
    baby = _draft(SAMPLES / "chronology-baby-injury.txt")
    incident = baby.section("incident")
    first_entries = [b for b in incident.blocks if b.kind == "paragraph"][1:4]
    assert [s.quotes[-1].line for b in first_entries for s in b.sentences] == [14, 15, 16]
    assert "skull fracture" in incident.markdown
    exploitation = _draft(SAMPLES / "chronology-exploitation.txt")
    text = exploitation.section("incident").markdown
    assert "stab wound" in text and "(line 18)" in text


def test_key_events_and_agency_involvement() -> None:
    draft = _draft(SAMPLES / "chronology-baby-injury.txt")
    table = next(b.table for b in draft.section("key_events").blocks if b.table is not None)
    assert table.columns == ["Date", "Agency", "Event", "Source line"]
    assert len(table.rows) == 20
    assert table.rows[-1].cells[0].text == "[date] (date not given)"  # undated last, flagged
    agencies = draft.section("agency_involvement")
    headings = [b.sentences[0].text for b in agencies.blocks if b.kind == "heading"]
    assert {"Health Visiting", "Children's Social Care", "Police", "Paediatrics"} <= set(headings)
    assert "written as “HV”, “Health Visiting”" in agencies.markdown


def test_timeline_is_sorted_with_undated_entries_last_in_input_order() -> None:
    draft = _draft(DATA / "messy_paste.txt")
    dated = [t for t in draft.timeline if not t.undated]
    assert [t.date for t in dated] == sorted(t.date for t in dated if t.date)
    undated = [t for t in draft.timeline if t.undated]
    assert undated == draft.timeline[len(dated) :]
    assert [t.position for t in undated] == sorted(t.position for t in undated)
    assert {t.date_text for t in undated} >= {"31/02/2025", "Tuesday", ""}


def test_analysis_questions_name_the_national_reviews_and_why() -> None:
    draft = _draft(SAMPLES / "chronology-baby-injury.txt")
    md = draft.section("analysis_questions").markdown
    assert "The Myth of Invisible Men" in md and "Bruising in non-mobile infants" in md
    assert "“Mother's partner” (line 2)" in md
    assert "lived experience" in md.lower() and "Race, culture and identity" in md
    exploitation = _draft(SAMPLES / "chronology-exploitation.txt")
    assert "It was hard to escape" in exploitation.section("analysis_questions").markdown


def test_gaps_are_finding_codes() -> None:
    codes = load_codes()
    baby = _draft(SAMPLES / "chronology-baby-injury.txt")
    assert {"CHILD_ETHNICITY_MISSING", "CHILD_GENDER_MISSING", "CHILD_DISABILITY_MISSING"} <= set(baby.gaps)
    assert {"FAMILY_STRUCTURE_MISSING", "LIVED_EXPERIENCE_MISSING", "RACE_CULTURE_NOT_CONSIDERED"} <= set(
        baby.gaps
    )
    assert "CHILD_AGE_MISSING" not in baby.gaps and "INCIDENT_SUMMARY_MISSING" not in baby.gaps
    exploitation = _draft(SAMPLES / "chronology-exploitation.txt")
    assert "EARLY_LIFE_HISTORY_MISSING" in exploitation.gaps
    assert "SCHOOLING_MISSING" not in exploitation.gaps
    for draft in (baby, exploitation, _draft(DATA / "no_dates.txt")):
        assert all(code in codes for code in draft.gaps)
        assert [g.code for g in draft.gap_details] == draft.gaps


def test_decision_is_left_to_people() -> None:
    draft = _draft(SAMPLES / "chronology-baby-injury.txt")
    assert "safeguarding partners to decide" in draft.decision_note
    md = draft_markdown(draft).lower()
    assert "recommend" not in md and "should be commissioned" not in md


# -- bad input ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\t\n"])
def test_empty_chronology_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="empty"):
        draft_chronology(text)


def test_no_dates_gives_a_partial_draft_with_the_issue_shown() -> None:
    draft = _draft(DATA / "no_dates.txt")
    assert len(draft.timeline) == 4 and all(t.undated for t in draft.timeline)
    assert any(i.kind == "no_dates" for i in draft.issues)
    assert any("No recognisable dates" in n for n in draft.meta.notices)
    md = draft_markdown(draft)
    assert "no recognisable dates were found" in md
    assert "INCIDENT_SUMMARY_MISSING" in draft.gaps


def test_messy_paste_issues_and_unparsed_lines_are_shown() -> None:
    draft = _draft(DATA / "messy_paste.txt")
    kinds = {i.kind for i in draft.issues}
    assert {"duplicate", "out_of_order", "future_date", "invalid_date", "mixed_formats"} <= kinds
    md = draft_markdown(draft)
    for u in draft.unparsed:
        assert f"line {u.line}:" in md
    assert "Free text after a blank line that belongs to no row" in md
    assert any("MULTI-AGENCY CHRONOLOGY" in u.text for u in draft.unparsed)
    # Unparsed text can still name the child; it is cited by its own line.
    child = next(f for f in draft.case_facts if f.id == "child")
    assert child.quotes[0].line == 1


def test_only_text_is_a_chronology_that_names_nobody() -> None:
    draft = draft_chronology("03/02/2025 - Police - attended the address\n", today=TODAY)
    assert draft.people == []
    facts = {f.id: f for f in draft.case_facts}
    assert facts["child"].value is None
    assert_grounded(draft, "03/02/2025 - Police - attended the address\n")


def test_ten_thousand_rows_draft() -> None:
    base = _text(SAMPLES / "chronology-baby-injury.txt").splitlines()[1:]
    rows = [line for line in base if line.count("\t") == 2]
    start = dt.date(2000, 1, 1)
    lines = ["Date\tAgency\tEvent"]
    for i in range(10_000):
        _, agency, event = rows[i % len(rows)].split("\t")
        lines.append(f"{start + dt.timedelta(days=i // 3):%d/%m/%Y}\t{agency}\t{event} (row {i})")
    text = "\n".join(lines)
    draft = draft_chronology(text, today=TODAY)
    assert len(draft.timeline) == 10_000
    key_events = next(b.table for b in draft.section("key_events").blocks if b.table is not None)
    assert 0 < len(key_events.rows) <= 200
    assert "in the full timeline" in draft.section("key_events").markdown
    assert grounding_problems(draft, text) == []


# -- rendering ------------------------------------------------------------------------------------------


def test_markdown_has_every_section_and_the_body_leaves_notes_out() -> None:
    draft = _draft(SAMPLES / "chronology-exploitation.txt")
    md = draft_markdown(draft)
    for title in SECTION_TITLES:
        assert f"\n## {title}\n" in md
    assert "## For the author: what the chronology does not say" in md
    body = draft_body_markdown(draft, with_questions=False)
    assert "Analysis questions" not in body and "For the author" not in body


def test_docx_has_real_headings_and_tables() -> None:
    import docx

    draft = _draft(DATA / "messy_paste.txt")
    document = docx.Document(io.BytesIO(draft_docx(draft)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for title in SECTION_TITLES:
        assert title in headings
    assert len(document.tables) >= 5  # case information, family, key events, gaps, issues, unparsed
    case_table = document.tables[0]
    assert [c.text for c in case_table.rows[0].cells] == ["Detail", "From the chronology", "Line"]
    assert case_table.rows[3].cells[1].text == "boy"
    key = next(t for t in document.tables if t.rows[0].cells[0].text == "Date")
    assert len(key.rows) == len(draft.timeline) + 1


def test_docx_chronology_tables_are_read(tmp_path: Path) -> None:
    import docx

    from assistant import services

    document = docx.Document()
    document.add_paragraph("Chronology for CHILD W")
    table = document.add_table(rows=4, cols=3)
    rows = [
        ("Date", "Agency", "Event"),
        ("01/04/2025", "HV", "New birth visit; CHILD W seen.\nMother tearful."),
        ("", "GP", "Merged date cell: CHILD W weighed."),
        ("03/04/2025", "ED", "CHILD W brought in with a bruise to the ear."),
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    table.cell(1, 0).merge(table.cell(2, 0))
    path = tmp_path / "chronology.docx"
    document.save(str(path))
    text, notes = services.read_chronology(str(path))
    assert any("tables" in n for n in notes)
    draft = draft_chronology(text, today=TODAY)
    assert_grounded(draft, text)
    assert len(draft.timeline) == 3
    assert any(i.kind == "missing_date" for i in draft.issues)
    assert "bruise to the ear" in draft.section("incident").markdown


def test_public_api_mirrors_the_cli() -> None:
    import assistant

    draft = assistant.draft(_text(SAMPLES / "chronology-baby-injury.txt"), today="2026-01-01")
    assert draft.meta.provider == "offline" and draft.meta.today == "2026-01-01"
    assert draft.critique is None
    data = draft.model_dump(mode="json")
    assert {"sections", "timeline", "people", "gaps"} <= set(data)
    assert all({"title", "markdown"} <= set(s) for s in data["sections"])
    assert all({"date", "agency", "event"} <= set(t) for t in data["timeline"])
