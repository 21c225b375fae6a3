"""The rapid review's due date on a page: a date input for the notification date (defaulting to one the text
gives) and the working days left. Kept apart from the pages so they each add it with one call."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from assistant import services
from assistant.app.components import md_escape
from assistant.render.deadline_text import days_left_message, deadline_sentences

NOTIFIED_LABEL = "Date the serious incident notification was sent"


def deadline_panel(prefix: str, text: str, *, today: dt.date | None = None) -> dt.date | None:
    """Draw the panel. Returns the date the user picked in place of the text's own (None when they kept the
    text's date or gave none): the page passes it to the service as `notified=`, so its downloads give the
    same due date as the panel, and a date the text gives keeps its quote there."""
    found = services.review_deadline(text) if text.strip() else None
    default = found.notified if found is not None else None
    # Keyed by the date the text gives, so a new text brings its own date in; the user's choice stays meanwhile.
    notified = st.date_input(
        NOTIFIED_LABEL,
        value=default,
        key=f"w_{prefix}_notified_{default}",
        format="DD/MM/YYYY",
        help="The rapid review is due 15 working days after it (weekends and England's bank holidays are "
        "not counted). Taken from the text when it gives the date; change it here if it is wrong.",
    )
    if not isinstance(notified, dt.date):
        st.caption("Give the notification date to see when the rapid review is due.")
        return None
    same = found is not None and found.notified == notified
    deadline = found if same else services.review_deadline(notified=notified)
    chosen = None if same else notified
    if deadline is None:
        return chosen
    left = services.working_days_left(deadline.due, today)
    show = st.info if left >= 0 else st.warning
    show(md_escape(days_left_message(deadline, left)), icon=":material/event:")
    st.caption(md_escape(" ".join(deadline_sentences(deadline)[1:])))
    return chosen
