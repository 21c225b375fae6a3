"""Where the library's passages live: a Chroma collection of its own, never the Panel corpus's.

Locally it is `<data dir>/library/chroma`, a folder apart from the corpus index (`<data dir>/chroma`), so
`rapid-review index --rebuild`, which deletes and rebuilds the corpus index, cannot take the library with it:
the library cannot be rebuilt, because its originals are never kept. With RRA_CHROMA_URL it is the collection
`<collection>-library` on that server, shared by everyone who uses it; the hyphen keeps it out of the
`<collection>_*` names the corpus index clears when a corpus version is retired.

Every passage carries its document's manifest entry in its metadata, so the documents are read back from
the index itself and a server's library lists the same for every client.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.domain.library import LibraryDocument
from assistant.errors import ConfigError, RetrievalIndexError
from assistant.library.ingest import Prepared
from assistant.settings import Settings

ADD_BATCH = 64
_DOC_FIELDS = ("kind", "title", "date", "source_name", "added_at", "sha256", "chunks")


def library_folder(settings: Settings) -> Path:
    return settings.data_dir / "library"


def collection_name(settings: Settings) -> str:
    return f"{settings.collection}-library"


def location(settings: Settings) -> str:
    return settings.chroma_url or str(library_folder(settings))


@dataclass(frozen=True)
class Passages:
    """Every passage in the library, as read in one go."""

    ids: list[str]
    texts: list[str]
    metadatas: list[dict[str, Any]]


def _unavailable(settings: Settings, exc: BaseException) -> RetrievalIndexError:
    reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
    if settings.chroma_url:
        return RetrievalIndexError(
            f"cannot use the library on the Chroma server at {settings.chroma_url}: {reason}",
            fix="start the server (chroma run) or unset RRA_CHROMA_URL to use the local library",
        )
    return RetrievalIndexError(
        f"cannot open the library in {library_folder(settings)}: {reason}",
        fix="set RRA_DATA_DIR to a writable folder; if the library is damaged, delete that folder and add the "
        "documents again",
    )


def document_from(meta: dict[str, Any]) -> LibraryDocument:
    return LibraryDocument(
        id=meta["doc_id"],
        **{k: meta[k] for k in _DOC_FIELDS if k != "date"},
        date=meta.get("date") or None,
    )


class LibraryStore:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.name = collection_name(settings)

    def _client(self) -> Any:
        import chromadb

        from assistant.retrieval.index import _chroma_settings, make_client

        if self.settings.chroma_url:
            return make_client(self.settings)
        path = library_folder(self.settings) / "chroma"
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(
                f"cannot create the library folder {path}: {exc}", fix="set RRA_DATA_DIR to a writable folder"
            ) from exc
        return chromadb.PersistentClient(path=str(path), settings=_chroma_settings())

    def _collection(self, *, create: bool) -> Any | None:
        """The collection, or None when the library was never created (no folder is made just to look)."""
        from assistant.retrieval.embeddings import MiniLMOnnxEmbeddingFunction

        if (
            not create
            and not self.settings.chroma_url
            and not (library_folder(self.settings) / "chroma").exists()
        ):
            return None
        try:
            client = self._client()
            if not create and self.name not in {
                c if isinstance(c, str) else c.name for c in client.list_collections()
            }:
                return None
            return client.get_or_create_collection(
                self.name,
                embedding_function=MiniLMOnnxEmbeddingFunction(),
                configuration={"hnsw": {"space": "cosine"}},
            )
        except (ConfigError, RetrievalIndexError):
            raise
        except Exception as exc:
            raise _unavailable(self.settings, exc) from exc

    def _call(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            raise _unavailable(self.settings, exc) from exc

    # -- reading --------------------------------------------------------------------------------------
    def passages(self) -> Passages:
        collection = self._collection(create=False)
        if collection is None:
            return Passages([], [], [])
        got = self._call(collection.get, include=["documents", "metadatas"])
        return Passages(
            list(got["ids"]), list(got["documents"] or []), [dict(m) for m in got["metadatas"] or []]
        )

    def documents(self) -> list[LibraryDocument]:
        collection = self._collection(create=False)
        if collection is None:
            return []
        got = self._call(collection.get, where={"chunk": 0}, include=["metadatas"])
        docs = [document_from(dict(m)) for m in got["metadatas"] or []]
        return sorted(docs, key=lambda d: (d.added_at, d.id))

    def query(self, texts: list[str], n: int, exclude: AbstractSet[str]) -> list[list[tuple[str, float]]]:
        """Per query text, up to n (passage id, cosine distance) nearest first, leaving out `exclude` documents."""
        collection = self._collection(create=False)
        if collection is None or not texts:
            return [[] for _ in texts]
        where = {"doc_id": {"$nin": sorted(exclude)}} if exclude else None
        count = self._call(collection.count)
        if not count:
            return [[] for _ in texts]
        res = self._call(
            collection.query, query_texts=texts, n_results=min(n, count), where=where, include=["distances"]
        )
        return [
            list(zip(ids, dists, strict=True))
            for ids, dists in zip(res["ids"], res["distances"], strict=True)
        ]

    # -- changing -------------------------------------------------------------------------------------
    def add(self, prepared: Prepared, added_at: str) -> LibraryDocument:
        """Index a prepared document's passages (only these: nothing else is re-embedded)."""
        collection = self._collection(create=True)
        assert collection is not None
        meta: dict[str, Any] = {
            "doc_id": prepared.id,
            "kind": prepared.kind,
            "title": prepared.title,
            "date": prepared.date or "",
            "source_name": prepared.source_name,
            "added_at": added_at,
            "sha256": prepared.sha256,
            "chunks": len(prepared.chunks),
        }
        ids = [f"{prepared.id}:{i}" for i in range(len(prepared.chunks))]
        # Chunk 0 last: `documents` lists a document by its chunk 0, so a half-added one is never listed.
        order = [*range(1, len(ids)), 0]
        for b in range(0, len(order), ADD_BATCH):
            batch = order[b : b + ADD_BATCH]
            self._call(
                collection.upsert,
                ids=[ids[i] for i in batch],
                documents=[prepared.chunks[i] for i in batch],
                metadatas=[{**meta, "chunk": i} for i in batch],
            )
        return document_from(meta)

    def find(self, doc_id: str) -> LibraryDocument | None:
        collection = self._collection(create=False)
        if collection is None:
            return None
        got = self._call(collection.get, ids=[f"{doc_id}:0"], include=["metadatas"])
        return document_from(dict(got["metadatas"][0])) if got["ids"] else None

    def remove(self, doc_id: str) -> None:
        """Delete every passage of one document; the rest of the library is untouched."""
        collection = self._collection(create=False)
        if collection is not None:
            # Chunk 0 last, as in `add`: if this stops half-way the document is still listed, and removable.
            self._call(collection.delete, where={"$and": [{"doc_id": doc_id}, {"chunk": {"$ne": 0}}]})
            self._call(collection.delete, ids=[f"{doc_id}:0"])
