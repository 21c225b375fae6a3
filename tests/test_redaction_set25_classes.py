"""What set 25 (written blind, scored once at a5769f1) showed, each on invented text (none of it from the set): the
offices of faith settings are roles, and a title of one read as a given name left the surname to a second reading."""

from __future__ import annotations

import pytest

from assistant.privacy import redact
from assistant.privacy.redaction import find_spans


@pytest.mark.parametrize(
    ("text", "role", "name"),
    [
        ("Present: Deaconess Titilayo Okafor (TO), church safeguarding lead.", "Deaconess", "Okafor"),
        ("The Rebbetzin spoke to the mother; Menahel Rabbi Stern agreed.", "Menahel", "Stern"),
        ("Two sevadars saw him leave with Harjit.", "sevadars", "Harjit"),
    ],
)
def test_a_faith_settings_office_survives_and_names_who_follows(text: str, role: str, name: str) -> None:
    once = redact(text)
    assert role in once.text and name not in once.text, once.text
    assert find_spans(once.text) == [], once.text
