"""Every finding code, positive and negative, on drafts written for these tests in many templates.

The drafts under tests/data/drafts are fictional and were written from the Panel's guidance, not from the
published examples (those are the eval set). Precision matters as much as recall: the two complete drafts
must get no findings at all.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant import services
from assistant.critic.taxonomy import load_codes
from assistant.domain.critique import Critique, Finding
from assistant.resources import SAMPLES_DIR

DRAFTS = Path(__file__).parent / "data" / "drafts"
SAMPLES = SAMPLES_DIR
RULE_GROUPS = ("minimum_record", "important_issues", "panel_comments")  # model_points are written by a model
ALL_CODES = sorted(code for code, spec in load_codes().items() if spec.group in RULE_GROUPS)


def draft(name: str) -> str:
    path = SAMPLES / name if name.startswith("draft-") else DRAFTS / name
    return path.read_text(encoding="utf-8")


def edited(name: str, *edits: tuple[str, str]) -> str:
    """A draft with exact replacements; each `old` must be in it, so a fixture edit cannot silently miss."""
    text = draft(name)
    for old, new in edits:
        assert old in text, f"{old!r} not in {name}"
        text = text.replace(old, new)
    return text


def critique(text: str) -> Critique:
    return services.critique(text, with_panel_comments=False)


def codes(text: str) -> set[str]:
    return {f.code for f in critique(text).findings}


def finding(text: str, code: str) -> Finding:
    found = [f for f in critique(text).findings if f.code == code]
    assert found, f"{code} not reported"
    return found[0]


def build_docx(path: Path) -> Path:
    """A rapid review written in Word: real headings and a real table for the family."""
    from docx import Document

    doc = Document()
    doc.add_heading("Rapid review: CHILD D", level=1)
    doc.add_heading("Case information", level=2)
    rows = [
        ("Name", "Relationship", "Age", "Gender", "Ethnicity", "Disability or health"),
        ("CHILD D", "Subject of the notification", "7 months", "Female", "Black African", "None known"),
        ("Mother", "Mother", "24", "Female", "Black African", "Postnatal depression"),
        ("Mr Q", "Mother's partner, not the father", "30", "Male", "White British", "None known"),
    ]
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    doc.add_paragraph("CHILD D has no siblings. She lives with her mother and her mother's partner.")
    doc.add_heading("Summary of the incident", level=2)
    doc.add_paragraph(
        "On 12 February 2025 CHILD D was taken to hospital with a swollen arm. An X-ray found a fractured humerus "
        "and a skeletal survey found two older rib fractures. There was also a bruise on her ear. Mr Q was "
        "caring for her alone when the arm was injured; he said she had rolled off the sofa."
    )
    doc.add_heading("Immediate safeguarding", level=2)
    doc.add_paragraph(
        "CHILD D is in foster care under an interim care order. Contact with both adults is supervised."
    )
    doc.add_heading("Agencies involved in the rapid review", level=2)
    for agency in ("Children's Social Care", "Police", "Health visiting", "GP practice", "Hospital trust"):
        doc.add_paragraph(agency, style="List Bullet")
    doc.add_heading("Analysis", level=2)
    doc.add_paragraph(
        "CHILD D's daily life was spent mostly with Mr Q while her mother worked. Nobody asked what a typical day "
        "was like for her. The health visitor never met Mr Q and did not ask about him. The mother's depression "
        "was known to the GP but its effect on her capacity to protect CHILD D was not considered. The family's "
        "culture and faith were not explored, and no interpreter was needed."
    )
    doc.add_paragraph(
        "The review drew on the Panel's national review 'The Myth of Invisible Men': the man caring for the baby "
        "was invisible to services, and the bruise was not seen by any professional before the fracture."
    )
    doc.add_heading("Good practice", level=2)
    doc.add_paragraph("The hospital acted promptly and the strategy discussion was held the same day.")
    doc.add_heading("Learning and actions", level=2)
    doc.add_paragraph("Learning point: male carers are not routinely identified or assessed.")
    doc.add_paragraph(
        "The health visiting service will ask about every adult in the household.", style="List Bullet"
    )
    doc.add_paragraph(
        "Children's Social Care will assess every male carer in a household with a baby.", style="List Bullet"
    )
    doc.add_paragraph("The learning will be disseminated through a seven-minute briefing.")
    doc.add_heading("Decision", level=2)
    doc.add_paragraph(
        "The safeguarding partners agreed to commission an LCSPR because CHILD D has been seriously harmed and "
        "abuse is suspected. The key lines of enquiry are how services identified Mr Q and how the bruise was "
        "missed. The decision was signed off by the three safeguarding partners."
    )
    doc.save(str(path))
    return path


# -- clean drafts: no false alarms ------------------------------------------------------------------------


COMPLETE = ["complete-neglect.md", "complete-lcspr.txt", "complete-worried.md", "complete-form.txt"]


@pytest.mark.parametrize("name", COMPLETE)
def test_complete_drafts_get_no_findings(name: str) -> None:
    result = critique(draft(name))
    assert result.meta.looks_like_rapid_review
    assert [(f.code, [e.quote for e in f.evidence]) for f in result.findings] == []
    assert {"CLEAR_DECISION_WITH_REASONS", "LIVED_EXPERIENCE_CONSIDERED", "GOOD_PRACTICE_IDENTIFIED"} <= {
        s.code for s in result.strengths
    }


def test_docx_draft_read_through_the_reader_gets_no_findings(tmp_path: Path) -> None:
    from assistant.documents.reader import read_path

    doc = read_path(build_docx(tmp_path / "review.docx"))
    assert doc.format == "docx" and "\t" in doc.text and "## Case information" in doc.text
    result = critique(doc.text)
    assert [f.code for f in result.findings] == []
    strengths = {s.code for s in result.strengths}
    assert {"FAMILY_TABLE", "NATIONAL_LEARNING_USED"} <= strengths


def test_docx_table_columns_are_read_for_the_child(tmp_path: Path) -> None:
    from docx import Document

    from assistant.documents.reader import read_path

    path = build_docx(tmp_path / "review.docx")
    doc = Document(str(path))
    doc.tables[0].cell(1, 4).text = "Unknown"  # the child's ethnicity
    doc.save(str(path))
    text = read_path(path).text
    f = finding(text, "CHILD_ETHNICITY_MISSING")
    assert [e.quote for e in f.evidence] == ["Unknown"]
    assert text[f.evidence[0].start : f.evidence[0].end] == "Unknown"


# -- every code: where it must fire and where it must not -------------------------------------------------

NO_FAMILY = """# Rapid review: CHILD Z

