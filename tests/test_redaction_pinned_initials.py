"""Initials the text pins to a person (initials.pinned_initials, initials._bylines), on invented text.

Sets 26-30 lost most of their people as initials: minutes that spell a name's letters beside it ("Amy J. Hollins
(AJH)", "CO - Cathy Oyelaran, DSL") and records signed by their writer ("Notes by AS"). None of these texts is
from a set."""

from __future__ import annotations

import pytest

from assistant.privacy import redact
from assistant.privacy.initials import pinned_initials
from assistant.privacy.kinds import EntityKind, Span


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # a middle initial in the name, found in two parts before the bracket
        ("Signed off by Nia R. Pemberton (NRP), RM.\n14:10 NRP rang the ward.", "NRP"),
        # a lower-case particle, and its letter in the initials
        (
            "Present: Luis da Costa (LdC) SW; Omar Haddad (OH), police.\nLdC: the boy's wishes as recorded.",
            "LdC",
        ),
        # a key at the line's start, letters that are also an abbreviation
        ("Attendees\nNB - Nadia Brightwater, school nurse\nNB saw Jess at the drop-in.", "NB"),
        ("Attendees\nCO - Callum Oduya, DSL\nCO explained the bruise.", "CO"),
        # a surname in parts
        ("Checked: Roisin McAteer (RMcA).\nRMcA to send the log.", "RMcA"),
    ],
)
def test_initials_spelling_a_name_beside_it_are_that_person_everywhere(text: str, gone: str) -> None:
    redacted = redact(text).text
    assert gone not in redacted, redacted


def test_a_first_names_letter_in_brackets_is_the_child_where_a_person_goes() -> None:
    text = (
        "Children: Tobiah Grant (T), Selina Grant (S), Ava Grant (A).\n"
        "10:02 T stood behind the escort. Greeted S warmly.\n"
        "A strategy meeting was held on Friday."
    )
    redacted = redact(text).text
    assert " T " not in redacted and " S " not in redacted and "(T)" not in redacted, redacted
    # "A" is a word wherever else it stands: only the bracket is the child's
    assert "A strategy meeting" in redacted and "(A)" not in redacted, redacted


def test_letters_that_spell_no_name_beside_them_are_not_pinned() -> None:
    text = "Kelly Marsh (KT) attended."
    person = Span(0, len("Kelly Marsh"), EntityKind.PERSON, "")
    assert pinned_initials(text, [person], bytearray(len(text) + 1)) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a job's own letters in brackets after a name that does not spell them
        ("Sophie Marsh (SW) visited. The SW will return on Monday.", "The SW will"),
        # an anonymised label's letter stays the label
        ("Rapid review: Child Z.\nZara Kowal (Z) is 4. Child Z was seen.", "Child Z was"),
    ],
)
def test_a_job_or_a_label_written_as_letters_stays(text: str, kept: str) -> None:
    redacted = redact(text).text
    assert kept in redacted, redacted


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Case note, 03/05. Notes by HW.\nHW to ring school.", "HW"),
        ("DSL record - logged by KFr\nScreenshots handed in.", "KFr"),
        ("Analysis (author GDP): the plan was not followed.", "GDP"),
        ("3. Chase the bank. Owner: TdV.\n4. Ring the GP. Owner: TdV.", "TdV"),
        ("Body map completed by PJ and the shift leader.", "PJ"),
    ],
)
def test_a_records_writer_or_owner_by_initials_is_a_person(text: str, gone: str) -> None:
    redacted = redact(text).text
    assert gone not in redacted, redacted


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Visit logged by SW on the system.", "logged by SW"),  # a job
        ("Checked by Dr Okafor at 10:00.", "Checked by Dr"),  # a title before a name
        ("Logged by HEMS doctor on arrival.", "HEMS doctor"),  # letters that say what someone is
    ],
)
def test_a_job_title_or_service_after_by_stays(text: str, kept: str) -> None:
    redacted = redact(text).text
    assert kept in redacted, redacted


def test_a_childs_initial_the_text_uses_for_him_twice_is_him_everywhere() -> None:
    text = (
        "Placed child: Hamid Rostami (15).\n"
        "11:30 H said he was hungry. Mrs Kaye told H the rules.\n"
        "14:00 H would not say more.\n"
        "03:15 back door open. H gone.\n"
        "Plan B agreed. Sex M. Vitamin D given."
    )
    redacted = redact(text).text
    assert " H " not in redacted and "H gone" not in redacted, redacted
    assert "Plan B" in redacted and "Sex M" in redacted and "Vitamin D" in redacted, redacted


def test_an_initial_used_once_where_a_person_goes_does_not_make_every_letter_someone() -> None:
    text = "Child: Lena Novak.\nL said she was cold.\nBruise to L arm, 2 cm."
    assert "L arm" in redact(text).text
