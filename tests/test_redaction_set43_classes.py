"""Classes of identifier first met in redaction sets 42 and 43 (written blind), each on invented text."""

from __future__ import annotations

import pytest

from assistant.privacy.redaction import find_spans, redact


def test_a_nickname_between_a_given_name_and_a_surname_in_capitals_is_one_name() -> None:
    redacted = redact(
        'At 06:10, Patrick "Paddy" FARNWORTH, aged 5, was found. Paddy had left the house.'
    ).text
    assert "Paddy" not in redacted and "FARNWORTH" not in redacted, redacted


def test_a_nickname_in_brackets_after_a_surname_found_as_something_else_is_the_persons() -> None:
    # The surname is also a family firm's name, so it is first found as an organisation.
    text = (
        'Dad runs Bhogal Haulage Ltd. Skylar Kaur BHOGAL ("Sky"), 16, left by a window.\n'
        "Sky told a teaching assistant. Sky was not allowed out."
    )
    redacted = redact(text).text
    assert "Sky " not in redacted, redacted


def test_a_listed_surname_before_a_second_given_name_and_a_surname_in_capitals_is_a_given_name() -> None:
    text = "| Name | Relationship |\n|---|---|\n| Lloyd James HARTLEY | Father |"
    assert "Lloyd James HARTLEY" in [text[s.start : s.end] for s in find_spans(text)]


def test_initials_that_spell_a_little_word_are_the_person_before_what_she_does() -> None:
    text = "Amina Saeed (mother) called police.\n| 03/05/21 | AS reports Tariq Malik turned up. |"
    redacted = redact(text).text
    assert "AS reports" not in redacted, redacted


def test_a_little_word_in_capitals_before_a_verb_stays_when_no_name_spells_it() -> None:
    text = "She was seen AS agreed by the panel."
    assert redact(text).text == text


@pytest.mark.parametrize(
    "group",
    ["Eritrean Community in Hallowby", "Kurdish Community Centre", "Somali Women's Association of Westhaven"],
)
def test_a_communitys_group_named_by_its_people_is_an_organisation(group: str) -> None:
    redacted = redact(f"She sees a worker from {group} each week.").text
    assert "ORG_1" in redacted and group.split()[1] not in redacted, redacted


def test_a_job_named_by_a_people_stays() -> None:
    text = "Mrs Hana Kovac, Roma Community Liaison Officer, attended. The family are Roma."
    redacted = redact(text).text
    assert "Roma Community Liaison Officer" in redacted and "are Roma" in redacted, redacted


def test_a_hashtag_of_capitalised_words_run_together_is_a_handle_and_one_word_is_not() -> None:
    redacted = redact("Please share #TeamKemi and #JusticeForRio #blessed #london").text
    assert "#TeamKemi" not in redacted and "#JusticeForRio" not in redacted, redacted
    assert "#blessed #london" in redacted, redacted


@pytest.mark.parametrize(
    "company", ["Sentinel Guarding (Luton) Ltd", "Van der Meer Haulage Ltd", "Harbour Light Lodgings CIC"]
)
def test_a_company_before_its_legal_ending_goes_whole(company: str) -> None:
    redacted = redact(f"The placement is run by {company}, which holds the contract.").text
    assert "ORG_1" in redacted and company.split()[1] not in redacted, redacted


def test_a_given_name_before_a_word_an_organisation_also_holds_makes_it_a_surname_and_declares_her_initials() -> (
    None
):
    text = (
        "Shared with DC Shawcross and Skelbrook Exploitation Team.\n"
        "Attendees: DC Emily Shawcross (ES) CAIT; Marcus Ogunleye (MO) SW.\n"
        "ES - no police records for Mother."
    )
    redacted = redact(text).text
    assert "ES -" not in redacted and "(ES)" not in redacted, redacted


def test_a_communitys_group_takes_the_place_that_ends_its_name() -> None:
    text = "Support worker from Roma Voice Hallowby (Mrs Ana Stoica) attended."
    assert "Roma Voice Hallowby" in [text[s.start : s.end] for s in find_spans(text)]


def test_a_rarer_jobs_letters_are_the_person_the_text_names_so_before_what_he_does() -> None:
    text = "Partner: Tendai Moyo, 34.\n| 12/03/21 | TM arrested, NFA. |\n| 19/06/23 | TM was seen at the house. |"
    redacted = redact(text).text
    assert "TM" not in redacted, redacted


def test_a_team_managers_letters_stay_where_no_one_is_named_so() -> None:
    text = "Actions agreed. TM said the plan would be reviewed."
    assert redact(text).text == text


@pytest.mark.parametrize("text", ["off sick from 30 Jan\u201327 Feb and back", "leave 2 March-16 March then"])
def test_both_dates_of_a_range_joined_by_a_dash_are_dates(text: str) -> None:
    spans = [text[s.start : s.end] for s in find_spans(text)]
    assert len(spans) == 2 and all(any(m in v for m in ("Jan", "Feb", "March")) for v in spans), spans


@pytest.mark.parametrize(
    "text",
    [
        "Haemorrhages found on the morning of 1/3.",
        "Referral sent 9/11 by the HV.",
        "She did not get the letter of 9/3.",
    ],
)
def test_a_day_and_month_after_what_is_dated_is_a_date(text: str) -> None:
    assert "DATE_1" in redact(text).text


def test_a_score_after_of_stays() -> None:
    text = "He scored 7 out of 10, and 3 of 4 sessions were missed."
    assert redact(text).text == text


def test_a_heading_in_capitals_with_an_ampersand_is_read_and_redacting_twice_finds_nothing() -> None:
    text = "Rhys found deceased.\n\n\nTHORNBY & DISTRICT HOSPITAL NHS TRUST \u2013 Emergency Department\nName: Rhys"
    once = redact(text).text
    assert "THORNBY" not in once and find_spans(once) == [], once
