"""Critique page: paste or upload a draft rapid review and get Panel-style feedback."""

from __future__ import annotations

import streamlit as st

from assistant.app import actions, components, remote, resources, review
from assistant.app.components import md_escape
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
    paste_help="The text stays in this browser session on this computer unless you choose a remote model.",
)

model = resources.remote_model()
choices = ["offline", "openai"] if model else ["offline"]
labels = {
    "offline": "On this computer (offline: nothing leaves it)",
    "openai": f"Remote model {model.model} at {model.endpoint} (redacted text is sent)" if model else "",
}
provider: str = st.radio(
    "Where should the critique run?",
    choices,
    format_func=labels.__getitem__,
    key="w_critique_provider",
    help="Offline is the default. A remote model is offered only when your organisation has configured one.",
)
if model is None:
    st.caption("No remote model is configured, so the critique runs entirely on this computer.")


def _run(chosen: str) -> None:
    try:
        components.check_pasted(text)
        with components.progress_bar("Critiquing the draft…") as say:
            resources.retrieval_index(say)  # the first start builds the index: the slow part, with a count
            say("Reading the draft against the Panel's guidance…")
            state.critique = actions.critique_view(text, chosen, previous=state.critique)
        state.critique_pending = None
    except RRAError as exc:
        state.critique = None  # no earlier counts or downloads beside the error, as if they were this text's
        components.show_error(exc)


if st.button("Run the critique", type="primary", icon=":material/rate_review:"):
    if not text.strip():
        components.show_error(
            InputError("there is no draft yet", fix="paste or upload the draft rapid review")
        )
    elif provider == "offline":
        _run("offline")
    else:
        try:
            components.check_pasted(text)
            with st.spinner("Redacting the draft and estimating its size…"):
                state.critique_pending = remote.preview(text)
        except RRAError as exc:
            components.show_error(exc)

pending: remote.RemotePreview | None = state.critique_pending
if provider != "offline" and pending is not None and pending.text_sha256 == remote.text_hash(text):
    st.header("Check what would be sent")
    st.warning(
        "Nothing has been sent yet. Below is the text the remote model would receive, with names, dates, "
        "addresses and other identifiers replaced by placeholders. Check it before you send it.",
        icon=":material/shield:",
    )
    st.text_area("Redacted text that would be sent", pending.redacted, height=240, disabled=True)
    if pending.entities:
        st.dataframe(
            [
                {"Placeholder": e.placeholder, "Kind": e.kind.value, "Times": e.count}
                for e in pending.entities
            ],
            hide_index=True,
        )
    else:
        st.caption("No names or other identifiers were found to redact.")
    cost = (
        "not known for this model" if pending.cost_usd is None else f"about ${pending.cost_usd:.4f} at most"
    )
    st.markdown(
        f"**Model:** {md_escape(pending.model)} at {md_escape(pending.endpoint)}  \n"
        f"**Size:** {md_escape(pending.tokens_note)}  \n**Estimated cost:** {md_escape(cost)}"
    )
    agreed = st.checkbox("I have checked the redacted text and want to send it to the remote model")
    if st.button("Send to the remote model", disabled=not agreed, icon=":material/send:"):
        _run(provider)

view: review.CritiqueView | None = state.critique
if view is not None:
    if view.text != text:
        st.info(
            "The draft has changed since this critique was made. Run the critique again to see what your "
            "edits resolved."
        )
    review.render_critique(view)
