"""Redaction mechanisms added after set 6 (issue 12): services and firms named with their place, addresses
with a box, caravan or room and several place parts, spaced date separators, a school's or organisation's
initials and two-word mentions, surnames found by their order (a police record's "SURNAME, First", a weekday
surname), initials of such names and before a found surname, quoted nicknames, a title before a label word,
a name in capitals with an age, other mentions of a found handle or plate, lowercase names in a quoted chat;
and what must stay (operations, app features, towns, ratings, role words). Every line here is invented for
this file."""

from __future__ import annotations

import re

import pytest

from assistant.privacy import EntityKind, redact
from tests.fakes.redaction import covered, kinds_of


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Same-day referral to Dunmere MASH at 10:05.", "Dunmere MASH"),
        ("PC Sam Hollis, Harlow Vale Police, attended.", "Harlow Vale Police"),
        ("Known to: Fenwick CAMHS; the GP.", "Fenwick CAMHS"),
        ("She is under Ashby Recovery Partnership for her alcohol use.", "Ashby Recovery Partnership"),
        ("Housing: Tolworth Community Housing report arrears.", "Tolworth Community Housing"),
        ("He works at Brimley Co-operative Funeral Care now.", "Brimley Co-operative Funeral Care"),
        ("He drives for Stannick Cabs at night.", "Stannick Cabs"),
        ("His employer, Corby Roofing & Gutters Ltd, confirmed.", "Corby Roofing & Gutters Ltd"),
        ("A referral to Haddon Foodbank was made.", "Haddon Foodbank"),
        ("Her worker at Weltham Women's Refuge Trust wrote.", "Weltham Women's Refuge Trust"),
        ("GARNSWORTH BOROUGH COUNCIL: CHILDREN'S SERVICES", "GARNSWORTH BOROUGH COUNCIL"),
        ("BETWEEN\nPELLOW CITY COUNCIL (Applicant)\nand", "PELLOW CITY COUNCIL"),
    ],
)
def test_a_service_or_firm_named_with_its_place_is_an_organisation(text: str, org: str) -> None:
    assert kinds_of(text).get(org) is EntityKind.ORG, redact(text).text


def test_services_without_a_place_stay() -> None:
    text = (
        "Mother rang the Police and the MASH; CAMHS and Children's Social Care were told. British Transport "
        "Police found him. THE COUNCIL will decide."
    )
    assert redact(text).text == text


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Housing Options, PO Box 902, Garnsworth GA1 1ZZ", "PO Box 902, Garnsworth"),
        (
            "He gave his address as Caravan 7, Bayview Holiday Park, Sandley.",
            "Caravan 7, Bayview Holiday Park, Sandley",
        ),
        (
            "Address: Room 2, Fenwick YMCA, 8 Mill Road, Fenwick",
            "Room 2, Fenwick YMCA, 8 Mill Road, Fenwick",
        ),
        (
            "She was found at Flat 3, Harbour Rise, Quayside, Sandley SA3 9ZZ.",
            "Flat 3, Harbour Rise, Quayside, Sandley",
        ),
        ("Address: 2 Cobble Row, High Fenwick, Fenwick FE2 8ZZ", "2 Cobble Row, High Fenwick, Fenwick"),
    ],
)
def test_an_address_takes_its_box_caravan_or_room_and_every_place_part(text: str, address: str) -> None:
    assert covered(text, address), redact(text).text


def test_place_parts_after_an_address_stop_at_a_name() -> None:
    found = kinds_of("Visited 3 Moss Lane, Sandley, Kelly and the baby.")
    assert found["3 Moss Lane, Sandley"] is EntityKind.ADDRESS  # "Kelly" lives there; not a place


def test_a_date_with_spaced_separators_is_a_date_and_a_score_is_not() -> None:
    text = "Child: Rio (DOB 03 / 11 / 2015), seen 03 - 11 - 2015; scored 7 / 10."
    assert redact(text).text == "Child: PERSON_1 (DOB DATE_1), seen DATE_1; scored 7 / 10."


def test_a_school_or_organisation_by_its_initials_or_its_first_two_words() -> None:
    text = (
        "Address: 4 Lark Lane, Brimley. Leah attends Garnsworth Park High School. She was seen at Brimley "
        "General Hospital. GPHS reported absence; Brimley General did not call. Leah was placed in Brimley."
    )
    result = redact(text).text
    assert "GPHS" not in result and "Brimley General" not in result
    assert re.search(r"placed in ADDRESS_[0-9]+\.$", result), result  # the town, named alone, is a place


