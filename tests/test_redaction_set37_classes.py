"""Classes of identifier first met in redaction set 37 (written blind), each on invented text."""

from __future__ import annotations

import pytest

from assistant.privacy.redaction import redact


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        # a table's initials column beside the name column, initials that are also words
        (
            "| Initials | Name | Role |\n|---|---|---|\n| AN | Aniela Nowicka | Mother |\n\nAN said she was tired.",
            "AN",
        ),
        # a list's initials with a title before the name, after a semicolon
        (
            "Present: KB - Kim Bell, SW; IN - Dr Ines Nkemelu, paediatrician.\n\nIN: the burn is a scald.",
            "IN",
        ),
        # initials, a space and a title at a line's start
        ("Attendees\nAM Dr Alun Meredith, GP lead\n\nAM: the template has no prompt.", "AM"),
    ],
)
def test_initials_written_before_a_name_with_a_title_or_in_a_table_are_that_person(
    text: str, initials: str
) -> None:
    redacted = redact(text).text
    assert f"{initials} " not in redacted and f"{initials}:" not in redacted, redacted


def test_a_word_before_a_name_that_it_does_not_spell_stays() -> None:
    text = "On Tuesday Alun Meredith came; I went AM to see him."
    assert "On Tuesday" in redact(text).text and "AM to" in redact(text).text
