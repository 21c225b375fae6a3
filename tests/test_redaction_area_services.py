"""Services named with a county, region or city at one end (area_services.py), each on invented text: the whole
name goes, in title case and in a log's capitals, and the words around it that are not the service's stay."""

from __future__ import annotations

import pytest

from assistant.privacy import redact
from assistant.privacy.area_services import area_services
from assistant.privacy.redaction import find_spans


@pytest.mark.parametrize(
    ("text", "service"),
    [
        # ordinary words after the area, ending in a head word no head-noun list had
        ("She was referred to Cumbria Refugee Welcome Network last week.", "Cumbria Refugee Welcome Network"),
        ("A call from Derby First Contact came at noon.", "Derby First Contact"),
        ("Case held by Hull Children First since March.", "Hull Children First"),
        # a team's acronym straight after the area
        ("The allegation went to Lancashire LADO on the same day.", "Lancashire LADO"),
        ("Essex CSC closed the case.", "Essex CSC"),
        # a compass word before the area, and two areas joined before the head
        ("The hearing is at West London Family Court.", "West London Family Court"),
        ("Referred to Devon and Cornwall Young Carers Alliance.", "Devon and Cornwall Young Carers Alliance"),
        # a word nobody's vocabulary holds before the area, and a service's ages after it
        ("Seen by Norvia Leeds 0-19 at the clinic.", "Norvia Leeds 0-19"),
        # the area at the end of a group's name
        ("Support came from Syrian Families Together Wakefield.", "Syrian Families Together Wakefield"),
    ],
)
def test_a_service_named_with_its_area_goes_whole(text: str, service: str) -> None:
    redacted = redact(text)
    for word in service.split():
        if word not in {"and", "of"}:
            assert word not in redacted.text, redacted.text
    assert "ORG_1" in redacted.text, redacted.text
    assert find_spans(redacted.text) == [], redacted.text


@pytest.mark.parametrize(
    ("text", "service", "kept"),
    [
        # a log in capitals runs on into its verbs: the name ends at its last head word
        ("NORFOLK FIRE AND RESCUE SERVICE ATTENDED AT 0310.", "NORFOLK FIRE AND RESCUE SERVICE", "ATTENDED"),
        (
            "TAKEN TO ROYAL DERBY UNIVERSITY HOSPITAL BY AMBULANCE.",
            "ROYAL DERBY UNIVERSITY HOSPITAL",
            "BY AMBULANCE",
        ),
        ("REFERRED TO SUFFOLK CSC REF PENDING.", "SUFFOLK CSC", "PENDING"),
        # after a head word, only a team's acronym runs on: a unit's role stays
        ("PC Dale (West Midlands Police MOSOVO/IOM) called.", "West Midlands Police", "MOSOVO"),
    ],
)
def test_a_service_in_a_logs_capitals_ends_at_its_head_word(text: str, service: str, kept: str) -> None:
    spans = area_services(text)
    assert [text[s.start : s.end] for s in spans] == [service]
    assert kept in redact(text).text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a head word before a person's role is the role's
        ("Owen Price (Powys County Council Safeguarding Manager) chaired.", "Safeguarding Manager"),
        # a plan is no team
        ("Allocated to the Havering CIN team in May.", "CIN"),
        # a surname that is also a place, before "and" and a service
        ("Priya Holloway and CAMHS met the family.", "CAMHS"),
    ],
)
def test_what_is_not_the_services_name_stays(text: str, kept: str) -> None:
    assert kept in redact(text).text, redact(text).text


@pytest.mark.parametrize(
    "text",
    [
        "Kingsbridge Wells is a village.",  # a town of two words is no service: no head word ends it
        "They drove a Vauxhall Corsa.",  # a car
        "They live on London Road.",  # a street, found by the address rules
        "In Durham Jo Smith said she would call.",  # a person after the area
        "Brook TREMAYNE (DOB 01/02/2019) attends nursery.",  # a surname in capitals is no team's acronym
    ],
)
def test_an_area_beside_no_service_is_no_service(text: str) -> None:
    assert area_services(text) == []


def test_a_service_found_with_its_area_keeps_its_people_out_of_its_first_word() -> None:
    # "Roma" of a group named with its area is a people: later mentions of the word are not the group's.
    text = "Roma Voices Sheffield ran the session. The Roma TA visited on Monday."
    assert "Roma TA" in redact(text).text
