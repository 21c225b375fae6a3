"""What set 26 (written blind, scored once at 28c09d2) showed, each on invented text (none of it from the set):
the parts of an address that sit outside its street or building, a flat's letter, a house's number before a
building's name and a postcode's district after it."""

from __future__ import annotations

import pytest

from assistant.privacy import redact
from assistant.privacy.redaction import find_spans


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # a house's number before a building found without it, in a log's capitals and in title case
        ("OFFICERS ATTENDED 14 HARTLEY HOUSE AT 0200.", "14 HARTLEY HOUSE"),
        ("Mother is staying at 3C Linden Court with a friend.", "3C Linden Court"),
        # a flat's letter before a numbered street
        ("They moved to Flat C, 61 Orchard Road last spring.", "Flat C, 61 Orchard Road"),
        # a postcode's district alone after an address
        ("Home address: 9 Tanner Street, SE1 (rented).", "9 Tanner Street, SE1"),
    ],
)
def test_an_address_goes_with_its_number_letter_and_district(text: str, address: str) -> None:
    spans = find_spans(text)
    assert [text[s.start : s.end] for s in spans if s.kind.value == "ADDRESS"] == [address]
    assert find_spans(redact(text).text) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("At 10:30 Hartley House called the duty desk.", "10:30"),  # a time's minutes are no house number
        ("Seen at 9 Tanner Street, car FD14 NWE outside.", "outside"),  # a plate is no district
        ("Flat C, 61 Orchard Road; full postcode BL1 4AB.", "full postcode"),  # nor half a postcode
    ],
)
def test_what_is_not_part_of_the_address_stays(text: str, kept: str) -> None:
    redacted = redact(text).text
    assert kept in redacted, redacted
    assert "NWE" not in redacted and "4AB" not in redacted, redacted
