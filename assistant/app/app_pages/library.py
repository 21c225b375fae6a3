"""Local library page: add the partnership's own Panel letters, rapid reviews, local reviews and guidance,
list them and remove them. A file is redacted and shown, with what redaction changed, before anything is
stored; only the redacted passages are ever kept."""

from __future__ import annotations

import hashlib

import streamlit as st

from assistant import services
from assistant.app import components
from assistant.app.components import md_escape
from assistant.app.state import init_state
from assistant.domain.library import KIND_LABELS, LIBRARY_KINDS, LibraryPreview
from assistant.errors import RRAError

init_state()
state = st.session_state

st.title("Local library")
st.markdown(
    "Your partnership's own documents: the Panel's letters on your rapid reviews, your past rapid reviews, "
    "your local reviews and your guidance. Critiques, lines of enquiry and search show similar passages from "
    "them beside the Panel's examples, each with its source and date. A review is never used to critique "
    "itself."
)
st.info(
    "Each file is **redacted before anything is stored** (names, dates of birth, addresses, schools and other "
    "identifiers become placeholders such as PERSON_1), as for a remote model. Only the redacted passages "
    "and a list of the documents are kept; the file itself is never stored.",
    icon=":material/shield_lock:",
)

try:
    listing = services.list_library()
except RRAError as exc:
    components.show_error(exc)
    st.stop()
st.caption(f"Kept in: {md_escape(listing.location)}")
if done := state.pop("library_done", None):  # said after the rerun that shows the changed list
    st.success(done, icon=":material/check_circle:")

# --------------------------------------------------------------------------------------------------- add
st.header("Add a document")
uploaded = st.file_uploader(
    "Document (.docx, .pdf, .md or .txt)", type=["docx", "pdf", "md", "txt"], key="w_library_file"
)
kind = st.selectbox("What it is", LIBRARY_KINDS, format_func=lambda k: KIND_LABELS[k], key="w_library_kind")
title = st.text_input("Title (optional; redacted too)", key="w_library_title")
date = st.text_input("Date of the document (optional): YYYY-MM-DD, YYYY-MM or YYYY", key="w_library_date")

if uploaded is not None:
    data = uploaded.getvalue()
    # The preview belongs to exactly this file and these choices; change any and it must be shown again.
    request = (hashlib.sha256(data).hexdigest(), uploaded.name, kind, title, date)
    if st.button("Redact and preview", icon=":material/visibility:"):
        try:
            state["library_preview"] = (
                request,
                services.preview_library_document(
                    data, uploaded.name, kind=kind, title=title or None, date=date or None
                ),
            )
        except RRAError as exc:
            state["library_preview"] = None
            components.show_error(exc)
    shown = state.get("library_preview")
    if shown and shown[0] == request:
        preview: LibraryPreview = shown[1]
        st.subheader("What would be stored")
        st.markdown(
            f"**{KIND_LABELS[preview.kind]}** “{md_escape(preview.title)}”, {preview.date or 'undated'}, "
            f"from {md_escape(preview.source_name)}: {preview.chunks} passages."
        )
        if preview.redactions:
            st.markdown(
                f"Redaction replaced **{preview.occurrences}** places in the text "
                f"({sum(preview.redactions.values())} distinct identifiers):"
            )
            st.table(
                {
                    "Category": list(preview.redactions),
                    "Identifiers replaced": list(preview.redactions.values()),
                }
            )
        else:
            st.warning("Redaction found nothing to replace. Check the text below before storing it.")
        st.text_area(
            "The redacted text, as it would be stored", preview.redacted_text, height=300, disabled=True
        )
        if preview.existing:
            st.info(
                f"This document is already in the library as {preview.existing}; adding it changes nothing."
            )
        elif st.button(
            "Store the redacted text in the library", type="primary", icon=":material/library_add:"
        ):
            try:
                [added] = services.add_to_library(
                    [(data, uploaded.name)], kind=kind, title=title or None, date=date or None
                )
            except RRAError as exc:
                components.show_error(exc)
            else:
                state["library_preview"] = None
                state["library_done"] = f"Added {added.document.id}: “{md_escape(added.document.title)}”."
                st.rerun()

# -------------------------------------------------------------------------------------------- list, remove
st.header("In the library")
if not listing.documents:
    st.markdown("The library is empty.")
else:
    st.dataframe(
        [
            {
                "Id": d.id,
                "Kind": KIND_LABELS[d.kind],
                "Title": d.title,
                "Date": d.date or "undated",
                "File": d.source_name,
                "Passages": d.chunks,
                "Added": d.added_at,
            }
            for d in listing.documents
        ],
        hide_index=True,
    )
    by_id = {d.id: d for d in listing.documents}
    chosen = st.selectbox(
        "Document to remove",
        list(by_id),
        format_func=lambda i: f"{i}: {KIND_LABELS[by_id[i].kind]} “{by_id[i].title}”",
        key="w_library_remove",
    )
    if st.button("Remove it and all its passages", icon=":material/delete:"):
        try:
            removed = services.remove_from_library(chosen)
        except RRAError as exc:
            components.show_error(exc)
        else:
            state["library_done"] = f"Removed {removed.id} and its {removed.chunks} passages."
            st.rerun()
