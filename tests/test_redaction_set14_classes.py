"""The classes of identifier set 14 showed the redactor missing, each on invented text (none of it from the
sets): a control room's short street types in capitals, a day and month no score is written as, a maiden
name, a nickname in brackets after a surname in capitals, a given name before a surname in capitals, a
speaker's emoji and initial, long reference numbers (a pupil's UPN), children's services in capitals and
forces named by a region, estates and places ending in -ness; and the false alarms to avoid (what a family
calls someone, a car's body type, an interpreting line after "mum:", a lone ordinary word before a dash,
nationalities and large foreign cities, a unit's initials after a placeholder)."""

from __future__ import annotations

import pytest

from assistant.privacy import redact
from assistant.privacy.kinds import EntityKind
from assistant.privacy.redaction import find_spans
from tests.fakes.redaction import covered, kinds_of


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("06:40 MALE ARRESTED AT 9 WHEATSHEAF RD. NO INJURIES.", "9 WHEATSHEAF RD"),
        ("LAST KNOWN 31B KILN ST, ORMSBY. CALLBACK NO REPLY.", "31B KILN ST"),
        ("The neighbour at No. 6 Pellow Terrace called it in.", "No. 6 Pellow Terrace"),
    ],
)
def test_short_street_types_in_capitals_and_a_numbered_no(text: str, value: str) -> None:
    assert covered(text, value), redact(text).text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Discharged 04/10. Seen again later.", "04/10"),
        ("Skeletal survey 23/02: two healing fractures.", "23/02"),
        ("Went missing again and returned 17/11 late.", "17/11"),
    ],
)
def test_a_day_and_month_no_score_is_written_as(text: str, value: str) -> None:
    assert kinds_of(text).get(value) is EntityKind.DATE, redact(text).text


@pytest.mark.parametrize(
    "text",
    [
        "Pain 8/10 on arrival.",
        "Aged 18/12 at the time.",
        "Booked at 8/52.",
        "GCS 15/15.",
        "A 3/7 history.",
        "Needs 24/7 care.",
    ],
)
def test_scores_and_clinical_times_stay(text: str) -> None:
    assert "DATE" not in redact(text).text, redact(text).text


def test_a_maiden_name_after_nee_even_an_ordinary_word_in_capitals() -> None:
    text = "- Roisin MAUGHAN (née FIELD), 29, Mother."
    assert covered(text, "FIELD"), redact(text).text


def test_a_nickname_in_brackets_after_a_surname_in_capitals() -> None:
    text = '| Tyrell McGUIRE ("T-Bag") | adult of concern | 25 |\nPolice know T-Bag well.'
    assert covered(text, "T-Bag"), redact(text).text


def test_a_given_name_before_a_surname_in_capitals() -> None:
    text = 'She knows "Jonno" (Jordan WHITTAKER, 19) from the youth hub.'
    assert covered(text, "Jordan WHITTAKER"), redact(text).text


def test_a_speakers_emoji_and_initial_are_part_of_the_label() -> None:
    text = (
        "15/03/2024, 20:01 - Rocco 🐺: who is out\n"
        "15/03/2024, 20:02 - Dessie K: me\n"
        "15/03/2024, 20:03 - Rocco 🐺: bet\n"
        "15/03/2024, 20:04 - Dessie K: ok\n"
    )
    kinds = kinds_of(text)
    assert kinds.get("Dessie K") is EntityKind.PERSON, redact(text).text
    assert "Rocco" not in redact(text).text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Records list K919207612055 for her.", "K919207612055"),  # a pupil's UPN
        ("The log shows 5224041000112 for that night.", "5224041000112"),
    ],
)
def test_long_reference_numbers(text: str, value: str) -> None:
    assert kinds_of(text).get(value) is EntityKind.REFERENCE, redact(text).text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("RHI REQUESTED FROM WENMOOR CHILDREN'S TRUST. NFA.", "WENMOOR CHILDREN'S TRUST"),
        ("NOTIFICATION TO RUTLAND CHILDREN'S SERVICES (PPN).", "RUTLAND CHILDREN'S SERVICES"),
        ("Referral to Doncaster Children's Trust made.", "Doncaster Children's Trust"),
        ("REQUEST TO SOUTH WALES POLICE TO ATTEND.", "SOUTH WALES POLICE"),
        ("DS Ffion Rees (Dyfed-Powys Police) joined.", "Dyfed-Powys Police"),
    ],
)
def test_childrens_services_and_forces_named_by_a_region(text: str, value: str) -> None:
    assert covered(text, value), redact(text).text


