"""`<data dir>/library/manifest.json`: the local library's list of documents, for people to read and audit.

The index itself is what the tool reads (each passage carries its document's entry), so the manifest is
rewritten whole after every change rather than edited. A library on a Chroma server has no local manifest:
it belongs to the server, and `rapid-review library list` reads it from there.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from assistant.domain.library import LibraryDocument, LibraryManifest
from assistant.library.store import library_folder
from assistant.settings import Settings


def manifest_path(settings: Settings) -> Path:
    return library_folder(settings) / "manifest.json"


def read_manifest(settings: Settings) -> LibraryManifest:
    path = manifest_path(settings)
    if not path.exists():
        return LibraryManifest()
    return LibraryManifest.model_validate_json(path.read_text(encoding="utf-8"))


def write_manifest(settings: Settings, documents: list[LibraryDocument]) -> None:
    if settings.chroma_url:
        return
    path = manifest_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = LibraryManifest(documents=documents).model_dump_json(indent=2) + "\n"
    # Written to a temporary file and renamed, so a reader never sees half a manifest.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".manifest-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
