"""A bug found by redacting set 60 (written blind) twice, on invented text: what the first reading leaves, the second
must not find."""

from __future__ import annotations

from assistant.privacy.redaction import find_spans, redact


def test_a_house_before_a_farm_and_its_road_is_one_address_found_in_one_reading() -> None:
    text = "Home: Shepherd's Cottage, Top Hollow Farm, Long Drove, Sibton, IP17 2LE\nGP: the practice"
    once = redact(text)
    assert "Shepherd" not in once.text and "Hollow" not in once.text, once.text
    assert find_spans(once.text) == [], once.text


def test_a_place_and_a_head_teacher_after_it_are_not_one_address() -> None:
    text = "04/09/23 – Phone call from Elmwood Hill Head confirming the suspension."
    assert "Head confirming" in redact(text).text
