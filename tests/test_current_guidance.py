"""Issue 14, part 1: the updated reference data (2023-2026) and the checks that follow current guidance.

Every draft here is invented for these tests: a short rapid review assembled from sections, with one
passage changed to show a check firing (positive) or staying quiet (negative).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from assistant import services
from assistant.cli import main
from assistant.corpus import corpus_summary, freshness, load_corpus
from assistant.corpus.freshness import add_months, checked_date, is_stale, oldest
from assistant.domain.corpus import Corpus
from assistant.domain.critique import Critique, Finding
from assistant.errors import ConfigError
from assistant.settings import Settings

# -- an invented rapid review, in parts ---------------------------------------------------------------------

CASE = """# Rapid review: CHILD K

## Case information
CHILD K, aged 9 (date of birth [date]), female, White British. No known disability.
CHILD K lived with her mother (aged 31, White British, no known health problems) and her brother (aged 4).

## Summary of the incident
On [date] CHILD K was taken to hospital by ambulance with a head injury after a fall at home. The police and
children's social care started a strategy discussion the same day.

## Immediate safeguarding
CHILD K and her brother are staying with their maternal grandmother under a safety plan agreed by social care.

## Agencies involved
Children's social care, police, the school, the GP, the health visiting service and the hospital contributed.
"""

ANALYSIS = """
## Analysis
The review considered CHILD K's lived experience: what daily life was like for her at home and at school. Her
voice was heard through her teacher, who said she was often quiet and tired.
The review considered whether her family's ethnicity and heritage affected how agencies worked with them, and
found no evidence that assumptions about the family's background shaped practice.
Her mother's mental health was considered: her low mood meant that she found it hard to keep appointments.
Good practice: the school acted promptly when CHILD K disclosed the fall.
"""

DECISION = """
## Decision
The safeguarding partners agreed that the criteria for a local child safeguarding practice review are not met,
because the learning is already known and is being acted on through the partnership's existing plans.

## Learning and actions
- The school will review its attendance procedures by [date].
- Children's social care will audit strategy discussions for children aged under ten by [date].
- The partnership will share this learning through a seven-minute briefing for all practitioners.

