"""Draft page: the factual sections of a rapid review, drafted from a multi-agency chronology."""

from __future__ import annotations

import streamlit as st

from assistant.app import actions, components, remote
from assistant.app.components import md_escape
from assistant.app.deadline_panel import deadline_panel
from assistant.app.state import hand_over_text, init_state, set_text
from assistant.errors import InputError, RRAError

init_state()
state = st.session_state

st.title("Draft from a chronology")
st.markdown(
    "Paste or upload the multi-agency chronology (a table of date, agency and event). The assistant reads "
    "it into a timeline you can check and correct, and drafts the factual sections of the rapid review "
    "using only the chronology's own words, each with the line it came from."
)


def _load_sample() -> None:
    set_text("draft_text", actions.sample_text(state["w_draft_sample"]))


with st.expander("No chronology to hand? Try a fictional sample", icon=":material/science:"):
    st.selectbox("Fictional sample chronology", list(actions.SAMPLES), key="w_draft_sample")
    st.button("Use this sample", on_click=_load_sample)

text = components.document_input(
    "draft",
    what="chronology",
    reader="chronology",
    types=[*components.UPLOAD_TYPES, "xlsx", "csv"],
    paste_help="Rows of date, agency and event: copied from Word or Excel, tab, pipe or comma separated.",
)
notified = deadline_panel("draft", text)
provider = remote.provider_choice("draft", "Where should the drafting run?")


def _draft(chronology: str, source: str | None = None, chosen: str = "offline") -> None:
    try:
        components.check_pasted(chronology)
        with components.progress_bar("Reading the chronology and drafting…") as say:
            state.draft = actions.draft_view(
                chronology, source, provider=chosen, notified=notified, progress=say
            )
        state.pop("w_draft_timeline", None)  # the table's edits belonged to the previous timeline
        remote.clear("draft")
    except RRAError as exc:
        # A new chronology that fails leaves no earlier draft's downloads beside the error; a failed redraft
        # keeps the draft and its timeline, so the author's edits are not lost.
        if source is None:
            state.draft = None
        components.show_error(exc)


if st.button("Draft the sections", type="primary", icon=":material/edit_note:"):
    remote.start(
        "draft",
        text,
        provider,
        lambda: _draft(text),
        InputError("there is no chronology yet", fix="paste or upload the chronology"),
    )

remote.send_when_confirmed("draft", text, provider, lambda p: _draft(p.text, p.source, provider))

view: actions.DraftView | None = state.draft
if view is not None:
    view = actions.with_notified(view, notified)  # a date picked after drafting reaches the downloads too
    state.draft = view
    draft = view.draft
    if view.source != text:
        st.info(
            "The chronology has changed since this draft was made. Draft the sections again to update it."
        )
    elif view.from_edited_timeline:
        st.info(
            "Drafted from your edited timeline. The chronology in the box above is as you gave it.",
            icon=":material/edit_note:",
        )
    for notice in draft.meta.notices:
        st.warning(md_escape(notice), icon=":material/info:")
    st.info(md_escape(draft.decision_note), icon=":material/gavel:")

    downloads = st.columns(3)
    components.download_buttons(downloads, view.docx, view.markdown, "rapid-review-draft", what="the draft")
    if downloads[2].button("Critique this draft", icon=":material/rate_review:"):
        hand_over_text("critique_text", actions.draft_for_critique(view))
        state.critique = None
        state.critique_pending = None
        st.switch_page("app_pages/critique.py")

    st.header("Timeline")
    counts = draft.meta.counts
    st.caption(
        f"{counts.get('entries', len(draft.timeline))} entries read from {counts.get('lines', 0)} lines "
        f"({counts.get('undated', 0)} without a usable date, listed last). Correct anything misread, add or "
        "delete rows, then draft again from the edited timeline."
    )
    edited = st.data_editor(
        view.rows,
        key="w_draft_timeline",
        num_rows="dynamic",
        width="stretch",
        hide_index=True,
        column_config={
            "Date": st.column_config.TextColumn("Date", help="As written, e.g. 03/02/2025 or March 2025"),
            "Agency": st.column_config.TextColumn("Agency"),
            "Event": st.column_config.TextColumn("Event", width="large"),
            "Lines": st.column_config.TextColumn("Lines", disabled=True, help="Chronology lines"),
        },
    )
    if st.button("Draft again from the edited timeline", icon=":material/refresh:"):
        # The pasted chronology stays as it is: the new draft is made from its opening lines (the title,
        # who the child is) and the edited rows.
        first = min((n for item in draft.timeline for n in item.lines), default=None)
        try:
            new_text = actions.chronology_from_rows(edited, view.source, first)
        except InputError as exc:
            components.show_error(exc)
        else:
            if provider == "offline":
                _draft(new_text, source=view.source)
            else:  # the edited timeline goes through the same check of what would be sent
                remote.prepare("draft", new_text, "draft", shown_for=view.source)
            if state.draft is not None:
                st.rerun()

    st.subheader("Lines that could not be read")
    if draft.unparsed:
        st.caption(
            "These lines are not in the timeline. Fix them in the chronology, or add them as rows above."
        )
        st.dataframe(
            [{"Line": u.line, "Text": u.text, "Why": u.reason} for u in draft.unparsed],
            hide_index=True,
            width="stretch",
        )
    else:
        st.caption("Every line was read (blank lines and header rows aside).")
    if draft.issues:
        st.subheader("Things to check in the chronology")
        st.markdown(
            "\n".join(
                f"- {md_escape(issue.message)}"
                + (f" (lines {', '.join(str(n) for n in issue.lines)})" if issue.lines else "")
                for issue in draft.issues
            )
        )

    st.header("Draft sections")
    st.caption(
        "Marked words are the chronology's own. Select one (click, tap or Enter) to see its line in the "
        "chronology beside the draft."
    )
    sections, chronology = st.columns(2, gap="medium")
    with sections, st.container(height=components.PANE_HEIGHT, border=True):
        for section in draft.sections:
            st.subheader(md_escape(section.title))
            st.html(components.blocks_html(section.blocks))
    with chronology:
        st.subheader("The chronology, by line")
        with st.container(height=components.PANE_HEIGHT - 60, border=True):
            st.html(components.numbered_lines_html(view.text, "The chronology the draft was made from"))

    if draft.people:
        st.header("People named in the chronology")
        st.dataframe(
            [
                {
                    "Name in the draft": p.name,
                    "Relationship": p.relationship.value or "Not recorded",
                    "Age": p.age.value or "Not recorded",
                    "Ethnicity": p.ethnicity.value or "Not recorded",
                    "Health or disability": p.health.value or "Not recorded",
                    "Mentions": p.mentions,
                }
                for p in draft.people
            ],
            hide_index=True,
            width="stretch",
        )
    if draft.gap_details:
        st.header("What the chronology does not say")
        st.markdown(
            "\n".join(f"- **{md_escape(g.title)}**: {md_escape(g.detail)}" for g in draft.gap_details)
        )
    components.evaluators_section(
        "gap codes and the quotes' character offsets",
        [
            (
                "Gaps",
                [{"What the chronology does not say": g.title, "Code": g.code} for g in draft.gap_details],
            ),
            (
                "Quotes",
                [
                    {"Quote": q.quote, "Chronology line": q.line, "Characters": f"{q.start}–{q.end}"}
                    for q in actions.draft_quotes(draft)
                ],
            ),
        ],
        f"Made by {draft.meta.provider}{f' ({draft.meta.model})' if draft.meta.model else ''} from "
        f"{draft.meta.input_chars:,} characters; offsets index into that text.",
    )
