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
