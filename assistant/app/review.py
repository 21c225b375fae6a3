"""The critique's results as a review pane: the findings beside the draft, each finding linked to its passage
and back, marks the author sets on findings, and what changed since the last run.

Links are real `<a href="#…">` anchors, so they work by keyboard and on phones (no hover). Codes, offsets and
guidance ids appear only in the collapsed "For evaluators" section.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from assistant import services
from assistant.app.components import PANE_HEIGHT, WHOLE_DOCUMENT, md_escape, md_quote, one_line
from assistant.app.review_pane import Anchor, draft_html, locate_links, passage
from assistant.domain.critique import Critique, CritiqueComparison, Finding, Mark
from assistant.render.critique_markdown import (
    MODEL_ADDITION,
    MODEL_POINT,
    MODEL_POINT_NOTE,
    MODEL_POINTS_HEADING,
    MODEL_QUOTE,
    SEVERITY_LABEL,
    is_model_point,
)
from assistant.render.deadline_text import TIMING_HEADING, deadline_sentences

MARK_CHOICES = ("open", "addressed", "not_applicable")
MARK_WORDS = {"open": "Still to do", "addressed": "Addressed", "not_applicable": "Not applicable"}


@dataclass
class CritiqueView:
    """A critique as this session shows it: the result, the exact text it indexes into, and how it compares
    with the critique before it (when the author ran it again after editing)."""

    critique: Critique
    text: str
    comparison: CritiqueComparison | None = None


@dataclass(frozen=True)
class Shown:
    """A finding as numbered on screen, with the HTML ids of its place in the list and of its passages."""

    number: int
    finding: Finding
    key: str

    @property
    def finding_id(self) -> str:
        return f"rra-finding-{self.key}"

    def passage_id(self, i: int) -> str:
        return f"rra-passage-{self.key}-{i}"


def _section_order(c: Critique) -> list[str]:
    order = [WHOLE_DOCUMENT]
    order += [s.heading for s in c.sections if s.heading not in order]
    for f in c.findings:
        if f.section not in order:
            order.append(f.section)
    return order


def group_findings(c: Critique) -> list[tuple[str, list[Finding]]]:
    """The rules' findings by section (whole-document absences first, then the draft's order), must-fix
    first. A remote model's own points are not among them: they are shown apart."""
    groups: dict[str, list[Finding]] = {}
    for section in _section_order(c):
        items = [f for f in c.findings if f.section == section and not is_model_point(f)]
        if items:
            groups[section] = sorted(items, key=lambda f: f.severity != "must-fix")
    return list(groups.items())


def numbered(c: Critique) -> list[Shown]:
    """Every finding in screen order (the rules' by section, then a model's points), numbered from 1."""
    order = [f for _, items in group_findings(c) for f in items] + [
        f for f in c.findings if is_model_point(f)
    ]
    shown: list[Shown] = []
    seen: set[str] = set()
    for n, f in enumerate(order, start=1):
        key = services.finding_key(f)
        if key in seen:  # two findings alike in code, section and evidence: keep their ids apart
            key = f"{key}-{n}"
        seen.add(key)
        shown.append(Shown(n, f, key))
    return shown


def anchors(c: Critique, text: str, shown: list[Shown]) -> list[Anchor]:
    """Each finding's evidence as a passage of the draft: short quotes widened to their sentence."""
    out: list[Anchor] = []
    for s in shown:
        for i, ev in enumerate(s.finding.evidence):
            start, end = passage(text, ev.start, ev.end)
            out.append(Anchor(start, end, s.number, s.finding_id, s.passage_id(i), s.finding.title))
    return out


# ------------------------------------------------------------------------------------------------- marks


def _mark_key(key: str) -> str:
    return f"w_mark_{key}"


def _reason_key(key: str) -> str:
    return f"w_mark_reason_{key}"


def _store_mark(key: str) -> None:
    """On a change of the mark or its reason: keep it under `critique_marks`, which outlives the widgets."""
    state = st.session_state
    status = state.get(_mark_key(key), "open")
    marks: dict[str, Mark] = state.critique_marks
    if status == "open":
        marks.pop(key, None)
    else:
        marks[key] = Mark(
            status=status, reason=state.get(_reason_key(key), "") if status != "addressed" else ""
        )


def _mark_widgets(s: Shown) -> None:
    state = st.session_state
    stored: Mark | None = state.critique_marks.get(s.key)
    if _mark_key(s.key) not in state:
        state[_mark_key(s.key)] = stored.status if stored else "open"
        state[_reason_key(s.key)] = stored.reason if stored else ""
    status = st.radio(
        f"Your mark on finding {s.number}",
        MARK_CHOICES,
        format_func=MARK_WORDS.__getitem__,
        key=_mark_key(s.key),
        horizontal=True,
        on_change=_store_mark,
        args=(s.key,),
        help="Kept for this session and shown in the Word and markdown downloads.",
    )
    if status == "not_applicable":
        st.text_input(
            "Not applicable, because …",
            key=_reason_key(s.key),
            on_change=_store_mark,
            args=(s.key,),
            placeholder="e.g. the child's ethnicity is recorded in the appendix",
        )


