"""What set 33 (written blind, scored once at ca892c1) and set 32 showed, each on invented text (none of it from
the sets)."""

from __future__ import annotations

import pytest

from assistant.privacy import redact


@pytest.mark.parametrize(
    ("text", "left"),
    [
        # a surname's initial after a found given name, before a comma, a bracket or a quote
        ("Staff: Joel Varga, Ngozi Obi (RM).\nStaff on: Joel V, Ngozi O, Sam (RM).", " V,"),
        ("Friend (Hawa Jama) said... later her friend (Hawa J) says she cuts.", " J)"),
        # every initial before a surname found in full elsewhere
        ("Father: Mohammed Tariq Rahman. Later: M T Rahman, NHS 943 476 5919.", "M "),
    ],
)
def test_initials_go_with_the_name_they_belong_to(text: str, left: str) -> None:
    redacted = redact(text).text
    assert left not in redacted, redacted


def test_letters_listed_after_a_name_are_a_list_not_his_initial() -> None:
    assert "B, C and D" in redact("Kids: Sam B, C and D.").text


def test_a_gaelic_surname_with_a_capital_inside_is_a_name_not_an_acronym() -> None:
    redacted = redact("Chair: Mòrag NicLeòid (Team Manager).").text
    assert "NicLeòid" not in redacted, redacted


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("Address: Flat 3/2, 18 Kelvin Street, Paisley PA1 2AB", "/2"),
        ("Police attended 21 Maes-y-Deri at 01:20. Letter to 21 Maes-y-Deri, Pontyfelin.", "21"),
        ("Moved to 4 Station Cottages, Cantley in May.", "4 "),
    ],
)
def test_an_address_keeps_its_number_and_its_tenement_door(text: str, left: str) -> None:
    redacted = redact(text).text
    assert left not in redacted, redacted


def test_a_price_or_a_date_before_a_place_is_no_house_number() -> None:
    redacted = redact("On 12 March she moved to 4 Station Cottages, Cantley. Fare £12 Cantley taxi.").text
    assert "£12" in redacted, redacted


def test_a_portuguese_particle_is_part_of_the_name() -> None:
    redacted = redact("Supervising: DS Maria do Carmo Pires. Things to do today.").text
    assert "Carmo" not in redacted and "Things to do today" in redacted, redacted


def test_a_place_named_with_ordinary_words_is_that_place_again_without_its_kind() -> None:
    redacted = redact("She attends Little Acorns Nursery in Hexham. Little Acorns manager rang.").text
    assert "Acorns" not in redacted and "manager rang" in redacted, redacted


def test_a_generic_service_said_without_its_kind_stays() -> None:
    redacted = redact("Referred to Hexham Early Help Hub. Early Help offered a worker.").text
    assert "Early Help offered" in redacted, redacted
