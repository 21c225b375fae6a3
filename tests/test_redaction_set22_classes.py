"""Classes of identifier set 22 showed the redactor missing, each on invented text (none of it from the set):
the accounts a list of quoted names gives after a word for several accounts, in any shape ("xX JORDY B Xx"), and
those names again as a chat's speakers; pubs named as English pubs are ("the Red Lion"); and a neighbour's house number
in brackets after her name."""

from __future__ import annotations

import pytest

from assistant.privacy import EntityKind, redact
from tests.fakes.redaction import covered, kinds_of

_CHAT = (
    'Xbox party chat, gamertags "KingKez99", "xX JORDY B Xx", "SPUD0161":\n'
    "14/03 SPUD0161: u on tonight\n"
    "14/03 KingKez99: after 9\n"
    "14/03 xX JORDY B Xx: bro we go out sat\n"
)


@pytest.mark.parametrize("value", ["KingKez99", "xX JORDY B Xx", "SPUD0161"])
def test_each_quoted_account_in_a_list_is_a_handle(value: str) -> None:
    assert kinds_of(_CHAT).get(value) is EntityKind.HANDLE, kinds_of(_CHAT)


def test_a_listed_account_is_redacted_again_where_it_speaks() -> None:
    lines = redact(_CHAT).text.splitlines()
    assert all("SPUD0161" not in line and "JORDY" not in line for line in lines), lines


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('WhatsApp group "Lads" (members "Dev R", "Tiny" and "Marcus J"):', "Dev R"),
        ('Their usernames were "moonchild", "sk8r.boi" & "bluebell_x".', "moonchild"),
    ],
)
def test_group_members_and_usernames_listed_in_quotes(text: str, value: str) -> None:
    assert covered(text, value), kinds_of(text)


def test_a_quoted_list_without_an_account_word_is_left() -> None:
    text = 'She used the words "sorry", "scared" and "tired" in her statement.'
    assert not any(kind is EntityKind.HANDLE for kind in kinds_of(text).values()), kinds_of(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Seen drinking in the Red Lion on Friday night.", "Red Lion"),
        ("He came home at 01:30 from the Fox and Hounds.", "Fox and Hounds"),
        ("Staff at The Nag's Head called the police.", "Nag's Head"),
        ("She works evenings at the Rose and Crown.", "Rose and Crown"),
    ],
)
def test_a_pub_named_as_english_pubs_are_is_redacted(text: str, value: str) -> None:
    assert covered(text, value), kinds_of(text)  # a pub, or a place named after one ("Nag's Head")


@pytest.mark.parametrize(
    "text",
    [
        "A donation to the Red Cross.",
        "Family in the Black Country since 2019.",
        "He called the old bull a name.",
    ],
)
def test_what_is_no_pub_stays(text: str) -> None:
    assert not any(kind is EntityKind.ORG for kind in kinds_of(text).values()), kinds_of(text)


def test_a_neighbours_house_number_in_brackets_after_her_name_is_an_address() -> None:
    text = "Her neighbour Mrs Ines Coutinho (no. 12) heard shouting at 22:30."
    assert kinds_of(text).get("no. 12") is EntityKind.ADDRESS, kinds_of(text)


@pytest.mark.parametrize(
    "text", ["The accident book entry (no. 47) said radiator.", "Visits (no. 3) were missed."]
)
def test_a_numbered_entry_in_brackets_stays(text: str) -> None:
    assert not any(kind is EntityKind.ADDRESS for kind in kinds_of(text).values()), kinds_of(text)
