"""Split a library document into passages the embedder reads whole.

The corpus's chunker packs paragraphs; a library document (a PDF's text especially) may have paragraphs far
longer than the model reads, so those are first cut at sentence ends into pieces of at most CHUNK_WORDS.
"""

from __future__ import annotations

import re

from assistant.retrieval.items import CHUNK_WORDS

# A passage per paragraph: a letter's paragraphs are its separate points, and a finding is matched against
# one point (a whole letter in one passage would match every finding). Only paragraphs shorter than this
# (headings, greetings) are joined to what follows.
SHORT_WORDS = 15
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _pieces(paragraph: str) -> list[str]:
    """The paragraph itself, or sentence-aligned pieces of it; a sentence longer than the limit is cut by
    words (a run-on PDF line still has every word indexed somewhere)."""
    if len(paragraph.split()) <= CHUNK_WORDS:
        return [paragraph]
    out: list[str] = []
    current: list[str] = []
    for sentence in _SENTENCE_END.split(paragraph):
        words = sentence.split()
        while len(words) > CHUNK_WORDS:
            if current:
                out.append(" ".join(current))
                current = []
            out.append(" ".join(words[:CHUNK_WORDS]))
            words = words[CHUNK_WORDS:]
        if current and len(current) + len(words) > CHUNK_WORDS:
            out.append(" ".join(current))
            current = []
        current.extend(words)
    if current:
        out.append(" ".join(current))
    return out


def chunk_text(text: str) -> list[str]:
    """Passages of at most CHUNK_WORDS words: a paragraph each, short ones joined to the next."""
    chunks: list[str] = []
    current: list[str] = []
    words = 0
    for paragraph in re.split(r"\n\s*\n", text):
        for piece in _pieces(" ".join(paragraph.split())):
            if not piece:
                continue
            n = len(piece.split())
            if current and (words >= SHORT_WORDS or words + n > CHUNK_WORDS):
                chunks.append("\n\n".join(current))
                current, words = [], 0
            current.append(piece)
            words += n
    if current:
        chunks.append("\n\n".join(current))
    return chunks
