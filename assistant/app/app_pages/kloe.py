"""Key lines of enquiry page: questions with their evidence and national reviews, and the LCSPR criteria
evidence table, for chairs. It lays out evidence; the decision rests with the safeguarding partners."""

from __future__ import annotations

import streamlit as st

from assistant.app import actions, components, remote
from assistant.app.components import md_escape, md_quote, one_line
from assistant.app.deadline_panel import deadline_panel
from assistant.app.review_pane import draft_html, kloe_anchors, line_of_enquiry_id, locate_links
from assistant.app.state import init_state
from assistant.domain.kloe import DECISION_NOTE
from assistant.errors import InputError, RRAError
from assistant.render.kloe_markdown import MODEL_LINE_NOTE, MODEL_LINE_PREFIX

init_state()
state = st.session_state

st.title("Key lines of enquiry")
st.markdown(
    "For chairs of the rapid review meeting: the questions the chronology or draft review raises, each with "
    "the passages behind it and the national reviews it connects to, and the evidence in the text for and "
    "against each criterion for a local child safeguarding practice review (LCSPR)."
)
st.info(md_escape(DECISION_NOTE), icon=":material/gavel:")

text = components.document_input(
    "kloe",
    what="chronology or draft rapid review",
    reader="chronology",
    types=[*components.UPLOAD_TYPES, "xlsx", "csv"],
    paste_help="A multi-agency chronology, or a draft rapid review.",
)
notified = deadline_panel("kloe", text)
provider = remote.provider_choice("kloe", "Where should the lines of enquiry be found?")


def _run(chosen: str) -> None:
    try:
        components.check_pasted(text)
        with components.progress_bar("Reading the text…"):
            state.kloe = actions.kloe_view(text, provider=chosen, notified=notified)
        remote.clear("kloe")
    except RRAError as exc:
        components.show_error(exc)


if st.button("Find the lines of enquiry", type="primary", icon=":material/quiz:"):
    remote.start(
        "kloe",
        text,
        provider,
        lambda: _run("offline"),
        InputError("there is no text yet", fix="paste or upload a chronology or a draft rapid review"),
    )

remote.send_when_confirmed("kloe", text, provider, lambda _: _run(provider))

