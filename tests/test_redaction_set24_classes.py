"""What set 24 (written blind, scored once at ee26806) showed, each on invented text (none of it from the set): the
initials a note gives someone before her name, and a double given name's initials."""

from __future__ import annotations

from assistant.privacy import redact


def test_initials_declared_before_the_name_and_every_mention_after() -> None:
    text = (
        "18.01.24 21:30 - KT (Kasia Tomczak, key worker) - Dawit returned late.\n"
        "24.01.24 14:10 - KT - Dawit returned by police. Supported by KT."
    )
    assert "KT" not in redact(text).text, redact(text).text


def test_initials_that_are_a_word_or_a_job_stay_that_where_they_read_so() -> None:
    text = (
        "On-call manager SW (Sam Whitfield) informed; 16:45 SW - police called.\n"
        "The SW visited. Arrived with SW Dana Foster; Dana Foster (SW) agreed.\n"
        "02:40 OFFICERS ON SCENE, ON (Oscar Nowak) ALSO ON SCENE."
    )
    redacted = redact(text).text
    assert "SW (" not in redacted and "16:45 SW" not in redacted, redacted
    assert "The SW visited" in redacted and "with SW " in redacted and "(SW)" in redacted, redacted
    assert "OFFICERS ON SCENE" in redacted, redacted


def test_a_double_given_names_initials() -> None:
    text = "Lili-Mai PROSSER (7) lives with her mother. LM has a bruise to her forearm."
    assert "LM" not in redact(text).text, redact(text).text


def test_a_teams_number_is_part_of_its_name() -> None:
    text = "Team: Breckland Family Assessment Team 2. She met the Harwick Youth Team 2 times."
    redacted = redact(text).text
    assert " 2." not in redacted and "2 times" in redacted, redacted


def test_initials_of_a_surname_in_parts() -> None:
    text = (
        "Present: Niamh McCarthy (NMcC), grandmother; Kwame Asante-Boateng (KA-B), mentor.\n"
        'NMcC: "I will not drink near them." KA-B: he attended 4 of 10 days.'
    )
    redacted = redact(text).text
    assert "NMcC" not in redacted and "KA-B" not in redacted, redacted


def test_initials_before_a_surname_in_capitals() -> None:
    text = "BOOKING - 3 PAX: M T HUSSAIN, S RASHID, A HUSSAIN.\nSigned: G M ROBERTS. 22:10 MOVED TO A WARD."
    redacted = redact(text).text
    # the initials go with the surname, not left before it ("M PERSON_1")
    assert "PAX: PERSON_" in redacted and ", A " not in redacted and "Signed: PERSON_" in redacted, redacted
    assert "A WARD" in redacted, redacted
