"""Redaction mechanisms added after set 5 (issue 12, part 1): an address carried through its town and house
name, organisations named after a place or their founders, more school shapes, later short mentions of a
school or organisation and a person's initials, spaced plates, short and ranged dates, spelt-out emails and
quoted nicknames; and what must stay (car models, fractions, towns in prose, role words). Every line here is
invented for this file."""

from __future__ import annotations

import re

import pytest

from assistant.privacy import EntityKind, redact
from tests.fakes.redaction import covered, kinds_of


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Family moved to 9 Quarry Terrace, Lowmoor Bridge HX9 2ZZ.", "9 Quarry Terrace, Lowmoor Bridge"),
        ("Home: Flat 3, 41 Tanner Road, Brackenby.", "Flat 3, 41 Tanner Road, Brackenby"),
        (
            "They live at Flat 7, Ashdown Court, Pell Street, Brackenby.",
            "Flat 7, Ashdown Court, Pell Street, Brackenby",
        ),
        ("She lives at Foxgloves, Stony Lane, Oakworthy.", "Foxgloves, Stony Lane, Oakworthy"),
        ("Visit to Ivy Cottage, Sike Lane, Norbeck.", "Ivy Cottage, Sike Lane, Norbeck"),
        ("Dad stays at Low Ing Farm, Ravensclough.", "Low Ing Farm, Ravensclough"),
        ("Office at Unit 9, Thornbury Mills, Brackenby.", "Unit 9, Thornbury Mills, Brackenby"),
        ("Known address 3 Windyridge, Norbeck.", "3 Windyridge, Norbeck"),
        ("Moved into 14c Sedge Gardens, Oakworthy in May.", "14c Sedge Gardens, Oakworthy"),
    ],
)
def test_an_address_runs_through_its_house_name_and_town(text: str, address: str) -> None:
    assert covered(text, address), redact(text).text


def test_an_address_stops_before_a_role_a_weekday_or_a_name_that_addresses_a_letter() -> None:
    text = "He lives at 2 Croft Road, Mother said. At 4 Croft Road, Monday was quiet."
    assert redact(text).text == "He lives at ADDRESS_1, Mother said. At ADDRESS_2, Monday was quiet."
    letter = "To: Mrs Ingrid Okafor, Flat 5 Mill House, Dye Lane, Norbeck"
    found = kinds_of(letter)
    assert found["Ingrid Okafor"] is EntityKind.PERSON
    assert found["Flat 5 Mill House, Dye Lane, Norbeck"] is EntityKind.ADDRESS


@pytest.mark.parametrize(
    "org",
    [
        "Brackenby Children's Services",
        "Brackenby Metropolitan Borough Council",
        "Oakworthy Town Hall",
        "Norbeck Young Carers",
        "Brackenby Safeguarding Children Partnership",
        "Ravensclough Hospitals NHS Foundation Trust",
        "Lowmoor Housing Association",
        "Brackenby 0-19 Service",
        "Pilling & Ó Dálaigh Solicitors",
        "Tarnfield Law",
        "Norbeck Amateur Boxing Club",
    ],
)
def test_organisations_named_after_a_place_or_founders(org: str) -> None:
    text = f"A letter came from {org} (copied to the social worker) on Tuesday."
    assert kinds_of(text).get(org) is EntityKind.ORG, redact(text).text


def test_generic_councils_law_and_clubs_stay() -> None:
    text = "The Council and the local authority applied Family Law; she goes to Breakfast Club."
    assert redact(text).text == text


@pytest.mark.parametrize(
    "school",
    [
        "Fellside Primary & Nursery School",
        "St Bede's C.E. (VA) Primary",
        "Brookfield Pre-school",
        "Tarnfield College of Further Education",
        "Hawthwaite Junior",
        "Lumbfoot J I & N",
        "Dar ul-Uloom Brackenby",
        "Greystones Primary Academy",
    ],
)
def test_school_shapes(school: str) -> None:
    text = f"She started at {school} in September."
    assert kinds_of(text).get(school) is EntityKind.SCHOOL, redact(text).text


def test_a_school_or_organisation_mentioned_again_by_its_first_words_or_initials() -> None:
    text = (
        "Kian attends Fellside Primary School and Norbeck Amateur Boxing Club. Fellside rang; "
        "Norbeck ABC coaches were told. Tarnfield Vale High School made the referral and Tarnfield Vale "
        "High said so again."
    )
    result = redact(text)
    for short in ("Fellside", "Norbeck ABC", "Tarnfield Vale High"):
        assert covered(text, short), result.text
    assert "Fellside" not in result.text and "Tarnfield" not in result.text


