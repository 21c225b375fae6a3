"""Hybrid retrieval over the corpus: chromadb vectors fused with BM25 by reciprocal rank fusion."""

from assistant.retrieval.index import CorpusIndex, get_index

__all__ = ["CorpusIndex", "get_index"]
