"""The service layer: what the CLI and the Streamlit app both call. No presentation here."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from assistant.corpus import corpus_summary, load_corpus
from assistant.domain.corpus import CorpusSummary, SearchResponse
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
