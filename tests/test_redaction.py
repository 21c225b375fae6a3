"""Redaction: recall over the fictional PII set, roles kept, consistent placeholders, exact restore."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.errors import InputError
from assistant.privacy import EntityKind, Redaction, check_redacted, redact

PASSAGES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "data" / "pii" / "passages.yaml").read_text(encoding="utf-8")
)


def present(needle: str, text: str) -> bool:
    """Whole-word presence, so 'Ava' is not found inside 'available'."""
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", text) is not None


def test_set_is_well_formed() -> None:
    assert len(PASSAGES) >= 40
    for passage in PASSAGES:
        for needle in [*passage["remove"], *passage["keep"]]:
            assert isinstance(needle, str), (passage["id"], needle)
            assert present(needle, passage["text"]), (passage["id"], needle)


def test_recall_and_keep_list() -> None:
    removed = total = kept_lost = keep_total = 0
    leaks: list[str] = []
    lost: list[str] = []
    for passage in PASSAGES:
        redacted = redact(passage["text"]).text
        for needle in passage["remove"]:
            total += 1
            if present(needle, redacted):
                leaks.append(f"{passage['id']}: {needle}")
            else:
                removed += 1
        for needle in passage["keep"]:
            keep_total += 1
            if not present(needle, redacted):
                kept_lost += 1
                lost.append(f"{passage['id']}: {needle}")
    recall = removed / total
    print(
        f"\nredaction recall {recall:.4f} ({removed}/{total}); keep-list false positives {kept_lost}/{keep_total}"
    )
    assert recall >= 0.99, leaks
    assert kept_lost == 0, lost


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Call 07700 900123 today", EntityKind.PHONE),
        ("Call +44 (0)161 496 0742 today", EntityKind.PHONE),
        ("Call 020 7946 0018 today", EntityKind.PHONE),
        ("NHS number 9434765919 noted", EntityKind.NHS_NUMBER),
        ("NHS number 943-476-5919 noted", EntityKind.NHS_NUMBER),
        ("NI number AB123456C noted", EntityKind.NI_NUMBER),
        ("Postcode SW1A 1AA noted", EntityKind.POSTCODE),
        ("Write to j.doe+cp@example.org now", EntityKind.EMAIL),
        ("Seen on 1st of March 2021 at home", EntityKind.DATE),
        ("Seen on March 1, 2021 at home", EntityKind.DATE),
        ("Lives at 7B Mill Lane now", EntityKind.ADDRESS),
        ("Attends Ashgrove Infant School now", EntityKind.SCHOOL),
        ("Registered at Castle Street Surgery now", EntityKind.GP_PRACTICE),
    ],
)
def test_each_kind(text: str, kind: EntityKind) -> None:
    result = redact(text)
    assert [e.kind for e in result.entities] == [kind], result.text
    assert f"{kind.value}_1" in result.text


def test_same_original_same_placeholder_case_and_space_insensitive() -> None:
    result = redact("Kelly Smith rang. Later KELLY  SMITH rang again, then kelly smith wrote.")
    persons = [e for e in result.entities if e.kind is EntityKind.PERSON]
    assert [(e.placeholder, e.count) for e in persons] == [("PERSON_1", 3)], result.text
    assert result.text == "PERSON_1 rang. Later PERSON_1 rang again, then PERSON_1 wrote."


def test_numbers_and_dates_are_keyed_on_their_value() -> None:
    result = redact("Phone 07700 900123 or 07700900123. Seen 03/05/2020 and again on 3 May 2020.")
    assert result.text == "Phone PHONE_1 or PHONE_1. Seen DATE_1 and again on DATE_1."


def test_first_name_joins_its_full_name() -> None:
    result = redact("Jayden Smith was seen. Jayden said little.")
    assert result.text == "PERSON_1 was seen. PERSON_1 said little."
    assert result.restore("PERSON_1 is the child.") == "Jayden Smith is the child."


def test_restore_round_trip_and_model_output() -> None:
    text = "Mother: Kelly Smith. Kelly took CHILD A to Oakfield Primary School on 12/03/2021."
    result = redact(text)
    assert result.restore(result.text) == text
    reply = "SCHOOL_1 should have shared concerns about PERSON_1 after DATE_1. PERSON_9 is unknown."
    assert result.restore(reply) == (
        "Oakfield Primary School should have shared concerns about Kelly Smith after 12/03/2021. "
        "PERSON_9 is unknown."
    )


def test_existing_placeholder_words_are_not_reused() -> None:
    text = "PERSON_1 is a literal token; Sarah Jones is a name."
    result = redact(text)
    assert "Sarah" not in result.text
    assert result.entities[0].placeholder == "PERSON_2"
    assert result.restore(result.text) == text


def test_originals_are_available_locally_on_request() -> None:
    result = redact("Kelly Smith rang; KELLY SMITH wrote; Kelly Smith called.")
    assert result.originals() == {"PERSON_1": ["Kelly Smith", "KELLY SMITH", "Kelly Smith"]}


def test_originals_never_serialised_or_printed() -> None:
    result = redact("Dr Amir Patel saw Zainab Hussain at 12 Elm Road.")
    for rendering in (result.model_dump_json(), repr(result), str(result), str(result.model_dump())):
        for original in ("Amir", "Patel", "Zainab", "Hussain", "Elm Road"):
            assert original not in rendering


def test_anonymised_labels_and_roles_untouched() -> None:
    text = (
        "CHILD A and CHILD F were seen by the Health Visitor with Adult A, the Maternal Grandmother, on "
        "[date] at [location]; [name] told Police, MASH, the NHS Trust and Children's Social Care."
    )
    result = redact(text)
    assert result.text == text
    assert result.entities == []


def test_idempotent_on_the_test_set() -> None:
    for passage in PASSAGES:
        once = redact(passage["text"])
        assert redact(once.text).entities == [], (passage["id"], once.text)


def test_check_redacted_names_kinds_not_originals() -> None:
    check_redacted(redact("Kelly Smith, 07700 900123").text)
    with pytest.raises(InputError) as caught:
        check_redacted("Kelly Smith, 07700 900123")
    assert "PERSON" in str(caught.value) and "PHONE" in str(caught.value)
    assert "Kelly" not in str(caught.value) and "900123" not in str(caught.value)
    assert "redact()" in str(caught.value)


_PIECES = st.sampled_from(
    [
        "Jayden", "Smith", "Mr ", "Mrs Green", " ", ", ", ". ", "\n", "\t", "PERSON_1", "DATE_2", "_",
        "07700 900123", "12/03/2019", "WB1 2AB", "Flat 3", "12 Elm Road", "Oakfield Primary School",
        "known as ", "Mother: ", "'s", "3", "x", "JAYDEN SMITH", "jayden", "(", "Sibling 1 (", "Kai",
        "a@b.co", "943 476 5919", "QQ 12 34 56 C", "PERSON_", "1",
    ]
)  # fmt: skip
_TEXTS = st.one_of(st.text(), st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=30).map("".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_redact_never_raises_and_restores_exactly(text: str) -> None:
    result = redact(text)
    assert isinstance(result, Redaction)
    assert result.restore(result.text) == text
