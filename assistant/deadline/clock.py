"""Working-day arithmetic for the rapid review's due date.

The Panel's guidance: the rapid review should be completed and sent to the Panel within 15 working days of the
serious incident notification. The clock counts from the date the notification was sent:

- the notification day is day 0, whatever time it was sent; the first working day after it is day 1, and the
  review is due on working day 15 (notified Monday 3 March 2025, due Monday 24 March 2025);
- a notification sent on a weekend or a bank holiday also counts the next working day as day 1;
- working days are Monday to Friday except England's bank holidays, which come from the maintained `holidays`
  library (substitute days such as 27 December 2022 for a Sunday Christmas Day, and one-off days such as a
  state funeral, included), so no list of dates is kept here.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

from assistant.chronology.dates import parse_date_cell
from assistant.domain.critique import Evidence
from assistant.domain.deadline import BankHoliday, DeadlineSource, ReviewDeadline
from assistant.errors import InputError

WORKING_DAYS = 15
RULE = (
    "15 working days after the serious incident notification: the notification day is day 0, the first "
    "working day after it is day 1; weekends and England's bank holidays are not counted"
)


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> dict[dt.date, str]:
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year).items())


def bank_holiday(day: dt.date) -> str | None:
    """The name of England's bank holiday on `day`, or None."""
    return _bank_holidays(day.year).get(day)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and bank_holiday(day) is None


def add_working_days(start: dt.date, days: int) -> tuple[dt.date, list[BankHoliday]]:
    """The working day `days` working days after `start` (which is day 0), and the weekday bank holidays skipped
    on the way (a bank holiday on a weekend is not a day the clock lost, so it is not listed)."""
    day, counted, skipped = start, 0, []
    while counted < days:
        day += dt.timedelta(days=1)
        if day.weekday() >= 5:
            continue
        name = bank_holiday(day)
        if name is not None:
            skipped.append(BankHoliday(date=day, name=name))
            continue
        counted += 1
    return day, skipped


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is before `start`.

    `working_days_between(today, due)` is the working days left (0 on the due date itself), and its negative is
    how many working days ago the due date passed."""
    if end < start:
        return -working_days_between(end, start)
    return sum(is_working_day(start + dt.timedelta(days=i)) for i in range(1, (end - start).days + 1))


def review_deadline(
    notified: dt.date,
    *,
    source: DeadlineSource = "option",
    evidence: Evidence | None = None,
    working_days: int = WORKING_DAYS,
) -> ReviewDeadline:
    due, skipped = add_working_days(notified, working_days)
    return ReviewDeadline(
        notified=notified,
        due=due,
        working_days=working_days,
        source=source,
        evidence=evidence,
        bank_holidays_skipped=skipped,
        rule=RULE,
    )


def parse_notified(value: str | dt.date) -> dt.date:
    """The notification date a user typed, read as the chronology's dates are (day first: 03/03/2025,
    3 March 2025, 2025-03-03); anything else is an input error that names the fix."""
    if isinstance(value, dt.date):
        return value
    parsed = parse_date_cell(value)
    if parsed.status == "ok" and parsed.precision == "day" and parsed.iso is not None:
        return dt.date.fromisoformat(parsed.iso)
    raise InputError(
        f"--notified '{value}' is not a day that exists",
        fix="give the date the serious incident notification was sent, e.g. 2025-03-03 or 3 March 2025",
    )
