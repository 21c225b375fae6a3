"""Issue 13, part 4: wrong things a chair or author would act on.

Each test failed before its fix: unticked boxes counted as evidence, a health visitor's observation put down
to the nursery, the residential-settings review linked for a baby at home, ages losing their units or a
bracketed age after a role and name, and Panel comments shown under a finding they are not about.
All documents here are invented for the tests.
"""

from __future__ import annotations

import pytest

from assistant.chronology.agencies import acting_agency
from assistant.critic import critique_text
from assistant.critic.similar import on_topic
from assistant.domain.critique import PanelCommentRef
from assistant.drafting import draft_chronology
from assistant.drafting.ages import AGE_TEXT, age_after
from assistant.enquiry import kloe_text
from assistant.lexicon import TICKED_BOX, UNTICKED_BOX

# -- 1. unticked boxes are not evidence ---------------------------------------------------------------------

_DECISION_WITH_BOXES = """# Rapid review: Child M

## Case summary
Child M, aged 9, was injured at home. The GP and the school were involved.

## Criteria
{box} the national Panel has considered the case and advised a local review.
{box} no agency involvement before the incident.
"""


def _reasons(text: str, criterion: str) -> list[str]:
    report = kloe_text(text)
    c = next(c for c in report.criteria if c.id == criterion)
    return [p.evidence.quote for p in c.evidence_for]


@pytest.mark.parametrize("box", ["☐", "[ ]", "□", "❏", "- [ ]"])
def test_unticked_boxes_are_not_evidence_for_a_criterion(box: str) -> None:
    text = _DECISION_WITH_BOXES.format(box=box)
    assert _reasons(text, "reg11-d") == []
    assert _reasons(text, "also-no-agency") == []


@pytest.mark.parametrize("box", ["☒", "☑", "✓", "[x]", "[X]"])
def test_ticked_boxes_are_evidence_for_a_criterion(box: str) -> None:
    text = _DECISION_WITH_BOXES.format(box=box)
    assert any("national Panel has considered" in q for q in _reasons(text, "reg11-d"))
    assert any("no agency involvement" in q for q in _reasons(text, "also-no-agency"))


def test_box_vocabulary_lives_in_the_lexicon() -> None:
    for box in ("☐", "[ ]", "□", "❏"):
        assert UNTICKED_BOX.fullmatch(box) and not TICKED_BOX.fullmatch(box)
    for box in ("☒", "☑", "✓", "[x]"):
        assert TICKED_BOX.fullmatch(box) and not UNTICKED_BOX.fullmatch(box)


# -- 2. the acting practitioner decides the agency, not a place mentioned ------------------------------------


@pytest.mark.parametrize(
    ("sentence", "agency"),
    [
        ("At nursery pick-up the health visitor saw a bruise on Baby T's ear.", "Health Visiting"),
        ("The GP noticed a mark on his cheek at nursery.", "GP"),
        ("During the school run a police officer spoke to Mr D.", "Police"),
        ("Baby T was seen at the children's centre by the social worker.", "Children's Social Care"),
        ("At the hospital the class teacher reported the bruise.", "Education"),
        ("HV observed bruising at nursery.", "Health Visiting"),
    ],
)
def test_acting_agency_is_the_practitioner_not_the_place(sentence: str, agency: str) -> None:
    assert acting_agency(sentence) == agency


def test_acting_agency_is_none_without_an_acting_practitioner() -> None:
    assert acting_agency("Baby T attended nursery three days a week.") is None
    assert acting_agency("Mother took Baby T to the GP.") is None


def test_lines_of_enquiry_credit_the_health_visitor_in_a_draft() -> None:
    draft = (
        "# Rapid review: Baby T\n\n## Case summary\nBaby T was 4 months old and not yet rolling.\n"
        "At nursery pick-up the health visitor saw a bruise on Baby T's ear. The explanation was not explored.\n"
    )
    line = next(ln for ln in kloe_text(draft).lines_of_enquiry if ln.id == "infant_injury")
    assert line.agencies == ["Health Visiting"]


def test_lines_of_enquiry_credit_the_health_visitor_in_a_chronology_row() -> None:
    chronology = (
        "Chronology for Baby T (boy, 4 months)\n"
        "02/01/2025\tHealth Visiting\tNew birth visit. Baby T feeding well.\n"
        "14/02/2025\tNursery\tAt pick-up the health visitor saw a bruise on Baby T's ear; not explained.\n"
        "20/02/2025\tGP\tBaby T seen for a cough.\n"
        "27/02/2025\tPolice\tPolice attended a report of shouting at the flat.\n"
    )
    line = next(ln for ln in kloe_text(chronology).lines_of_enquiry if ln.id == "infant_injury")
    assert line.agencies == ["Health Visiting"]


# -- 3. the residential-settings review needs a residential setting ------------------------------------------

_RESIDENTIAL = "disabled-children-residential-2022"


def test_disability_question_for_a_baby_at_home_does_not_link_the_residential_review() -> None:
    draft = (
        "# Rapid review: Baby P\n\n## Case information\nBaby P, a 3-month-old boy, lived at home with his "
        "parents. He has a diagnosis of cerebral palsy and complex health needs.\n\n## Incident\n"
        "Baby P was admitted to hospital with a fracture; the GP and health visitor had seen him.\n"
    )
    report = kloe_text(draft)
    line = next(ln for ln in report.lines_of_enquiry if ln.id == "disability")
    assert _RESIDENTIAL not in [r.id for r in line.national_reviews]


