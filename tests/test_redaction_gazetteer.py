"""Places the project's own list missed, found through GeoNames' populated places (data/geonames_places.txt), and
places written the way messages and control rooms write them: in lower case, in a log's capitals, on a street
whose type word the patterns did not know. All text is invented; the guards keep ordinary words as they were."""

from __future__ import annotations

from importlib import resources

import pytest

from assistant.privacy import EntityKind, redact
from assistant.privacy.redaction import find_spans
from assistant.privacy.words import data_lines, place_names, public_names
from tests.fakes.redaction import covered, kinds_of


def test_geonames_fills_the_lists_gaps_and_says_where_it_came_from() -> None:
    text = (
        resources.files("assistant.privacy")
        .joinpath("data", "geonames_places.txt")
        .read_text(encoding="utf-8")
    )
    header = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    assert "GeoNames" in header and "CC BY 4.0" in header
    names = set(data_lines("geonames_places.txt"))
    assert {"rhyl", "king's lynn", "kings lynn"} <= names
    # Left out as places.txt leaves them out: big cities, and one-word names that are ordinary words.
    assert not names & {"london", "birmingham", "march", "street", "deal", "hope", "barking"}
    assert not {name for name in names if " " not in name} & public_names()
    assert {"rhyl", "kings lynn"} <= place_names()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("21:04 kez: im in kings lynn now\n21:05 jd: ok\n21:06 kez: ye", "kings lynn"),
        ("23:10 tia: yes. rhyl. my cousin will get u", "rhyl"),
        ("She said she was staying with a friend in yarmouth over half term.", "yarmouth"),
        ("dont go to llandudno without telling me", "llandudno"),
    ],
)
def test_a_listed_place_in_lower_case_is_redacted(text: str, value: str) -> None:
    assert covered(text, value), kinds_of(text)


def test_a_lower_case_place_takes_the_street_named_after_it() -> None:
    text = "meet me at whitby rd after school"
    assert kinds_of(text).get("whitby rd") is EntityKind.ADDRESS


@pytest.mark.parametrize(
    "text",
    [
        "the dog was barking all night and a new mill opened",
        "see rhyl.gov.uk for the opening times",
        "The reading list was sent home.",
    ],
)
def test_ordinary_words_and_web_addresses_stay(text: str) -> None:
    assert not any(kind is EntityKind.ADDRESS for kind in kinds_of(text).values()), kinds_of(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("VEHICLE SEEN A548 PRESTATYN 16:58, RHYL 17:06, THEN LOST.", "RHYL"),
        (
            "16:11 999 CALL FROM 27 MILLBROOK VALLEY, CALLER STATES MALE SHOUTING. UNITS 16:20.",
            "27 MILLBROOK VALLEY",
        ),
        ("02:40 CONCERN FOR WELFARE AT 3 HARBOUR ESPLANADE, NO ANSWER AT DOOR.", "3 HARBOUR ESPLANADE"),
        ("Moved to 9 Ashgrove Spinney in the spring.", "9 Ashgrove Spinney"),
    ],
)
def test_a_log_town_and_a_street_of_any_type_are_redacted(text: str, value: str) -> None:
    assert covered(text, value), kinds_of(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("08:02 PC Dale Morris on scene at the towpath.", "PC"),  # "Dale" is a name, not a street's type here
        ("19:40 DECISION: ARREST AT FIRST LIGHT. FIREARMS CERT HELD BY FARM OWNER.", "FARM OWNER"),
    ],
)
def test_words_beside_a_place_word_stay(text: str, kept: str) -> None:
    start = text.index(kept)
    assert not any(s.start < start + len(kept) and s.end > start for s in find_spans(text)), kinds_of(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ARRESTED AT FLAT 4, 12 STATION ROAD, FLINT BY DC OWENS.", "FLAT 4, 12 STATION ROAD, FLINT"),
        ("WARRANT EXECUTED 06:00, 31 ASH GROVE MARCH. NOTHING FOUND.", "31 ASH GROVE MARCH"),
        ("Visit to 12 Mill Lane, Rhyl and then home.", "12 Mill Lane, Rhyl"),
    ],
)
def test_the_town_after_a_numbered_street_is_part_of_the_address(text: str, value: str) -> None:
    assert value in kinds_of(text), kinds_of(text)


def test_a_month_after_a_street_stays_a_date() -> None:
    text = "She lived at 4 Church Street March 2023 to May."
    assert "4 Church Street" in kinds_of(text)
    assert "March 2023" in redact(text).text


def test_a_linked_town_written_with_spaces_is_the_listed_place() -> None:
    text = "They were heading towards Bradford on Avon for the winter; later Barrow in Furness."
    assert "Bradford on Avon" in kinds_of(text) and "Barrow in Furness" in kinds_of(text), kinds_of(text)
