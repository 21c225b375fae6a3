"""Rendering helpers shared by the pages.

Everything a user wrote (a draft, its headings, quotes from it) is untrusted: it is escaped before it is
rendered, so HTML or script in a draft shows up as text. What a remote model wrote is untrusted too: it is
cleaned (`assistant.llm.untrusted`: no links, images or URLs, one line) and escaped, and every model-written
point is shown apart from the rules' findings and labelled "Model-written point". Markdown goes through `md_escape`; the only HTML we
build (the draft with its evidence highlighted) escapes the user's text first and then wraps `<mark>` tags
around it, and is shown with `st.html`, whose output Streamlit also sanitises.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from assistant import services
from assistant.app import resources
from assistant.app.state import set_text, widget_key
from assistant.domain.critique import Critique, Evidence, Finding
from assistant.domain.drafting import Citation, DraftBlock
from assistant.errors import InputError, RRAError
from assistant.llm.untrusted import clean_model_text
from assistant.render.critique_markdown import (
    MODEL_ADDITION,
    MODEL_POINT,
    MODEL_POINT_NOTE,
    MODEL_POINTS_HEADING,
    MODEL_QUOTE,
    SEVERITY_LABEL,
    is_model_point,
)
from assistant.settings import get_settings

UPLOAD_TYPES = ["docx", "pdf", "md", "txt"]
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
WHOLE_DOCUMENT = "Whole document"

# CommonMark lets any ASCII punctuation be backslash-escaped; Streamlit adds :colour[...] directives, emoji
# shortcodes and $LaTeX$, whose markers are punctuation too. ('=' and '-' lines make setext headings.)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&=])")


def md_escape(text: str) -> str:
    """Make `text` render literally in st.markdown (no links, HTML, emphasis, headings or LaTeX)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_quote(text: str) -> str:
    """An escaped markdown blockquote of `text` (every line quoted)."""
    return "\n".join("> " + (md_escape(line) if line.strip() else "") for line in text.splitlines() or [""])


