"""Classes of miss read from sets 110-113 (moved to dev/ at 2e4a927), each tested on text written here."""

from __future__ import annotations

from assistant.privacy.redaction import find_spans


def _found(text: str) -> list[tuple[str, str]]:
    return [(span.kind.name, text[span.start : span.end]) for span in find_spans(text)]


def test_a_service_named_by_its_boroughs_initials_where_the_text_spells_the_borough_out() -> None:
    text = (
        "Referred by Waltham Forest MASH in 2023.\n"
        "Rang WF MASH at 13:05. Allocated to WF Children in Care Team 3; WF CSC closed the case."
    )
    found = _found(text)
    assert ("ORG", "WF MASH") in found
    assert ("ORG", "WF Children in Care Team 3") in found
    assert ("ORG", "WF CSC") in found


def test_a_boroughs_initials_with_an_ampersand() -> None:
    text = "Hammersmith and Fulham EDT were told. Later H&F Family Support Service took the case."
    assert ("ORG", "H&F Family Support Service") in _found(text)


def test_letters_that_spell_no_place_the_text_names_are_left_to_the_other_rules() -> None:
    # Without "Waltham Forest" in the text, "WF" may be anyone's initials: no service is read from them.
    text = "Rang WF MASH at 13:05 and left a message."
    assert not any("MASH" in value for _, value in _found(text))
