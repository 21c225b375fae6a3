"""What set 34 (written blind, scored once at 8049874) showed, each on invented text (none of it from the set)."""

from __future__ import annotations

from assistant.privacy import redact
from assistant.privacy.identifiers import nhs_check_digit_holds


def test_an_nhs_number_grouped_four_three_three_goes_when_its_check_digit_holds() -> None:
    redacted = redact("Sibling NHS 9434 765 919. Meter reading 1234 567 890.").text
    assert "9434" not in redacted and "1234 567 890" in redacted, redacted


def test_the_nhs_check_digit() -> None:
    assert nhs_check_digit_holds("9434765919")
    assert not nhs_check_digit_holds("9434765918")
    assert not nhs_check_digit_holds("943476591")  # nine digits


def test_a_step_parent_written_as_one_word_is_a_role() -> None:
    redacted = redact(
        "She told her coach that her stepdad Iain comes into her room. Stepmum Carol rang."
    ).text
    assert "stepdad" in redacted and "Stepmum" in redacted and "Iain" not in redacted, redacted


def test_a_persons_job_in_letters_is_no_part_of_the_place_after_it() -> None:
    text = "Present: Anita Sandhu SW MASH; Zofia Kaminska DSL Netherby Bridge Academy; Launceston HV Team."
    redacted = redact(text).text
    assert " SW " in redacted and " DSL " in redacted and "Sandhu" not in redacted, redacted
    assert "Launceston" not in redacted, redacted


def test_a_tamil_grandfather_is_a_role() -> None:
    assert "Thaatha" in redact('Sivakumar Selvarajah | paternal grandfather ("Thaatha") | 1954').text


def test_a_person_in_whose_care_a_letter_goes_is_read_the_same_twice() -> None:
    once = redact("Address: c/o Mr Iain Macpherson, 12 Larch Street, Hemsby NR29 4AB.").text
    assert "Macpherson" not in once and "Larch" not in once, once
    assert redact(once).text == once


def test_a_jobs_letters_in_the_plural_are_a_role_not_a_name() -> None:
    redacted = redact(
        "Learning: (2) named DSLs at each school. Two SWs attended. A man named Tyrone came."
    ).text
    assert "named DSLs" in redacted and "Two SWs" in redacted and "Tyrone" not in redacted, redacted