def marks_for(c: Critique) -> dict[str, Mark]:
    """This session's marks on the findings of `c`."""
    stored: dict[str, Mark] = st.session_state.critique_marks
    return {s.key: stored[s.key] for s in numbered(c) if s.key in stored}


def _mark_suffix(key: str) -> str:
    mark: Mark | None = st.session_state.critique_marks.get(key)
    if mark is None:
        return ""
    return " · marked addressed" if mark.status == "addressed" else " · marked not applicable"


# ---------------------------------------------------------------------------------------------- findings


def _locate_links(s: Shown) -> None:
    if not s.finding.evidence:
        st.caption("This is about something the draft does not say, so there is no passage to show.")
        return
    st.html(locate_links([s.passage_id(i) for i in range(len(s.finding.evidence))]))


def _target(s: Shown) -> None:
    """Where a passage's back link lands: just above the finding (whose label starts with its number)."""
    st.html(f'<span class="rra-finding-target" id="{s.finding_id}" tabindex="-1"></span>')


def render_finding(s: Shown, new: bool = False) -> None:
    f = s.finding
    _target(s)
    if is_model_point(f):
        label = f"{s.number}. {MODEL_POINT}: {md_escape(f.title)}"
    else:
        label = f"{s.number}. {SEVERITY_LABEL[f.severity]}: {md_escape(f.title)}"
    label = ("New: " if new else "") + label + _mark_suffix(s.key)
    icon = ":material/smart_toy:" if is_model_point(f) else None
    with st.expander(label, icon=icon, key=f"w_finding_{s.key}"):
        if is_model_point(f):
            st.caption(md_escape(f"{MODEL_POINT}: {MODEL_POINT_NOTE}. To consider."))
            st.markdown(f"**{MODEL_POINT}:** {md_escape(services.model_text(f.message))}")
        else:
            st.markdown(md_escape(f.message))
            if f.model_note:
                st.markdown(f"**{MODEL_ADDITION}:** {md_escape(services.model_text(f.model_note))}")
        _locate_links(s)
        for ev in f.evidence:
            quoted = md_quote(one_line(ev.quote, 400))
            model_quote = is_model_point(f) or ev in f.model_evidence
            st.markdown(f"{quoted}\n\n*({MODEL_QUOTE})*" if model_quote else quoted)
        if not is_model_point(f):
            if f.national_reviews:
                st.markdown("**National reviews that apply:**")
                st.markdown(
                    "\n".join(
                        f"- **{md_escape(nr.title)}**: {md_escape(nr.why)}" for nr in f.national_reviews
                    )
                )
            if f.guidance:
                st.markdown("**What the Panel's guidance asks:**")
                st.markdown("\n".join(f"- {md_escape(g.text)}" for g in f.guidance))
            if f.panel_comments:
                st.markdown("**Similar real Panel comments:**")
                for pc in f.panel_comments:
                    st.markdown(
                        f"*Example {pc.example}, on the section “{md_escape(pc.section)}”:*\n\n{md_quote(pc.text)}"
                    )
            if f.local_passages:
                st.markdown("**From your local library:**")
                for lp in f.local_passages:
                    st.markdown(f"*{md_escape(lp.label)}:*\n\n{md_quote(lp.text)}")
        _mark_widgets(s)


def _comparison(cmp: CritiqueComparison) -> None:
    st.subheader("Since your last critique")
    cols = st.columns(3)
    cols[0].metric("Resolved", len(cmp.resolved), help="Findings of the last critique that are gone now.")
    cols[1].metric("New", len(cmp.new), help="Findings the last critique did not have; marked “New”.")
    cols[2].metric("Still open", len(cmp.still_open), help="Findings in both critiques.")
    if cmp.resolved:
        with st.expander(f"The {len(cmp.resolved)} resolved finding(s)", icon=":material/task_alt:"):
            st.markdown("\n".join(f"- {md_escape(f.title)} ({md_escape(f.section)})" for f in cmp.resolved))