## Incident

On 4 April 2025 CHILD Z, aged 9, a boy of White British heritage with no known disability, was admitted to hospital
with a head injury after a fall at home. The police and Children's Social Care began enquiries.

## Immediate safeguarding

CHILD Z is staying with his grandmother under a safety plan.

## Agencies involved

Children's Social Care, Police, the hospital trust and his primary school contributed reports.

## Decision

The partnership will not commission an LCSPR because the learning is already clear.
"""

CHILD_UNKNOWN_ETHNICITY = edited(
    "complete-neglect.md",
    (
        "| CHILD P | Subject of the notification | 6 years | Male | Mixed White and Black Caribbean |",
        "| CHILD P | Subject of the notification | 6 years | Male | Unknown |",
    ),
)
SIBLING_UNKNOWN_ETHNICITY = edited(
    "complete-neglect.md",
    (
        "| Sibling 2 | Brother | 2 years | Male | Mixed White and Black Caribbean |",
        "| Sibling 2 | Brother | 2 years | Male | Not known |",
    ),
)
NO_SCHOOLING = edited(
    "no-decision.md", ("CAMHS, the GP practice and his secondary school", "CAMHS and the GP practice")
)
CHECKLIST_WITH_REASONS = edited(
    "checkbox-form.txt",
    (
        "☒ Does not meet the criteria but warrants an alternative learning review",
        "☒ Does not meet the criteria for a local child safeguarding practice review",
    ),
    (
        "Section 7: Recommendation",
        "Rationale\n\nThe criteria are not met because there is no evidence that abuse or neglect caused the harm; "
        "the learning about safe storage has been identified and is being acted on.\n\nSection 7: Recommendation",
    ),
)
FORM_CHOOSING_LCSPR = edited(
    "checkbox-form.txt",
    (
        "☐ Meets the criteria for a local child safeguarding practice review",
        "☒ Meets the criteria for a local child safeguarding practice review",
    ),
    (
        "☒ Does not meet the criteria but warrants an alternative learning review",
        "☐ Does not meet the criteria but warrants an alternative learning review",
    ),
)

POSITIVE: dict[str, list[Callable[[], str]]] = {
    "CHILD_AGE_MISSING": [
        lambda: edited("bold-headings.md", ("CHILD S, 14 years old, lives", "CHILD S lives"))
    ],
    "CHILD_GENDER_MISSING": [lambda: draft("bold-headings.md"), lambda: draft("no-headings.txt")],
    "CHILD_ETHNICITY_MISSING": [
        lambda: draft("bold-headings.md"),
        lambda: draft("draft-baby-sleep.md"),
        lambda: CHILD_UNKNOWN_ETHNICITY,
    ],
    "CHILD_DISABILITY_MISSING": [
        lambda: draft("numbered-exploitation.txt"),
        lambda: draft("no-headings.txt"),
        lambda: draft("draft-exploitation.md"),
    ],
    "FAMILY_STRUCTURE_MISSING": [lambda: NO_FAMILY],
    "FAMILY_DETAILS_INCOMPLETE": [
        lambda: draft("numbered-exploitation.txt"),
        lambda: draft("draft-baby-sleep.md"),
        lambda: draft("bold-headings.md"),
        lambda: SIBLING_UNKNOWN_ETHNICITY,
    ],
    "IMMEDIATE_SAFEGUARDING_MISSING": [
        lambda: NO_FAMILY.replace(
            "CHILD Z is staying with his grandmother under a safety plan.", "To follow."
        )
    ],
    "INCIDENT_SUMMARY_MISSING": [
        lambda: edited(
            "no-decision.md",
            (
                "On 5 October 2024 CHILD X was admitted to hospital after taking an overdose of paracetamol. He had "
                "told a friend that he did not want to go home.",
                "To be completed.",
            ),
        )
    ],
    "DECISION_MISSING": [lambda: draft("no-decision.md")],
    "DECISION_RATIONALE_MISSING": [lambda: draft("lcspr-no-scope.md"), lambda: draft("checkbox-form.txt")],
    "LEARNING_MISSING": [lambda: draft("chronology-heavy.md"), lambda: draft("no-decision.md")],
    "DISSEMINATION_MISSING": [lambda: draft("bold-headings.md")],
    "AGENCIES_MISSING": [
        lambda: NO_FAMILY.replace(
            "## Agencies involved\n\nChildren's Social Care, Police, the hospital trust and his primary school "
            "contributed reports.\n\n",
            "",
        )
    ],
    "LIVED_EXPERIENCE_MISSING": [lambda: draft("checkbox-form.txt"), lambda: draft("bold-headings.md")],
    "RACE_CULTURE_NOT_CONSIDERED": [lambda: draft("draft-baby-sleep.md"), lambda: draft("bold-headings.md")],
    "DISABILITY_HEALTH_NOT_CONSIDERED": [
        lambda: draft("checkbox-form.txt"),
        lambda: draft("bold-headings.md"),
    ],
    "NATIONAL_REVIEW_NOT_REFERENCED": [
        lambda: draft("worried-layout.md"),
        lambda: draft("no-headings.txt"),
        lambda: draft("draft-baby-sleep.md"),
    ],
    "LCSPR_SCOPE_MISSING": [lambda: draft("lcspr-no-scope.md")],
    "GOOD_PRACTICE_MISSING": [lambda: draft("numbered-exploitation.txt"), lambda: draft("checkbox-form.txt")],
    "ACTIONS_MISSING": [lambda: draft("bold-headings.md"), lambda: draft("chronology-heavy.md")],
    "EXECUTIVE_SIGNOFF_MISSING": [
        lambda: draft("numbered-exploitation.txt"),
        lambda: draft("draft-exploitation.md"),
    ],
    "BLAMING_LANGUAGE": [lambda: draft("bold-headings.md"), lambda: draft("draft-exploitation.md")],
    "CHRONOLOGY_NOT_ANALYSIS": [lambda: draft("chronology-heavy.md")],
    "CRITERIA_CHECKLIST_ONLY": [lambda: draft("checkbox-form.txt")],
    "AMBIGUOUS_REVIEW_TYPE": [lambda: draft("checkbox-form.txt")],
    "EARLY_LIFE_HISTORY_MISSING": [lambda: draft("bold-headings.md")],
    "SCHOOLING_MISSING": [lambda: NO_SCHOOLING],
}

NEGATIVE: dict[str, list[Callable[[], str]]] = {
    code: [functools.partial(draft, name) for name in COMPLETE] for code in ALL_CODES
}
NEGATIVE["CHILD_GENDER_MISSING"] += [lambda: draft("worried-layout.md"), lambda: draft("checkbox-form.txt")]
NEGATIVE["CHILD_ETHNICITY_MISSING"] += [
    lambda: draft("numbered-exploitation.txt"),
    lambda: SIBLING_UNKNOWN_ETHNICITY,
]
NEGATIVE["FAMILY_STRUCTURE_MISSING"] += [lambda: draft("worried-layout.md"), lambda: draft("no-headings.txt")]
NEGATIVE["AGENCIES_MISSING"] += [lambda: draft("no-headings.txt"), lambda: draft("checkbox-form.txt")]
NEGATIVE["DECISION_MISSING"] += [lambda: draft("checkbox-form.txt"), lambda: draft("no-headings.txt")]
NEGATIVE["DECISION_RATIONALE_MISSING"] += [
    lambda: draft("draft-exploitation.md"),
    lambda: CHECKLIST_WITH_REASONS,
]
NEGATIVE["LCSPR_SCOPE_MISSING"] += [lambda: draft("worried-layout.md"), lambda: draft("chronology-heavy.md")]
NEGATIVE["CRITERIA_CHECKLIST_ONLY"] += [lambda: CHECKLIST_WITH_REASONS]
NEGATIVE["AMBIGUOUS_REVIEW_TYPE"] += [lambda: FORM_CHOOSING_LCSPR]
NEGATIVE["NATIONAL_REVIEW_NOT_REFERENCED"] += [
    lambda: draft("numbered-exploitation.txt"),
    lambda: draft("draft-exploitation.md"),
]
NEGATIVE["EARLY_LIFE_HISTORY_MISSING"] += [
    lambda: draft("numbered-exploitation.txt"),
    lambda: draft("draft-baby-sleep.md"),
]
NEGATIVE["SCHOOLING_MISSING"] += [lambda: draft("draft-baby-sleep.md"), lambda: draft("bold-headings.md")]
NEGATIVE["LEARNING_MISSING"] += [lambda: draft("no-headings.txt"), lambda: draft("worried-layout.md")]
NEGATIVE["DISSEMINATION_MISSING"] += [lambda: draft("no-headings.txt")]
NEGATIVE["ACTIONS_MISSING"] += [lambda: draft("checkbox-form.txt")]
NEGATIVE["GOOD_PRACTICE_MISSING"] += [lambda: draft("no-headings.txt")]
NEGATIVE["LIVED_EXPERIENCE_MISSING"] += [lambda: draft("worried-layout.md")]
NEGATIVE["CHRONOLOGY_NOT_ANALYSIS"] += [lambda: draft("draft-baby-sleep.md")]
NEGATIVE["BLAMING_LANGUAGE"] += [lambda: draft("numbered-exploitation.txt")]


def _cases(table: dict[str, list[Callable[[], str]]]) -> list[object]:
    return [
        pytest.param(code, make, id=f"{code}-{i}")
        for code, makers in table.items()
        for i, make in enumerate(makers)
    ]


def test_every_code_has_a_check_and_positive_and_negative_cases() -> None:
    from assistant.critic.checks import load_all

    assert set(load_all()) == set(ALL_CODES)
    assert set(POSITIVE) == set(ALL_CODES)
    assert set(NEGATIVE) == set(ALL_CODES)


@pytest.mark.parametrize(("code", "make"), _cases(POSITIVE))
def test_code_fires(code: str, make: Callable[[], str]) -> None:
    assert code in codes(make())


@pytest.mark.parametrize(("code", "make"), _cases(NEGATIVE))
def test_code_does_not_fire(code: str, make: Callable[[], str]) -> None:
    assert code not in codes(make())


# -- the child's details, up front ------------------------------------------------------------------------

GENDER_BASE = """# Rapid review: CHILD G

