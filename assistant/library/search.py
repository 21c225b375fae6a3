"""Search the library: vectors and BM25 fused by reciprocal rank, as the corpus index does, with
leave-one-out per document (a partnership's own review is never used to critique itself).

One `LibrarySearch` reads the library once (every passage's text and entry) and then answers any number of
queries: a critique asks one per finding.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Set as AbstractSet

import bm25s
import numpy as np

from assistant.domain.library import LibraryPassage
from assistant.library.store import LibraryStore
from assistant.privacy.redaction import PLACEHOLDER
from assistant.settings import Settings

CANDIDATES = 50  # each ranker contributes this many before fusion, as in the corpus index
# A document whose word 5-grams are this much shared with the text looked at (either way round) is that
# text, or a version of it: it is left out. Placeholders in the library's redacted text never match the
# draft's names, so the 5-grams that hold one are not counted.
SELF_OVERLAP = 0.5
SHINGLE = 5
_WORD = re.compile(r"\w+")


def _shingles(text: str, *, skip_placeholders: bool) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    placeholder = [bool(PLACEHOLDER.fullmatch(w.upper())) for w in words] if skip_placeholders else None
    out = set()
    for i in range(len(words) - SHINGLE + 1):
        if placeholder is not None and any(placeholder[i : i + SHINGLE]):
            continue
        out.add(tuple(words[i : i + SHINGLE]))
    return out


class LibrarySearch:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store = LibraryStore(settings)
        got = self.store.passages()
        # Only passages of listed documents (chunk 0 is written last): a half-added document is not searched.
        listed = {m["doc_id"] for m in got.metadatas if m.get("chunk") == 0}
        keep = [i for i, m in enumerate(got.metadatas) if m["doc_id"] in listed]
        self.ids = [got.ids[i] for i in keep]
        self.texts = [got.texts[i] for i in keep]
        self.metas = [got.metadatas[i] for i in keep]
        self._row = {pid: i for i, pid in enumerate(self.ids)}
        self._bm25: bm25s.BM25 | None = None
        if self.ids:
            self._bm25 = bm25s.BM25()
            self._bm25.index(
                bm25s.tokenize(self.texts, stopwords="en", show_progress=False), show_progress=False
            )

    @property
    def empty(self) -> bool:
        return not self.ids

    def same_documents(self, text: str) -> set[str]:
        """Library documents that are `text` itself or a version of it (by shared word 5-grams)."""
        if self.empty:
            return set()
        looked_at = _shingles(text, skip_placeholders=False)
        by_doc: dict[str, list[str]] = defaultdict(list)
        for t, m in zip(self.texts, self.metas, strict=True):
            by_doc[m["doc_id"]].append(t)
        same = set()
        for doc_id, texts in by_doc.items():
            theirs = set().union(*(_shingles(t, skip_placeholders=True) for t in texts))
            if not theirs or not looked_at:
                continue
            shared = len(theirs & looked_at)
            if max(shared / len(theirs), shared / len(looked_at)) >= SELF_OVERLAP:
                same.add(doc_id)
        return same

    def _lexical(self, query: str, n: int, exclude: AbstractSet[str]) -> list[str]:
        if self._bm25 is None:
            return []
        tokens = bm25s.tokenize([query], stopwords="en", show_progress=False, return_ids=False)
        if not tokens or not tokens[0]:
            return []
        scores = np.asarray(self._bm25.get_scores(tokens[0]))
        out: list[str] = []
        for i in np.argsort(-scores, kind="stable"):
            if scores[i] <= 0 or len(out) >= n:
                break
            if self.metas[int(i)]["doc_id"] not in exclude:
                out.append(self.ids[int(i)])
        return out

    def search(
        self,
        queries: list[str],
        *,
        n: int,
        exclude: AbstractSet[str] = frozenset(),
        min_similarity: float = 0.0,
    ) -> list[list[LibraryPassage]]:
        """Up to n passages per query, best first. With `min_similarity`, a passage must also be at least that
        close to the query by cosine similarity of the vectors (so an unrelated library shows nothing)."""
        if self.empty or not queries:
            return [[] for _ in queries]
        vectors = self.store.query(queries, max(CANDIDATES, n), exclude)
        out = []
        for query, near in zip(queries, vectors, strict=True):
            similarity = {pid: 1.0 - dist for pid, dist in near if pid in self._row}
            fused: dict[str, float] = defaultdict(float)
            for ranking in (
                [pid for pid, _ in near if pid in self._row],
                self._lexical(query, CANDIDATES, exclude),
            ):
                for rank, pid in enumerate(ranking, 1):
                    fused[pid] += 1.0 / (self.settings.rrf_k + rank)
            ranked = sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))
            kept = [
                (p, s) for p, s in ranked if not min_similarity or similarity.get(p, -1.0) >= min_similarity
            ]
            out.append([self._passage(pid, score) for pid, score in kept[:n]])
        return out

    def _passage(self, pid: str, score: float) -> LibraryPassage:
        i = self._row[pid]
        m = self.metas[i]
        return LibraryPassage(
            id=pid,
            document=m["doc_id"],
            kind=m["kind"],
            title=m["title"],
            date=m.get("date") or None,
            text=self.texts[i],
            score=round(score, 6),
        )
