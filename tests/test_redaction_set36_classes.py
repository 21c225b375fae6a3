"""Classes of identifier first met in redaction set 36 (written blind), each on invented text."""

from __future__ import annotations

import pytest

from assistant.privacy.kinds import EntityKind
from assistant.privacy.redaction import find_spans, redact


def test_a_nickname_inside_a_name_keeps_its_surname_when_a_list_takes_the_first_name() -> None:
    text = 'Known associates Kyle Ashby-Fenn and Tomasz "Tommo" Wrona.'
    redacted = redact(text).text
    assert "Wrona" not in redacted and "Tommo" not in redacted, redacted
    assert find_spans(redacted) == []  # redacting twice finds nothing


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "Support came through the Ashvale Council of Mosques, who offered a room.",
            "Ashvale Council of Mosques",
        ),
        ("Grandad is a deacon at Brindle Full Gospel Church of God.", "Brindle Full Gospel Church of God"),
        ("She reported it to Kesterby Housing Co-operative on the Monday.", "Kesterby Housing Co-operative"),
        (
            "The hall is hired by Morning Star Ministries International on Sundays.",
            "Morning Star Ministries International",
        ),
    ],
)
def test_a_bodys_closing_words_go_with_the_part_found(text: str, body: str) -> None:
    assert [text[s.start : s.end] for s in find_spans(text) if s.kind is EntityKind.ORG] == [body]


def test_the_ages_a_service_serves_go_with_its_place_but_an_age_range_stays() -> None:
    text = "HV team (Kesterby North 0-19): review. Castlegarth Police see 0-19 years."
    found = [text[s.start : s.end] for s in find_spans(text)]
    assert "Kesterby North 0-19" in found
    assert "0-19 years" in redact(text).text


def test_a_forces_starred_occurrence_number_is_a_reference_but_arithmetic_stays() -> None:
    text = "Police occurrence 23*114827; previous REF 23*114502/24. Dose 2*3 and 10*5000."
    found = [text[s.start : s.end] for s in find_spans(text)]
    assert found == ["23*114827", "23*114502/24"]


def test_a_vietnamese_middle_name_keeps_the_given_name_after_it() -> None:
    text = "Hoa Thi Nguyen and Le Van Long were arrested; Le Van Long was bailed."
    redacted = redact(text).text
    assert "Long" not in redacted and "Nguyen" not in redacted, redacted
