"""What set 26 (written blind, scored once at 28c09d2) showed, each on invented text (none of it from the set):
the parts of an address that sit outside its street or building, a flat's letter, a house's number before a
building's name and a postcode's district after it."""

from __future__ import annotations

import pytest

from assistant.privacy import redact
from assistant.privacy.redaction import find_spans


@pytest.mark.parametrize(
    ("text", "address"),
    [
        # a house's number before a building found without it, in a log's capitals and in title case
        ("OFFICERS ATTENDED 14 HARTLEY HOUSE AT 0200.", "14 HARTLEY HOUSE"),
        ("Mother is staying at 3C Linden Court with a friend.", "3C Linden Court"),
        # a flat's letter before a numbered street
        ("They moved to Flat C, 61 Orchard Road last spring.", "Flat C, 61 Orchard Road"),
        # a postcode's district alone after an address
        ("Home address: 9 Tanner Street, SE1 (rented).", "9 Tanner Street, SE1"),
    ],
)
def test_an_address_goes_with_its_number_letter_and_district(text: str, address: str) -> None:
    spans = find_spans(text)
    assert [text[s.start : s.end] for s in spans if s.kind.value == "ADDRESS"] == [address]
    assert find_spans(redact(text).text) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("At 10:30 Hartley House called the duty desk.", "10:30"),  # a time's minutes are no house number
        ("Seen at 9 Tanner Street, car FD14 NWE outside.", "outside"),  # a plate is no district
        ("Flat C, 61 Orchard Road; full postcode BL1 4AB.", "full postcode"),  # nor half a postcode
    ],
)
def test_what_is_not_part_of_the_address_stays(text: str, kept: str) -> None:
    redacted = redact(text).text
    assert kept in redacted, redacted
    assert "NWE" not in redacted and "4AB" not in redacted, redacted


THREAD = (
    "Family: Hope Mensah (child), Jade Mensah (sister), River Mensah (brother).\n"
    "[21:02] Mum: tell jade im outside. my sister hope says she is cold\n"
    "[21:03] Nan: river's shoes are here. ur getting so tall river\n"
    "[21:04] Mum: i hope so. the river is high tonight. jade cant come\n"
)


def test_a_name_that_is_a_word_is_the_person_where_a_message_names_someone() -> None:
    redacted = redact(THREAD).text
    for named in ("tell jade", "sister hope", "river's", "tall river", "jade cant"):
        assert named not in redacted, redacted
    # the words themselves stay where they are words
    assert "i hope so" in redacted and "the river is high" in redacted, redacted
    assert find_spans(redacted) == [], redacted


def test_a_word_read_once_as_a_given_name_is_no_one_in_a_message() -> None:
    # "Said Ify" read as a name does not make "said" a name after "kofi"
    text = "Statement of Said Ify Okafor.\n@kofi.b: kofi said dont tell anyone\n"
    assert "said dont" in redact(text).text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("New birth visit by HV Hannah W at the clinic.", "Hannah W"),  # before a word in lower case
        ("Staff Jade F and Tom on shift.", "Jade F"),  # before "and" and a name
        ("Email from Cian McG today.", "Cian McG"),  # a Mc surname's initial
    ],
)
def test_a_found_given_name_takes_the_surnames_initial_after_it(text: str, name: str) -> None:
    spans = find_spans(text)
    assert name in [text[s.start : s.end] for s in spans], spans


def test_letters_in_a_list_after_a_name_stay() -> None:
    assert "A and B" in redact("Sam A and B agreed the plan.").text


def test_a_name_with_its_surnames_initial_keeps_the_full_names_placeholder() -> None:
    redacted = redact("HV Hannah W at the clinic. Hannah Wilson visited later.").text
    assert redacted == "HV PERSON_1 at the clinic. PERSON_1 visited later.", redacted
