"""Say before sending: the choice of where a page's work runs, and, before anything leaves the machine for a
remote model, what would be sent (redacted), to which host, how many tokens and at what cost.

Every page that can use a remote model (Critique, Draft, Lines of enquiry) uses the same three steps:
`provider_choice` draws the choice (offline by default), `prepare` builds the preview when the user asks
for a remote run (nothing is sent: `services.preview_remote` builds the very prompt the provider would send),
and `confirmed` shows it and returns the request once the user has ticked the box and pressed Send.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from assistant import services
from assistant.app import resources
from assistant.app.components import check_pasted, here, md_escape, show_error
from assistant.domain.remote import RemoteTask, SendPreview
from assistant.errors import RRAError

WHAT_IS_SENT = {
    "critique": "the redacted draft, the Panel's guidance and the instructions",
    "draft": "the chronology's entries, redacted, and the instructions",
    "kloe": "the redacted text, the lines of enquiry found offline and the instructions",
}


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RemotePreview:
    """A remote run waiting for the user's confirmation: what it would send, for which text."""

    text_sha256: str  # the text in the page's box when the preview was made; a new text needs a new preview
    text: str  # what would be sent (before redaction): the box's text, or a redraft's edited timeline
    preview: SendPreview
    source: str | None = None  # for a redraft: the chronology in the box it came from

    @property
    def tokens_note(self) -> str:
        p = self.preview
        return (
            f"{p.prompt_tokens:,} tokens sent ({WHAT_IS_SENT[p.task]}) and at most "
            f"{p.max_completion_tokens:,} tokens back"
        )


def preview(text: str, task: RemoteTask = "critique", *, shown_for: str | None = None) -> RemotePreview:
    """Redact `text` and estimate the request's tokens and cost for the configured model (nothing is sent).
    `shown_for` is the text in the page's box when that differs from what would be sent (a redraft)."""
    return RemotePreview(
        text_sha256=text_hash(text if shown_for is None else shown_for),
        text=text,
        preview=services.preview_remote(text, task=task),
        source=shown_for,
    )


def provider_choice(prefix: str, question: str) -> str:
    """'offline' (the default) or 'openai', chosen on a radio that offers the remote model only when one is
    installed and configured, and never shows the endpoint's credentials."""
    model = resources.remote_model()
    labels = {"offline": f"On {here()} (offline: nothing leaves it)"}
    if model is not None:
        labels["openai"] = f"Remote model {model.model} at {model.endpoint} (redacted text is sent)"
    provider: str = st.radio(
        question,
        list(labels),
        format_func=labels.__getitem__,
        key=f"w_{prefix}_provider",
        help="Offline is the default. A remote model is offered only when your organisation has configured "
        "one, and nothing is sent before you have seen the redacted text and confirmed.",
    )
    if model is None:
        st.caption(f"No remote model is configured, so this runs entirely on {here()}.")
    return provider


def prepare(prefix: str, text: str, task: RemoteTask, *, shown_for: str | None = None) -> None:
    """Build the preview of a remote run and keep it for the confirmation step; any problem is shown."""
    try:
        with st.spinner("Redacting the text and estimating its size…"):
            st.session_state[f"{prefix}_pending"] = preview(text, task, shown_for=shown_for)
    except RRAError as exc:
        st.session_state[f"{prefix}_pending"] = None
        show_error(exc)


def start(
    task: RemoteTask, text: str, provider: str, run_offline: Callable[[], None], empty: RRAError
) -> None:
    """What a page's main button does: nothing without text; offline runs at once; a remote model first shows
    what would be sent (the confirmation step below sends it)."""
    if not text.strip():
        show_error(empty)
    elif provider == "offline":
        run_offline()
    else:
        try:
            check_pasted(text)
        except RRAError as exc:
            show_error(exc)
        else:
            prepare(task, text, task)


def confirmed(prefix: str, text: str, provider: str) -> RemotePreview | None:
    """Show what would be sent for the page's current `text`, and return the pending run once the user has
    confirmed it and pressed Send (None until then, or when the text or the choice has changed)."""
    pending: RemotePreview | None = st.session_state.get(f"{prefix}_pending")
    if provider == "offline" or pending is None or pending.text_sha256 != text_hash(text):
        return None
    p = pending.preview
    st.header("Check what would be sent")
    st.warning(
        "Nothing has been sent yet. Below is the text the remote model would receive, with names, dates, "
        "addresses and other identifiers replaced by placeholders. Check it before you send it.",
        icon=":material/shield:",
    )
    st.text_area(
        "Redacted text that would be sent", p.redacted_text, height=240, disabled=True, key=f"w_{prefix}_sent"
    )
    if p.replaced:
        st.dataframe(
            [{"Placeholder": e.placeholder, "Kind": e.kind, "Times": e.count} for e in p.replaced],
            hide_index=True,
        )
    else:
        st.caption("No names or other identifiers were found to redact.")
    cost = (
        "not known for this model"
        if p.estimated_cost_usd is None
        else f"about ${p.estimated_cost_usd:.4f} at most"
    )
    st.markdown(
        f"**Model:** {md_escape(p.model)} at {md_escape(p.host)}  \n"
        f"**Size:** {md_escape(pending.tokens_note)}  \n**Estimated cost:** {md_escape(cost)}"
    )
    agreed = st.checkbox(
        "I have checked the redacted text and want to send it to the remote model", key=f"w_{prefix}_agreed"
    )
    if st.button(
        "Send to the remote model", disabled=not agreed, icon=":material/send:", key=f"{prefix}_send"
    ):
        return pending
    return None


def send_when_confirmed(prefix: str, text: str, provider: str, run: Callable[[RemotePreview], None]) -> None:
    """Show the pending run's preview; once confirmed, `run` it (which calls `clear` when it succeeds) and
    draw the page again without the preview. A failed run keeps the preview, beside its error."""
    pending = confirmed(prefix, text, provider)
    if pending is None:
        return
    run(pending)
    if st.session_state.get(f"{prefix}_pending") is None:
        st.rerun()


def clear(prefix: str) -> None:
    """Forget a pending remote run (after it ran, or when the page's text was replaced)."""
    st.session_state[f"{prefix}_pending"] = None
    st.session_state.pop(f"w_{prefix}_agreed", None)
