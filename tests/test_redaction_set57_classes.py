"""Readings learned from redaction set 57 (written blind) and from a false alarm on a real draft, each on invented
text: a positive case that the redactor of 03b78cf missed, and a guard that what should stay, stays."""

from __future__ import annotations

from assistant.privacy.redaction import find_spans, redact
from tests.redaction_spans import found as _found


def _by_rules(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_spans(text, learned=False)]


def test_a_user_name_of_letters_and_digits_is_a_handle_with_no_social_media_word_near() -> None:
    text = "rhiz.k09  21:02  where u at\nbexxyboo41  21:04  at the park\nrhiz.k09  21:05  ok"
    assert "bexxyboo41" in _by_rules(text), _by_rules(text)
    assert "bexxyboo41" not in redact(text).text


def test_a_word_before_a_number_is_no_user_name() -> None:
    text = (
        "He had covid19 in March. Seen in room12 with his mum; the nurse said he had been unwell for 10 days."
    )
    found = _found(text)
    assert not any("covid" in f or "room" in f for f in found), found


def test_an_officers_collar_number_after_an_initial_and_surname_is_redacted() -> None:
    text = "Linked OIC: DC R. Okafor 4471\nDate of assessment: 10/12/2023"
    assert "4471" not in redact(text).text


def test_kin_words_in_hindi_akan_and_yiddish_are_role_words() -> None:
    text = 'Aarav said "Maa was crying". The children call their mother "Mame". Maa took him to the GP.'
    once = redact(text).text
    assert once.count("Maa") == 2 and "Mame" in once, once


def test_the_word_after_a_writers_bracketed_label_is_kept() -> None:
    # A draft anonymised by its writer ("[Name] Church") has no name left in it: the kind of place stays.
    text = (
        "**4. The church.** [Name] Church is a registered charity with about 60 members. Mr A is an elder at "
        "[Name] Church. [School] Academy had no record of the sessions."
    )
    assert redact(text).text == text


def test_a_hospital_in_capitals_named_by_a_compass_point_and_a_word_is_redacted() -> None:
    text = "0803 INFANT PRONOUNCED DECEASED AT WEST BANK HOSPITAL BY THE REGISTRAR."
    assert "WEST BANK HOSPITAL" in _by_rules(text), _by_rules(text)


def test_a_compass_point_and_a_word_alone_in_capitals_stay() -> None:
    text = "NORTH AREA POLICE ATTENDED. CHILD TAKEN TO HOSPITAL BY AMBULANCE."
    assert redact(text).text == text


def test_a_surname_that_is_a_word_is_redacted_after_the_given_names_initial() -> None:
    text = "Paul Foster (DSL) spoke to Mother.\nAction (P. Foster, DSL): phoned 101.\n21/11/2023 14:10 – P Foster"
    once = redact(text).text
    assert "Foster" not in once, once


def test_a_foster_carer_stays_beside_a_name_of_that_word() -> None:
    text = "Anne Foster (DSL) rang. A Foster Carer was found for Child B. The foster placement started on Monday."
    once = redact(text).text
    assert "A Foster Carer was found for Child B" in once and "foster placement" in once, once


def test_national_guidance_by_its_title_is_never_redacted() -> None:
    # The critique's own prompts cite it, and the PII guard checks them before they are sent.
    text = (
        "Under Working Together 2023 the Lead Safeguarding Partners decide. Working Together sets the timescale. "
        "Signs of Safety was used. Operation Encompass notified the school."
    )
    assert redact(text).text == text


def test_a_childrens_domestic_violence_advocate_is_a_role() -> None:
    text = "A Children's Independent Domestic Violence Advocate (ChiDVA) was allocated. The ChiDVA met her twice."
    assert redact(text).text == text


def test_the_words_of_a_writers_label_and_the_name_after_it_are_kept() -> None:
    # "[Home Area] Council", "[Area] NHS Trust – Emergency Department": a draft its writer anonymised (a07, b05).
    text = (
        "| Legal status | Care order (section 31) to [Home Area] Council since 2022 |\n"
        "| [Host Area] LADO | No referrals about [Name] House |\n"
        "| [Area] NHS Trust – Emergency Department and psychiatric liaison | Summary, attended |\n"
        "[Home Area]'s safeguarding partners endorsed it. The Crown Prosecution Service charged him."
    )
    assert redact(text).text == text
