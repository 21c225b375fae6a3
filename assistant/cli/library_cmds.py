"""`library add|list|remove`: the partnership's own documents, redacted, searched beside the Panel's corpus."""

from __future__ import annotations

import click

from assistant import services
from assistant.cli.app import cli, emit_json, format_option, write_output
from assistant.domain.library import KIND_LABELS, LIBRARY_KINDS, LibraryListing


@cli.group()
def library() -> None:
    """The local library: your Panel letters, rapid reviews, local reviews and guidance.

    Files are redacted on the way in (as for a remote model) and only the redacted passages are kept, in the
    data folder or on the Chroma server (RRA_CHROMA_URL); the originals are never stored. Critique, lines of
    enquiry and search then show similar passages from the library, labelled with their source and date.
    """


@library.command("add")
@click.argument("files", nargs=-1, required=True)
@click.option("--kind", required=True, help=f"What the documents are: {' | '.join(LIBRARY_KINDS)}.")
@click.option("--date", default=None, help="The document's date: YYYY-MM-DD (or YYYY-MM, or YYYY).")
@click.option("--title", default=None, help="A title for the document (one file only); redacted too.")
def add_cmd(files: tuple[str, ...], kind: str, date: str | None, title: str | None) -> None:
    """Add .docx, .pdf, .md or .txt FILES to the library (redacted; adding one again changes nothing)."""
    for result in services.add_to_library(list(files), kind=kind, title=title, date=date):
        doc = result.document
        replaced = ", ".join(f"{n} {k}" for k, n in result.redactions.items()) or "nothing"
        state = "added" if result.added else "already in the library"
        click.echo(
            f"{doc.id}  {state}: {KIND_LABELS[doc.kind]} “{doc.title}” ({doc.date or 'undated'}), "
            f"{doc.chunks} passages; redacted: {replaced}"
        )


def _list_markdown(listing: LibraryListing) -> str:
    lines = ["# Local library", "", f"Kept in: {listing.location}", ""]
    if not listing.documents:
        lines.append("The library is empty. Add documents with: rapid-review library add FILE --kind KIND")
    for d in listing.documents:
        lines.append(
            f"- `{d.id}` {KIND_LABELS[d.kind]} “{d.title}” ({d.date or 'undated'}); file {d.source_name}; "
            f"{d.chunks} passages; added {d.added_at}"
        )
    return "\n".join(lines) + "\n"


@library.command("list")
@format_option
def list_cmd(fmt: str) -> None:
    """The documents in the library, oldest first."""
    listing = services.list_library()
    write_output(emit_json(listing) if fmt == "json" else _list_markdown(listing), None)


@library.command("remove")
@click.argument("document_id")
def remove_cmd(document_id: str) -> None:
    """Remove document DOCUMENT_ID (see `library list`) and all its passages."""
    doc = services.remove_from_library(document_id)
    click.echo(f"removed {doc.id}: {KIND_LABELS[doc.kind]} “{doc.title}” ({doc.chunks} passages)")
