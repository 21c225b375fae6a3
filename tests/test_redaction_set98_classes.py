"""Kinds of miss that sets 98-101 (written blind, scored once at 52a409d) showed, each on invented text: a case
the redactor of 5cb0e5a got wrong, and a guard that what should stay, stays."""

from __future__ import annotations

from tests.redaction_spans import found as _found


def test_a_dictionary_word_before_a_role_in_brackets_holds_the_role() -> None:
    text = "| 02/05/2023 | Club (chair) | Mr Adeyemi raised it with Club (secretary) Joanne Pryce |"
    found = _found(text)
    assert not any("Club" in span for span in found)
    assert "Adeyemi" in found and "Joanne Pryce" in found
    assert "Precious" in _found("Seen with Precious (mother) at the clinic.")


def test_a_clubs_own_word_after_its_place_is_the_club_said_alone() -> None:
    text = (
        "He coaches for Tipton Harriers Athletics Club. His son plays for Dudley Kestrels JFC.\n"
        "He said he had been at the Harriers since 2019; Kestrels parents were told. The harriers ran off."
    )
    found = _found(text)
    assert found.count("Harriers") == 1 and "Kestrels" in found
    assert "harriers" not in found


def test_a_trade_name_run_together_is_the_business_said_alone() -> None:
    text = "Employed by TumbleTots Gym Academy Ltd, Unit 3, Mill Lane. TumbleTots told the LADO on 04/03."
    found = _found(text)
    assert "TumbleTots Gym Academy Ltd" in found and "TumbleTots" in found


def test_a_record_system_is_no_organisation() -> None:
    text = (
        "An alert was set on BadgerNet and Hillcrest Maternity Unit switchboard. BadgerNet showed no booking."
    )
    assert "BadgerNet" not in _found(text)


def test_faith_offices_are_roles_and_the_names_after_them_are_names() -> None:
    text = (
        "Zayd told his mum that Qari sahib hit him. The raqi came on Friday. Evang Tobiloba Ade prayed. "
        "Canon Whitlow was told, and the Prophet Emmanuel Mbeki asked for a meeting; the Prophet is abroad. "
        "The Macallin (Abdirahman Guled) runs the dugsi."
    )
    found = _found(text)
    for role in ("Qari", "raqi", "Evang", "Canon", "Prophet", "Macallin"):
        assert not any(role in span for span in found), (role, found)
    for name in ("Tobiloba Ade", "Whitlow", "Emmanuel Mbeki", "Abdirahman Guled"):
        assert name in found
    assert "Callum Bishop" in _found("A boy known as Callum Bishop drives a grey Golf.")


def test_family_words_in_somali_romanian_and_tagalog_are_roles() -> None:
    text = 'Hoyo said the walaalayaal share a room. Mamaia Floarea and Nenea Costel visit. "My Tito Rey comes at night."'
    found = _found(text)
    for word in ("Hoyo", "walaalayaal", "Mamaia", "Nenea", "Tito"):
        assert not any(word in span for span in found), (word, found)
    assert "Floarea" in found and "Costel" in found and "Rey" in found


def test_a_qualifier_before_a_family_word_is_part_of_the_role() -> None:
    text = (
        '| Maternal uncle ("Choto Mama") | Rafiq MIAH | 1981 |\n'
        "12/03 Choto Mama MIAH, Rafiq arrested. Choto Mama had the keys; Bari Khala (Ruksana Begum) was told."
    )
    found = _found(text)
    assert not any(word in span for span in found for word in ("Choto", "Mama", "Bari", "Khala"))
    assert "MIAH, Rafiq" in found and "Ruksana Begum" in found


def test_a_letter_glossed_with_a_name_it_does_not_start_is_a_role_letter() -> None:
    text = (
        "19:40 Officers attend. M (Grace OKONJO) present with Marcus (baby). M very tearful. M said the plan was "
        "fine. Safety plan agreed with M."
    )
    found = _found(text)
    assert "Grace OKONJO" in found and "Marcus" in found
    assert not any(span.startswith("M") and span != "Marcus" for span in found)
    # Letters that start the name in the bracket are that person's initial, as before.
    assert "T" in _found("Seen: T (Tasha Reid) and Kai. T said he hit her.")


def test_a_collar_number_after_an_initial_and_a_surname_in_capitals() -> None:
    found = _found("21:15 DC R HALLIWELL 20417 allocated as OIC. PC J MOSS 6631 attended.")
    assert "20417" in found and "6631" in found


def test_a_custody_suite_named_by_a_station_found_as_an_organisation() -> None:
    text = "PGF booked in at Bolton Central custody at 16:00 and later moved."
    found = _found(text)
    assert any(span.endswith("custody") and "Bolton" in span for span in found)


def test_the_first_two_words_of_a_service_named_with_ordinary_words_are_the_service_said_again() -> None:
    text = "Mum goes to Living Hope Baptist Church. Living Hope elders were told on 03/04."
    found = _found(text)
    assert "Living Hope Baptist Church" in found and "Living Hope" in found


def test_a_mosques_school_named_by_its_own_words_is_a_school() -> None:
    text = "Zayan attends Coppice Lane Primary and Noor-ul-Huda Evening Madrasah (Mon-Thu)."
    assert "Noor-ul-Huda Evening Madrasah" in _found(text)


def test_a_year_alone_in_a_date_of_birth_column_is_a_date_of_birth() -> None:
    text = (
        "| Name | Relationship | DOB | Notes |\n|---|---|---|---|\n"
        "| Akua MENSAH | Paternal grandmother | c. 1956 | visiting |\n| Kofi MENSAH | Father | 1988 | at work |\n\n"
        "They moved to the area in 2019."
    )
    found = _found(text)
    assert "1956" in found and "1988" in found and "2019" not in found


def test_a_short_form_shared_by_two_found_names_is_the_one_the_text_goes_on_with() -> None:
    text = (
        "Ionela attends Tollgate Bridge Primary School. Baby born at Tollgate Marsh Hospital on 02/07.\n"
        "Booked late at Tollgate Marsh ANC. Discharged from Tollgate Marsh on 05/07."
    )
    assert _found(text).count("Tollgate Marsh") == 2


def test_a_services_name_repeated_in_capitals() -> None:
    text = (
        "She was moved to the Lakeside Motel on Dock Road on 01/09.\n"
        "02/09/2023 01:15 LOG 0044. LAKESIDE MOTEL NIGHT PORTER REPORTS MALE IN ROOM 6."
    )
    assert "LAKESIDE MOTEL" in _found(text)


def test_letters_with_what_the_person_is_to_the_household_are_that_persons() -> None:
    text = "Went to the park with TK (co-resident). TK brought her back at 9. ZH (brother) not seen. s.18 GBH (child)."
    found = _found(text)
    assert found.count("TK") == 2 and "ZH" in found and "GBH" not in found


def test_a_parents_letter_before_a_full_stop_stays_where_the_note_writes_parents_in_letters() -> None:
    # Redacted once, a note's names are placeholders: the letter must read as it did in the note itself.
    text = (
        "Strategy: M agreed to the medical. Interviews with M and MGM on 03/02 (PERSON_1 present). "
        "Child D was taken to hospital with M.\nOutcome: discharge to M with MGM not resident."
    )
    assert _found(text) == ["03/02"]
