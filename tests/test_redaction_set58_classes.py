"""Readings learned from redaction sets 58 and 59 (written blind), each on invented text: a positive case that the
redactor of 35d8750 missed, and a guard that what should stay, stays."""

from __future__ import annotations

from assistant.privacy.redaction import find_spans, redact


def _by_rules(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_spans(text, learned=False)]


def test_a_numbered_cottage_is_part_of_its_address_or_an_address_alone() -> None:
    text = (
        "| Mia | Subject (Child M) | Cottage 3, Highmoor Farm, Kelby, KB4 2PW |\nSeen at Cottage 3 with Mum."
    )
    once = redact(text).text
    assert "Cottage 3" not in once and "Highmoor" not in once, once
    assert "Child M" in once and "Mum" in once, once


def test_a_cottage_without_a_number_stays() -> None:
    text = "The cottage was cold. Mum said the Cottage Hospital had closed."
    assert "cottage was cold" in redact(text).text


def test_initials_that_end_a_logs_entries_are_their_writers() -> None:
    text = (
        "12/12/23 Quiet all day. Staff to look at lifts. – DW\n"
        "22/12/23 On the phone late. Very animated. – HQ\n"
        "08/01/24 Returned by police 21:40. – DW\n"
        "14/02/24 Missing again. – HQ\n"
        "29/03/24 Advised to keep bottles high up. (TZ)\n"
        "05/07/24 Collected the weekend dose. (TZ)"
    )
    found = _by_rules(text)
    assert found.count("DW") == 2 and found.count("HQ") == 2 and found.count("TZ") == 2, found


def test_letters_ending_one_entry_or_a_jobs_letters_stay() -> None:
    text = "Minutes.\n1. Housing update. Discuss at AOB\n2. Plan agreed. – SW\n3. Review next month. – SW"
    assert redact(text).text == text
