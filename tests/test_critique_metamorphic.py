"""Metamorphic tests: take a complete draft, remove one fact, and the matching code must appear; put the fact
back (the complete draft) and it must go. Two complete drafts in different templates (a markdown draft with a
pipe table; a plain-text draft with labelled fields) so each rule is tested on more than one way of writing."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.critic.engine import critique_text

DRAFTS = Path(__file__).parent / "data" / "drafts"
TABLE_BASE = "complete-neglect.md"
FIELDS_BASE = "complete-lcspr.txt"


def base(name: str) -> str:
    return (DRAFTS / name).read_text(encoding="utf-8")


def codes(text: str) -> set[str]:
    return {f.code for f in critique_text(text).findings}


def remove(*pieces: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        for piece in pieces:
            assert piece in text, piece
            text = text.replace(piece, "")
        return text

    return edit


def replace(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new)

    return edit


def remove_section(heading: str) -> Callable[[str], str]:
    """Drop a markdown section (its heading line and body up to the next heading of the same or higher level)."""

    def edit(text: str) -> str:
        m = re.search(rf"(?m)^(#+) {re.escape(heading)}\n", text)
        assert m, heading
        level = len(m.group(1))
        nxt = re.compile(rf"(?m)^#{{1,{level}}} ").search(text, m.end())
        return text[: m.start()] + (text[nxt.start() :] if nxt else "")

    return edit


def remove_block(first_line: str, until: str | None) -> Callable[[str], str]:
    """Drop a plain-text block from its heading line up to (not including) the line `until`."""

    def edit(text: str) -> str:
        start = text.index(first_line)
        end = text.index(until, start) if until else len(text)
        return text[:start] + text[end:]

    return edit


def drop_column(header: str) -> Callable[[str], str]:
    """Drop the column whose header cell contains `header` from every pipe-table row."""

    def edit(text: str) -> str:
        lines = text.split("\n")
        head = next(i for i, ln in enumerate(lines) if ln.startswith("|") and header in ln)
        cells = lines[head].strip("|").split("|")
        col = next(i for i, c in enumerate(cells) if header in c)
        out = []
        for ln in lines:
            if ln.startswith("|"):
                parts = ln.strip().strip("|").split("|")
                del parts[col]
                ln = "|" + "|".join(parts) + "|"
            out.append(ln)
        return "\n".join(out)

    return edit


def drop_table(text: str) -> str:
    return "\n".join(ln for ln in text.split("\n") if not ln.startswith("|"))


TABLE_CASES: list[tuple[str, Callable[[str], str], set[str]]] = [
    ("age column", drop_column("Age"), {"CHILD_AGE_MISSING", "FAMILY_DETAILS_INCOMPLETE"}),
    ("gender column", drop_column("Gender"), {"CHILD_GENDER_MISSING"}),
    ("ethnicity column", drop_column("Ethnicity"), {"CHILD_ETHNICITY_MISSING", "FAMILY_DETAILS_INCOMPLETE"}),
    (
        "disability column",
        drop_column("Disability"),
        {"CHILD_DISABILITY_MISSING", "FAMILY_DETAILS_INCOMPLETE"},
    ),
    ("family table", drop_table, {"FAMILY_STRUCTURE_MISSING", "CHILD_ETHNICITY_MISSING"}),
    (
        "a sibling's ethnicity",
        replace(
            "| Sibling 1 | Sister | 9 years | Female | Mixed White and Black Caribbean |",
            "| Sibling 1 | Sister | 9 years | Female | Unknown |",
        ),
        {"FAMILY_DETAILS_INCOMPLETE"},
    ),
    ("immediate safeguarding", remove_section("Immediate safeguarding"), {"IMMEDIATE_SAFEGUARDING_MISSING"}),
    ("incident summary", remove_section("Summary of the incident"), {"INCIDENT_SUMMARY_MISSING"}),
    ("agency list", remove_section("Agencies that contributed to this review"), {"AGENCIES_MISSING"}),
    (
        "decision",
        remove(
            "The safeguarding partners have decided not to commission an LCSPR. The criteria are met because CHILD P "
            "was seriously harmed and neglect is suspected. However, the rapid review has already identified the "
            "learning and agencies have begun to act on it, so an LCSPR would not add significant new learning.\n\n"
        ),
        {"DECISION_MISSING"},
    ),
    (
        "decision's reasons",
        remove(
            " The criteria are met because CHILD P was seriously harmed and neglect is suspected. However, the rapid "
            "review has already identified the learning and agencies have begun to act on it, so an LCSPR would not "
            "add significant new learning."
        ),
        {"DECISION_RATIONALE_MISSING"},
    ),
    ("learning", remove_section("Learning"), {"LEARNING_MISSING"}),
    (
        "dissemination plan",
        remove(
            "The learning will be disseminated through a seven-minute briefing for all practitioners and discussed "
            "at the partnership's next multi-agency training session.\n"
        ),
        {"DISSEMINATION_MISSING"},
    ),
    ("lived experience", remove_section("CHILD P's lived experience"), {"LIVED_EXPERIENCE_MISSING"}),
    ("race and culture", remove_section("Race, culture and identity"), {"RACE_CULTURE_NOT_CONSIDERED"}),
    ("disability and health", remove_section("Disability and health"), {"DISABILITY_HEALTH_NOT_CONSIDERED"}),
    (
        # every reference goes: a draft that draws on any relevant national review is not told it has none
        "national review reference",
        remove(
            " The Panel's national review \"It's silent\" found that race and culture get little attention in "
            "practice, and this case bears that out.",
            'The review drew on the Panel\'s national review "Child Protection in England", which found that '
            "information held by different agencies was not brought together and that concerns raised by wider "
            "family were not properly investigated. Both findings are echoed here.",
        ),
        {"NATIONAL_REVIEW_NOT_REFERENCED"},
    ),
    ("good practice", remove_section("Good practice"), {"GOOD_PRACTICE_MISSING"}),
    ("actions", remove_section("Actions"), {"ACTIONS_MISSING"}),
    (
        "executive sign-off",
        remove(
            "The decision was agreed by the three safeguarding partners: the Director of Children's Services, the "
            "Chief Superintendent for the police area and the Chief Nurse of the Integrated Care Board.\n"
        ),
        {"EXECUTIVE_SIGNOFF_MISSING"},
    ),
]

FIELD_CASES: list[tuple[str, Callable[[str], str], set[str]]] = [
    ("date of birth", remove("Date of birth: 12/06/2013 (11 years old)\n"), {"CHILD_AGE_MISSING"}),
    ("gender", remove("Gender: Female\n"), {"CHILD_GENDER_MISSING"}),
    ("ethnicity", remove("Ethnicity: British Pakistani\n"), {"CHILD_ETHNICITY_MISSING"}),
    (
        "disability line",
        remove(
            "Disability: CHILD R has no known disability. She has an Education, Health and Care Plan for dyslexia.\n"
        ),
        {"CHILD_DISABILITY_MISSING"},
    ),
    (
        "family members",
        remove_block("Family members\n", "Summary of the serious incident"),
        {"FAMILY_STRUCTURE_MISSING"},
    ),
    (
        "family members' ethnicity",
        lambda t: re.sub(
            r"(?m)^((?:Mother|Stepfather|Half-brother|Father): aged \d+), [A-Z][a-z]+ [A-Z][a-z]+,", r"\1,", t
        ),
        {"FAMILY_DETAILS_INCOMPLETE"},
    ),
    (
        "immediate safeguarding",
        remove_block("Immediate safeguarding arrangements\n", "Agencies involved in the rapid review"),
        {"IMMEDIATE_SAFEGUARDING_MISSING"},
    ),
    (
        "incident summary",
        remove_block("Summary of the serious incident\n", "Immediate safeguarding arrangements"),
        {"INCIDENT_SUMMARY_MISSING"},
    ),
    ("agencies", remove_block("Agencies involved in the rapid review\n", "Analysis\n"), {"AGENCIES_MISSING"}),
    ("decision", remove("The safeguarding partners agreed to commission an LCSPR. "), {"DECISION_MISSING"}),
    (
        "decision's reasons",
        remove(
            " The criteria are met because CHILD R has been seriously harmed, abuse is known, and the case raises "
            "concerns about how agencies worked together to share information about the stepfather's history."
        ),
        {"DECISION_RATIONALE_MISSING"},
    ),
    (
        "LCSPR scope",
        remove_block("Key lines of enquiry for the LCSPR\n", "The decision was endorsed"),
        {"LCSPR_SCOPE_MISSING"},
    ),
    ("learning", remove_block("Immediate learning\n", "Actions\n"), {"LEARNING_MISSING"}),
    (
        "dissemination",
        remove(
            "This learning will be shared with practitioners through a learning briefing and a practice-note update "
            "on checks for new partners.\n",
            "- The partnership will deliver training on talking with children about harmful sexual behaviour.\n",
        ),
        {"DISSEMINATION_MISSING"},
    ),
    (
        "lived experience",
        lambda t: remove("2. What opportunities were there to hear CHILD R's voice before she disclosed?\n")(
            remove_block("Lived experience.", "Race, culture and faith.")(t)
        ),
        {"LIVED_EXPERIENCE_MISSING"},
    ),
    (
        "race and faith",
        lambda t: remove("3. How did practitioners take account of the family's culture and faith?\n")(
            remove_block("Race, culture and faith.", "Disability and health.")(t)
        ),
        {"RACE_CULTURE_NOT_CONSIDERED"},
    ),
    ("good practice", remove_block("What went well\n", "Immediate learning\n"), {"GOOD_PRACTICE_MISSING"}),
    ("actions", remove_block("Actions\n", "Decision\n"), {"ACTIONS_MISSING"}),
    (
        "national review",
        remove_block("Relevant national learning.", "What went well\n"),
        {"NATIONAL_REVIEW_NOT_REFERENCED"},
    ),
    (
        "sign-off",
        remove("The decision was endorsed by the three safeguarding partners' executive leads.\n"),
        {"EXECUTIVE_SIGNOFF_MISSING"},
    ),
]

MINIMUM_RECORD = {
    "CHILD_AGE_MISSING",
    "CHILD_GENDER_MISSING",
    "CHILD_ETHNICITY_MISSING",
    "CHILD_DISABILITY_MISSING",
    "FAMILY_STRUCTURE_MISSING",
    "FAMILY_DETAILS_INCOMPLETE",
    "IMMEDIATE_SAFEGUARDING_MISSING",
    "INCIDENT_SUMMARY_MISSING",
    "DECISION_MISSING",
    "DECISION_RATIONALE_MISSING",
    "LEARNING_MISSING",
    "DISSEMINATION_MISSING",
    "AGENCIES_MISSING",
}


def test_every_minimum_record_code_is_covered_in_both_templates() -> None:
    for cases in (TABLE_CASES, FIELD_CASES):
        covered = set().union(*(expected for _, _, expected in cases))
        assert covered >= MINIMUM_RECORD


@pytest.mark.parametrize("name", [TABLE_BASE, FIELDS_BASE])
def test_bases_are_complete(name: str) -> None:
    assert codes(base(name)) == set()


@pytest.mark.parametrize(("what", "edit", "expected"), TABLE_CASES, ids=[c[0] for c in TABLE_CASES])
def test_removing_a_fact_from_the_table_draft(
    what: str, edit: Callable[[str], str], expected: set[str]
) -> None:
    complete = base(TABLE_BASE)
    broken = edit(complete)
    assert broken != complete
    assert expected <= codes(broken), what
    assert not expected & codes(complete)  # put back: the code goes


@pytest.mark.parametrize(("what", "edit", "expected"), FIELD_CASES, ids=[c[0] for c in FIELD_CASES])
def test_removing_a_fact_from_the_fields_draft(
    what: str, edit: Callable[[str], str], expected: set[str]
) -> None:
    complete = base(FIELDS_BASE)
    broken = edit(complete)
    assert broken != complete
    assert expected <= codes(broken), what
    assert not expected & codes(complete)


@pytest.mark.parametrize(("what", "edit", "expected"), TABLE_CASES[:6], ids=[c[0] for c in TABLE_CASES[:6]])
def test_removal_changes_only_what_it_should(
    what: str, edit: Callable[[str], str], expected: set[str]
) -> None:
    """Taking a column out of the family table says nothing about the incident, decision or learning."""
    found = codes(edit(base(TABLE_BASE)))
    unrelated = {"INCIDENT_SUMMARY_MISSING", "DECISION_MISSING", "LEARNING_MISSING", "AGENCIES_MISSING"}
    assert not found & unrelated


@pytest.mark.parametrize(
    "transform",
    [
        lambda t: t.replace("\n", "\r\n"),
        lambda t: t + "\n\n" + "Appendix\n\nNo further information.\n",
        lambda t: t.replace("CHILD P", "CHILD Y"),
        lambda t: "\ufeff" + t,
    ],
    ids=["crlf", "appendix", "renamed-child", "bom"],
)
def test_meaning_preserving_changes_keep_the_draft_clean(transform: Callable[[str], str]) -> None:
    assert codes(transform(base(TABLE_BASE))) == set()


def test_crlf_does_not_change_which_codes_fire() -> None:
    for name in ("numbered-exploitation.txt", "bold-headings.md", "checkbox-form.txt", "no-headings.txt"):
        text = base(name)
        assert codes(text.replace("\n", "\r\n")) == codes(text), name