## Case information

Name of child: CHILD G
Age: 10 years
{gender}Ethnicity: White British
Disability: none known

CHILD G lives with her mother (aged 38, White British, no known health needs) and her brother (aged 12).

## Incident

On 2 May 2025 CHILD G was admitted to hospital with burns after a fire at home. The police and Children's Social
Care are investigating possible neglect.

## Analysis

{analysis}
"""


@pytest.mark.parametrize(
    ("gender", "analysis", "missing"),
    [
        ("", "She was a girl who loved swimming. Her school described her as bright.", True),
        ("", "He was a boy who loved football; his teachers said he was always hungry.", True),
        ("Gender: Female\n", "She was a girl who loved swimming.", False),
        ("Sex: F\n", "Her school described her as bright.", False),
        ("", "CHILD G told the nurse she was scared at night.", True),
    ],
)
def test_gender_counts_only_up_front(gender: str, analysis: str, missing: bool) -> None:
    text = GENDER_BASE.format(gender=gender, analysis=analysis)
    assert ("CHILD_GENDER_MISSING" in codes(text)) is missing


@pytest.mark.parametrize(
    ("field", "late", "code"),
    [
        ("Age: 10 years\n", "CHILD G was ten years old.", "CHILD_AGE_MISSING"),
        ("Ethnicity: White British\n", "CHILD G is White British.", "CHILD_ETHNICITY_MISSING"),
        ("Disability: none known\n", "CHILD G had no known disability.", "CHILD_DISABILITY_MISSING"),
    ],
)
def test_child_facts_count_only_up_front(field: str, late: str, code: str) -> None:
    text = GENDER_BASE.format(gender="Gender: Female\n", analysis=late)
    assert code not in codes(text)
    moved = text.replace(field, "")
    assert field not in moved and late in moved
    assert code in codes(moved)


def test_gender_column_counts_as_recorded() -> None:
    assert "CHILD_GENDER_MISSING" not in codes(draft("numbered-exploitation.txt"))
    assert "CHILD_GENDER_MISSING" not in codes(draft("complete-neglect.md"))


def test_gender_word_about_another_family_member_does_not_count() -> None:
    text = GENDER_BASE.format(gender="", analysis="").replace(
        "CHILD G lives with her mother", "Her mother, a female carer of 38, lives with CHILD G and"
    )
    assert "CHILD_GENDER_MISSING" in codes(text)


def test_family_member_facts_are_not_the_childs() -> None:
    text = edited(
        "complete-lcspr.txt",
        ("Ethnicity: British Pakistani\n", ""),
        (
            "Disability: CHILD R has no known disability. She has an Education, Health and Care Plan for dyslexia.\n",
            "",
        ),
    )
    found = codes(text)
    assert {"CHILD_ETHNICITY_MISSING", "CHILD_DISABILITY_MISSING"} <= found
    assert "FAMILY_DETAILS_INCOMPLETE" not in found  # the family lines give every member's details


def test_white_british_for_everyone_is_recorded_ethnicity() -> None:
    rows = "\n".join(
        f"| {n} | {r} | {a} | {g} | White British | None known |"
        for n, r, a, g in [
            ("CHILD H", "Subject child", "3", "Male"),
            ("Mother", "Mother", "29", "Female"),
            ("Father", "Father", "31", "Male"),
        ]
    )
    text = edited(
        "complete-neglect.md",
        (
            draft("complete-neglect.md")
            .split("## Case information\n\n")[1]
            .split("\n\nCHILD P is in Year 1")[0],
            "| Name | Relationship | Age | Gender | Ethnicity | Disability or health needs |\n| --- | --- | --- | --- | --- | --- |\n"
            + rows,
        ),
    )
    result = critique(text)
    assert not {"CHILD_ETHNICITY_MISSING", "FAMILY_DETAILS_INCOMPLETE"} & {f.code for f in result.findings}
    assert not any(
        "ethnicity" in f.message.lower() and f.code.startswith(("CHILD", "FAMILY")) for f in result.findings
    )


def test_unknown_ethnicity_for_family_members_is_a_family_details_gap() -> None:
    f = finding(SIBLING_UNKNOWN_ETHNICITY, "FAMILY_DETAILS_INCOMPLETE")
    assert "unknown" in f.message.lower() and "ethnicity" in f.message.lower()
    assert [e.quote for e in f.evidence] == ["Not known"]
    assert "CHILD_ETHNICITY_MISSING" not in codes(SIBLING_UNKNOWN_ETHNICITY)


def test_childs_own_unknown_ethnicity_is_child_ethnicity_missing() -> None:
    f = finding(CHILD_UNKNOWN_ETHNICITY, "CHILD_ETHNICITY_MISSING")
    assert [e.quote for e in f.evidence] == ["Unknown"]


@pytest.mark.parametrize(
    "table",
    [
        "| Name | Relationship | Age | Gender | Ethnicity | Health |\n|---|---|---|---|---|---|\n"
        "| CHILD E | Subject | 4 | Female | White British | None |\n| Mother | Mother | 30 | Female | White British | None |",
        "Name\tRelationship\tAge\tGender\tEthnicity\tHealth\nCHILD E\tSubject\t4\tFemale\tWhite British\tNone\n"
        "Mother\tMother\t30\tFemale\tWhite British\tNone",
        "Name\tRelationship\tAge\tGender\tEthnicity\tHealth\n\nCHILD E\tSubject\t4\tFemale\tWhite British\tNone\n\n"
        "Mother\tMother\t30\tFemale\tWhite British\tNone",  # Word pastes put blank lines between rows
        "| Field | Detail |\n|---|---|\n| Name | CHILD E |\n| Age | 4 years |\n| Gender | Female |\n"
        "| Ethnicity | White British |\n| Disability | None known |",
    ],
    ids=["pipe", "tab", "tab-blank-lines", "key-value"],
)
def test_child_details_read_from_any_table_form(table: str) -> None:
    text = (
        f"# Rapid review\n\n## Case information\n\n{table}\n\n## Incident\n\nOn 3 March 2025 CHILD E was admitted "
        "to hospital with a fractured arm. Police and Children's Social Care are investigating; the mother has "
        "been interviewed and the school is involved.\n"
    )
    found = codes(text)
    assert (
        not {
            "CHILD_AGE_MISSING",
            "CHILD_GENDER_MISSING",
            "CHILD_ETHNICITY_MISSING",
            "CHILD_DISABILITY_MISSING",
        }
        & found
    )


def test_mother_listed_first_is_not_taken_for_the_child() -> None:
    table = (
        "| Name | Relationship | Age | Gender | Ethnicity |\n|---|---|---|---|---|\n"
        "| Mother | Mother of CHILD E | 30 | Female | White British |\n"
        "| CHILD E | Subject of this review | 4 | Female | Unknown |"
    )
    text = f"# Rapid review\n\n## Family\n\n{table}\n\n## Incident\n\nOn 3 March 2025 CHILD E, aged 4, was admitted to hospital. Police and the school are involved; the mother was interviewed by the social worker.\n"
    assert [e.quote for e in finding(text, "CHILD_ETHNICITY_MISSING").evidence] == ["Unknown"]


def test_schooling_needs_a_school_age_child() -> None:
    assert "SCHOOLING_MISSING" in codes(NO_SCHOOLING)
    infant = NO_SCHOOLING.replace("Age: 13 years", "Age: 13 months")
    assert "SCHOOLING_MISSING" not in codes(infant)


# -- national reviews --------------------------------------------------------------------------------------

CASE = """# Rapid review: CHILD N

