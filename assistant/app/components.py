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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from assistant import services
from assistant.app import resources
from assistant.app.state import set_text, widget_key
from assistant.domain.drafting import Citation, DraftBlock
from assistant.errors import InputError, RRAError
from assistant.progress import fraction
from assistant.settings import get_settings

UPLOAD_TYPES = ["docx", "pdf", "md", "txt"]
PANE_HEIGHT = 720  # a results pane and the text beside it scroll on their own, so both stay on screen
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
WHOLE_DOCUMENT = "Whole document"

# CommonMark lets any ASCII punctuation be backslash-escaped; Streamlit adds :colour[...] directives, emoji
# shortcodes and $LaTeX$, whose markers are punctuation too. ('=' and '-' lines make setext headings.)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&=])")


def here() -> str:
    """Where the app runs, as a user should read it: their own computer, or, when the app is shared with
    sign-in, the organisation's server (where what they paste is processed, not on their computer)."""
    return "this server" if get_settings().auth_configured else "this computer"


def md_escape(text: str) -> str:
    """Make `text` render literally in st.markdown (no links, HTML, emphasis, headings or LaTeX)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def link_text(text: str) -> str:
    """Markdown links as their words: the corpus keeps the publication's links as "[words](#)", which would
    show as brackets once escaped, and lead nowhere if rendered."""
    return _MD_LINK.sub(r"\1", text)


def md_quote(text: str) -> str:
    """An escaped markdown blockquote of `text` (every line quoted)."""
    return "\n".join("> " + (md_escape(line) if line.strip() else "") for line in text.splitlines() or [""])


def one_line(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


# ---------------------------------------------------------------------------------------------- page style

# Added once per page (st.html puts a style-only block out of the layout). Why each rule:
# - passages are a pale blue with a dark underline, not yellow or red, so they read as "here", not "wrong";
#   the one a link has just landed on (:target) gets a strong outline;
# - Streamlit draws captions at 60% opacity (3.9:1 on white); body text needs 4.5:1, so they are solid;
# - Streamlit's focus ring is a pale red (about 2.2:1); a 3 px dark blue ring is over 3:1 on any light colour;
# - tables wrap their words and scroll inside their own box, so a phone never scrolls the whole page sideways.
PAGE_STYLE = """<style>
.rra-draft { line-height: 1.55; overflow-wrap: break-word; }
.rra-draft p { margin: 0 0 0.55em 0; }
.rra-draft .rra-heading { margin-top: 0.9em; }
mark.rra-passage, .rra-draft mark, .rra-draft-section mark {
  background: #e3ecfa; color: inherit; border-bottom: 2px solid #1a4f9c; padding: 0 1px; }
mark.rra-passage:target, .rra-alias:target, .rra-line:target {
  background: #c4d7f5; outline: 3px solid #1a4f9c; outline-offset: 2px; }
[id^="rra-"] { scroll-margin-top: 1.5rem; }
a.rra-back { font-size: 0.75em; vertical-align: super; margin: 0 2px; padding: 0 0.4em; border-radius: 0.7em;
  background: #1a4f9c; color: #ffffff !important; text-decoration: none; }
a.rra-locate { color: #1a4f9c; font-weight: 600; }
a.rra-quote { color: inherit; text-decoration: none; }
.rra-pre .rra-line { white-space: pre-wrap; tab-size: 4; }
.rra-line-no { display: inline-block; min-width: 2.2em; color: #474a55; font-variant-numeric: tabular-nums; }
.rra-finding-target:target + * { outline: 3px solid #1a4f9c; }
.rra-table { overflow-x: auto; max-width: 100%; margin: 0.4em 0 1em 0; }
.rra-draft table, .rra-draft-section table { border-collapse: collapse; width: 100%; }
.rra-draft th, .rra-draft td, .rra-draft-section th, .rra-draft-section td {
  border: 1px solid #6b6e78; padding: 0.25em 0.4em; vertical-align: top; text-align: left;
  overflow-wrap: break-word; min-width: 4em; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * { color: #474a55 !important; opacity: 1 !important; }
[data-testid="stMarkdownContainer"] blockquote { color: #262730; opacity: 1; }
:focus-visible { outline: 3px solid #1a4f9c !important; outline-offset: 2px !important; }
</style>"""


def page_style() -> None:
    st.html(PAGE_STYLE)


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
    prefix: str,
    *,
    what: str,
    paste_help: str,
    height: int = 280,
    reader: str = "document",
    types: Sequence[str] = UPLOAD_TYPES,
) -> str:
    """An uploader and a text area for one page's document; returns the text (possibly empty).

    An upload replaces the text in the box, which the user can then edit; everything stays in this
    session's state under `{prefix}_text`.
    """
    from assistant.app.state import restore_widget

    limit = resources.upload_limit_mb()
    uploaded = st.file_uploader(
        f"Upload the {what} ({', '.join('.' + t for t in types[:-1])} or .{types[-1]}, up to {limit} MB)",
        type=list(types),
        key=widget_key(f"{prefix}_upload"),
        max_upload_size=limit,
        help=f"The file is read on {here()} and kept only for this browser session.",
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


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[str], None]]:
    """A progress bar for work over a second or two: yields a callback for the service layer's progress
    messages; a message with a count ("3/5") moves the bar, any message updates its text."""
    bar = st.progress(0.0, text=label)
    at = 0.0

    def say(message: str) -> None:
        nonlocal at
        at = max(at, fraction(message) or at)
        bar.progress(at, text=f"{label} {one_line(message.strip(), 120)}")

    try:
        yield say
    finally:
        bar.empty()  # the results, or the error, say how it ended


# ------------------------------------------------------------------------------------------- draft sections


def line_id(n: int) -> str:
    """The HTML id of line `n` of the chronology shown beside the draft sections."""
    return f"rra-chronology-line-{n}"


def quoted_html(text: str, quotes: Sequence[Citation]) -> str:
    """`text` HTML-escaped, with each quote from the chronology (found in order) marked and made a link to its
    line in the chronology pane: a click or Enter reaches the line, where a hover title would not on a phone
    or by keyboard."""
    spans: list[tuple[int, int, int]] = []
    cursor = 0
    for q in quotes:
        at = text.find(q.quote, cursor)
        if at < 0:
            at = text.find(q.quote)
        if at < 0 or not q.quote:
            continue
        spans.append((at, at + len(q.quote), q.line))
        cursor = at + len(q.quote)
    pieces: list[str] = []
    cursor = 0
    for start, end, line in sorted(spans):
        if start < cursor:  # overlapping quotes: the first one's link covers it
            continue
        pieces.append(html.escape(text[cursor:start]))
        pieces.append(
            f'<a class="rra-quote" href="#{line_id(line)}" aria-label="{html.escape(text[start:end], quote=True)}'
            f' (chronology line {line})"><mark>{html.escape(text[start:end])}</mark></a>'
        )
        cursor = end
    pieces.append(html.escape(text[cursor:]))
    return "".join(pieces).replace("\n", "<br>")


def numbered_lines_html(text: str, label: str) -> str:
    """The chronology as given, one numbered paragraph per line, each the target of its quotes' links."""
    rows = "".join(
        f'<p class="rra-line" id="{line_id(n)}" tabindex="-1"><span class="rra-line-no">{n}</span> '
        f"{html.escape(line)}</p>"
        for n, line in enumerate(text.split("\n"), start=1)
        if line.strip()
    )
    return f'<div class="rra-draft rra-pre" role="document" aria-label="{html.escape(label, quote=True)}">{rows}</div>'


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
            out.append(  # scrolls inside its own box on a phone, never the page (see PAGE_STYLE)
                '<div class="rra-table" role="region" tabindex="0" aria-label="Table in the draft">'
                f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
            )
    if in_list:
        out.append("</ul>")
    return '<div class="rra-draft-section">' + "".join(out) + "</div>"


def evaluators_section(
    what: str, tables: Sequence[tuple[str, Sequence[dict[str, object]]]], note: str = ""
) -> None:
    """Codes, offsets and ids, for people checking the tool's work: collapsed, and the only place on a page
    where they appear."""
    with st.expander(f"For evaluators: {what}"):
        for title, rows in tables:
            if rows:
                st.markdown(f"**{md_escape(title)}**")
                st.dataframe(list(rows), hide_index=True, width="stretch")
        if note:
            st.caption(md_escape(note))


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
