"""BM25 over the index items (bm25s), rebuilt in memory per process: a few hundred items take milliseconds."""

from __future__ import annotations

import bm25s
import numpy as np

from assistant.retrieval.items import IndexItem


class LexicalIndex:
    def __init__(self, items: list[IndexItem]) -> None:
        self.items = items
        self._retriever = bm25s.BM25()
        tokens = bm25s.tokenize([i.text for i in items], stopwords="en", show_progress=False)
        self._retriever.index(tokens, show_progress=False)

    def scores(self, query: str) -> np.ndarray:
        tokens = bm25s.tokenize([query], stopwords="en", show_progress=False, return_ids=False)
        if not tokens or not tokens[0]:
            return np.zeros(len(self.items))
        return np.asarray(self._retriever.get_scores(tokens[0]))
