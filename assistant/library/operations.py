"""Add, preview, list and remove library documents. Each change touches only that document's passages
(the Panel corpus index is never rebuilt) and then rewrites the local manifest."""

from __future__ import annotations

import datetime as dt

from assistant.documents.reader import InputDocument
from assistant.domain.library import LibraryAddition, LibraryDocument, LibraryListing, LibraryPreview
from assistant.errors import InputError
from assistant.library.ingest import prepare
from assistant.library.manifest import write_manifest
from assistant.library.store import LibraryStore, location
from assistant.settings import Settings


def preview(
    document: InputDocument,
    kind: str,
    settings: Settings,
    *,
    title: str | None = None,
    date: str | None = None,
) -> LibraryPreview:
    """What adding would store, and what redaction changed; nothing is stored."""
    p = prepare(document, kind, title=title, date=date)
    existing = LibraryStore(settings).find(p.id)
    return LibraryPreview(
        source_name=p.source_name,
        kind=p.kind,
        title=p.title,
        date=p.date,
        redacted_text=p.text,
        redactions=p.redactions,
        occurrences=p.occurrences,
        chunks=len(p.chunks),
        existing=existing.id if existing else None,
    )


def add(
    documents: list[InputDocument],
    kind: str,
    settings: Settings,
    *,
    title: str | None = None,
    date: str | None = None,
) -> list[LibraryAddition]:
    """Every document is read and redacted before any is stored, so bad input stores nothing."""
    if title and len(documents) > 1:
        raise InputError(
            "--title names one document, but several files were given",
            fix="add the files one at a time to give each its title, or leave --title out",
        )
    prepared = [prepare(d, kind, title=title, date=date) for d in documents]
    store = LibraryStore(settings)
    out: list[LibraryAddition] = []
    changed = False
    for p in prepared:
        existing = store.find(p.id)
        if existing is not None:  # the same redacted text: adding it again changes nothing
            out.append(LibraryAddition(document=existing, added=False, redactions=p.redactions))
            continue
        added_at = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        out.append(LibraryAddition(document=store.add(p, added_at), added=True, redactions=p.redactions))
        changed = True
    if changed:
        write_manifest(settings, store.documents())
    return out


def listing(settings: Settings) -> LibraryListing:
    return LibraryListing(location=location(settings), documents=LibraryStore(settings).documents())


def remove(doc_id: str, settings: Settings) -> LibraryDocument:
    store = LibraryStore(settings)
    entry = store.find(doc_id.strip())
    if entry is None:
        raise InputError(
            f"there is no document '{doc_id}' in the library",
            fix="run 'rapid-review library list' and give one of its ids",
        )
    store.remove(entry.id)
    write_manifest(settings, store.documents())
    return entry