def test_residential_family_assessment_for_a_baby_does_not_link_the_residential_review() -> None:
    draft = (
        "# Rapid review: Baby P\n\n## Case information\nBaby P, aged 3 months, and his mother had been in a "
        "residential parenting assessment unit. Mother has a learning disability.\n\n## Incident\n"
        "Baby P was found with a fracture. The social worker and the health visitor were involved.\n"
    )
    critique = critique_text(draft)
    linked = [r.id for f in critique.findings for r in f.national_reviews]
    assert _RESIDENTIAL not in linked
    line = next((ln for ln in kloe_text(draft).lines_of_enquiry if ln.id == "disability"), None)
    assert line is None or _RESIDENTIAL not in [r.id for r in line.national_reviews]


def test_disabled_child_in_a_residential_placement_still_links_the_residential_review() -> None:
    draft = (
        "# Rapid review: Child R\n\n## Case information\nChild R, aged 14, is autistic and non-verbal and "
        "lived in a residential special school 80 miles from home under an EHCP.\n\n## Incident\n"
        "Staff used restraint and Child R was injured. The social worker and the police were told.\n"
    )
    line = next(ln for ln in kloe_text(draft).lines_of_enquiry if ln.id == "disability")
    assert _RESIDENTIAL in [r.id for r in line.national_reviews]
    critique = critique_text(draft)
    assert _RESIDENTIAL in [r.id for f in critique.findings for r in f.national_reviews]


# -- 4. ages keep their units, and a bracketed age after a role and a name is read -------------------------


@pytest.mark.parametrize(
    "age",
    [
        "aged 7 months",
        "aged 7½ months",
        "aged 7.5 months",
        "aged 7-months",
        "aged 7 mnths",
        "aged seven-months",
        "aged one year seven months",
        "aged 7 calendar months",
    ],
)
def test_an_age_keeps_its_units(age: str) -> None:
    found = AGE_TEXT.search(f"Baby N, {age}, was seen.")
    assert found is not None and found.group(0) == age
    text = f"Baby N, {age}, was seen."
    span = age_after(text, len("Baby N"), len(text))
    assert span is not None and text[span[0] : span[1]] == age


_ROWS = (
    "\n01/02/2025\tHealth Visiting\tHome visit to Baby N; Ms K present.\n"
    "05/03/2025\tPolice\tMr Q arrested after an argument with Ms K.\n"
    "12/03/2025\tGP\tBaby N seen by the GP with a cough.\n"
)


@pytest.mark.parametrize(
    "title",
    [
        "Baby N – aged 7 months – boy",
        "Baby N — 7 months",
        "Baby N, a boy aged 7 months, lived with his mother Ms K",
    ],
)
def test_the_childs_age_in_a_title_keeps_its_units(title: str) -> None:
    draft = draft_chronology(title + _ROWS)
    child = next(p for p in draft.people if p.name == "Baby N")
    assert child.age.value is not None and "7 months" in child.age.value


@pytest.mark.parametrize(
    "line",
    [
        "Household: mother Ms K (22); Mother's partner, Mr Q (24).",
        "Mother's partner, Mr Q (24) – lives in the household.",
        "Mr Q (24), mother's partner, was arrested.",
    ],
)
def test_a_bracketed_age_after_a_role_and_name_is_read(line: str) -> None:
    draft = draft_chronology("Chronology for Baby N, aged 7 months\n" + line + _ROWS)
    ages = {p.name: p.age.value for p in draft.people}
    assert ages.get("Mr Q") == "24"
    # the role is the same person, not a second one with no age
    assert "Mother's partner" not in ages


# -- 5. similar Panel comments must be on the finding's topic ------------------------------------------------


def _ref(cid: str) -> PanelCommentRef:
    return PanelCommentRef(id=cid, example=int(cid[2]), section="s", text="t", score=0.5)


def test_an_off_topic_comment_is_not_shown() -> None:
    # ex3-c4 is about CHILD C's lived experience; ex1-c3 mentions executive sign-off.
    assert on_topic("EXECUTIVE_SIGNOFF_MISSING", [_ref("ex3-c4")]) == []
    assert [c.id for c in on_topic("EXECUTIVE_SIGNOFF_MISSING", [_ref("ex3-c4"), _ref("ex1-c3")])] == [
        "ex1-c3"
    ]


def test_a_comment_on_the_same_theme_is_shown_after_exact_matches() -> None:
    # ex2-c6 is labelled DISSEMINATION_MISSING, among others; ex4-c4 is good practice (same theme: learning).
    kept = on_topic("DISSEMINATION_MISSING", [_ref("ex4-c4"), _ref("ex2-c6"), _ref("ex3-c4")])
    assert [c.id for c in kept] == ["ex2-c6", "ex4-c4"]


def test_findings_show_no_comment_rather_than_an_unrelated_one() -> None:
    draft = (
        "# Rapid review: Child S\n\n## Case information\nChild S, a 12-year-old White British girl with no "
        "known disability, lives with her mother and her brother (15).\n\n## Incident\nChild S was found "
        "injured at home on 3 March 2025; the police, the school and children's social care were involved.\n"
    )

    def unrelated(query: str, exclude: int | None) -> list[PanelCommentRef]:
        return [_ref("ex3-c4")]  # a comment about lived experience, whatever the finding

    critique = critique_text(draft, retrieve=unrelated)
    signoff = [f for f in critique.findings if f.code == "EXECUTIVE_SIGNOFF_MISSING"]
    assert signoff and all(f.panel_comments == [] for f in signoff)
    lived = [f for f in critique.findings if f.code == "LIVED_EXPERIENCE_MISSING"]
    assert lived and all([c.id for c in f.panel_comments] == ["ex3-c4"] for f in lived)
