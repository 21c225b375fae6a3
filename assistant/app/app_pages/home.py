"""Home page: what each tool is for, in the order people use them, and samples to try."""

from __future__ import annotations

import streamlit as st

from assistant.app import actions
from assistant.app.components import here
from assistant.app.state import hand_over_text, init_state

init_state()
state = st.session_state

st.title("Rapid Review Assistant")
st.markdown(
    "Help with writing a child safeguarding rapid review for the Child Safeguarding Practice Review Panel. "
    f"Everything runs on {here()}, and nothing is sent elsewhere unless a remote model is configured and you "
    "confirm what is sent. What you paste stays in this browser tab and is gone when you close it."
)

st.header("The tools, in the order you would use them")
st.markdown(
    "1. **Draft from a chronology.** Start from the multi-agency chronology (a table of date, agency and "
    "event). You get a timeline to check and correct, and first drafts of the factual sections, written "
    "only from the chronology's own words.\n"
    "2. **Critique a draft.** Paste or upload your draft review. You get feedback in the Panel's style: "
    "what the Panel asks for that the draft does not yet cover, and what it does well. Each point shows "
    "its passage in your draft; mark points as addressed as you go, and run it again after editing to see "
    "what is resolved.\n"
    "3. **Lines of enquiry.** Before the rapid review meeting, chairs get the questions the chronology or "
    "draft raises, and the evidence in the text for and against commissioning a local review.\n\n"
    "For reference: **Panel examples and guidance** shows the Panel's five published example reviews with "
    "its comments, its guidance and the national reviews; **How well it works** shows how the feedback "
    "compares with what careful readers found."
)

st.header("Try it with a fictional sample")
st.caption("The samples are invented for this tool; any resemblance to a real case is coincidental.")


def _try(key: str, text: str, page: str) -> None:
    hand_over_text(key, text)
    state.critique = None
    state.critique_pending = None
    st.switch_page(page)


left, right = st.columns(2)
with left:
    st.subheader("A sample draft review")
    st.markdown("A draft rapid review about a baby who died after sleeping on a sofa with a parent.")
    if st.button("Critique the sample draft", icon=":material/rate_review:", type="primary"):
        _try("critique_text", actions.sample_draft(), "app_pages/critique.py")
with right:
    st.subheader("A sample chronology")
    st.markdown("A multi-agency chronology about an injury to a baby, to draft the factual sections from.")
    if st.button("Draft from the sample chronology", icon=":material/edit_note:"):
        _try("draft_text", actions.sample_text(actions.SAMPLE_CHRONOLOGY), "app_pages/draft.py")
