"""Classes of miss read from sets 119-123 (moved to dev/ after their first-contact score), each tested on text
written here."""

from __future__ import annotations

import pytest

from assistant.privacy.words import fold
from tests.redaction_spans import kinded as _found


@pytest.mark.parametrize(
    "date",
    [
        "7 Khordad 1387",
        "21 Hamal 1385",
        "4 Megabit 2001",
        "30 Ramadan 1429",
        "9 Jumada al-Thani 1430",
        "15 Kartik 2064",
    ],
)
def test_a_date_of_birth_in_another_calendar(date: str) -> None:
    text = f"Age assessment: the tazkira gives his birth as {date}; Home Office records 01/01/2008."
    assert ("DATE", date) in _found(text)


def test_a_month_of_another_calendar_alone_or_with_a_year_only_stays() -> None:
    # As "March 2023" does, and several such months are given names too.
    text = "They fasted through Ramadan 2023. Asad and Azar came to the session; Mehr was off sick."
    assert not [value for kind, value in _found(text) if kind == "DATE"]


def test_a_vietnamese_family_name_in_a_records_capitals_then_the_rest() -> None:
    text = "| NGO Thi Lanh | Mother | 04/09/1991 |\n| ĐẶNG Văn Khoa | Father | n/k |"
    found = _found(text)
    assert ("PERSON", "NGO Thi Lanh") in found
    assert ("PERSON", "ĐẶNG Văn Khoa") in found


@pytest.mark.parametrize(("written", "plain"), [("Łukasz", "lukasz"), ("ĐINH", "dinh"), ("Søren", "soren")])
def test_a_letter_with_a_stroke_folds_as_an_accent_does(written: str, plain: str) -> None:
    assert fold(written) == plain


def test_a_polish_given_name_with_its_stroke_is_a_listed_first_name() -> None:
    assert ("PERSON", "Łukasz") in _found("Dad (Łukasz) rang the ward at 10:00.")
