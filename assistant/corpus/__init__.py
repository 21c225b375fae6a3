"""The Panel's publication and reference data as typed records."""

from assistant.corpus.loader import corpus_summary, load_corpus

__all__ = ["corpus_summary", "load_corpus"]
