"""What set 23 (written blind, scored once at 591abaf) showed, each on invented text (none of it from the set)."""

from __future__ import annotations

import pytest

from assistant.privacy import redact
from assistant.privacy.redaction import find_spans


@pytest.mark.parametrize(
    "text",
    [
        'INTEL: NEPHEW SEEN IN BLACK VAUXHALL CORSA KX17 ??? DRIVEN BY "TANK" AT THE RETAIL PARK.',
        "HE WAS SEEN GETTING INTO A SEAT LEON YC69 ???.",
    ],
)
def test_a_cars_make_and_model_is_no_name_when_redacted_twice(text: str) -> None:
    once = redact(text)
    assert find_spans(once.text) == [], once.text
    assert "CORSA" in once.text or "LEON" in once.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Strategy discussion: IT (SW), DS Keane, CP (HV), PN (DSL). Agreed.", "IT"),
        ("Present: LM (SW), SBu (TM), WH (DC, CAIT), HS (Consultant). SBu to chair.", "SBu"),
        ("Present: LM (SW), SBu (TM), WH (DC, CAIT), HS (Consultant). SBu to chair.", "WH"),
    ],
)
def test_minutes_initials_before_a_role_in_brackets(text: str, value: str) -> None:
    assert all(value not in part for part in redact(text).text.split()), redact(text).text


def test_initials_that_are_a_word_stay_a_word_in_a_log_in_capitals() -> None:
    text = "Present: IT (SW), CP (HV), PN (DSL).\n16:40 IT WAS AGREED TO ATTEND."
    assert "IT WAS AGREED" in redact(text).text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Children on the boat:\n* Hazel CROFT - 04.05.2016\n* River CROFT - 08/08/2020", "River CROFT"),
        ("Name: Lowri Haf MORGAN\nRelationship: Child", "Lowri Haf MORGAN"),
        ("Dariusz KAZLAUSKAS was arrested at home.", "Dariusz KAZLAUSKAS"),
        ("She lives with Summer HOLT and her sister.", "Summer HOLT"),
    ],
)
def test_a_given_name_then_a_surname_in_capitals_is_a_name(text: str, value: str) -> None:
    assert value not in redact(text).text and value.split()[-1] not in redact(text).text, redact(text).text


@pytest.mark.parametrize(
    "text",
    [
        "Enrolled ESOL in September; Noted DNA twice.",
        "Referred to Lewisham NRPF team and Police CAD.",
        "A Toyota Prius PHV was seen; Viral URTI diagnosed.",
        "Seen in Week ONE of the plan.",
    ],
)
def test_a_word_then_an_abbreviation_is_no_name(text: str) -> None:
    assert "PERSON" not in redact(text).text, redact(text).text
