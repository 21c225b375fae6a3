"""Redaction by mechanism rather than by phrase (issue 12, part 1): handles however practitioners introduce
them, schools with a direction or a second part, references after a code or standing alone, plates that
read as a school year or are written in lowercase, flats in buildings named with ordinary words, and the
words that must stay. Every line here is invented for this file."""

from __future__ import annotations

import pytest

from assistant.privacy import EntityKind, redact
from tests.fakes.redaction import covered


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("The messages came from the account tee.official late at night.", "tee.official"),
        ("He used Signal under the name abu_w_ldn for months.", "abu_w_ldn"),
        ("She talked to him using the WeChat ID meilin_rose22.", "meilin_rose22"),
        ("He has a Discord account, kaz#4471, and plays most nights.", "kaz#4471"),
        ("She was first contacted by jjay99 on Snapchat.", "jjay99"),
        ("A boy calling himself d3mon_boy on Roblox sent her gifts.", "d3mon_boy"),
        ("The account thereal_zed sent the videos.", "thereal_zed"),
        ("Her Insta name is marley.j and she posts daily.", "marley.j"),
        ("Snap name: princess_lou.", "princess_lou"),
        ("He went by lil.tee.official online.", "lil.tee.official"),
        ("Messages were from x_tasha_x, who she had never met.", "x_tasha_x"),
        ("IG: @cara.bxo", "cara.bxo"),
        ('His Facebook display name is "Tyler Wolf".', "Tyler Wolf"),
    ],
)
def test_handles_however_they_are_introduced(text: str, handle: str) -> None:
    assert covered(text, handle), redact(text).text


@pytest.mark.parametrize(
    "text",
    [
        "variables: [minimum_requirements, rule_findings, draft]",
        "The files d01_baby_skull_fracture.md and notes_v2.docx were read.",
        "The baby weighed 3.1kg at birth, e.g. below the 9th centile.",
        "Mother met the worker at 10am in Y7 and said she was on TikTok until 3pm.",
        "See www.example.org.uk for the policy.",
        "She was 14yo and in KS3 when she first used Instagram.",
    ],
)
def test_code_files_units_and_times_are_not_handles(text: str) -> None:
    kinds = [e.kind for e in redact(text).entities]
    assert EntityKind.HANDLE not in kinds, redact(text).text


@pytest.mark.parametrize(
    ("text", "school"),
    [
        ("She told her teacher at Kingsway Academy North about it.", "Kingsway Academy North"),
        ("He attends Harrowfield School & Sixth Form College.", "Harrowfield School & Sixth Form College"),
        ("Her brother is at Oakbank School and Nursery.", "Oakbank School and Nursery"),
        ("He is in Year 9 at Parrs Wood High and doing well.", "Parrs Wood High"),
        ("She attends St Bernadette's RC Primary.", "St Bernadette's RC Primary"),
        ("She got a place at Queen Elizabeth Grammar.", "Queen Elizabeth Grammar"),
        ("He moved to Hillside PRU in May.", "Hillside PRU"),
        ("He attends Parkside Academy Bradford.", "Parkside Academy Bradford"),
    ],
)
def test_schools_with_a_direction_a_second_part_or_a_place(text: str, school: str) -> None:
    assert covered(text, school), redact(text).text


@pytest.mark.parametrize(
    "text",
    [
        "The risk was rated Very High by the panel.",
        "The High Court made an order.",
        "Staff at the school and the nursery were told.",
    ],
)
def test_ratings_and_courts_are_not_schools(text: str) -> None:
    assert redact(text).entities == [], redact(text).text


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("Hospital number RTH 4471982 was given.", "RTH 4471982"),
        ("Log KD 551028 recorded the call.", "KD 551028"),
        ("Her episodes are recorded on the system under 5518302.", "5518302"),
        ("His passport (550918273) was seized.", "550918273"),
        ("Her file (RX1187230) was closed.", "RX1187230"),
        ("The MASH log ABC/24/00912 was opened.", "ABC/24/00912"),
        ("Crime 12/45678/24 relates.", "12/45678/24"),
        ("The review CSPR-NY-2024-0173 was notified.", "CSPR-NY-2024-0173"),
        ("The custody number is GH-24-33012.", "GH-24-33012"),
        ("UPN H801200012345 is on the school record.", "H801200012345"),
    ],
)
def test_references_after_a_code_or_standing_alone(text: str, reference: str) -> None:
    assert covered(text, reference), redact(text).text


