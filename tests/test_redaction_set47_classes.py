"""Classes of identifier first met in redaction sets 47 and 48 (written blind), each on invented text."""

from __future__ import annotations

import pytest

from assistant.privacy.redaction import find_spans, redact
from tests.redaction_spans import found as _found


def test_a_flat_by_its_letter_alone_is_an_address() -> None:
    text = "The fire started in Flat C (second floor). The family next door, in Flat D, got out."
    assert {"Flat C", "Flat D"} <= set(_found(text)), _found(text)


def test_a_flat_roof_or_a_flat_rate_stays() -> None:
    text = "A flat rate was agreed. He fell from a Flat Roof on the garage."
    assert redact(text).text == text


@pytest.mark.parametrize("group", ["081000ZOCT23", "151600Z DEC 23"])
def test_a_military_date_time_group_is_a_date(group: str) -> None:
    text = f"Unit signal sent {group} to the welfare office."
    assert group in _found(text), _found(text)


def test_a_date_before_an_open_ended_dash_is_a_date_and_a_reference_run_on_stays_one() -> None:
    text = "Ward 4, 16/02/2024–: weighed daily. Ref 14/03/2019-0012 was closed."
    found = _found(text)
    assert "16/02/2024" in found and "14/03/2019-0012" in found, found


def test_a_day_and_month_after_re_is_a_date() -> None:
    text = "Contact from police re 30/12. The duty worker rang back."
    assert "30/12" in _found(text), _found(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("  Liberty HARGREAVE (10) - sister - DOB 02.12.2013", "Liberty HARGREAVE"),
        ("Household: Hope WENDOVER (aged 3), Mum and Nan.", "Hope WENDOVER"),
    ],
)
def test_a_given_name_that_is_a_word_before_a_surname_in_capitals_and_an_age_is_a_person(
    text: str, name: str
) -> None:
    assert name in _found(text), _found(text)


def test_words_before_an_acronym_and_a_bracket_that_is_no_age_stay() -> None:
    text = "Referred to Bristol CAIT (duty desk) and Liberty CORP (the landlord's agent)."
    assert "Liberty CORP" not in _found(text), _found(text)


def test_a_what3words_location_is_redacted_and_the_platform_is_never_read_as_a_handle() -> None:
    # "signal" is also a messaging app, so the platform's name near it looked like an account on it.
    text = "Home: Top Farm (what3words ///filled.count.soap), up a track. No mobile signal there."
    once = redact(text)
    assert "filled.count.soap" not in once.text and "(what3words ///" in once.text, once.text
    assert find_spans(once.text) == [], [once.text[s.start : s.end] for s in find_spans(once.text)]