def test_a_place_named_like_a_school_is_an_address_where_it_is_a_town() -> None:
    text = (
        "Ben attends Thornby High School. The line runs from Thornby to the coast; he was placed in Thornby."
    )
    result = redact(text).text
    town = re.search(r"placed in (ADDRESS_[0-9]+)\.$", result)
    assert town and f"from {town.group(1)} to the coast" in result, result


@pytest.mark.parametrize(
    ("text", "nickname"),
    [
        ('Mother said Kai (known round the estate as "Zedz") had been minding her.', "Zedz"),
        ('A contact saved in her phone as "Bigman" messaged her.', "Bigman"),
        ('Another pupil said the driver is "Trigga" and he is older.', "Trigga"),
        ('She said that "Auntie Bev" collects them on Fridays.', "Bev"),
        ('Leah says "Tee" is Tyrese Maddox, aged 19.', "Tee"),
    ],
)
def test_a_quoted_nickname_after_a_cue_or_with_a_kinship_word(text: str, nickname: str) -> None:
    assert covered(text, nickname), redact(text).text


def test_the_kinship_word_of_a_quoted_nickname_stays() -> None:
    assert (
        redact('She said that "Auntie Bev" collects them.').text
        == 'She said that "Auntie PERSON_1" collects them.'
    )


def test_quoted_ordinary_words_and_role_words_stay() -> None:
    text = 'The school was rated as "Good" and the plan is "Stay Safe". Mother is "Mum" to them.'
    assert redact(text).text == text


def test_initials_of_a_surname_first_name_and_an_initial_before_a_found_surname() -> None:
    text = (
        "Male OKAFOR, Tobias Lee (DOB 02/02/1991) detained. TLO arrested at 22:10.\n"
        "Mother: Lisa Tranmere. Subject: Referral: K Tranmere\n"
        "Name: Marley Osei-Quaye. Summary: M.O.-Q. was seen."
    )
    result = redact(text).text
    for gone in ("OKAFOR", "Tobias", "TLO", "K Tranmere", "M.O.-Q."):
        assert gone not in result, result


def test_a_weekday_surname_found_by_its_order() -> None:
    text = (
        "Parents: Jo Platt (Mother), Dean Friday (Father; not resident)\n"
        "Police: FRIDAY, Dean (DOB 01/01/1988) is known. Ensure Dean Friday is not told. Seen Friday 3 May."
    )
    result = redact(text).text
    assert "Dean" not in result and "FRIDAY" not in result and "Dean Friday" not in result
    assert "Seen Friday DATE_" in result  # the weekday of a date stays


def test_a_title_before_a_label_word_that_is_a_surname() -> None:
    result = redact("Her tutor, Mr Young, said Young Person A was tired.").text
    assert result == "Her tutor, Mr PERSON_1, said Young Person A was tired."


def test_a_name_in_capitals_with_an_age_in_brackets() -> None:
    text = "Charged: TOBIAS GRANVILLE (16) and another. Granville's account replied."
    result = redact(text).text
    assert "GRANVILLE" not in result and "Granville" not in result


def test_every_mention_of_a_found_handle_or_plate_in_any_case() -> None:
    text = (
        "Chat as written:\nkez.rt: u coming\nzed_22: ye in the golf ab12 cde\n\n"
        "Her Snapchat (kez.rt) is private. Police check: AB12 CDE is a black VW Golf."
    )
    result = redact(text).text
    assert "kez.rt" not in result and "ab12 cde" not in result and "AB12 CDE" not in result


def test_a_found_name_in_lowercase_in_a_quoted_chat() -> None:
    text = 'Jaxson Pryde is 19. Messages: "is jaxson there" and "going to jaxsons".'
    result = redact(text).text
    assert "jaxson" not in result, result


def test_a_lowercase_word_that_was_taken_as_a_name_stays_an_ordinary_word() -> None:
    # "Rider" is not an ordinary word to the lists, but its lowercase form has an English ending.
    result = redact("Mr Rider spoke to the rider of the moped.").text
    assert result == "Mr PERSON_1 spoke to the rider of the moped."


def test_a_profile_link_goes_whole() -> None:
    assert covered("Telegram t.me/norbeckplug, TikTok @norbeckplug", "t.me/norbeckplug")


def test_an_operation_or_an_app_feature_is_not_a_person() -> None:
    text = "He is known to us under Op Kestrel. A Snap Map location placed her at the park."
    assert redact(text).text == text
