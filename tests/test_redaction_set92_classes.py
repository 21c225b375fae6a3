"""Kinds of miss that sets 92 and 93 (written blind, scored once at d955826) showed, each on invented text: a case
the redactor of d955826 got wrong, and a guard that what should stay, stays."""

from __future__ import annotations

from tests.redaction_spans import found as _found
from tests.redaction_spans import kinds as _kinds


def test_a_record_label_with_a_number_names_the_surname_in_capitals() -> None:
    text = (
        "SUSPECT 2: HARROLD, DEAN DOB 03/04/1995. ARRESTED 21/07/2024.\n"
        "Digital: HARROLD's phone – 400 messages. The search of Harrold found nothing.\n"
        "Intelligence: HARROLD uses a second phone."
    )
    found = _found(text)
    assert "HARROLD, DEAN" in found and found.count("HARROLD") == 2


def test_letters_a_note_abbreviates_with_are_a_named_persons_before_what_they_do() -> None:
    text = (
        "Present: Rhiannon Eckersley (Social Worker), Nadia Akhtar (SENCO).\n"
        "RE explained the purpose. Actions: RE to discuss with the team manager. NA to add him to breakfast club."
    )
    assert _found(text).count("RE") == 2


def test_re_as_regarding_stays() -> None:
    text = "Present: Rhiannon Eckersley (Social Worker).\nEmail RE: the dental appointment. RE the visit, no news."
    assert "RE" not in _found(text)


def test_what_a_note_says_was_disclosed_stays_though_a_name_has_those_letters() -> None:
    text = "HV Dawn Ashcroft visited. No DA disclosed when asked alone. His NI was shown on a payslip."
    found = _found(text)
    assert "DA" not in found and "NI" not in found


def test_a_first_name_read_as_a_place_with_a_surnames_initial_after_it_is_the_person() -> None:
    kinds = _kinds("23/01/2024 Review visit at nursery. Spoke to Chelsea D. Left a leaflet.")
    assert kinds.get("Chelsea D.") is not None


def test_a_health_service_named_by_its_area_ends_at_nursing_therapy_or_link() -> None:
    text = (
        "HV Jess Farrar (Calderdale 0-19 Public Health Nursing). "
        "Referred to Kirklees Speech and Language Therapy and to Calderdale GRT Health Link."
    )
    found = _found(text)
    assert "Calderdale 0-19 Public Health Nursing" in found
    assert "Kirklees Speech and Language Therapy" in found and "Calderdale GRT Health Link" in found


def test_a_postcode_district_where_a_place_goes_is_a_postcode() -> None:
    found = _found("Request to housing for an urgent move out of L8. Other families in BD3 said the same.")
    assert "L8" in found and "BD3" in found


def test_a_school_year_a_section_a_vitamin_or_a_motorway_where_a_place_goes_stays() -> None:
    text = "He started in Y10. Low in B12. Stuck in M6 traffic. Concerns in S47 enquiries. Not in P5."
    assert _found(text) == []
