"""Classes of identifier first met in redaction set 38 (written blind), each on invented text."""

from __future__ import annotations

import pytest

from assistant.privacy.redaction import redact


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Assaulted at Grindleby bus station on the Friday.", "Grindleby bus station"),
        ("Stopped near the Hollins Court flats, no search.", "Hollins Court flats"),
        ("Met him at Crane Lane skate park after school.", "Crane Lane skate park"),
        # a one-word name read as a person's until the station after it says it is a place
        ("Last seen at Pelworth railway station.", "Pelworth railway station"),
    ],
)
def test_a_facility_named_by_its_place_goes_with_it(text: str, phrase: str) -> None:
    redacted = redact(text).text
    assert "ADDRESS_1" in redacted and not any(word in redacted for word in phrase.split()), redacted


def test_facility_words_alone_or_after_a_person_stay() -> None:
    assert redact("They waited at the bus station.").text == "They waited at the bus station."
    assert "flats" in redact("Kerry Dobson flats the dough.").text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("TENANT OF RECORD: PHAN THI LAN, DOB 02/02/1981", "PHAN THI LAN"),
        ("Director Vu Van Khoa (DOB 3/4/1975) was present.", "Vu Van Khoa"),
        # the family and given names found alone: the middle name between them is the name's too
        ("Landlord DUONG VAN TAI WAS SPOKEN TO.", "DUONG VAN TAI"),
    ],
)
def test_a_vietnamese_family_middle_and_given_name_is_one_person(text: str, name: str) -> None:
    redacted = redact(text).text
    assert not any(word in redacted for word in name.split()), redacted


def test_van_and_thi_away_from_a_family_name_stay() -> None:
    text = "She hired a Transit Van from Ashby Van Hire."
    assert "Van" in redact(text).text


def test_initials_at_the_end_of_an_attendance_line_are_that_person_even_a_jobs_letters() -> None:
    text = (
        "Present:\n"
        "Gordon Whitlam - community panel member (Chair) (GW)\n"
        "Priya Anand - community panel member (PA)\n"
        "Sadie Kerr, Health Visitor (HV)\n\n"
        "GW opened the panel. PA asked about school. The HV will visit on Monday."
    )
    redacted = redact(text).text
    assert "GW" not in redacted and "PA asked" not in redacted, redacted
    # letters that do not spell the line's name are its job
    assert "(HV)" in redacted and "The HV will" in redacted, redacted


def test_a_tables_initials_column_names_the_rows_person_even_as_a_word() -> None:
    text = (
        "| Name | Initials | Role |\n|---|---|---|\n"
        "| Aled Evans | AE | DSL |\n| Dilys Ives | DI | social worker |\n| Kate Lomas | KL | minutes |\n\n"
        "AE: no concerns before. DI: spoke to the girl at school."
    )
    redacted = redact(text).text
    assert "AE:" not in redacted and "DI:" not in redacted, redacted
    assert "| DSL |" in redacted and "| social worker |" in redacted, redacted


def test_a_tables_initials_that_spell_no_name_in_the_row_stay() -> None:
    text = "| Name | Initials | Role |\n|---|---|---|\n| Aled Evans | HV | health visitor |\n\nHV visited."
    assert "HV visited" in redact(text).text


@pytest.mark.parametrize("code", ["NC-7781", "SP4471K", "LNG2291B", "P82011", "W88213", "FC-2207"])
def test_capitals_then_four_digits_or_more_are_a_reference_with_no_cue(code: str) -> None:
    redacted = redact(f"The complaint was logged as {code} and nobody linked it.").text
    assert code not in redacted and "REFERENCE_1" in redacted, redacted


@pytest.mark.parametrize("text", ["Covid-19 rules applied.", "She is in Y10 now.", "Take the A1 north."])
def test_short_codes_and_years_group_stay(text: str) -> None:
    assert redact(text).text == text


def test_a_code_whose_digits_are_a_year_stays() -> None:
    text = "An EHCP-2024 review is due."
    assert redact(text).text == text
