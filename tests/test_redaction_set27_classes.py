"""What set 27 (written blind, scored once at a4858db) showed, each on invented text (none of it from the set): a
record's name field in capitals with the surname first, lodgings named by their owners, a police service's
station, and teams after an area that a role list also holds."""

from __future__ import annotations

import pytest

from assistant.privacy import redact
from assistant.privacy.redaction import find_spans


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("NAME: PHAM, THI HOA   AGE: 16 (CLAIMED)", "PHAM, THI HOA"),
        ("DP: LE, VAN DUC. DOB 03/04/2008.", "LE, VAN DUC"),
        ("PoP: OKORO, CHIDI EMEKA DOB 01/01/1990", "OKORO, CHIDI EMEKA"),
    ],
)
def test_a_records_name_field_surname_first_goes_whole(text: str, name: str) -> None:
    assert name in [text[s.start : s.end] for s in find_spans(text)]
    assert "DOB" in redact(text).text or "AGE" in redact(text).text


def test_a_record_field_after_the_name_stays() -> None:
    redacted = redact("NAME: BARNES, KYLE DOB 01/02/2010 ADDRESS NFA").text
    assert redacted.startswith("NAME: PERSON_1 DOB"), redacted


def test_a_name_in_a_records_order_keeps_the_prose_names_placeholder() -> None:
    redacted = redact("Kacper Wrona (15) was seen. NAME: WRONA, KACPER. Kacper said no.").text
    assert redacted == "PERSON_1 (15) was seen. NAME: PERSON_1. PERSON_1 said no.", redacted


@pytest.mark.parametrize(
    ("text", "lodging"),
    [
        ("Placed at Harbour Lights B&B, Skegness, on Friday.", "Harbour Lights B&B, Skegness"),
        ("The family moved to Oakdene Guest House last week.", "Oakdene Guest House"),
        ("Room 4 at the Marine View Hotel.", "Marine View Hotel"),
    ],
)
def test_a_lodging_named_by_its_owner_goes_whole(text: str, lodging: str) -> None:
    assert lodging in [text[s.start : s.end] for s in find_spans(text)]


def test_a_police_services_station_goes_with_it() -> None:
    text = "Interview at Millbrook Road Police Station, Hartside."
    assert "Millbrook Road Police Station" in [text[s.start : s.end] for s in find_spans(text)]


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("DUTY SW NORFOLK EDT INFORMED 20:15.", "NORFOLK EDT"),  # a team's acronym a role list also holds
        ("Referred to Leeds Housing Options on Monday.", "Leeds Housing Options"),
    ],
)
def test_a_team_after_its_area_goes_whole(text: str, service: str) -> None:
    assert service in [text[s.start : s.end] for s in find_spans(text)]
    assert "INFORMED" in redact(text).text or "Monday" in redact(text).text


def test_a_family_word_makes_a_word_that_follows_a_name() -> None:
    redacted = redact("Husband Ray took him out. Nan Rose visited. Later he watched TV with Ray.").text
    assert "Ray" not in redacted and "Rose" not in redacted, redacted
    # the words stay words where no family word names anyone
    assert (
        redact("Dad will phone. The son may visit. A rose bush.").text
        == "Dad will phone. The son may visit. A rose bush."
    )