def one_line(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


# ------------------------------------------------------------------------------------------- highlighting


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    labels: tuple[str, ...]


def merge_spans(spans: Iterable[tuple[int, int, str]], length: int) -> list[Highlight]:
    """Overlapping or touching (start, end, label) spans merged, clipped to the text, in order."""
    cleaned = sorted((max(0, s), min(length, e), label) for s, e, label in spans if e > s and s < length)
    merged: list[Highlight] = []
    for start, end, label in cleaned:
        if merged and start <= merged[-1].end:
            last = merged[-1]
            labels = last.labels if label in last.labels else (*last.labels, label)
            merged[-1] = Highlight(last.start, max(last.end, end), labels)
        else:
            merged.append(Highlight(start, end, (label,)))
    return merged


def marked_html(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """The text, HTML-escaped, with each span wrapped in <mark title="labels"> (labels escaped too)."""
    pieces: list[str] = []
    cursor = 0
    for h in merge_spans(spans, len(text)):
        pieces.append(html.escape(text[cursor : h.start]))
        title = html.escape("; ".join(h.labels), quote=True)
        pieces.append(f'<mark title="{title}">{html.escape(text[h.start : h.end])}</mark>')
        cursor = h.end
    pieces.append(html.escape(text[cursor:]))
    return "".join(pieces)


def highlight_html(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """The whole text, escaped and highlighted, in a block that keeps its line breaks; safe for st.html."""
    body = marked_html(text, spans)
    return (
        '<div class="rra-draft" role="document" aria-label="Your draft with the evidence highlighted" '
        'style="white-space: pre-wrap; font-family: inherit; line-height: 1.5;">'
        f"{body}</div>"
    )


def finding_spans(findings: Sequence[Finding]) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for f in findings:
        evidence: list[Evidence] = list(f.evidence)
        for nr in f.national_reviews:
            evidence.extend(nr.evidence)
        spans.extend((ev.start, ev.end, f.title) for ev in evidence)
    return spans


# ------------------------------------------------------------------------------------------------ errors


def show_error(exc: RRAError) -> None:
    """One clear message naming the problem and the fix; never a traceback."""
    text = md_escape(exc.message[:1].upper() + exc.message[1:])
    if exc.fix:
        text += f"  \n**What to do:** {md_escape(exc.fix)}"
    st.error(text, icon=":material/error:")


def show_input_problem(message: str, fix: str | None) -> None:
    show_error(InputError(message, fix=fix))


# ------------------------------------------------------------------------------------------ document input


def check_pasted(text: str) -> None:
    """The same size limits as for uploads, for pasted text."""
    s = get_settings()
    size = len(text.encode("utf-8"))
    if size > s.max_input_bytes:
        raise InputError(
            f"the pasted text is {size / resources.MEGABYTE:.1f} MB, over the limit of "
            f"{s.max_input_bytes / resources.MEGABYTE:.0f} MB",
            fix="paste only the rapid review itself, or split it",
        )
    words = len(text.split())
    if words > s.max_input_words:
        raise InputError(
            f"the pasted text has {words:,} words, over the limit of {s.max_input_words:,}",
            fix="paste only the rapid review itself, or split it",
        )


def _read_draft(data: bytes, name: str) -> tuple[str, list[str]]:
    document = services.read_document(data, name)
    return document.text, list(document.warnings)


# How an upload becomes text: a draft as the reader renders it; a chronology from a Word file's tables.
READERS: dict[str, Callable[[bytes, str], tuple[str, list[str]]]] = {
    "document": _read_draft,
    "chronology": services.read_chronology,
}


def _read_upload(prefix: str, reader: str, uploaded: UploadedFile) -> None:
    """Read a newly uploaded file into the page's text (before the text area is drawn), or say why not."""
    state = st.session_state
    state[f"{prefix}_upload_id"] = uploaded.file_id
    state[f"{prefix}_upload_error"] = None
    state[f"{prefix}_upload_notes"] = []
    limit = get_settings().max_input_bytes
    if uploaded.size > limit:
        state[f"{prefix}_upload_error"] = (
            f"'{uploaded.name}' is {uploaded.size / resources.MEGABYTE:.1f} MB, over the limit of "
            f"{limit / resources.MEGABYTE:.0f} MB",
            "upload only the rapid review itself (without appendices), or save it without images",
        )
        return
    try:
        text, notes = READERS[reader](uploaded.getvalue(), uploaded.name)
    except InputError as exc:
        state[f"{prefix}_upload_error"] = (exc.message, exc.fix)
        return
    set_text(f"{prefix}_text", text)
    state[f"{prefix}_upload_notes"] = [*notes, f"Read {uploaded.name} into the text box below."]


def document_input(
    prefix: str, *, what: str, paste_help: str, height: int = 280, reader: str = "document"
) -> str:
    """An uploader and a text area for one page's document; returns the text (possibly empty).

    An upload replaces the text in the box, which the user can then edit; everything stays in this
    session's state under `{prefix}_text`.
    """
    from assistant.app.state import restore_widget

    limit = resources.upload_limit_mb()
    uploaded = st.file_uploader(
        f"Upload the {what} (.docx, .pdf, .md or .txt, up to {limit} MB)",
        type=UPLOAD_TYPES,
        key=widget_key(f"{prefix}_upload"),
        max_upload_size=limit,
        help="The file is read on this computer and kept only for this browser session.",
    )
    if uploaded is not None and uploaded.file_id != st.session_state.get(f"{prefix}_upload_id"):
        with st.spinner(f"Reading {md_escape(uploaded.name)}…"):
            _read_upload(prefix, reader, uploaded)
    error = st.session_state.get(f"{prefix}_upload_error")
    if error:
        show_input_problem(*error)
    for note in st.session_state.get(f"{prefix}_upload_notes") or []:
        st.caption(md_escape(note))
    key = f"{prefix}_text"
    restore_widget(key)
    text: str = st.text_area(f"Or paste the {what} here", key=widget_key(key), height=height, help=paste_help)
    st.session_state[key] = text
    return text


# ------------------------------------------------------------------------------------------------ critique


@dataclass
class CritiqueView:
    """A critique as this session shows it: the result, the exact text it indexes into, and its files."""

    critique: Critique
    text: str
    docx: bytes
    markdown: str
    notices: list[str] = field(default_factory=list)


def _section_order(c: Critique) -> list[str]:
    order = [WHOLE_DOCUMENT]
    order += [s.heading for s in c.sections if s.heading not in order]
    for f in c.findings:
        if f.section not in order:
            order.append(f.section)
    return order


def group_findings(c: Critique) -> list[tuple[str, list[Finding]]]:
    """The rules' findings by section (whole-document absences first, then the draft's order), must-fix
    first. A remote model's own points are not among them: they are shown apart (`render_model_point`)."""
    groups: dict[str, list[Finding]] = {}
    for section in _section_order(c):
        items = [f for f in c.findings if f.section == section and not is_model_point(f)]
        if items:
            groups[section] = sorted(items, key=lambda f: f.severity != "must-fix")
    return list(groups.items())


def render_model_point(f: Finding) -> None:
    """A remote model's point: labelled as such, plain words, no rule severity, guidance or Panel comments."""
    with st.expander(f"{MODEL_POINT}: {md_escape(f.title)}", icon=":material/smart_toy:"):
        st.caption(md_escape(f"{MODEL_POINT}: {MODEL_POINT_NOTE}. To consider."))
        st.markdown(f"**{MODEL_POINT}:** {md_escape(clean_model_text(f.message))}")
        if f.evidence:
            st.markdown(f"**In your draft ({MODEL_QUOTE}):**")
            for ev in f.evidence:
                st.markdown(md_quote(one_line(ev.quote, 400)))
        st.caption(f"Finding code: {f.code}")


def render_finding(f: Finding) -> None:
    if is_model_point(f):
        render_model_point(f)
        return
    icon = ":material/priority_high:" if f.severity == "must-fix" else ":material/lightbulb:"
    label = f"{SEVERITY_LABEL[f.severity]}: {md_escape(f.title)}"
    with st.expander(label, icon=icon):
        st.markdown(md_escape(f.message))
        if f.model_note:
            st.markdown(f"**{MODEL_ADDITION}:** {md_escape(clean_model_text(f.model_note))}")
        if f.evidence:
            st.markdown("**In your draft:**")
            for ev in f.evidence:
                quoted = md_quote(one_line(ev.quote, 400))
                st.markdown(f"{quoted}\n\n*({MODEL_QUOTE})*" if ev in f.model_evidence else quoted)
        else:
            st.caption("This is about something the draft does not say, so there is no passage to highlight.")
        if f.national_reviews:
            st.markdown("**National reviews that apply:**")
            st.markdown(
                "\n".join(f"- **{md_escape(nr.title)}**: {md_escape(nr.why)}" for nr in f.national_reviews)
            )
        if f.guidance:
            st.markdown("**The Panel's guidance:**")
            st.markdown("\n".join(f"- {md_escape(g.text)}" for g in f.guidance))
        if f.panel_comments:
            st.markdown("**Similar real Panel comments:**")
            for pc in f.panel_comments:
                st.markdown(
                    f"*Example {pc.example}, on the section “{md_escape(pc.section)}”:*\n\n{md_quote(pc.text)}"
                )
        st.caption(f"Finding code: {f.code}")


def render_critique(view: CritiqueView) -> None:
    """Summary, findings by section and severity, strengths, the highlighted draft and the downloads."""
    c = view.critique
    st.header("Panel-style feedback")
    for notice in [*view.notices, *c.meta.notices]:
        st.warning(md_escape(notice), icon=":material/info:")
    st.markdown(md_escape(c.summary))
    rules = [f for f in c.findings if not is_model_point(f)]
    model = [f for f in c.findings if is_model_point(f)]
    must = sum(f.severity == "must-fix" for f in rules)
    cols = st.columns(4 if model else 3)
    cols[0].metric("Must fix", must)
    cols[1].metric("To consider", len(rules) - must)
    cols[2].metric("Strengths", len(c.strengths))
    if model:
        cols[3].metric("Model-written points", len(model))
    downloads = st.columns(2)
    download_buttons(downloads, view.docx, view.markdown, "panel-style-feedback")
    if not c.meta.looks_like_rapid_review:
        return
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.header("Findings")
        if not rules:
            st.success("No gaps found against the Panel's guidance.")
        for section, items in group_findings(c):
            st.subheader(md_escape(section) if section else "Before the first heading")
            for f in items:
                render_finding(f)
        if model:
            st.header(MODEL_POINTS_HEADING)
            st.caption(
                "A remote model wrote these. The rules did not find them; only their quotes were checked "
                "against your draft. Read them as suggestions, not as the Panel's minimum record."
            )
            for f in model:
                render_model_point(f)
        st.header("Strengths")
        if not c.strengths:
            st.caption("No particular strengths were picked out.")
        for s in c.strengths:
            if s.origin == "llm":
                label = f"{MODEL_POINT}: {md_escape(s.title)} ({md_escape(s.section)})"
                with st.expander(label, icon=":material/smart_toy:"):
                    st.markdown(f"**{MODEL_POINT}:** {md_escape(clean_model_text(s.message))}")
                    for ev in s.evidence:
                        st.markdown(md_quote(one_line(ev.quote, 400)) + f"\n\n*({MODEL_QUOTE})*")
                continue
            with st.expander(f"{md_escape(s.title)} ({md_escape(s.section)})", icon=":material/thumb_up:"):
                st.markdown(md_escape(s.message))
                for ev in s.evidence:
                    st.markdown(md_quote(one_line(ev.quote, 400)))
    with right:
        st.header("Your draft, with the evidence highlighted")
        st.caption("Highlighted passages are the ones a finding rests on; hover over one to see which.")
        with st.container(height=700, border=True):
            st.html(highlight_html(view.text, finding_spans(c.findings)))


@contextmanager
def progress_status(label: str, done: str) -> Iterator[Callable[[str], None]]:
    """A status box for work over a second: yields a progress callback that shows each message."""
    with st.status(label, expanded=False) as status:

        def say(message: str) -> None:
            status.update(label=f"{label} {one_line(message, 120)}")

        yield say
        status.update(label=done, state="complete")


# ------------------------------------------------------------------------------------------- draft sections


def quoted_html(text: str, quotes: Sequence[Citation]) -> str:
    """`text` HTML-escaped, with each quote from the chronology (found in order) wrapped in <mark>."""
    spans: list[tuple[int, int, str]] = []
    cursor = 0
    for q in quotes:
        at = text.find(q.quote, cursor)
        if at < 0:
            at = text.find(q.quote)
        if at < 0 or not q.quote:
            continue
        spans.append((at, at + len(q.quote), f"Chronology line {q.line}"))
        cursor = at + len(q.quote)
    return marked_html(text, spans).replace("\n", "<br>")


def blocks_html(blocks: Sequence[DraftBlock]) -> str:
    """A draft section as safe HTML: the chronology's own words marked, everything escaped."""
    out: list[str] = []
    in_list = False
    for block in blocks:
        if block.kind != "bullet" and in_list:
            out.append("</ul>")
            in_list = False
        sentences = " ".join(quoted_html(s.text, s.quotes) for s in block.sentences)
        if block.kind == "heading":
            out.append(f"<p><strong>{sentences}</strong></p>")
        elif block.kind == "paragraph":
            out.append(f"<p>{sentences}</p>")
        elif block.kind == "bullet":
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{sentences}</li>")
        elif block.table is not None:
            head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in block.table.columns)
            rows = "".join(
                "<tr>" + "".join(f"<td>{quoted_html(c.text, c.quotes)}</td>" for c in row.cells) + "</tr>"
                for row in block.table.rows
            )
            out.append(
                '<table style="border-collapse: collapse; width: 100%;">'
                f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
            )
    if in_list:
        out.append("</ul>")
    return '<div class="rra-draft-section">' + "".join(out) + "</div>"


def download_buttons(
    columns: Sequence[object], docx: bytes, markdown: str, stem: str, what: str = ""
) -> None:
    """The Word and markdown downloads every results page offers, side by side."""
    word, md = (
        (f"Download {what} (.docx)", f"Download {what} (.md)")
        if what
        else ("Download as Word (.docx)", "Download as markdown (.md)")
    )
    columns[0].download_button(  # type: ignore[attr-defined]
        word,
        data=docx,
        file_name=f"{stem}.docx",
        mime=DOCX_MIME,
        on_click="ignore",
        icon=":material/download:",
    )
    columns[1].download_button(  # type: ignore[attr-defined]
        md,
        data=markdown.encode("utf-8"),
        file_name=f"{stem}.md",
        mime="text/markdown",
        on_click="ignore",
        icon=":material/download:",
    )
