"""Heavy, shared, read-only resources, built once per server process behind `st.cache_resource`.

Only things that are the same for every user live here (the corpus, the retrieval index, which providers
exist). A user's documents never do: they stay in that user's session state (see `ui.state`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from assistant import services
from assistant.corpus import load_corpus
from assistant.domain.corpus import Corpus
from assistant.llm.audit import safe_url
from assistant.providers import available_providers
from assistant.retrieval import CorpusIndex
from assistant.settings import Settings, get_settings

MEGABYTE = 1024 * 1024


@st.cache_resource(show_spinner=False)
def _corpus(corpus_dir: str) -> Corpus:
    return load_corpus()


def corpus() -> Corpus:
    """The Panel's publication and the reference data, parsed once."""
    return _corpus(str(get_settings().corpus_dir))


@st.cache_resource(show_spinner=False)
def _index(data_dir: str, corpus_dir: str, _progress: Callable[[str], None] | None = None) -> CorpusIndex:
    return services.index(_progress)


def retrieval_index(progress: Callable[[str], None] | None = None) -> CorpusIndex:
    """The retrieval index, loaded (or built, the first time: up to a minute, reported through `progress`)."""
    s = get_settings()
    return _index(str(s.data_dir), str(s.corpus_dir), progress)


@dataclass(frozen=True)
class RemoteModel:
    """A configured remote model, described for the provider choice (no secrets: the endpoint is shown
    without credentials, query or fragment)."""

    model: str
    endpoint: str


@st.cache_resource(show_spinner=False)
def _providers() -> tuple[str, ...]:
    return tuple(available_providers())


def remote_model(settings: Settings | None = None) -> RemoteModel | None:
    """The remote model users may choose, or None: it must be both installed and configured."""
    s = settings or get_settings()
    if not s.llm_configured or "openai" not in _providers():
        return None
    # Shown in the page's radio label: never the URL's userinfo (a password), query or fragment.
    return RemoteModel(model=s.llm_model or "", endpoint=safe_url(s.llm_base_url))


def upload_limit_mb(settings: Settings | None = None) -> int:
    """The upload limit in whole megabytes for `st.file_uploader`, from `max_input_bytes`."""
    s = settings or get_settings()
    return max(1, math.ceil(s.max_input_bytes / MEGABYTE))
