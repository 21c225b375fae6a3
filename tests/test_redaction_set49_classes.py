"""Bugs found by redacting redaction sets 49 and 50 (written blind) twice, each on invented text."""

from __future__ import annotations

from assistant.privacy.redaction import find_spans, redact
from tests.redaction_spans import found as _found


def test_a_longer_span_over_part_of_an_address_leaves_the_rest_of_it_redacted() -> None:
    text = (
        "Probation: Jas Kandola, Wexmoor Probation Delivery Unit, Sefton Chambers, 10 Hatter's Row, WX1 7DG"
    )
    once = redact(text)
    assert "Hatter" not in once.text, once.text
    assert find_spans(once.text) == [], once.text


def test_a_dates_year_before_a_comma_and_a_place_is_no_house_number() -> None:
    text = "Judgment of District Judge Okafor, 12 October 2022, Wexmoor Family Court, Smith v Jones."
    assert "12 October 2022" in _found(text), _found(text)


def test_a_message_thread_whose_speaker_has_a_long_note_with_a_number_is_still_read() -> None:
    text = (
        "Messages provided by Chioma (her phone 07700 900 543):\n"
        "obi (uncle): tell that girl to come home now\n"
        "obi: if she tells school anything i will send her back\n"
        "ada (from chioma's phone to mummy +234 803 555 0192): mummy please call me\n"
    )
    once = redact(text)
    assert "obi" not in once.text and "ada (" not in once.text, once.text
    assert find_spans(once.text) == [], once.text


_DATED_BY_DAY_AND_MONTH = "3/4 - Home visit by the health visitor.\n5/4 - School rang: absent again.\n"


def test_a_text_that_dates_its_entries_by_day_and_month_has_its_other_days_and_months_read_as_dates() -> None:
    text = _DATED_BY_DAY_AND_MONTH + "Police said Liam was arrested 12/3 and seen at the CP medical 9/1."
    found = _found(text)
    assert "12/3" in found and "9/1" in found, found


def test_scores_ages_in_months_and_days_stay_in_a_text_dated_by_day_and_month() -> None:
    text = _DATED_BY_DAY_AND_MONTH + (
        "Scaling: Mum 6/10, Nan 5/10. Pain 8/10. Leo 3/12, sore throat 2/7. Support is there 24/7."
    )
    found = _found(text)
    assert not {"6/10", "5/10", "8/10", "3/12", "2/7", "24/7"} & set(found), found


def test_a_day_and_month_without_a_cue_stays_where_the_text_dates_nothing_so() -> None:
    # (after a deed, "arrested 12/3", it is a date: tests/test_redaction_set70_classes.py)
    text = "Police said Liam won 12/3 at darts after a fight."
    assert "12/3" not in _found(text), _found(text)


def test_a_police_force_named_by_a_compass_point_and_a_word_is_an_organisation() -> None:
    text = "Her caution was known to North Vale Police and to the school."
    assert "North Vale Police" in _found(text), _found(text)


def test_a_police_area_by_a_compass_point_stays() -> None:
    text = "Referred to the North Area Police team and British Transport Police."
    assert redact(text).text == text


def test_an_independent_child_trafficking_guardian_is_a_role_and_the_charity_before_it_no_one() -> None:
    text = "03/02/25 ICTG Naomi Baxter visited. Zoe Maddern, Barnardo's ICTG service, allocated."
    redacted = redact(text).text
    assert "ICTG PERSON_1" in redacted and "Barnardo's ICTG service" in redacted, redacted
