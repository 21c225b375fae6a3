"""The service layer: what the CLI and the Streamlit app both call. No presentation here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from assistant.corpus import corpus_summary, load_corpus
from assistant.documents.reader import InputDocument, read_bytes, read_path
from assistant.domain.corpus import CorpusSummary, SearchResponse
from assistant.domain.critique import Critique
from assistant.errors import InputError
from assistant.providers import CritiqueRequest, get_provider
from assistant.retrieval import CorpusIndex, get_index
from assistant.settings import get_settings

Progress = Callable[[str], None]


def corpus_info() -> CorpusSummary:
    return corpus_summary(load_corpus())


def index(progress: Progress | None = None) -> CorpusIndex:
    return get_index(get_settings(), progress)


def search(
    query: str,
    *,
    kinds: Iterable[str] | None = None,
    exclude_example: int | None = None,
    n: int = 5,
    progress: Progress | None = None,
) -> SearchResponse:
    results = index(progress).search(query, n=n, kinds=kinds, exclude_example=exclude_example)
    return SearchResponse(query=query, results=tuple(results))


def read_document(source: str | Path | bytes, name: str = "input") -> InputDocument:
    """A path, '-' for standard input, or uploaded bytes."""
    return read_bytes(source, name) if isinstance(source, bytes) else read_path(source)


def critique(
    text: str,
    *,
    provider: str | None = None,
    exclude_example: int | None = None,
    with_panel_comments: bool = True,
) -> Critique:
    if not text.strip():
        raise InputError("the draft is empty", fix="paste or upload the draft rapid review text")
    request = CritiqueRequest(
        text=text, exclude_example=exclude_example, with_panel_comments=with_panel_comments
    )
    return get_provider(provider).generate(request)