## Case information

Name of child: CHILD N. Gender: {gender}. Ethnicity: White British. Disability: none known.

## Incident

{incident}

## Agencies

Children's Social Care, Police, the health visiting service, the GP and the hospital contributed reports.

## Analysis

{analysis}

## Decision

The safeguarding partners will not commission an LCSPR because the learning is already clear.
"""

SUDI = (
    "CHILD N, a 6-week-old baby, died on 3 March 2025 after co-sleeping on the sofa with her father, who had been "
    "drinking alcohol. She was found unresponsive in the morning."
)
NAI = (
    "CHILD N, a 3-month-old baby, was admitted to hospital on 9 March 2025 with a fractured skull. The mother's "
    "partner was caring for him alone when he was injured and said he had rolled off the bed."
)
EXPLOITATION = (
    "CHILD N, aged 15, was stabbed on 1 March 2025. He had been permanently excluded from school, was reported "
    "missing from home six times and was found carrying drugs for a county lines network."
)
BRUISE = (
    "CHILD N, a 10-week-old baby who was not yet rolling over, was seen by the GP on 2 March 2025 with a bruise on "
    "her cheek. The GP did not refer her. Two weeks later she was admitted with a head injury."
)


@pytest.mark.parametrize(
    ("incident", "title", "features"),
    [
        (SUDI, "Out of routine", {"sofa", "alcohol"}),
        (NAI, "The Myth of Invisible Men", {"partner"}),
        (EXPLOITATION, "It was hard to escape", {"excluded", "missing from home", "county lines"}),
        (BRUISE, "Bruising in non-mobile infants", {"bruise"}),
    ],
    ids=["sudi", "male-carer", "exploitation", "bruising"],
)
def test_national_review_named_with_evidence(incident: str, title: str, features: set[str]) -> None:
    text = CASE.format(gender="Female", incident=incident, analysis="No further analysis yet.")
    f = finding(text, "NATIONAL_REVIEW_NOT_REFERENCED")
    titles = [nr.title for nr in f.national_reviews]
    assert any(t.startswith(title) for t in titles), titles
    assert title in f.message
    ref = next(nr for nr in f.national_reviews if nr.title.startswith(title))
    quotes = " ".join(e.quote.lower() for e in ref.evidence) + " " + ref.why.lower()
    assert any(feat in quotes for feat in features), (quotes, features)
    for e in ref.evidence + f.evidence:
        assert text[e.start : e.end] == e.quote


@pytest.mark.parametrize(
    ("incident", "reference"),
    [
        (SUDI, "The review considered the Panel's national review 'Out of routine'."),
        (SUDI, "Learning from the Panel's national review into SUDI was discussed at the meeting."),
        (SUDI, "The Panel's review of sudden unexpected death in infancy was used to test local practice."),
        (NAI, "The findings of 'The Myth of Invisible Men' were discussed."),
        (NAI, "The Panel's national review on male carers helped frame the analysis."),
        (EXPLOITATION, "The national review 'It was hard to escape' was used."),
        (EXPLOITATION, "The partnership considered the national review on criminal exploitation."),
        (BRUISE, "The Panel's briefing 'Bruising in non-mobile infants' was considered."),
    ],
)
def test_national_review_not_flagged_when_already_referenced(incident: str, reference: str) -> None:
    text = CASE.format(gender="Female", incident=incident, analysis=reference)
    assert "NATIONAL_REVIEW_NOT_REFERENCED" not in codes(text)


@pytest.mark.parametrize(
    "incident",
    [
        "CHILD N, a 4-month-old baby, was admitted to hospital on 9 March 2025 with a chest infection and later died. "
        "A skeletal survey found no fractures and there were no bruises. The father was not at home.",
        "CHILD N, aged 15, was admitted to hospital on 1 March 2025 after an overdose. There is no evidence of "
        "criminal exploitation and he was never excluded from school.",
        "CHILD N, a 5-month-old baby, was admitted to hospital on 9 March 2025 with a fractured leg after a fall "
        "from a changing table at nursery. Her mother was at work.",
    ],
    ids=["negated-injuries", "negated-exploitation", "no-male-carer-no-death"],
)
def test_negated_or_absent_features_do_not_make_a_review_relevant(incident: str) -> None:
    text = CASE.format(gender="Female", incident=incident, analysis="Nothing further.")
    f = [x for x in critique(text).findings if x.code == "NATIONAL_REVIEW_NOT_REFERENCED"]
    titles = [nr.title for x in f for nr in x.national_reviews]
    assert not any(t.startswith(("The Myth", "Out of routine", "It was hard", "Bruising")) for t in titles), (
        titles
    )


def test_sudi_needs_a_death_not_just_a_baby_and_alcohol() -> None:
    incident = (
        "CHILD N, a 2-month-old baby, was admitted to hospital on 9 March 2025 with a fractured arm. Her mother "
        "had been drinking alcohol at a party; the baby had been sleeping on the sofa beforehand."
    )
    text = CASE.format(gender="Female", incident=incident, analysis="Nothing further.")
    titles = [nr.title for f in critique(text).findings for nr in f.national_reviews]
    assert not any(t.startswith("Out of routine") for t in titles)


def test_intrafamilial_review_needs_the_abuse_and_the_family_member_together() -> None:
    stranger = (
        "CHILD N, aged 14, lives with her father. On 9 March 2025 she was sexually assaulted by two adult men she "
        "met online. She was admitted to hospital."
    )
    family = (
        "CHILD N, aged 14, disclosed on 9 March 2025 that her stepfather had sexually abused her for a year."
    )

    def titles(incident: str) -> list[str]:
        text = CASE.format(gender="Female", incident=incident, analysis="Nothing further.")
        return [nr.title for f in critique(text).findings for nr in f.national_reviews]

    assert not any(t.startswith("I wanted them all") for t in titles(stranger))
    assert any(t.startswith("I wanted them all") for t in titles(family))


# -- the decision, however it is written -----------------------------------------------------------------

DECISION_DRAFT = """# Rapid review: CHILD Q

