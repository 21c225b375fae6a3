"""Classes of identifier first met in redaction set 46 (written blind), each on invented text."""

from __future__ import annotations

import pytest

from assistant.privacy.redaction import redact
from tests.redaction_spans import found as _found


@pytest.mark.parametrize(
    "text",
    [
        "09/05/23 CA - Met T. with an interpreter at T.'s request.",
        "Single agency assessment; KO to see T. at college on 19/05.",
        'Mum said T. told her the children would be taken "because you are foreign".',
        "Family of 5 in one room. T. on a mattress on the floor.",
    ],
)
def test_a_capital_and_a_full_stop_where_a_person_goes_is_that_person(text: str) -> None:
    assert "T." in _found(text), _found(text)


@pytest.mark.parametrize(
    ("text", "letter"),
    [
        ("Known for possession of Class A. No trace of others.", "A."),
        ("Family placed on the transfer list, Band C. Told the wait is four years.", "C."),
        ('Nurse: "14 y/o F. States her partner is 19."', "F."),
        ("Admitted with a line infection (E. coli).", "E."),
        ("Index\nB. Applications and orders\nC. Statements of the parties.", "C."),
    ],
)
def test_a_capital_and_a_full_stop_after_a_label_an_age_or_in_an_index_stays(text: str, letter: str) -> None:
    assert not any(found.startswith(letter) for found in _found(text)), _found(text)


def test_a_letter_the_text_makes_a_childs_label_stays_after_a_full_stop() -> None:
    text = "Child S was not seen by the dentist. No record held for S.\n\nIn June the school rang."
    assert redact(text).text == text


def test_mother_and_father_as_single_letters_stay_when_the_text_writes_them_so() -> None:
    text = "M and F present at the visit. Rang the mobile - answered by F. Said M busy."
    assert redact(text).text == text


@pytest.mark.parametrize(
    ("text", "initialled"),
    [
        ("Solicitor: R. Wozniak, Wozniak & Co, tel 01632 960 241.", "R."),
        ("Vehicle registered to the keeper G. Thornley, Thornley Farm.", "G."),
        ("DC Prendergast took it. OIC: DC A. PRENDERGAST 6120, at the station.", " A. "),
    ],
)
def test_an_initial_and_a_full_stop_before_a_name_found_however_it_was_read_is_redacted(
    text: str, initialled: str
) -> None:
    redacted = redact(text).text
    assert initialled not in redacted and " R. " not in redacted and " G. " not in redacted, redacted


@pytest.mark.parametrize(
    "coroner",
    [
        "HM Coroner for Ashdale and the Tame Valley",
        "HM Senior Coroner, Wexmoor and Fenby",
        "HM Coroner, Westmarsh",
    ],
)
def test_a_coroner_named_by_their_area_is_an_organisation(coroner: str) -> None:
    text = f"The death was reported to {coroner} on the same day."
    assert coroner in _found(text), _found(text)


def test_the_coroner_alone_stays() -> None:
    text = "The Coroner has opened an inquest. HM Coroner will be sent the report."
    assert redact(text).text == text


@pytest.mark.parametrize(
    "name",
    ["Beacon SARC", "Acorn Lets", "Ward's Recycling"],
)
def test_a_sexual_assault_referral_centre_a_letting_agent_or_an_owners_yard_named_so_is_an_organisation(
    name: str,
) -> None:
    text = f"She was taken to {name} that night."
    assert name in _found(text), _found(text)


def test_the_sarc_alone_stays() -> None:
    text = "Referred to the SARC and to a Paediatric SARC for follow-up."
    assert redact(text).text == text


@pytest.mark.parametrize("log", ["0093 of 12/02", "2291 of 02/04/22", "240 of 19/03"])
def test_a_police_log_numbered_within_its_day_is_a_reference(log: str) -> None:
    text = f"Police attended ({log}) at the flat."
    assert log in _found(text), _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Amara Mensah (13), Y8. Mrs Whitlam spoke to A with her aunt.",
        "Amara Mensah (13), Y8. Decisions: s47 continues for A and her brother.",
        "Amara Mensah (13), Y8.\n16/10/23 - A found at her aunt's flat. A moved to foster care.",
    ],
)
def test_a_childs_initial_a_inside_a_sentence_or_before_a_verb_is_the_child(text: str) -> None:
    assert "A" in _found(text), _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Amara Mensah (13) was taken to A and E by ambulance.",
        "Amara Mensah (13), Y8. A late referral was made. A strategy discussion followed.",
        "Amara Mensah (13) was found with Class A drugs.",
    ],
)
def test_the_letter_a_as_an_article_a_department_or_a_class_stays(text: str) -> None:
    assert "A" not in _found(text), _found(text)
