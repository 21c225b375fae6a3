"""The partnership's local library: its own Panel letters, rapid reviews, local reviews and guidance.

Only redacted text is ever held (in chunks, in the index); these models describe what is held and what a
search of it returns. Nothing here carries an original name: titles and file names are redacted too.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

LibraryKind = Literal["panel-letter", "rapid-review", "local-review", "guidance"]
LIBRARY_KINDS: tuple[str, ...] = get_args(LibraryKind)
KIND_LABELS: dict[str, str] = {
    "panel-letter": "Panel letter",
    "rapid-review": "Rapid review",
    "local-review": "Local review",
    "guidance": "Guidance",
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LibraryDocument(_Model):
    """One document in the library, as its manifest entry records it."""

    id: str = Field(description="Stable id 'lib-' + the first 12 hex digits of `sha256`.")
    kind: LibraryKind = Field(description="panel-letter | rapid-review | local-review | guidance.")
    title: str = Field(description="Title given with --title, or the document's first line; redacted.")
    date: str | None = Field(None, description="The document's own date (YYYY, YYYY-MM or YYYY-MM-DD).")
    source_name: str = Field(description="The file's base name (redacted); never its folder.")
    added_at: str = Field(description="When it was added, ISO 8601 UTC.")
    sha256: str = Field(description="sha256 of the redacted text: the same file added twice is one entry.")
    chunks: int = Field(ge=1, description="How many passages of it are indexed.")


class LibraryManifest(_Model):
    """`<data dir>/library/manifest.json`: what the local library holds (the index holds the passages)."""

    documents: list[LibraryDocument] = Field(default_factory=list, description="Oldest first.")


class LibraryPassage(_Model):
    """A redacted passage of a library document, similar to what is being looked at."""

    id: str = Field(description="Passage id '<document id>:<n>'.")
    document: str = Field(description="Id of the library document it comes from.")
    kind: LibraryKind = Field(description="Kind of that document.")
    title: str = Field(description="Title of that document.")
    date: str | None = Field(None, description="Date of that document, when known.")
    text: str = Field(description="The passage, redacted (PERSON_1 and the like stand for identifiers).")
    score: float = Field(description="Retrieval score (reciprocal rank fusion of vectors and BM25).")

    @property
    def label(self) -> str:
        """'Panel letter "Title", 2024-03-01': source and date, as every output shows them."""
        return f"{KIND_LABELS[self.kind]} “{self.title}”, {self.date or 'undated'}"


class LibraryAddition(_Model):
    """The outcome of adding one file."""

    document: LibraryDocument = Field(description="Its manifest entry.")
    added: bool = Field(description="False when the same redacted text was already in the library.")
    redactions: dict[str, int] = Field(
        description="Identifiers replaced, by category (PERSON, DATE, ...): distinct identifiers per category."
    )


class LibraryPreview(_Model):
    """What would be stored, before anything is: the redacted text and what redaction changed."""

    source_name: str = Field(description="The file's base name (redacted).")
    kind: LibraryKind = Field(description="The kind it would be filed as.")
    title: str = Field(description="The title it would be filed under (redacted).")
    date: str | None = Field(None, description="Its date, when given.")
    redacted_text: str = Field(description="The whole text as it would be stored, redacted.")
    redactions: dict[str, int] = Field(description="Distinct identifiers replaced, by category.")
    occurrences: int = Field(description="How many places in the text were replaced in all.")
    chunks: int = Field(description="How many passages it would be indexed as.")
    existing: str | None = Field(None, description="Id of the same document already in the library.")


class LibraryListing(_Model):
    location: str = Field(description="Where the library is kept: a folder, or the Chroma server's URL.")
    documents: list[LibraryDocument] = Field(description="Oldest first.")