## Sign-off
"""

SIGNED = (
    "Signed off by the Delegated Safeguarding Partners for the council, the police and the ICB on [date].\n"
)


def review(*, case: str = CASE, analysis: str = ANALYSIS, signoff: str = SIGNED, extra: str = "") -> str:
    return case + extra + analysis + DECISION + signoff


def critique(text: str) -> Critique:
    return services.critique(text, with_panel_comments=False)


def finding(c: Critique, code: str) -> Finding | None:
    return next((f for f in c.findings if f.code == code), None)


def strength_codes(c: Critique) -> set[str]:
    return {s.code for s in c.strengths}


# -- the reference data -------------------------------------------------------------------------------------


def test_the_new_publications_carry_their_source_and_date(corpus: Corpus) -> None:
    neglect = corpus.national_review("child-neglect-2026")
    assert neglect.published == "2026-04" and neglect.kind == "thematic analysis"
    assert "child-neglect-a-thematic-analysis" in neglect.source
    assert not neglect.supporting_only
    for rid in ("annual-report-2022-23", "annual-report-2023-24", "annual-report-2020"):
        assert corpus.national_review(rid).supporting_only
    assert corpus.national_review("annual-report-2023-24").published == "2024-12"
    # the reference data gives no date for the 2022-23 report; none is made up
    assert corpus.national_review("annual-report-2022-23").published is None
    assert corpus.national_review("annual-report-2022-23").date_label == "date not recorded"
    for r in corpus.national_reviews:
        assert r.source and checked_date(r.checked) <= date(2026, 11, 29), r.id


def test_the_2023_2025_framework_is_in_the_corpus(corpus: Corpus) -> None:
    docs = {d.id: d for d in corpus.framework}
    assert docs["working-together-2023"].published == "2023-12-15"
    assert "Lead and Delegated Safeguarding Partners" in docs["working-together-2023"].status
    assert docs["panel-guidance-2025"].published == "2025-06"
    assert "replaced" in docs["working-together-2018"].status
    facts = {c.id: c.text for c in corpus.criteria if c.group == "framework"}
    assert "Delegated Safeguarding Partners" in facts["rapid-review-decided-by"]
    assert "key practice episodes" in facts["rapid-review-purpose-2025-1"]
    assert "racism and other inequalities (including disability)" in facts["rapid-review-purpose-2025-4"]
    assert "notification was sent" in facts["rapid-review-timescale"]


def test_the_summary_lists_every_publication_with_its_role(corpus: Corpus) -> None:
    summary = corpus_summary(corpus, today=date(2026, 11, 29))
    roles = {p.id: p.role for p in summary.publications}
    assert roles["child-neglect-2026"] == "may_be_required"
    assert roles["annual-report-2022-23"] == roles["annual-report-2023-24"] == "supporting"
    assert roles["working-together-2023"] == roles["panel-guidance-2025"] == "framework"
    assert summary.reference_checked == "2026-11" and not summary.reference_stale


# -- staleness, on an injected today ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("checked", "today", "stale"),
    [
        ("2026-11", date(2026, 11, 29), False),
        ("2026-11", date(2027, 11, 1), False),  # exactly 12 months after the first of the month
        ("2026-11", date(2027, 11, 2), True),
        ("2025-10", date(2026, 11, 29), True),
        ("2025-11-30", date(2026, 11, 29), False),
        ("2024-02-29", date(2025, 2, 28), False),  # a year after a leap day is the end of February
        ("2024-02-29", date(2025, 3, 1), True),
    ],
)
def test_staleness_is_more_than_twelve_months(checked: str, today: date, stale: bool) -> None:
    assert is_stale(checked, today) is stale


def test_dates_and_the_oldest_check() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert oldest(["2026-11", "2025-03", "2026-01-15"]) == "2025-03"
    assert oldest([]) == ""
    with pytest.raises(ConfigError, match="checked"):
        checked_date("November 2026")
    with pytest.raises(ConfigError, match="impossible"):
        checked_date("2026-13")


def test_the_summary_goes_stale_a_year_on(corpus: Corpus) -> None:
    assert corpus_summary(corpus, today=date(2027, 11, 2)).reference_stale
    assert not corpus_summary(corpus, today=date(2027, 10, 31)).reference_stale


def _corpus_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checked: str) -> None:
    dst = tmp_path / "corpus"
    shutil.copytree(Settings().corpus_dir, dst, ignore=shutil.ignore_patterns("models", "samples"))
    for name in ("national-reviews.yaml", "statutory-criteria.yaml"):
        path = dst / name
        text = path.read_text(encoding="utf-8")
        assert "checked: 2026-11" in text
        path.write_text(text.replace("checked: 2026-11", f"checked: {checked}"), encoding="utf-8")
    monkeypatch.setenv("RRA_CORPUS_DIR", str(dst))


def test_corpus_command_lists_sources_and_dates_and_warns_when_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _corpus_copy(tmp_path, monkeypatch, "2024-05")
    monkeypatch.setattr(freshness, "today", lambda: date(2026, 11, 29))
    assert main(["corpus"]) == 0
    out, err = capsys.readouterr()
    assert "Child neglect: A thematic analysis (thematic analysis, 2026-04)" in out
    assert "child-neglect-a-thematic-analysis" in out
    assert "Annual Report 2022 to 2023 (annual report, date not recorded)" in out
    assert "Working Together to Safeguard Children 2023 (framework, 2023-12-15)" in out
    assert "Reference data last checked: 2024-05" in out
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert "last checked 2024-05" in lines[0] and "update" in lines[0] and "national-reviews.yaml" in lines[0]


def test_corpus_command_is_quiet_within_the_year(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _corpus_copy(tmp_path, monkeypatch, "2026-11")
    monkeypatch.setattr(freshness, "today", lambda: date(2027, 6, 1))
    assert main(["corpus", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert '"reference_stale": false' in out and '"child-neglect-2026"' in out


# -- national-review linking --------------------------------------------------------------------------------

NEGLECT_CASE = CASE.replace(
    "On [date] CHILD K was taken to hospital by ambulance with a head injury after a fall at home.",
    "On [date] CHILD K was taken to hospital by ambulance, underweight and with untreated tooth decay. "
    "She had been on a child protection plan for neglect; home conditions were very poor.",
)


def _reviews(f: Finding | None) -> list[str]:
    return [r.id for r in f.national_reviews] if f else []


def test_a_neglect_case_is_pointed_to_the_neglect_analysis() -> None:
    f = finding(critique(review(case=NEGLECT_CASE)), "NATIONAL_REVIEW_NOT_REFERENCED")
    assert f is not None and "child-neglect-2026" in _reviews(f)
    ref = next(r for r in f.national_reviews if r.id == "child-neglect-2026")
    assert not ref.why.startswith("Further reading") and ref.evidence
    assert "Child neglect: A thematic analysis" in f.message


def test_the_notification_test_alone_is_not_a_neglect_case() -> None:
    text = review(
        extra="\n## Criteria\nThe local authority notified the Panel because a child was seriously harmed and "
        "abuse or neglect was suspected; the council knew she had been abused or neglected.\n"
    )
    assert "child-neglect-2026" not in _reviews(finding(critique(text), "NATIONAL_REVIEW_NOT_REFERENCED"))


def test_naming_neglect_in_the_case_is_not_citing_the_analysis() -> None:
    text = review(case=NEGLECT_CASE.replace("for neglect;", "for child neglect;"))
    assert "child-neglect-2026" in _reviews(finding(critique(text), "NATIONAL_REVIEW_NOT_REFERENCED"))


def test_a_draft_that_cites_the_neglect_analysis_is_credited() -> None:
    analysis = ANALYSIS + (
        "The Panel's thematic analysis of child neglect (2026) describes agencies seeing neglect in pieces; "
        "this review found the same.\n"
    )
    c = critique(review(case=NEGLECT_CASE, analysis=analysis))
    assert finding(c, "NATIONAL_REVIEW_NOT_REFERENCED") is None
    assert "NATIONAL_LEARNING_USED" in strength_codes(c)


MENTAL_HEALTH_CASE = CASE.replace(
    "with a head injury after a fall at home.",
    "after an overdose. She had been referred to CAMHS twice, and her mother's parental mental health "
    "had been a concern for years.",
)


def test_an_annual_report_alone_never_makes_a_gap() -> None:
    # the case shares the 2023-24 annual report's themes, and no review a draft must cite applies
    assert finding(critique(review(case=MENTAL_HEALTH_CASE)), "NATIONAL_REVIEW_NOT_REFERENCED") is None


def test_an_annual_report_rides_along_as_further_reading() -> None:
    analysis = ANALYSIS + (
        "She had been reported missing three times, and older males were seen with her; she was carrying "
        "drugs for them, a sign of criminal exploitation.\n"
    )
    c = critique(review(case=MENTAL_HEALTH_CASE, analysis=analysis))
    f = finding(c, "NATIONAL_REVIEW_NOT_REFERENCED")
    assert f is not None
    ids = _reviews(f)
    assert ids[0] == "criminal-exploitation-2020" and "annual-report-2023-24" in ids
    further = next(r for r in f.national_reviews if r.id == "annual-report-2023-24")
    assert further.why.startswith(
        "Further reading, as supporting context (not a publication the draft must cite)"
    )
    # the message names only what the draft should cite
    assert "It was hard to escape" in f.message and "Annual Report" not in f.message


def test_further_reading_accompanies_a_strength_too() -> None:
    analysis = ANALYSIS + (
        "She had been reported missing three times, and older males were seen with her; she was carrying "
        "drugs for them. The Panel's national review 'It was hard to escape' helped the partners see this as "
        "criminal exploitation.\n"
    )
    c = critique(review(case=MENTAL_HEALTH_CASE, analysis=analysis))
    assert finding(c, "NATIONAL_REVIEW_NOT_REFERENCED") is None
    used = next(s for s in c.strengths if s.code == "NATIONAL_LEARNING_USED")
    assert [r.id for r in used.national_reviews] == ["annual-report-2023-24"]


# -- sign-off: Lead and Delegated Safeguarding Partners ----------------------------------------------------


@pytest.mark.parametrize(
    "signoff",
    [
        "Signed off by the Delegated Safeguarding Partners on [date].\n",
        "The Lead Safeguarding Partner for the council, the chief constable and the ICB chief executive "
        "agreed the decision on [date].\n",
        "Approved on [date] by [Name], Delegated Safeguarding Partner for health.\n",
    ],
)
def test_signoff_by_lead_or_delegated_partners_is_recognised(signoff: str) -> None:
    assert finding(critique(review(signoff=signoff)), "EXECUTIVE_SIGNOFF_MISSING") is None


@pytest.mark.parametrize(
    "signoff",
    [
        "Participants: the school's designated safeguarding lead, a social worker and a police officer.\n",
        "The partnership business manager wrote this report.\n",
    ],
)
def test_no_partner_sign_off_is_a_finding_that_cites_working_together_2023(signoff: str) -> None:
    f = finding(critique(review(signoff=signoff)), "EXECUTIVE_SIGNOFF_MISSING")
    assert f is not None
    assert "2022 examples" in f.message and "Working Together 2023" in f.message
    assert "Delegated Safeguarding Partners" in f.message


# -- CHRONOLOGY_NOT_ANALYSIS: key practice episodes --------------------------------------------------------

DATED_EVENTS = [
    "On [date] the health visitor visited the home and saw CHILD K and her brother.",
    "On [date] the school recorded that CHILD K arrived late with no coat.",
    "On [date] the GP saw her mother for a review of her medication.",
    "On [date] the police attended a report of shouting at the address.",
    "On [date] the school nurse saw CHILD K for a hearing test.",
    "On [date] children's social care received a referral from the school.",
    "On [date] a social worker made a home visit and spoke with CHILD K.",
    "On [date] the case was closed to children's social care.",
]
EPISODE_ANALYSIS = [
    " This was a missed opportunity because nobody asked CHILD K about her day.",
    " The school recognised the pattern, which meant that her attendance was monitored.",
    " Her mother's low mood was not linked to the children's care, which limited the response.",
    " The police did not share the incident, so the school could not understand the context.",
    " The nurse was curious about her tiredness, a good example of professional curiosity.",
    " The referral was well evidenced, but the threshold decision did not consider the history.",
    " Speaking with CHILD K alone meant that her voice was heard.",
    " Closing the case without a plan reduced the support available to the family.",
]
FILLER = (
    "The rapid review meeting heard from each agency in turn and the notes were agreed afterwards by all who "
    "attended. "
) * 30


def _events_section(heading: str, analysed: bool) -> str:
    paragraphs = [e + (a if analysed else "") for e, a in zip(DATED_EVENTS, EPISODE_ANALYSIS, strict=True)]
    return f"\n## {heading}\n" + FILLER + "\n" + "\n".join(paragraphs) + "\n"


def test_a_dated_summary_is_a_chronology_and_the_message_speaks_of_key_practice_episodes() -> None:
    c = critique(review(extra=_events_section("Summary of events", analysed=False)))
    f = finding(c, "CHRONOLOGY_NOT_ANALYSIS")
    assert f is not None
    assert "key practice episodes" in f.message and "June 2025 guidance" in f.message
    assert "2022 examples" in f.message


def test_narrated_episodes_without_analysis_are_still_a_chronology() -> None:
    c = critique(review(extra=_events_section("Key practice episodes", analysed=False)))
    assert finding(c, "CHRONOLOGY_NOT_ANALYSIS") is not None
    assert "KEY_PRACTICE_EPISODES_ANALYSED" not in strength_codes(c)


def test_analysed_key_practice_episodes_are_analysis() -> None:
    c = critique(review(extra=_events_section("Key practice episodes", analysed=True)))
    assert finding(c, "CHRONOLOGY_NOT_ANALYSIS") is None
    assert "KEY_PRACTICE_EPISODES_ANALYSED" in strength_codes(c)


def test_the_same_analysed_paragraphs_under_a_summary_heading_are_not_episodes() -> None:
    # without the episodes framing, a section that opens each paragraph with a date reads as a chronology
    c = critique(review(extra=_events_section("Summary of events", analysed=True)))
    assert finding(c, "CHRONOLOGY_NOT_ANALYSIS") is not None


# -- race and culture: racism and other inequalities, including disability ---------------------------------

NO_IDENTITY_ANALYSIS = ANALYSIS.replace(
    "The review considered whether her family's ethnicity and heritage affected how agencies worked with them, "
    "and\nfound no evidence that assumptions about the family's background shaped practice.\n",
    "",
)


def test_without_race_or_inequality_analysis_the_message_cites_both_sources() -> None:
    assert NO_IDENTITY_ANALYSIS != ANALYSIS
    f = finding(critique(review(analysis=NO_IDENTITY_ANALYSIS)), "RACE_CULTURE_NOT_CONSIDERED")
    assert f is not None
    assert "2022 examples" in f.message
    assert (
        "June 2025 guidance" in f.message
        and "racism and other inequalities, including disability" in f.message
    )


@pytest.mark.parametrize(
    "passage",
    [
        "The review considered how racism and other inequalities may have influenced CHILD K's experiences "
        "and the quality of practice, and found that the family's experience of racist abuse was not explored.\n",
        "Inequalities linked to her brother's disability meant that the family struggled to reach services, "
        "which affected how often CHILD K was seen.\n",
        "Practitioners' disablism, assumptions that her brother's needs explained everything, meant that "
        "CHILD K's own needs were overlooked.\n",
    ],
)
def test_racism_and_other_inequalities_count_as_considered(passage: str) -> None:
    c = critique(review(analysis=NO_IDENTITY_ANALYSIS + passage))
    assert finding(c, "RACE_CULTURE_NOT_CONSIDERED") is None


def test_inequalities_named_but_not_analysed_remain_a_gap() -> None:
    analysis = NO_IDENTITY_ANALYSIS + "\n## Equality and inequalities\nSee the case information.\n"
    f = finding(critique(review(analysis=analysis)), "RACE_CULTURE_NOT_CONSIDERED")
    assert f is not None


def test_the_corpus_loaded_for_the_tests_is_the_shipped_one() -> None:
    # the checks above read the shipped reference data, not a copy a test left behind
    assert load_corpus().national_review("child-neglect-2026").checked == "2026-11"