## Case information

Name of child: CHILD Q. Age: 7. Gender: Male. Ethnicity: White British. Disability: none known.

## Incident

On 2 February 2025 CHILD Q was admitted to hospital with a fractured arm. Police and Children's Social Care are
investigating; the mother was interviewed and his school contributed.

## Decision

{decision}
"""


@pytest.mark.parametrize(
    ("decision", "present", "absent"),
    [
        (
            "The safeguarding partners will not commission an LCSPR because the learning has already been identified.",
            set(),
            {"DECISION_MISSING", "DECISION_RATIONALE_MISSING"},
        ),
        ("An LCSPR will not be commissioned.", {"DECISION_RATIONALE_MISSING"}, {"DECISION_MISSING"}),
        ("Decision: No LCSPR.", {"DECISION_RATIONALE_MISSING"}, {"DECISION_MISSING"}),
        (
            "The criteria for an LCSPR are not met, as there is no evidence that abuse or neglect caused the injury.",
            set(),
            {"DECISION_MISSING", "DECISION_RATIONALE_MISSING"},
        ),
        ("The criteria for an LCSPR are met.", {"DECISION_MISSING"}, {"DECISION_RATIONALE_MISSING"}),
        (
            "It was agreed that an LCSPR would be commissioned because CHILD Q has been seriously harmed and abuse is "
            "suspected. The LCSPR will explore:\n\n- how the school's concerns were shared\n- how the GP assessed "
            "the first injury",
            set(),
            {"DECISION_MISSING", "DECISION_RATIONALE_MISSING", "LCSPR_SCOPE_MISSING"},
        ),
        (
            "The partnership recommends that an LCSPR is undertaken.",
            {"DECISION_RATIONALE_MISSING", "LCSPR_SCOPE_MISSING"},
            {"DECISION_MISSING"},
        ),
        (
            "The partners agreed to commission an LCSPR because abuse is suspected and CHILD Q was seriously harmed.",
            {"LCSPR_SCOPE_MISSING"},
            {"DECISION_MISSING", "DECISION_RATIONALE_MISSING"},
        ),
        (
            "The partners agreed to commission an LCSPR because abuse is suspected.\n\n"
            "Terms of reference\n\nThe LCSPR will examine information sharing between the school and the GP.",
            set(),
            {"LCSPR_SCOPE_MISSING", "DECISION_RATIONALE_MISSING"},
        ),
        (
            "The case does not meet the criteria for an LCSPR; instead a multi-agency learning review will be held.",
            {"AMBIGUOUS_REVIEW_TYPE"},
            {"DECISION_MISSING"},
        ),
        (
            "☐ An LCSPR will be commissioned\n☒ An LCSPR will not be commissioned\n\nReasons: the learning is already "
            "being acted on by every agency and an LCSPR would not add to it.",
            set(),
            {"DECISION_MISSING", "DECISION_RATIONALE_MISSING", "LCSPR_SCOPE_MISSING"},
        ),
        (
            "(a) Meets the criteria for a local child safeguarding practice review\n(b) Does not meet the criteria\n"
            "(c) Warrants an alternative learning review",
            {"DECISION_MISSING", "AMBIGUOUS_REVIEW_TYPE"},
            set(),
        ),
        (
            "If further information emerges, the partners will commission an LCSPR.",
            {"DECISION_MISSING"},
            set(),
        ),
        (
            "The group agreed that the threshold for an LCSPR has not been met, given that the injury was accidental.",
            set(),
            {"DECISION_MISSING", "DECISION_RATIONALE_MISSING"},
        ),
        ("Outcome: no further review.", {"DECISION_RATIONALE_MISSING"}, {"DECISION_MISSING"}),
        (
            "The partnership is commissioning an LCSPR because abuse is suspected. The key lines of enquiry are how "
            "the school's concerns were shared and how the GP assessed the first injury.",
            set(),
            {"DECISION_MISSING", "DECISION_RATIONALE_MISSING", "LCSPR_SCOPE_MISSING"},
        ),
        (
            "The safeguarding partners have agreed that this case will be the subject of an LCSPR.",
            {"DECISION_RATIONALE_MISSING", "LCSPR_SCOPE_MISSING"},
            {"DECISION_MISSING"},
        ),
    ],
    ids=[
        "not-with-reason",
        "not-bare",
        "label-no-lcspr",
        "criteria-not-met-as",
        "criteria-met-only",
        "would-be-commissioned-with-scope",
        "recommends-bare",
        "commission-no-scope",
        "commission-terms-of-reference",
        "learning-review-instead",
        "ticked-box-with-reasons",
        "lettered-options-only",
        "conditional",
        "threshold-not-met",
        "outcome-label",
        "is-commissioning",
        "subject-of-an-lcspr",
    ],
)
def test_decision_written_in_different_ways(decision: str, present: set[str], absent: set[str]) -> None:
    found = codes(DECISION_DRAFT.format(decision=decision))
    assert present <= found, found
    assert not absent & found, found


def test_rationale_heading_alone_is_not_a_reason() -> None:
    text = DECISION_DRAFT.replace("## Decision", "## Decision and rationale").format(
        decision="The safeguarding partners have decided not to commission an LCSPR."
    )
    assert "DECISION_RATIONALE_MISSING" in codes(text)


def test_rapid_review_scope_is_not_the_lcspr_scope() -> None:
    text = DECISION_DRAFT.replace(
        "## Incident",
        "## Scope\n\nThe scope of this rapid review is the 12 months before the incident.\n\n## Incident",
    ).format(decision="The safeguarding partners will commission an LCSPR because abuse is suspected.")
    assert "LCSPR_SCOPE_MISSING" in codes(text)


def test_single_agency_learning_review_is_not_ambiguous() -> None:
    text = DECISION_DRAFT.format(
        decision="The partners will not commission an LCSPR because the learning is clear. The YJS has commissioned "
        "a Critical Learning Review of its own case management, which was agreed at the meeting."
    )
    assert "AMBIGUOUS_REVIEW_TYPE" not in codes(text)


# -- many ways of covering the same point: none of them may be reported as missing ------------------------

COVERED_WORDINGS = [
    (
        "LIVED_EXPERIENCE_MISSING",
        "## What was life like for CHILD Q?\n\nHe spent most evenings alone in his room and was often hungry at school.",
    ),
    (
        "LIVED_EXPERIENCE_MISSING",
        "## Analysis\n\nSeen through the eyes of CHILD Q, home was frightening and unpredictable.",
    ),
    (
        "LIVED_EXPERIENCE_MISSING",
        "## Voice of the child\n\nHe told his teacher he was scared of his mother's boyfriend.",
    ),
    ("LIVED_EXPERIENCE_MISSING", "## A day in the life of CHILD Q\n\nMornings began with no breakfast."),
    (
        "RACE_CULTURE_NOT_CONSIDERED",
        "## Equality and diversity\n\nThe family are White British; the review found no issues of diversity that affected practice.",
    ),
    (
        "RACE_CULTURE_NOT_CONSIDERED",
        "## Analysis\n\nProtected characteristics were considered and none were found to have affected the response.",
    ),
    (
        "RACE_CULTURE_NOT_CONSIDERED",
        "## Analysis\n\nThe family's religious beliefs meant they avoided some health services.",
    ),
    (
        "DISABILITY_HEALTH_NOT_CONSIDERED",
        "## Analysis\n\nNo health or disability needs were identified that affected practice.",
    ),
    (
        "DISABILITY_HEALTH_NOT_CONSIDERED",
        "## Analysis\n\nThe mother's postnatal depression reduced her capacity to notice his injuries.",
    ),
    (
        "DISABILITY_HEALTH_NOT_CONSIDERED",
        "## Analysis\n\nThe father's drinking and drug use made home unpredictable.",
    ),
    (
        "GOOD_PRACTICE_MISSING",
        "## Strengths in practice\n\nThe school nurse was persistent in following up missed appointments.",
    ),
    ("GOOD_PRACTICE_MISSING", "## Analysis\n\nThe GP's referral was timely and detailed."),
    ("GOOD_PRACTICE_MISSING", "## Positive practice\n\nThe police response on the night was sensitive."),
    (
        "ACTIONS_MISSING",
        "## Recommendations\n\n1. That the partnership reviews its threshold guidance.\n2. That the school nursing service audits its follow-up of missed appointments.",
    ),
    (
        "ACTIONS_MISSING",
        "## Recommendations\n\n- The partnership should review its threshold guidance.\n- Health partners should audit follow-up of missed appointments.",
    ),
    (
        "ACTIONS_MISSING",
        "## Action plan\n\nAction | Owner | Timescale\n--- | --- | ---\nReview threshold guidance | Partnership manager | June 2025\nAudit missed appointments | Designated nurse | July 2025",
    ),
    ("LEARNING_MISSING", "## Lessons learned\n\nRepeated minor injuries were not seen together."),
    (
        "LEARNING_MISSING",
        "## Analysis\n\nThe key learning is that repeated minor injuries were not seen together.",
    ),
    ("LEARNING_MISSING", "## Reflections\n\nLearning: repeated minor injuries were not seen together."),
    ("AGENCIES_MISSING", "## Contributors\n\nPolice, Children's Social Care, the GP and the school."),
    (
        "AGENCIES_MISSING",
        "## Process\n\nInformation was provided by Police, Health and Children's Social Care.",
    ),
    (
        "AGENCIES_MISSING",
        "## Process\n\nThe rapid review meeting was attended by representatives of the police, the ICB, the school and Children's Social Care.",
    ),
    (
        "IMMEDIATE_SAFEGUARDING_MISSING",
        "## Current position\n\nCHILD Q is living with his father, who has parental responsibility, under a child protection plan.",
    ),
    (
        "IMMEDIATE_SAFEGUARDING_MISSING",
        "## Safeguarding now\n\nCHILD Q's siblings have been seen and are safe with their father.",
    ),
    (
        "EXECUTIVE_SIGNOFF_MISSING",
        "## Sign-off\n\nApproved by the Director of Children's Services, the Chief Superintendent and the ICB Director of Nursing.",
    ),
    (
        "EXECUTIVE_SIGNOFF_MISSING",
        "Statutory safeguarding partners' agreement: the police, the local authority and the ICB executive leads agreed this review.",
    ),
    (
        "DISSEMINATION_MISSING",
        "## Learning\n\nLearning point: injuries were not seen together.\n\nA learning brief will be produced and circulated to all agencies.",
    ),
    (
        "DISSEMINATION_MISSING",
        "## Learning\n\nLearning point: injuries were not seen together.\n\nThe findings will be shared with practitioners at the next multi-agency practice forum.",
    ),
]


@pytest.mark.parametrize(
    ("code", "addition"), COVERED_WORDINGS, ids=[f"{c}-{i}" for i, (c, _) in enumerate(COVERED_WORDINGS)]
)
def test_other_wordings_cover_the_point(code: str, addition: str) -> None:
    base = DECISION_DRAFT.format(
        decision="The partners will not commission an LCSPR because the learning is already clear."
    )
    if code == "DISSEMINATION_MISSING":
        base += "\n## Learning\n\nLearning point: injuries were not seen together.\n"
    assert code in codes(base)  # the point is missing before the addition
    assert code not in codes(base + "\n" + addition + "\n")


# -- language ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        ("Records say she was putting herself at risk by going to parties.", "putting herself at risk"),
        ("He was referred to a project for hard to reach young people.", "hard to reach"),
        ("Her lifestyle choices were noted at the strategy meeting.", "lifestyle choices"),
        ("He chose to go missing on several occasions.", "chose to go missing"),
        ("She was described as streetwise.", "streetwise"),
    ],
)
def test_blaming_language_quotes_the_exact_phrase(sentence: str, quote: str) -> None:
    text = (
        DECISION_DRAFT.format(decision="No LCSPR will be commissioned because the learning is clear.")
        + "\n"
        + sentence
        + "\n"
    )
    f = finding(text, "BLAMING_LANGUAGE")
    assert [e.quote for e in f.evidence] == [quote]
    assert f"'{quote}'" in f.message
    e = f.evidence[0]
    assert text[e.start : e.end] == quote


@pytest.mark.parametrize(
    "sentence",
    [
        "The review avoided terms such as 'hard to reach', which place responsibility on the child.",
        'Records describe him as "putting himself at risk", language the partnership has challenged.',
    ],
)
def test_blaming_language_named_to_criticise_it_is_not_flagged(sentence: str) -> None:
    text = (
        DECISION_DRAFT.format(decision="No LCSPR will be commissioned because the learning is clear.")
        + "\n"
        + sentence
        + "\n"
    )
    assert "BLAMING_LANGUAGE" not in codes(text)


def test_a_stable_mental_state_is_not_a_stabbing() -> None:
    text = draft("draft-baby-sleep.md")
    assert "stable" in text
    assert "EARLY_LIFE_HISTORY_MISSING" not in codes(text)


def test_immediate_safeguarding_history_is_not_todays_arrangements() -> None:
    text = NO_FAMILY.replace(
        "## Immediate safeguarding\n\nCHILD Z is staying with his grandmother under a safety plan.",
        "## Background\n\nCHILD Z was previously subject to a child protection plan in 2019, which ended in 2020.",
    )
    assert "child protection plan" in text
    assert "IMMEDIATE_SAFEGUARDING_MISSING" in codes(text)


def test_non_rapid_review_text_gets_no_findings() -> None:
    recipe = (
        "Preheat the oven to 180C. Mix the flour, sugar and butter. Bake for 25 minutes and leave to cool."
    )
    result = critique(recipe)
    assert result.meta.looks_like_rapid_review is False and result.findings == []


def test_age_written_in_the_child_row_of_a_family_table_counts() -> None:
    table = (
        "# Rapid review\n\n## 1. Family background\n\n"
        "Anonymised name\tGender\tRelationship\tEthnicity\n"
        "CHILD F\tMale\t{child}\tWhite British\n"
        "Mother\tFemale\tMother of CHILD F, aged 20.\tWhite British\n\n"
        "## 2. Incident\n\nOn [date] CHILD F was taken to hospital with a fracture. Police and social care attended.\n"
    )
    with_age = table.format(child="Subject of the notification and aged 4 months at time of incident.")
    without = table.format(child="Subject of the notification.")
    codes = functools.partial(services.critique, with_panel_comments=False)
    assert "CHILD_AGE_MISSING" not in {f.code for f in codes(with_age).findings}
    assert "CHILD_AGE_MISSING" in {f.code for f in codes(without).findings}


def test_title_case_child_label_is_the_child() -> None:
    draft = (
        "# Rapid review: Child A\n\n## Case information\n\nChild A was a 9 week old baby boy. He lived with his "
        "mother and father.\n\n## Summary of the incident\n\nOn 3 March 2024 Child A was found unresponsive "
        "after co-sleeping with his father on a sofa, and died.\n"
    )
    codes = {f.code for f in services.critique(draft, with_panel_comments=False).findings}
    assert not codes & {"CHILD_AGE_MISSING", "CHILD_GENDER_MISSING"}
    assert "CHILD_ETHNICITY_MISSING" in codes
