"""How old the reference data is: it records when its facts were last checked, and goes stale after a year."""

from __future__ import annotations

import re
from datetime import date

from assistant.errors import ConfigError

STALE_AFTER_MONTHS = 12
CHECKED = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def today() -> date:
    """The date staleness is judged on; a function so that tests and callers can fix it."""
    return date.today()


def checked_date(value: str) -> date:
    """'2026-11' or '2026-11-20'. A month alone counts as its first day: the earliest the check can have
    been, so the warning is never late."""
    m = CHECKED.match(value.strip())
    if m is None:
        raise ConfigError(
            f"reference data has an unreadable 'checked' date: {value!r}",
            fix="write 'checked' as YYYY-MM or YYYY-MM-DD in corpus/national-reviews.yaml and statutory-criteria.yaml",
        )
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
    except ValueError as exc:
        raise ConfigError(
            f"reference data has an impossible 'checked' date: {value!r}",
            fix="write 'checked' as a real date, YYYY-MM or YYYY-MM-DD",
        ) from exc


def add_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    # the 31st plus a month is the last day of a shorter month
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, d)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def is_stale(checked: str, today: date) -> bool:
    """True when the data was last checked more than STALE_AFTER_MONTHS months before `today`."""
    return today > add_months(checked_date(checked), STALE_AFTER_MONTHS)


def oldest(values: list[str]) -> str:
    """The least recently checked of several 'checked' values ('' when there are none)."""
    return min(values, key=checked_date) if values else ""