def test_a_log_in_capitals_keeps_its_own_words_before_the_service() -> None:
    out = redact("RHI REQUESTED FROM WENMOOR CHILDREN'S TRUST. AVON AND SOMERSET CONSTABULARY ATTENDED.").text
    assert out.startswith("RHI REQUESTED FROM ORG_"), out
    assert "AVON" not in out, out


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("A school place was sought in Skegness.", "Skegness"),
        ("Her father lives on the Beechfield estate, near the park.", "Beechfield estate"),
    ],
)
def test_places_ending_in_ness_and_estates(text: str, value: str) -> None:
    assert kinds_of(text).get(value) is EntityKind.ADDRESS, redact(text).text


@pytest.mark.parametrize(
    "text",
    [
        'An older relative is called "Auntie" or "Egbon" in the family.',
        'She calls my mother "Nain" and comes for Sunday dinner.',
        "They bought a Skoda Octavia estate last year.",
        "Interpreter for mum: Language Line, Somali.",
        "3rd July Visited - Granny says they are away.",
        "Journey via Libya with a Libyan smuggler; his uncle lives in Kumasi.",
        "Her kindness and happiness were noted.",
    ],
)
def test_words_that_name_no_one_stay(text: str) -> None:
    kinds = {k for k in kinds_of(text).values() if k is not EntityKind.DATE}
    assert not kinds, redact(text).text


@pytest.mark.parametrize(
    "text",
    [
        "Care proceedings: Harwick Family Court, case no. HW24C00871.\nMother: Jade Holt\n"
        "Father of Kai: Dean Holt\nFather of Mia: Sean Platt\nSchools: Harwick Primary\n",
        "DC Amara Boateng, Kent Police CAIU (AB)\nChair: Gwen Pryce\n",
        "01:21 SEEN LEAVING. LINKED GREY AUDI KP17 ZRT - RK D MCKENZIE HOUGHTON REGIS.\n",
    ],
)
def test_redacting_twice_finds_nothing_more(text: str) -> None:
    once = redact(text).text
    assert find_spans(once) == [], once


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("She stays with her aunt in Rye most weekends.", "Rye"),
        ("The family moved to Eccles in the spring.", "Eccles"),
        ("LAST SEEN WALKING TOWARDS SEVEN SISTERS AT 23:10.", "SEVEN SISTERS"),
        ("They met at Mile End most days.", "Mile End"),
        ("Her brother lives in Castle Cary with his partner.", "Castle Cary"),
    ],
)
def test_listed_places_named_with_ordinary_words(text: str, value: str) -> None:
    """data/places.txt: one word where a place goes, two or more wherever they are written capitalised."""
    assert covered(text, value), redact(text).text


@pytest.mark.parametrize(
    "text",
    [
        "In March she moved to a new flat.",
        "She was referred to Early Help and then to Children's Social Care.",
        "The interview took place in The Meadows Suite.",
        "Mother hoped the rye bread would help.",
    ],
)
def test_words_that_only_look_like_places_stay(text: str) -> None:
    assert "ADDRESS" not in redact(text).text, redact(text).text


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        (
            "Safeguarding team: 01632 960218 ext 4416 (answerphone).",
            "01632 960218 ext 4416",
            EntityKind.PHONE,
        ),
        ("Ring 01632 960331 x 27 for the duty desk.", "01632 960331 x 27", EntityKind.PHONE),
        ("Concern #51207 logged by reception.", "#51207", EntityKind.REFERENCE),
        ("Episodes MISS-0072 and MISS-0075 were closed.", "MISS-0072", EntityKind.REFERENCE),
    ],
)
def test_phone_extensions_hash_numbers_and_zero_padded_codes(text: str, value: str, kind: EntityKind) -> None:
    """Set 15's shapes: a phone's extension is part of the number; a record's number after a hash or with a
    leading zero (which no year has) is a reference."""
    assert kinds_of(text).get(value) is kind, redact(text).text


@pytest.mark.parametrize("text", ["Trending #2024 online.", "An EHCP-2024 review and COVID-19 leave."])
def test_years_after_a_hash_or_a_dash_stay(text: str) -> None:
    assert redact(text).text == text
