"""Prepare a document for the library: check the options, redact everything that will be kept, chunk it.

Redaction is `assistant.privacy.redact`, the same call that guards every remote model call; its
placeholders are kept and never restored, so no original identifier reaches the index or the manifest.
The title and the file name are redacted too: either may carry a child's name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import PurePath
from typing import cast

from assistant.documents.reader import InputDocument
from assistant.domain.library import LIBRARY_KINDS, LibraryKind
from assistant.errors import InputError
from assistant.library.chunking import chunk_text
from assistant.privacy import Redaction, redact

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
TITLE_CHARS = 120


def check_kind(kind: str) -> LibraryKind:
    if kind not in LIBRARY_KINDS:
        raise InputError(f"unknown kind '{kind}'", fix=f"use --kind with one of: {', '.join(LIBRARY_KINDS)}")
    return cast(LibraryKind, kind)


def check_date(date: str | None) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD, a real date not in the future; None stays None."""
    if date is None or not date.strip():
        return None
    fix = "give the document's date as YYYY-MM-DD (or YYYY-MM, or YYYY), e.g. --date 2024-03-15"
    match = _DATE.fullmatch(date.strip())
    if match is None:
        raise InputError(f"'{date}' is not a date", fix=fix)
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        parsed = dt.date(cast(int, year), month or 1, day or 1)
    except ValueError:
        raise InputError(f"'{date}' is not a real date", fix=fix) from None
    if parsed > dt.date.today():
        raise InputError(f"'{date}' is in the future", fix=fix)
    return match.group(0)


@dataclass(frozen=True)
class Prepared:
    """A document ready to store: only redacted text, and what the redaction replaced (counts, no originals)."""

    id: str
    kind: LibraryKind
    title: str
    date: str | None
    source_name: str
    text: str
    sha256: str
    chunks: list[str]
    redactions: dict[str, int]
    occurrences: int


def _one_line(text: str, limit: int = TITLE_CHARS) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip(" #*\t"):
            return line.strip(" #*\t")
    return ""


def _counts(redaction: Redaction) -> tuple[dict[str, int], int]:
    by_kind = Counter(e.kind.value for e in redaction.entities)
    return dict(sorted(by_kind.items())), sum(e.count for e in redaction.entities)


def prepare(
    document: InputDocument, kind: str, *, title: str | None = None, date: str | None = None
) -> Prepared:
    checked_kind, checked_date = check_kind(kind), check_date(date)
    if not document.text.strip():
        raise InputError(f"'{document.name}' has no text", fix="add a document that has text in it")
    redaction = redact(document.text)
    text = redaction.text
    chunks = chunk_text(text)
    if not chunks:
        raise InputError(f"'{document.name}' has no text", fix="add a document that has text in it")
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    name = redact(PurePath(document.name).name).text
    given = redact(title).text if title and title.strip() else ""
    counts, occurrences = _counts(redaction)
    return Prepared(
        id=f"lib-{sha[:12]}",
        kind=checked_kind,
        title=_one_line(given or _first_line(text) or PurePath(name).stem),
        date=checked_date,
        source_name=name,
        text=text,
        sha256=sha,
        chunks=chunks,
        redactions=counts,
        occurrences=occurrences,
    )