def _evaluators(c: Critique, shown: list[Shown]) -> None:
    """Codes, offsets and guidance ids, for people checking the tool's work, and nowhere else on screen."""
    with st.expander("For evaluators: finding codes, character offsets and guidance ids"):
        st.dataframe(
            [
                {
                    "Finding": s.number,
                    "Code": s.finding.code,
                    "Section": s.finding.section,
                    "Evidence (characters)": ", ".join(f"{e.start}–{e.end}" for e in s.finding.evidence)
                    or "—",
                    "Guidance ids": ", ".join(g.id for g in s.finding.guidance) or "—",
                    "Panel comment ids": ", ".join(p.id for p in s.finding.panel_comments) or "—",
                }
                for s in shown
            ],
            hide_index=True,
            width="stretch",
        )
        st.caption(
            md_escape(
                f"Made by {c.meta.provider}{f' ({c.meta.model})' if c.meta.model else ''} from "
                f"{c.meta.input_chars:,} characters; offsets index into that text."
            )
        )


def _strengths(c: Critique) -> None:
    st.header("Strengths")
    if not c.strengths:
        st.caption("No particular strengths were picked out.")
    for s in c.strengths:
        if s.origin == "llm":
            with st.expander(f"{MODEL_POINT}: {md_escape(s.title)} ({md_escape(s.section)})"):
                st.markdown(f"**{MODEL_POINT}:** {md_escape(services.model_text(s.message))}")
                for ev in s.evidence:
                    st.markdown(md_quote(one_line(ev.quote, 400)) + f"\n\n*({MODEL_QUOTE})*")
            continue
        with st.expander(f"{md_escape(s.title)} ({md_escape(s.section)})", icon=":material/thumb_up:"):
            st.markdown(md_escape(s.message))
            for ev in s.evidence:
                st.markdown(md_quote(one_line(ev.quote, 400)))


def _information(c: Critique) -> None:
    """Notes on the review's own timing (e.g. sent after its due date): information for the author under a
    neutral heading, after the findings and apart from them, never counted or styled as a finding."""
    if c.deadline is None and not c.information:
        return
    st.header(TIMING_HEADING)
    if c.deadline is not None:
        st.markdown("\n".join(f"- {md_escape(s)}" for s in deadline_sentences(c.deadline)))
    for note in c.information:
        quote = f" (“{md_escape(one_line(note.evidence[0].quote, 200))}”)" if note.evidence else ""
        st.markdown(f"- {md_escape(note.message)}{quote}")


def render_critique(view: CritiqueView) -> None:
    """Summary, what changed, downloads, then the findings beside the draft (both panes scroll on their own,
    so the draft stays on screen), strengths, and the evaluators' details."""
    from assistant.app.components import download_buttons

    c = view.critique
    shown = numbered(c)
    st.header("Panel-style feedback")
    for notice in c.meta.notices:
        st.warning(md_escape(notice), icon=":material/info:")
    st.markdown(md_escape(c.summary))
    rules = [s for s in shown if not is_model_point(s.finding)]
    model = [s for s in shown if is_model_point(s.finding)]
    must = sum(s.finding.severity == "must-fix" for s in rules)
    cols = st.columns(4 if model else 3)
    cols[0].metric("Must fix", must)
    cols[1].metric("To consider", len(rules) - must)
    cols[2].metric("Strengths", len(c.strengths))
    if model:
        cols[3].metric("Model-written points", len(model))
    if view.comparison is not None:
        _comparison(view.comparison)
    marks = marks_for(c)
    if marks:
        st.caption(f"Your marks on {len(marks)} finding(s) are included in both downloads.")
    download_buttons(
        st.columns(2),
        services.critique_word(c, marks=marks),
        services.critique_markdown(c, marks=marks),
        "panel-style-feedback",
    )
    new = {services.finding_key(f) for f in view.comparison.new} if view.comparison else set()
    left, right = st.columns(2, gap="medium")
    with left:
        st.header("Findings")
        st.caption("Open a finding to read it, go to its passage in the draft, and mark it.")
        with st.container(height=PANE_HEIGHT, border=True):
            if not rules:
                st.success("No gaps found against the Panel's guidance.")
            by_section: dict[str, list[Shown]] = {}
            for s in rules:
                by_section.setdefault(s.finding.section, []).append(s)
            for section, items in by_section.items():
                st.subheader(md_escape(section) if section else "Before the first heading")
                for s in items:
                    render_finding(s, new=services.finding_key(s.finding) in new)
            if model:
                st.subheader(MODEL_POINTS_HEADING)
                st.caption(
                    "A remote model wrote these. The rules did not find them; only their quotes were checked "
                    "against your draft. Read them as suggestions, not as the Panel's minimum record."
                )
                for s in model:
                    render_finding(s, new=services.finding_key(s.finding) in new)
    with right:
        st.header("Your draft")
        st.caption(
            "Marked passages are where a finding looked; the number after one leads back to its finding."
        )
        with st.container(height=PANE_HEIGHT, border=True):
            st.html(
                draft_html(view.text, anchors(c, view.text, shown), label="Your draft, with passages marked")
            )
    _strengths(c)
    _information(c)
    _evaluators(c, shown)
