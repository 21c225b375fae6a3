"""The retrieval index: a chromadb collection (vectors) plus BM25 (words), fused by reciprocal rank.

The collection name carries the corpus content hash, so a changed corpus builds a new collection while
other processes keep reading the old one; a collection only counts as built once its 'complete' flag is
set, and a half-built one left by a crash is rebuilt.

A local index that cannot be opened is rebuilt from the corpus, with one line on standard error. This covers
any failure, including a panic in chromadb's Rust core: pyo3's PanicException derives from BaseException,
not Exception, and the panic prints its own message and backtrace to file descriptor 2 before Python sees it.
`rapid-review index --rebuild` (`rebuild_index`) does the same on request.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import urlparse

import numpy as np

from assistant.corpus import load_corpus
from assistant.domain.corpus import KINDS, Corpus, Kind, SearchResult
from assistant.errors import ConfigError, InputError, RetrievalIndexError
from assistant.retrieval.embeddings import DIMENSIONS, MiniLMOnnxEmbeddingFunction
from assistant.retrieval.items import IndexItem, corpus_items
from assistant.retrieval.lexical import LexicalIndex
from assistant.settings import Settings, get_settings

ADD_BATCH = 64
CANDIDATES = 50  # each ranker contributes this many before fusion
# How long another corpus version's collection is kept after it was built, for processes still reading it.
STALE_GRACE_S = 7 * 24 * 3600

Progress = Callable[[str], None]


def _chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=True)


def make_client(settings: Settings) -> Any:
    import chromadb

    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if not url.hostname:
            raise ConfigError(
                f"RRA_CHROMA_URL '{settings.chroma_url}' has no host", fix="use http://HOST:PORT"
            )
        return chromadb.HttpClient(
            host=url.hostname,
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
            settings=_chroma_settings(),
        )
    path = settings.data_dir / "chroma"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(
            f"cannot create the index folder {path}: {exc}", fix="set RRA_DATA_DIR to a writable folder"
        ) from exc
    return chromadb.PersistentClient(path=str(path), settings=_chroma_settings())


def _forget_clients() -> None:
    """chromadb caches one client per path; after deleting the folder the cached one is stale."""
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


def _recoverable(exc: BaseException) -> bool:
    """Any failure of the index, including a Rust panic (a BaseException); never Ctrl+C or an exit."""
    return not isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit)


def _reason(exc: BaseException) -> str:
    """The first line of an error, short enough for a one-line message."""
    lines = str(exc).strip().splitlines()
    text = lines[0] if lines else type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."


_STDERR_LOCK = threading.Lock()


@contextlib.contextmanager
def _native_stderr_held() -> Iterator[None]:
    """Hold what is written to file descriptor 2 while the block runs. It is written out afterwards if the block
    succeeds. If the block fails, it is dropped (shown with RRA_DEBUG=1), because that is where a Rust panic
    prints its message and backtrace before Python sees the exception. The block must be short: output from
    other threads is delayed, not lost."""
    with _STDERR_LOCK:
        sys.stderr.flush()
        try:
            saved = os.dup(2)
        except OSError:  # no standard error at all
            yield
            return
        failed = False
        with tempfile.TemporaryFile() as held:
            os.dup2(held.fileno(), 2)
            try:
                yield
            except BaseException:
                failed = True
                raise
            finally:
                with contextlib.suppress(Exception):
                    sys.stderr.flush()
                os.dup2(saved, 2)
                os.close(saved)
                if not failed or os.environ.get("RRA_DEBUG"):
                    held.seek(0)
                    with contextlib.suppress(OSError):
                        for chunk in iter(lambda: held.read(1 << 16), b""):
                            os.write(2, chunk)


def _remove_local_index(settings: Settings) -> None:
    _forget_clients()
    path = settings.data_dir / "chroma"
    try:
        shutil.rmtree(path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise RetrievalIndexError(
            f"cannot remove the index folder {path}: {exc.strerror or exc}",
            fix="delete that folder yourself, or set RRA_DATA_DIR to a writable folder",
        ) from exc


def validate_kinds(kinds: Iterable[str] | None) -> tuple[Kind, ...] | None:
    if kinds is None:
        return None
    out = tuple(kinds)
    bad = [k for k in out if k not in KINDS]
    if bad:
        raise InputError(f"unknown kind {', '.join(bad)}", fix=f"use one of: {', '.join(KINDS)}")
    return out  # type: ignore[return-value]


def validate_example(n: int | None) -> int | None:
    if n is not None and not 1 <= n <= 5:
        raise InputError(f"there is no example {n}", fix="use --exclude-example 1 to 5")
    return n


class CorpusIndex:
    def __init__(self, corpus: Corpus, settings: Settings, progress: Progress | None = None) -> None:
        self.corpus = corpus
        self.settings = settings
        self.items = corpus_items(corpus)
        self._by_id = {i.id: i for i in self.items}
        self.lexical = LexicalIndex(self.items)
        self.name = f"{settings.collection}_{corpus.content_hash[:16]}"
        self._ef = MiniLMOnnxEmbeddingFunction()
        self._lock = threading.Lock()
        self.built_now = False
        self._collection = self._open(progress or (lambda _m: None))

    # -- building -------------------------------------------------------------------------------------
    def _open(self, progress: Progress) -> Any:
        path = self.settings.data_dir / "chroma"
        try:
            return self._open_or_build(progress)
        except (ConfigError, RetrievalIndexError):
            raise
        except BaseException as exc:
            if not _recoverable(exc):
                raise
            if self.settings.chroma_url:
                raise RetrievalIndexError(
                    f"cannot use the Chroma server at {self.settings.chroma_url}: {_reason(exc)}",
                    fix="start the server (chroma run) or unset RRA_CHROMA_URL to use a local index",
                ) from exc
            # A broken local index is disposable: it is rebuilt from the corpus.
            print(
                f"rapid-review: the index at {path} could not be opened ({_reason(exc)}); rebuilding it",
                file=sys.stderr,
            )
        _remove_local_index(self.settings)
        try:
            return self._open_or_build(progress)
        except (ConfigError, RetrievalIndexError):
            raise
        except BaseException as exc2:
            if not _recoverable(exc2):
                raise
            raise RetrievalIndexError(
                f"cannot build the index in {path}: {_reason(exc2)}",
                fix="set RRA_DATA_DIR to a writable folder",
            ) from exc2

    def _open_or_build(self, progress: Progress) -> Any:
        # Opening is where a damaged index fails: its native output is held so a panic does not reach the user.
        with _native_stderr_held():
            client = make_client(self.settings)
            collection = client.get_or_create_collection(
                self.name,
                embedding_function=self._ef,
                configuration={"hnsw": {"space": "cosine"}},
                metadata={"content_hash": self.corpus.content_hash},
            )
            if self._usable(collection):
                return collection
        progress(f"Building the retrieval index ({len(self.items)} items)…")
        for b in range(0, len(self.items), ADD_BATCH):
            batch = self.items[b : b + ADD_BATCH]
            # upsert with fixed ids makes two processes building at once harmless
            collection.upsert(
                ids=[i.id for i in batch],
                documents=[i.text for i in batch],
                metadatas=[i.metadata() for i in batch],
            )
            progress(f"  indexed {min(b + ADD_BATCH, len(self.items))}/{len(self.items)}")
        collection.modify(
            metadata={"content_hash": self.corpus.content_hash, "complete": True, "built_at": time.time()}
        )
        self._usable(collection, probe_only=True)
        self.built_now = True
        self._drop_stale(client)
        return collection

    def _usable(self, collection: Any, *, probe_only: bool = False) -> bool:
        """Whether a built collection can answer: it is complete, holds every item, and a vector query and a
        read of its metadata both work (a damaged index fails here, while opening, not on the first search)."""
        if not probe_only:
            meta = collection.metadata or {}
            if not (meta.get("complete") and collection.count() == len(self.items)):
                return False
        probe = [1.0] + [0.0] * (DIMENSIONS - 1)
        collection.query(query_embeddings=[probe], n_results=1, include=[])
        collection.get(ids=[self.items[0].id], include=["metadatas"])
        return True

    def _drop_stale(self, client: Any) -> None:
        """Delete other corpus versions' collections, but only long after they were built: a process started
        before the corpus changed (a running app, say) may still be reading one."""
        prefix = f"{self.settings.collection}_"
        now = time.time()
        for c in client.list_collections():
            name = c if isinstance(c, str) else c.name
            if not name.startswith(prefix) or name == self.name:
                continue
            built_at = (getattr(c, "metadata", None) or {}).get("built_at")
            if not isinstance(built_at, int | float) or now - built_at < STALE_GRACE_S:
                continue
            with contextlib.suppress(Exception):  # another process may be deleting it too
                client.delete_collection(name)

    @property
    def count(self) -> int:
        return int(self._collection.count())

    # -- querying -------------------------------------------------------------------------------------
    def _where(self, kinds: tuple[Kind, ...] | None, exclude_example: int | None, example: int | None) -> Any:
        clauses: list[dict[str, Any]] = []
        if kinds:
            clauses.append({"kind": {"$in": list(kinds)}})
        if exclude_example is not None:
            clauses.append({"example": {"$ne": exclude_example}})
        if example is not None:
            clauses.append({"example": example})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def _allowed(
        self, item: IndexItem, kinds: tuple[Kind, ...] | None, exclude: int | None, only: int | None
    ) -> bool:
        if kinds and item.kind not in kinds:
            return False
        if exclude is not None and item.example == exclude:
            return False
        return only is None or item.example == only

    def vector_ranking(
        self,
        query: str,
        n: int,
        kinds: tuple[Kind, ...] | None = None,
        exclude_example: int | None = None,
        example: int | None = None,
    ) -> list[str]:
        with self._lock:  # chromadb clients are not documented as thread-safe
            res = self._collection.query(
                query_texts=[query],
                n_results=n,
                where=self._where(kinds, exclude_example, example),
                include=[],
            )
        return list(res["ids"][0])

    def lexical_ranking(
        self,
        query: str,
        n: int,
        kinds: tuple[Kind, ...] | None = None,
        exclude_example: int | None = None,
        example: int | None = None,
    ) -> list[str]:
        scores = self.lexical.scores(query)
        order = np.argsort(-scores, kind="stable")
        out: list[str] = []
        for i in order:
            if scores[i] <= 0 or len(out) >= n:
                break
            item = self.items[int(i)]
            if self._allowed(item, kinds, exclude_example, example):
                out.append(item.id)
        return out

    def search(
        self,
        query: str,
        *,
        n: int = 5,
        kinds: Iterable[str] | None = None,
        exclude_example: int | None = None,
        example: int | None = None,
    ) -> list[SearchResult]:
        if not query.strip():
            raise InputError("the search query is empty", fix="give a few words to search for")
        kinds_t = validate_kinds(kinds)
        validate_example(exclude_example)
        if n < 1:
            raise InputError("n must be at least 1", fix="ask for 1 or more results")
        depth = max(CANDIDATES, n)
        fused: dict[str, float] = {}
        for ranking in (
            self.vector_ranking(query, depth, kinds_t, exclude_example, example),
            self.lexical_ranking(query, depth, kinds_t, exclude_example, example),
        ):
            for rank, item_id in enumerate(ranking, 1):
                fused[item_id] = fused.get(item_id, 0.0) + 1.0 / (self.settings.rrf_k + rank)
        best = sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
        return [self._result(item_id, score) for item_id, score in best]

    def _result(self, item_id: str, score: float) -> SearchResult:
        item = self._by_id[item_id]
        return SearchResult(
            id=item.id,
            text=item.text,
            kind=item.kind,
            source=item.source,
            example=item.example,
            section=item.section,
            score=round(score, 6),
        )


_INDEXES: dict[tuple[str, str, str | None], CorpusIndex] = {}
_INDEX_LOCK = threading.Lock()


def get_index(settings: Settings | None = None, progress: Progress | None = None) -> CorpusIndex:
    """One index per (corpus, data dir, server) per process; built on first use."""
    s = settings or get_settings()
    corpus = load_corpus(s.corpus_dir)
    key = (corpus.content_hash, str(s.data_dir), s.chroma_url)
    with _INDEX_LOCK:
        if key not in _INDEXES:
            _INDEXES[key] = CorpusIndex(corpus, s, progress)
        return _INDEXES[key]


def rebuild_index(settings: Settings | None = None, progress: Progress | None = None) -> CorpusIndex:
    """Build the index again from the corpus (`rapid-review index --rebuild`).

    For a local index, the whole index folder (`<data dir>/chroma`) is deleted first. That is what repairs a
    damaged chroma.sqlite3. With RRA_CHROMA_URL, only this corpus version's collection is deleted from the server.
    """
    s = settings or get_settings()
    corpus = load_corpus(s.corpus_dir)
    key = (corpus.content_hash, str(s.data_dir), s.chroma_url)
    with _INDEX_LOCK:
        for other in [k for k in _INDEXES if k[1:] == key[1:]]:
            del _INDEXES[other]  # indexes over the deleted folder are gone with it
        if s.chroma_url:
            name = f"{s.collection}_{corpus.content_hash[:16]}"
            try:
                client = make_client(s)
                if name in {c if isinstance(c, str) else c.name for c in client.list_collections()}:
                    client.delete_collection(name)
            except (ConfigError, RetrievalIndexError):
                raise
            except Exception as exc:
                raise RetrievalIndexError(
                    f"cannot use the Chroma server at {s.chroma_url}: {_reason(exc)}",
                    fix="start the server (chroma run) or unset RRA_CHROMA_URL to use a local index",
                ) from exc
        else:
            _remove_local_index(s)
        index = CorpusIndex(corpus, s, progress)
        _INDEXES[key] = index
        return index