view: actions.KloeView | None = state.kloe
if view is not None:
    view = actions.with_notified(view, notified)  # a date picked after the run reaches the downloads too
    state.kloe = view
    report = view.report
    if view.text != text:
        st.info("The text has changed since this report was made. Run it again to update it.")
    for notice in report.meta.notices:
        st.warning(md_escape(notice), icon=":material/info:")
    st.caption(
        f"Read as a {report.meta.input_kind} about {md_escape(report.child)}. Every quote is the text's own "
        "words, with its line."
    )
    downloads = st.columns(2)
    components.download_buttons(downloads, view.docx, view.markdown, "key-lines-of-enquiry")

    anchors = kloe_anchors(view.text, report.lines_of_enquiry)
    by_line = {a.finding_id: [x for x in anchors if x.finding_id == a.finding_id] for a in anchors}
    lines_pane, text_pane = st.columns(2, gap="medium")
    with lines_pane:
        st.header("Key lines of enquiry")
        st.caption("Open a line to read it; each quote leads to its passage in your text, and back.")
        with st.container(height=components.PANE_HEIGHT, border=True):
            if not report.lines_of_enquiry:
                st.caption("No practice themes were found in the text.")
            for i, line in enumerate(report.lines_of_enquiry, start=1):
                target = line_of_enquiry_id(i)
                # Where a passage's number leads back to: just above the line of enquiry it belongs to.
                st.html(f'<span class="rra-finding-target" id="{target}" tabindex="-1"></span>')
                with st.expander(
                    f"{i}. {md_escape(line.theme)}: {md_escape(line.question)}", expanded=i == 1
                ):
                    if line.id.startswith(MODEL_LINE_PREFIX):  # a remote model's question, marked as such
                        st.caption(md_escape(MODEL_LINE_NOTE))
                    st.markdown(f"**{md_escape(line.question)}**")
                    st.markdown(md_escape(line.rationale))
                    st.markdown("**Evidence in the text:**")
                    for ev, line_no in zip(line.evidence, line.lines, strict=False):
                        st.markdown(md_quote(one_line(ev.quote, 400)) + f"\n\n*Line {line_no}*")
                    passages = [a.passage_id for a in by_line.get(target, [])]
                    if passages:
                        st.html(locate_links(passages, "in your text"))
                    if line.agencies:
                        st.markdown(f"**Agencies:** {md_escape(', '.join(line.agencies))}")
                    if line.national_reviews:
                        st.markdown("**National reviews:**")
                        st.markdown(
                            "\n".join(
                                f"- **{md_escape(nr.title)}**: {md_escape(nr.why)}"
                                for nr in line.national_reviews
                            )
                        )
    with text_pane:
        st.header("Your text")
        st.caption(
            "Marked passages are evidence for a line of enquiry; the number after one leads back to it."
        )
        with st.container(height=components.PANE_HEIGHT, border=True):
            st.html(
                f'<div class="rra-pre">{draft_html(view.text, anchors, label="Your text, with the evidence marked")}</div>'
            )

    if report.not_in_text:
        st.header("Questions the text cannot answer")
        st.markdown(
            "\n".join(f"- **{md_escape(q.question)}** {md_escape(q.why)}" for q in report.not_in_text)
        )

    st.header("LCSPR criteria: the evidence in the text")
    st.dataframe(
        [
            {
                "Criterion": c.label,
                "Wording": c.criterion,
                "Evidence for": c.summary_for,
                "Evidence against": c.summary_against,
            }
            for c in report.criteria
        ],
        hide_index=True,
        width="stretch",
        column_config={
            "Wording": st.column_config.TextColumn("Wording", width="large"),
            "Evidence for": st.column_config.TextColumn("Evidence for", width="large"),
            "Evidence against": st.column_config.TextColumn("Evidence against", width="large"),
        },
    )
    for c in report.criteria:
        if not (c.evidence_for or c.evidence_against):
            continue
        with st.expander(f"{md_escape(c.label)}: the passages"):
            for title, points in (("For", c.evidence_for), ("Against", c.evidence_against)):
                if points:
                    st.markdown(f"**{title}:**")
                    st.markdown(
                        "\n".join(
                            f"- {md_escape(p.reason)}: “{md_escape(one_line(p.evidence.quote, 300))}” "
                            f"(line {p.line})"
                            for p in points
                        )
                    )
    st.info(md_escape(report.decision_note), icon=":material/gavel:")

    if report.chronology_issues:
        st.header("Chronology issues to check")
        st.markdown("\n".join(f"- {md_escape(issue.message)}" for issue in report.chronology_issues))

    components.evaluators_section(
        "theme ids, finding codes, criterion ids and the quotes' character offsets",
        [
            (
                "Lines of enquiry",
                [
                    {
                        "Line": i,
                        "Theme id": line.id,
                        "Evidence (characters)": ", ".join(f"{e.start}–{e.end}" for e in line.evidence)
                        or "—",
                    }
                    for i, line in enumerate(report.lines_of_enquiry, start=1)
                ],
            ),
            (
                "Questions the text cannot answer",
                [{"Question id": q.id, "Finding code": q.gap or "—"} for q in report.not_in_text],
            ),
            (
                "Criteria",
                [
                    {
                        "Criterion": c.label,
                        "Id": c.id,
                        "For (characters)": ", ".join(
                            f"{p.evidence.start}–{p.evidence.end}" for p in c.evidence_for
                        )
                        or "—",
                        "Against (characters)": ", ".join(
                            f"{p.evidence.start}–{p.evidence.end}" for p in c.evidence_against
                        )
                        or "—",
                    }
                    for c in report.criteria
                ],
            ),
        ],
        f"Made by {report.meta.provider}{f' ({report.meta.model})' if report.meta.model else ''} from "
        f"{report.meta.input_chars:,} characters; offsets index into that text.",
    )
