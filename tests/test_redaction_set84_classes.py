"""Kinds of miss that sets 84 and 85 (written blind, scored once at fc201c0) showed, each on invented text: a case
the redactor of fc201c0 got wrong, and a guard that what should stay, stays."""

from __future__ import annotations

import pytest

from assistant.privacy.kinds import EntityKind
from tests.redaction_spans import found as _found
from tests.redaction_spans import kinds as _kinds


def test_a_name_signing_above_a_job_is_a_person_wherever_the_text_names_them() -> None:
    text = (
        "The family speak Romanian; rang Nicu at the project, who said go on Thursday. HV with Nicu.\n\n"
        "Nicu\nCommunity Support Worker – Roma Voices East\n\n"
        "Admitted to NICU on 12/03."
    )
    found = _found(text)
    assert found.count("Nicu") == 3
    assert "NICU" not in found  # the unit's letters stay


def test_a_name_signing_above_a_phone_number_is_a_person() -> None:
    assert "Agnesa" in _found("He waters my tomatoes.\nAgnesa\n01872 496216\n")


@pytest.mark.parametrize("heading", ["Present", "Attendees", "Chronology"])
def test_a_heading_above_a_job_stays(heading: str) -> None:
    assert heading not in _found(f"Meeting notes\n\n{heading}\nSocial Worker, Castlegarth team\n")


def test_a_letter_signing_above_a_double_barrelled_signature_is_a_person() -> None:
    text = "Mum is on her knees. O\nOwain Rowlands-Pugh | Gweithiwr Cymdeithasol | Cyngor"
    assert "O" in _found(text)


def test_a_range_of_exhibits_is_two_references() -> None:
    kinds = _kinds("Messages – exhibit list KT/1–KT/6, DC Kate Tovey.")
    assert kinds["KT/1"] is EntityKind.REFERENCE
    assert kinds["KT/6"] is EntityKind.REFERENCE


def test_hospital_numbers_after_nos_keep_their_letters() -> None:
    assert "QM 4581120" in _found("Twins born 34+3. hosp nos QM 4581120 / QM 4581121 |")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Father lost his job at Marsh Gate Farms in May.", "Marsh Gate Farms"),
        ("He works at Fenland Quality Meats via an agency.", "Fenland Quality Meats"),
        ("Door alarms fitted by Conwy Care & Repair last week.", "Conwy Care & Repair"),
    ],
)
def test_a_farm_a_food_firm_or_a_care_and_repair_service_is_an_organisation(text: str, name: str) -> None:
    assert name in _found(text)


def test_a_first_given_name_before_a_second_that_is_a_word_goes_with_the_name() -> None:
    # redacting set 87 twice found "Amber" (scored at c0034ae): the first reading took "Rose KOWALCZYK" alone
    text = (
        "| Name | Role | DOB | Address |\n|---|---|---|---|\n"
        "| Amber Rose KOWALSKA | Mother, care leaver, 20 | 02/02/2003 | same |"
    )
    assert "Amber Rose KOWALSKA" in _found(text)
