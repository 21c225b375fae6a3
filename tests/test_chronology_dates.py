"""UK date reading: every supported form, placeholders kept verbatim, impossible dates never repaired."""

from __future__ import annotations

import pytest

from assistant.chronology.dates import match_date, match_leading_placeholder, parse_date_cell


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("03/02/2025", "2025-02-03", "day"),
        ("3/2/25", "2025-02-03", "day"),
        ("3/2/98", "1998-02-03", "day"),
        ("3 Feb 2025", "2025-02-03", "day"),
        ("3 Feb. 2025", "2025-02-03", "day"),
        ("3rd February 2025", "2025-02-03", "day"),
        ("3rd of February 2025", "2025-02-03", "day"),
        ("Monday 3rd February 2025", "2025-02-03", "day"),
        ("Mon, 3 Feb 2025", "2025-02-03", "day"),
        ("February 3, 2025", "2025-02-03", "day"),
        ("3-Feb-25", "2025-02-03", "day"),
        ("03.02.2025", "2025-02-03", "day"),
        ("03-02-2025", "2025-02-03", "day"),
        ("2025-02-03", "2025-02-03", "day"),
        ("2025/02/03", "2025-02-03", "day"),
        ("03/02/2025 14:30", "2025-02-03", "day"),
        ("03/02/2025 at 9.15am", "2025-02-03", "day"),
        ("03/02/2025 - 05/02/2025", "2025-02-03", "day"),
        ("03/02/2025 (evening)", "2025-02-03", "day"),
        ("29/02/2024", "2024-02-29", "day"),
        ("Sept 2024", "2024-09-01", "month"),
        ("Feb 2025", "2025-02-01", "month"),
        ("February 2025", "2025-02-01", "month"),
        ("02/2025", "2025-02-01", "month"),
        ("2025-02", "2025-02-01", "month"),
        ("early Feb 2025", "2025-02-01", "month"),
        ("Mid-December 2024", "2024-12-01", "month"),
        ("2025", "2025-01-01", "year"),
        ("c. 2019", "2019-01-01", "year"),
        ("Summer 2024", "2024-01-01", "year"),
    ],
)
def test_date_cell_forms(text: str, iso: str, precision: str) -> None:
    parsed = parse_date_cell(f"  {text} ")
    assert (parsed.status, parsed.iso, parsed.precision) == ("ok", iso, precision)
    assert parsed.text == text, "date_text must be the author's text, only trimmed"


@pytest.mark.parametrize(
    "text",
    ["[date]", "[DATE]", "[date removed]", "[dates]", "[Date redacted]", "[redacted]", "Unknown", "N/K", "?"],
)
def test_placeholders_are_unknown_and_kept_verbatim(text: str) -> None:
    parsed = parse_date_cell(text)
    assert (parsed.status, parsed.iso, parsed.precision, parsed.text) == (
        "placeholder",
        None,
        "unknown",
        text,
    )
    assert parsed.is_date_like


@pytest.mark.parametrize(
    "text", ["31/02/2025", "29/02/2023", "02/13/2025", "00/01/2025", "31 April 2025", "32/01/2025"]
)
def test_impossible_dates_are_invalid_never_guessed(text: str) -> None:
    parsed = parse_date_cell(text)
    assert (parsed.status, parsed.iso, parsed.precision, parsed.text) == ("invalid", None, "unknown", text)


@pytest.mark.parametrize("text", ["Tuesday", "last week", "2025 onwards", "2025-26", "same day", "week 3"])
def test_text_that_is_not_a_date_is_unrecognised(text: str) -> None:
    parsed = parse_date_cell(text)
    assert (parsed.status, parsed.iso, parsed.text) == ("unrecognised", None, text)
    assert not parsed.is_date_like


def test_empty_cell_is_missing() -> None:
    assert parse_date_cell("   ").status == "missing"


def test_numeric_dates_are_day_first_not_us() -> None:
    assert parse_date_cell("04/05/2025").iso == "2025-05-04"
    assert parse_date_cell("12/01/2025").iso == "2025-01-12"


def test_bare_year_only_with_allow_year() -> None:
    assert match_date("2025 - Police - attended") is None
    found = match_date("2025 - Police - attended", allow_year=True)
    assert found is not None
    assert (found.parsed.iso, found.parsed.precision, found.parsed.text) == ("2025-01-01", "year", "2025")


def test_leading_match_stops_at_the_date() -> None:
    found = match_date("3 Feb 2025: Police: attended")
    assert found is not None
    assert (found.parsed.text, found.end) == ("3 Feb 2025", len("3 Feb 2025"))
    # The longest reading wins: an ISO date is not the year 2025 followed by "-02-03".
    iso = match_date("2025-02-03 - GP", allow_year=True)
    assert iso is not None
    assert iso.parsed.precision == "day"


def test_date_must_end_at_a_boundary() -> None:
    assert match_date("03/02/20251 - x") is None
    assert match_date("3 Febuary 2025") is None


def test_leading_placeholder_needs_the_word_date() -> None:
    assert match_leading_placeholder("[date removed] - HV - visit") == len("[date removed]")
    assert match_leading_placeholder("[Name] visited the family") is None
