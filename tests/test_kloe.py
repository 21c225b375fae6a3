"""Key lines of enquiry and the criteria evidence table: evidence-backed, grounded, never a decision."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest

from assistant.domain.kloe import NO_EVIDENCE, KloeReport
from assistant.drafting import draft_chronology
from assistant.enquiry import detect_kind, kloe_text
from assistant.errors import InputError
from assistant.render.draft_markdown import draft_markdown
from assistant.render.draft_word import kloe_docx
from assistant.render.kloe_markdown import kloe_markdown
from assistant.resources import SAMPLES_DIR

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = SAMPLES_DIR
DATA = Path(__file__).parent / "data" / "drafting"
CRITERIA = [
    "reg11-a",
    "reg11-b",
    "reg11-c",
    "reg11-d",
    "also-single-agency",
    "also-no-agency",
    "also-institutional",
    "also-cross-boundary",
]
# Words that would turn the report into a decision. The decision note itself is checked separately.
DECISION_WORDS = re.compile(
    r"\b(?:should (?:be )?commission|recommend(?:s|ed|ation)?|(?:criteria|criterion) (?:is|are|has been|have been) met|"
    r"(?:is|are) not met|meets the criteria|does not meet)\b",
    re.I,
)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def assert_evidence_grounded(report: KloeReport, text: str) -> None:
    lines = re.split(r"\r\n|\r|\n", text)
    for line in report.lines_of_enquiry:
        assert line.evidence, line.id
        assert len(line.lines) == len(line.evidence)
        for ev, n in zip(line.evidence, line.lines, strict=True):
            assert text[ev.start : ev.end] == ev.quote
            assert ev.quote in lines[n - 1]
        for nr in line.national_reviews:
            for ev in nr.evidence:
                assert text[ev.start : ev.end] == ev.quote
    for c in report.criteria:
        for p in [*c.evidence_for, *c.evidence_against]:
            assert text[p.evidence.start : p.evidence.end] == p.evidence.quote
            assert p.evidence.quote in lines[p.line - 1]


def assert_no_decision(report: KloeReport) -> None:
    data = report.model_dump(mode="json")
    data.pop("decision_note")
    assert not DECISION_WORDS.search(str(data)), DECISION_WORDS.search(str(data))
    assert "decision for the safeguarding partners" in report.decision_note
    assert "makes no recommendation" in report.decision_note


@pytest.fixture(scope="module")
def baby() -> tuple[KloeReport, str]:
    text = _read(SAMPLES / "chronology-baby-injury.txt")
    return kloe_text(text), text


@pytest.fixture(scope="module")
def exploitation() -> tuple[KloeReport, str]:
    text = _read(SAMPLES / "chronology-exploitation.txt")
    return kloe_text(text), text


def test_baby_injury_gives_evidence_backed_lines(baby: tuple[KloeReport, str]) -> None:
    report, text = baby
    assert report.meta.input_kind == "chronology" and report.child == "CHILD X"
    assert len(report.lines_of_enquiry) >= 3
    assert_evidence_grounded(report, text)
    ids = [line.id for line in report.lines_of_enquiry]
    assert {
        "male_carers",
        "infant_injury",
        "domestic_abuse",
        "info_sharing",
        "parental_mental_health",
    } <= set(ids)
    male = next(line for line in report.lines_of_enquiry if line.id == "male_carers")
    assert "Mother's partner" in male.question and "CHILD X" in male.question
    assert [nr.id for nr in male.national_reviews] == ["invisible-men-2021"]
    assert (
        "'Mother's partner'" in male.national_reviews[0].why
        or "Mother's partner" in male.national_reviews[0].why
    )
    injury = next(line for line in report.lines_of_enquiry if line.id == "infant_injury")
    assert "bruising-non-mobile-2022" in [nr.id for nr in injury.national_reviews]
    assert any("not shared with the Health Visiting service" in ev.quote for ev in injury.evidence)


def test_exploitation_gives_evidence_backed_lines(exploitation: tuple[KloeReport, str]) -> None:
    report, text = exploitation
    assert report.child == "CHILD Y"
    assert len(report.lines_of_enquiry) >= 3
    assert_evidence_grounded(report, text)
    ids = [line.id for line in report.lines_of_enquiry]
    assert ids[0] == "exploitation"
    assert {"missing", "exclusion", "missed_contact", "step_down"} <= set(ids)
    assert "safe_sleep" not in ids and "infant_injury" not in ids  # not a baby's case
    exploited = report.lines_of_enquiry[0]
    assert [nr.id for nr in exploited.national_reviews] == ["criminal-exploitation-2020"]
    assert "knife" in exploited.national_reviews[0].why
    assert {"Education", "Police"} <= set(exploited.agencies)
    missing = next(line for line in report.lines_of_enquiry if line.id == "missing")
    assert any("reported missing" in ev.quote for ev in missing.evidence)
    gaps = {q.gap for q in report.not_in_text}
    assert {"RACE_CULTURE_NOT_CONSIDERED", "EARLY_LIFE_HISTORY_MISSING"} <= gaps
    assert "LIVED_EXPERIENCE_MISSING" not in gaps  # 'CHILD Y said he needed it for protection'
    baby_gaps = {q.gap for q in kloe_text(_read(SAMPLES / "chronology-baby-injury.txt")).not_in_text}
    assert "LIVED_EXPERIENCE_MISSING" in baby_gaps


@pytest.mark.parametrize("case", ["baby", "exploitation"])
def test_criteria_table_lists_every_criterion_with_evidence_for_and_against(
    case: str, request: pytest.FixtureRequest
) -> None:
    report, _ = request.getfixturevalue(case)
    assert [c.id for c in report.criteria] == CRITERIA
    groups = {c.id: c.group for c in report.criteria}
    assert groups["reg11-a"] == "regulation_11" and groups["also-no-agency"] == "additional_circumstance"
    for c in report.criteria:
        assert c.criterion
        if not c.evidence_for:
            assert c.summary_for == NO_EVIDENCE
        if not c.evidence_against:
            assert c.summary_against == NO_EVIDENCE
    by_id = {c.id: c for c in report.criteria}
    assert by_id["reg11-a"].evidence_for and by_id["reg11-c"].evidence_for
    assert by_id["reg11-d"].summary_for == NO_EVIDENCE  # the text says nothing of the Panel's view
    assert by_id["also-no-agency"].evidence_against  # agencies were involved
    if case == "baby":  # 'Six-week check moved to an earlier appointment' is not a move between areas
        assert by_id["also-cross-boundary"].summary_for == NO_EVIDENCE
    assert_no_decision(report)


def test_exploitation_cross_boundary_and_institutional(exploitation: tuple[KloeReport, str]) -> None:
    report, _ = exploitation
    by_id = {c.id: c for c in report.criteria}
    quotes = " ".join(p.evidence.quote for p in by_id["also-cross-boundary"].evidence_for)
    assert "another county" in quotes and "neighbouring town" in quotes
    assert any("custody" in p.evidence.quote for p in by_id["also-institutional"].evidence_for)


def test_joint_working_is_not_read_from_a_negation() -> None:
    text = (
        "01/02/2025 - CSC - Contact received; no strategy discussion held.\n"
        "02/02/2025 - Police - CHILD R reported missing.\n"
        "03/02/2025 - School - CHILD R excluded for a week.\n"
    )
    report = kloe_text(text)
    reg_c = next(c for c in report.criteria if c.id == "reg11-c")
    assert not any("no strategy discussion" in p.evidence.quote for p in reg_c.evidence_against)
    assert any("no strategy discussion" in p.evidence.quote for p in reg_c.evidence_for)


def test_kloe_reads_a_draft_review_too() -> None:
    draft = (
        "# Rapid review: CHILD T\n\n"
        "## Case information\n\nCHILD T was 15. He lived with his mother.\n\n"
        "## Summary\n\n"
        "CHILD T went missing three times in the autumn and was found in another county with cash and phones.\n"
        "School excluded him for carrying a knife. The return home interview was not completed.\n"
        "Police and Children's Social Care did not share the intelligence about older males.\n\n"
        "## Decision\n\nThe partnership will decide at its next meeting.\n"
    )
    kind, _ = detect_kind(draft)
    assert kind == "draft"
    report = kloe_text(draft)
    assert report.meta.input_kind == "draft" and report.child == "CHILD T"
    ids = {line.id for line in report.lines_of_enquiry}
    assert {"missing", "exploitation", "exclusion", "info_sharing"} <= ids
    assert_evidence_grounded(report, draft)
    assert_no_decision(report)


def test_kloe_on_a_generated_draft_ignores_the_tools_own_words() -> None:
    draft = draft_chronology(_read(SAMPLES / "chronology-exploitation.txt"), today=dt.date(2026, 1, 1))
    text = draft_markdown(draft)
    report = kloe_text(text)
    assert report.meta.input_kind == "draft"
    assert len(report.lines_of_enquiry) >= 3
    assert_evidence_grounded(report, text)
    quotes = " ".join(ev.quote for line in report.lines_of_enquiry for ev in line.evidence)
    assert "Not recorded — the Panel expects this" not in quotes
    assert "What was daily life like" not in quotes  # the author's questions are not evidence
    assert "race_culture" not in {line.id for line in report.lines_of_enquiry}


def test_kloe_on_a_published_example(corpus) -> None:  # type: ignore[no-untyped-def]
    text = corpus.example(4).stripped_text
    report = kloe_text(text, exclude_example=4)
    assert report.meta.input_kind == "draft" and report.meta.exclude_example == 4
    assert "exploitation" in {line.id for line in report.lines_of_enquiry}
    assert_evidence_grounded(report, text)


def test_detect_kind() -> None:
    assert detect_kind(_read(SAMPLES / "chronology-baby-injury.txt"))[0] == "chronology"
    assert detect_kind(_read(DATA / "messy_paste.txt"))[0] == "chronology"
    assert detect_kind("A short paragraph about a child and agencies.\n\nAnother paragraph.")[0] == "draft"
    with pytest.raises(InputError):
        kloe_text("  \n ")


def test_chronology_issues_are_carried() -> None:
    report = kloe_text(_read(DATA / "messy_paste.txt"))
    assert {i.kind for i in report.chronology_issues} >= {"duplicate", "future_date"}
    assert "Chronology issues to check" in kloe_markdown(report)


def test_kloe_renders_markdown_and_word(baby: tuple[KloeReport, str]) -> None:
    import docx

    report, _ = baby
    md = kloe_markdown(report)
    assert "## Key lines of enquiry" in md and "## LCSPR criteria: the evidence in the text" in md
    assert md.count("\n### ") == len(report.lines_of_enquiry)
    assert "| **Regulation 11(a)**" in md and NO_EVIDENCE in md
    assert report.decision_note in md
    document = docx.Document(io.BytesIO(kloe_docx(report)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Key lines of enquiry" in headings
    criteria_table = document.tables[-1]
    assert [c.text for c in criteria_table.rows[0].cells] == ["Criterion", "Evidence for", "Evidence against"]
    assert len(criteria_table.rows) == len(CRITERIA) + 1


def test_public_api() -> None:
    import assistant

    report = assistant.kloe(_read(SAMPLES / "chronology-exploitation.txt"))
    data = report.model_dump(mode="json")
    assert {"lines_of_enquiry", "criteria"} <= set(data)
    first = data["lines_of_enquiry"][0]
    assert {"question", "rationale", "evidence", "national_reviews"} <= set(first)
    assert {"quote", "start", "end"} <= set(first["evidence"][0])
    assert {"id", "title", "why"} <= set(first["national_reviews"][0])
    assert {"evidence_for", "evidence_against"} <= set(data["criteria"][0])
