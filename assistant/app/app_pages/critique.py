"""Critique page: paste or upload a draft rapid review and get Panel-style feedback."""

from __future__ import annotations

import streamlit as st

from assistant.app import actions, components, remote, review
from assistant.app.state import init_state
from assistant.errors import InputError, RRAError

init_state()
state = st.session_state

st.title("Critique a draft rapid review")
st.markdown(
    "Get feedback in the style of the Child Safeguarding Practice Review Panel: what the Panel's minimum "
    "record and important issues ask for that the draft does not yet cover, what it does well, and the "
    "real Panel comments on the published examples that are most like each point."
)

text = components.document_input(
    "critique",
    what="draft rapid review",
    paste_help=f"The text stays in this browser session on {components.here()} unless you choose a remote "
    "model.",
)

provider = remote.provider_choice("critique", "Where should the critique run?")


def _run(chosen: str) -> None:
    try:
        components.check_pasted(text)
        with components.progress_bar("Critiquing the draft…") as say:
            # The first start builds the index (the slow part), reported with a count through `say`.
            state.critique = actions.critique_view(text, chosen, previous=state.critique, progress=say)
        remote.clear("critique")
    except RRAError as exc:
        state.critique = None  # no earlier counts or downloads beside the error, as if they were this text's
        components.show_error(exc)


if st.button("Run the critique", type="primary", icon=":material/rate_review:"):
    remote.start(
        "critique",
        text,
        provider,
        lambda: _run("offline"),
        InputError("there is no draft yet", fix="paste or upload the draft rapid review"),
    )

remote.send_when_confirmed("critique", text, provider, lambda _: _run(provider))

view: review.CritiqueView | None = state.critique
if view is not None:
    if view.text != text:
        st.info(
            "The draft has changed since this critique was made. Run the critique again to see what your "
            "edits resolved."
        )
    review.render_critique(view)
