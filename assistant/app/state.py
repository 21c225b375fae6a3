"""Per-session state: each user's documents and results live only in `st.session_state`.

Nothing a user pastes or uploads is ever kept in a module global, so two people using the app at the same
time never see each other's drafts. Initialisation runs once per session; pages read and write the keys
declared here and nowhere else.

Widget values are kept under separate `w_*` keys: Streamlit forgets a widget's state when its page is not
shown, so the text a user pasted is stored under a plain key and copied into the widget when the page is
shown again.
"""

from __future__ import annotations

import copy
from typing import Any

import streamlit as st

_INITIALISED = "_rra_initialised"

# Plain (non-widget) keys and their defaults.
DEFAULTS: dict[str, Any] = {
    # Critique page
    "critique_text": "",  # the draft as last pasted, uploaded or sent over from the draft page
    "critique_upload_id": None,  # file_id of the upload already read into critique_text
    "critique_upload_error": None,  # (message, fix) of the last rejected upload
    "critique_upload_notes": [],  # reader warnings for the last accepted upload
    "critique": None,  # app.review.CritiqueView of the last run
    "critique_pending": None,  # app.remote.RemotePreview awaiting the user's confirmation
    "critique_marks": {},  # the author's marks (domain.critique.Mark) by finding key (services.finding_key)
    # Draft page
    "draft_text": "",
    "draft_upload_id": None,
    "draft_upload_error": None,
    "draft_upload_notes": [],
    "draft": None,  # the last Draft and its downloads
    "draft_pending": None,  # app.remote.RemotePreview awaiting the user's confirmation
    # Lines of enquiry page
    "kloe_text": "",
    "kloe_upload_id": None,
    "kloe_upload_error": None,
    "kloe_upload_notes": [],
    "kloe": None,
    "kloe_pending": None,  # app.remote.RemotePreview awaiting the user's confirmation
    # Corpus browser
    "search_results": None,
    # Evaluation dashboard
    "eval_report": None,
    "eval_source": None,
}


def init_state() -> None:
    """Create this session's keys once; later runs leave the user's values alone."""
    state = st.session_state
    if state.get(_INITIALISED):
        return
    for key, value in DEFAULTS.items():
        if key not in state:
            state[key] = copy.deepcopy(value)
    state[_INITIALISED] = True


def widget_key(key: str) -> str:
    """The widget key mirroring a plain key (e.g. the text area showing `critique_text`)."""
    return f"w_{key}"


def restore_widget(key: str) -> None:
    """Before drawing the widget for `key`: give it the stored value if Streamlit has forgotten it."""
    wkey = widget_key(key)
    if wkey not in st.session_state:
        st.session_state[wkey] = st.session_state.get(key, DEFAULTS.get(key))


def set_text(key: str, value: str) -> None:
    """Replace a stored text and the widget showing it (call before the widget is drawn, or in a callback)."""
    st.session_state[key] = value
    st.session_state[widget_key(key)] = value


def hand_over_text(key: str, value: str) -> None:
    """Store a text for another page: its widget picks the value up when that page is next drawn."""
    st.session_state[key] = value
    st.session_state.pop(widget_key(key), None)
