"""The due date for a text, and a note when a draft's own dates show the review went to the Panel late.

The note is information for the author, never a finding: lateness says nothing about the quality of the
review's analysis, which is what the critique's findings (and the evaluation) are about."""

from __future__ import annotations

import datetime as dt

from assistant.deadline.clock import parse_notified, review_deadline, working_days_between
from assistant.deadline.found import find_notification, find_review_steps
from assistant.domain.deadline import DatedStep, ReviewDateNote, ReviewDeadline

_STEP_WORDS: dict[DatedStep, str] = {
    "submitted": "was sent to the Panel",
    "signed_off": "was signed off",
    "completed": "was completed",
    "meeting": "had its rapid review meeting",
}


def long_date(day: dt.date) -> str:
    """'Monday 24 March 2025': the weekday shows at a glance that the clock skipped weekends."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def deadline_for_text(text: str, notified: str | dt.date | None = None) -> ReviewDeadline | None:
    """The due date from the notification date given (`notified`), else from one the text gives; None when
    neither says when the notification was sent."""
    if notified is not None:
        return review_deadline(parse_notified(notified), source="option")
    found = find_notification(text)
    if found is None:
        return None
    return review_deadline(found.day, source="draft", evidence=found.evidence)


def late_notes(text: str, deadline: ReviewDeadline) -> list[ReviewDateNote]:
    """One note for the most final review step the text dates after the due date (sent to the Panel, signed off,
    completed, then the meeting: a review cannot be sent before its meeting); none when no dated step is late."""
    for step, found in find_review_steps(text):
        if found.day <= deadline.due:
            continue
        late = working_days_between(deadline.due, found.day)
        if late < 1:
            continue  # a weekend or bank holiday after a Friday due date is not a working day late
        message = (
            f"The draft says the review {_STEP_WORDS[step]} on {long_date(found.day)}. The notification was "
            f"sent on {long_date(deadline.notified)}, so the review was due by {long_date(deadline.due)}: "
            f"that is {late} working day{'s' if late != 1 else ''} after the due date. The Panel expects the "
            "review within 15 working days; where it took longer, the review can say why."
        )
        return [
            ReviewDateNote(
                kind="review_late",
                step=step,
                step_date=found.day,
                due=deadline.due,
                working_days_late=late,
                message=message,
                evidence=[found.evidence],
            )
        ]
    return []
