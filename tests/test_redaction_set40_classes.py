"""Classes of identifier first met in redaction sets 39 and 40 (written blind), each on invented text."""

from __future__ import annotations

import pytest

from assistant.privacy.redaction import redact

MINUTES = (
    "Present:\n"
    "Gwen Rowley - GR - Team Manager (chair)\n"
    "DS Owain Price - OPr - Marchwood Police CAIU\n"
    "Dr Ines Sandhu - IS - GP, Fernlea Surgery\n"
    "Tara Olsen, LADO (chair) - TO\n"
    "Attendees: Nerys Bowen (SW, NB); Jodie Spry (SSW, JSp)\n\n"
    "OPr: arrest planned. IS said the record is clear. TO to chair. JSp agreed."
)


@pytest.mark.parametrize("initials", ["GR", "OPr", "IS", "TO", "JSp"])
def test_initials_between_dashes_or_last_in_a_bracket_on_an_attendance_line_are_that_person(
    initials: str,
) -> None:
    redacted = redact(MINUTES).text
    assert f" {initials} " not in redacted and f"{initials}:" not in redacted, redacted


def test_the_roles_on_those_lines_stay() -> None:
    redacted = redact(MINUTES).text
    assert "Team Manager (chair)" in redacted and "(SW, " in redacted and "(SSW, " in redacted, redacted


@pytest.mark.parametrize(
    "text",
    [
        "Exported 11/03/2024 by HCr. Logged by HCr again.",
        "| 17/01/2024 | Attendance | Late again. | SPa |",
    ],
)
def test_two_capitals_and_a_surnames_second_letter_are_a_person_alone(text: str) -> None:
    redacted = redact(text).text
    assert "HCr" not in redacted and "SPa" not in redacted and "PERSON_1" in redacted, redacted


@pytest.mark.parametrize("text", ["Two GPs and three SWs met.", "She has a BSc in Nursing.", "MSc student"])
def test_plurals_and_degrees_of_that_shape_stay(text: str) -> None:
    assert redact(text).text == text


def test_a_key_with_a_surnames_second_letter_names_the_person() -> None:
    text = "Staff key: SPa = Sophie Parkin (Y5 teacher); LW = Lauren Webber (TA).\nSPa logged it; LW saw it."
    redacted = redact(text).text
    assert "SPa" not in redacted and "LW" not in redacted, redacted


def test_a_persons_letters_that_are_a_job_stay_the_job_before_a_name() -> None:
    text = (
        "Sam Westerby - youth worker, Checkpoint Lincs - SW\n\n"
        "SW will meet him on Friday. Feedback from the Front Door (SW Leanne Trott) came at 3pm."
    )
    redacted = redact(text).text
    assert "SW will" not in redacted and "(SW PERSON_" in redacted, redacted