def test_a_system_name_before_the_number_stays() -> None:
    result = redact("The log reference is LCS 8812047.")
    assert result.text == "The log reference is LCS REFERENCE_1."


@pytest.mark.parametrize(
    "text",
    [
        "The grant was £250000 and 12,500 leaflets.",
        "In 2019 she was 14; 45% of the time she was late.",
        "He was seen 3 times between 2021-2022.",
    ],
)
def test_money_percentages_and_years_are_not_references(text: str) -> None:
    assert EntityKind.REFERENCE not in [e.kind for e in redact(text).entities], redact(text).text


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("He drove a white Range Rover, Y11 DWH.", "Y11 DWH"),
        ("A taxi, S47 BDF, collected her from school.", "S47 BDF"),
        ("His car reg yx19klm was noted by police.", "yx19klm"),
        ("The plate was yx19 klm according to the neighbour.", "yx19 klm"),
        ("A silver car, BD65XKR, was seen outside.", "BD65XKR"),
        ("An old van P123 ABC was parked outside.", "P123 ABC"),
    ],
)
def test_vehicle_plates_near_a_word_about_a_vehicle(text: str, plate: str) -> None:
    assert covered(text, plate), redact(text).text


@pytest.mark.parametrize(
    "text",
    [
        "She is in Y11 and has S47 enquiries open; Y7 SEN support continues.",
        "The S47 ABE interview took place after the car journey.",
    ],
)
def test_year_groups_and_sections_are_not_plates(text: str) -> None:
    assert EntityKind.VEHICLE not in [e.kind for e in redact(text).entities], redact(text).text


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("He lives at Flat 21, Harbour Lights, in the town.", "Flat 21, Harbour Lights"),
        ("She lives at Holly Cottage, Moor Lane.", "Holly Cottage, Moor Lane"),
        ("They live at The Old Vicarage, Church Lane, near the church.", "Old Vicarage, Church Lane"),
        ("The family live at Rose Villa, Green Lane.", "Rose Villa, Green Lane"),
        ("Mother lives in Apartment 7, The Wharf.", "Apartment 7, The Wharf"),
    ],
)
def test_house_names_and_flats(text: str, address: str) -> None:
    assert covered(text, address), redact(text).text


def test_flat_before_a_weekday_or_a_role_is_no_building() -> None:
    assert redact("They moved into Flat 3, Monday was the first night.").text == (
        "They moved into ADDRESS_1, Monday was the first night."
    )


def test_names_after_a_role_label_and_short_first_names() -> None:
    text = "Social worker: Felicity Adeyemi-Cole. Mo Raza was arrested. Mo said nothing."
    result = redact(text)
    assert result.text == "Social worker: PERSON_1. PERSON_2 was arrested. PERSON_2 said nothing.", (
        result.text
    )


def test_places_named_like_people_stay() -> None:
    text = "They met at Bradford Interchange and flew from Manchester Airport; Kelly Bridge drove."
    assert redact(text).text == (
        "They met at Bradford Interchange and flew from Manchester Airport; PERSON_1 drove."
    )


def test_role_words_survive_next_to_every_new_rule() -> None:
    text = (
        "Mother said the social worker saw the account on TikTok. The health visitor, the GP and the "
        "headteacher met; Father drove the car. Police log 44 was noted by the school nurse."
    )
    assert redact(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "Seen by the health visitor Ocean Stone today.",
        "Designated Safeguarding Lead Ocean Stone came.",
        "Her foster carer Ocean Stone came.",
    ],
)
def test_a_multi_word_role_still_names_an_ordinary_word_name(text: str) -> None:
    """A role word followed by another role word is skipped only when the two are not one role."""
    assert covered(text, "Ocean Stone"), redact(text).text


def test_a_run_of_role_words_names_nobody() -> None:
    assert redact("Mother Mother Mother Father Father: the health visitor").entities == []


def test_a_handle_at_a_sentence_end_leaves_the_full_stop() -> None:
    text = "She used the WeChat ID meilin_rose22. He posts on TikTok as jjay99."
    assert redact(text).text == "She used the WeChat ID HANDLE_1. He posts on TikTok as HANDLE_2."
