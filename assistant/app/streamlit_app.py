"""Rapid Review Assistant: the Streamlit app's entry point (`rapid-review ui`).

Defines the pages; each page calls the service layer (`assistant.services`) and keeps the user's documents
in that user's session state only. When sign-in is configured, a visitor who has not signed in gets the
sign-in page and nothing else.
"""

from __future__ import annotations

import sys
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parents[2])
if (
    _ROOT not in sys.path
):  # `streamlit run` puts assistant/app/ on the path, not the folder holding `assistant`
    sys.path.insert(0, _ROOT)

import streamlit as st  # noqa: E402

from assistant.app import signin  # noqa: E402
from assistant.app.components import page_style  # noqa: E402
from assistant.app.state import init_state  # noqa: E402

st.set_page_config(
    page_title="Rapid Review Assistant",
    # A file of ours, not a :material/ name: Streamlit fetches those tab icons from fonts.gstatic.com.
    page_icon=str(Path(__file__).resolve().parent / "static" / "icon.png"),
    layout="wide",
    menu_items={"About": "Rapid Review Assistant: Panel-style feedback on child safeguarding rapid reviews."},
)
if signin.required() and not signin.signed_in():
    # The only page registered, so no other page's script can run and no navigation is drawn.
    st.navigation(
        [st.Page(signin.sign_in_page, title="Sign in", url_path="sign-in")], position="hidden"
    ).run()
    st.stop()
init_state()
page_style()

# The page scripts live in app_pages/, not pages/: Streamlit treats a pages/ folder beside the entry point as
# an old-style multipage app until st.navigation first runs, so a bookmark to /draft opened on a freshly
# started server would run that page on its own, without this file.
# One flat list, in the order people use the tools: Streamlit draws titled sections as <div>s inside its
# <ul>, which screen readers cannot follow as a list (axe: list, listitem).
pages = [
    st.Page("app_pages/home.py", title="Home", icon=":material/home:", default=True),
    st.Page(
        "app_pages/draft.py",
        title="Draft from a chronology",
        icon=":material/edit_note:",
        url_path="draft",
    ),
    st.Page(
        "app_pages/critique.py",
        title="Critique a draft",
        icon=":material/rate_review:",
        url_path="critique",
    ),
    st.Page("app_pages/kloe.py", title="Lines of enquiry", icon=":material/quiz:", url_path="kloe"),
    st.Page(
        "app_pages/corpus.py",
        title="Panel examples and guidance",
        icon=":material/menu_book:",
        url_path="corpus",
    ),
    st.Page(
        "app_pages/library.py", title="Local library", icon=":material/folder_shared:", url_path="library"
    ),
    st.Page(
        "app_pages/evaluation.py",
        title="How well it works",
        icon=":material/monitoring:",
        url_path="evaluation",
    ),
]
page = st.navigation(pages)
with st.sidebar:
    if signin.required():
        signin.sign_out_control()
    st.caption(
        "Runs on this server; nothing is sent elsewhere unless a remote model is configured and you confirm "
        "what is sent. Drafts stay in your browser session and are gone when you close the tab. "
        "Panel examples: Child Safeguarding Practice Review Panel, 2022 (Open Government Licence v3.0)."
    )
page.run()