def test_a_place_used_as_a_town_is_an_address_not_a_school() -> None:
    text = "Home: 2 Dye Lane, Oakworthy. Oakworthy Primary School called; Oakworthy is a small town."
    result = redact(text).text
    assert re.search(r"; ADDRESS_[0-9]+ is a small town\.$", result), result


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("A silver car, Y 812 KPQ, was seen twice.", "Y 812 KPQ"),
        ("The van (YX 18 KLM) was parked outside.", "YX 18 KLM"),
        ("Stopped in a taxi, plate P 7 RKQ.", "P 7 RKQ"),
    ],
)
def test_plates_with_odd_spacing_near_a_vehicle(text: str, plate: str) -> None:
    assert covered(text, plate), redact(text).text


def test_car_models_are_not_people_or_plates() -> None:
    text = "He drives a white Ford Transit Custom and a grey BMW 118i; the Transit is often outside."
    assert redact(text).text == text


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Mum told me on 14/3 that he had left.", "14/3"),
        ("Plan to be reviewed by 22/6 at the latest.", "22/6"),
        ("Note\n15/9 | Recorded by the DSL", "15/9"),
        ("| Mar 2021 | CSC | Assessment completed |", "Mar 2021"),
        ("Final hearing listed 12-16 May 2025.", "12-16 May 2025"),
    ],
)
def test_short_table_and_ranged_dates(text: str, date: str) -> None:
    assert covered(text, date), redact(text).text


def test_scores_fractions_and_month_years_in_prose_stay() -> None:
    text = "He scored 7/10 and ate 3/4 of the meal; she was at the school until March 2022."
    assert redact(text).text == text


def test_lowercase_ni_numbers_and_spelt_out_emails() -> None:
    text = "NI number jk402117b. Contact: bex77 at outlook dot co dot uk. He looked at home dot com."
    result = redact(text)
    assert result.text == "NI number NI_NUMBER_1. Contact: EMAIL_1. He looked at home dot com."


def test_nicknames_in_quotes_and_after_called() -> None:
    text = (
        'She said her friend "Kizzy" was there. A man called Big D drove. Associate Liam Booth ("Boothy") '
        'was arrested. Dara is known at school as "Moonbeam". Mother said "Not Again" twice; referred to as '
        "Child K, she was seen."
    )
    result = redact(text)
    for nickname in ("Kizzy", "Big D", "Boothy", "Moonbeam"):
        assert covered(text, nickname), result.text
    assert '"Not Again"' in result.text and "Child K" in result.text


def test_initials_of_a_name_already_found_and_a_surname_initial() -> None:
    text = (
        "Present: Tariq Kemp (police), Kerry Obasi-Fenn (school). Actions: TK to share the log. "
        "K.O-F. informed the social worker. Extract prepared for Tariq K. on request."
    )
    result = redact(text)
    for mention in ("TK", "K.O-F.", "Tariq K."):
        assert covered(text, mention), result.text
    assert "social worker" in result.text


def test_role_initials_stay_even_when_a_name_shares_them() -> None:
    text = "Our worker Gina Price rang. The GP and the HV met Dan Simms; the DSL was told."
    assert redact(text).text == "Our worker PERSON_1 rang. The GP and the HV met PERSON_2; the DSL was told."


def test_spaced_name_prefixes() -> None:
    text = "Their DSL, Orla Mc Bride, and YOT worker Kwame St. Louis attended."
    result = redact(text)
    assert covered(text, "Orla Mc Bride") and covered(text, "Kwame St. Louis"), result.text


def test_profile_links_and_display_names_quoted_again() -> None:
    text = (
        'He sends links to t.me/southdrillz. Her account changed its display name to "Mia K" last week; '
        'she will not reply to "Mia K" again. A message on Insta telling her to pay; Roblox gift cards.'
    )
    result = redact(text)
    assert result.text == (
        # The whole link is the account's address (set 6 labels it so); "t.me" alone is never a handle.
        'He sends links to HANDLE_1. Her account changed its display name to "HANDLE_2" last week; '
        'she will not reply to "HANDLE_2" again. A message on Insta telling her to pay; Roblox gift cards.'
    ), result.text
