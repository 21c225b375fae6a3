"""The rapid review's 15-working-day clock: the due date, where a text gives the notification date, and what a
draft's own dates say about its timing."""

from assistant.deadline.clock import (
    WORKING_DAYS,
    add_working_days,
    is_working_day,
    parse_notified,
    review_deadline,
    working_days_between,
)
from assistant.deadline.found import find_notification, find_review_steps
from assistant.deadline.notes import deadline_for_text, late_notes

__all__ = [
    "WORKING_DAYS",
    "add_working_days",
    "deadline_for_text",
    "find_notification",
    "find_review_steps",
    "is_working_day",
    "late_notes",
    "parse_notified",
    "review_deadline",
    "working_days_between",
]
