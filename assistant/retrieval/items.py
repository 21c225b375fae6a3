"""Turn the corpus into index items: one per guidance point, comment, review, criterion, and section chunk."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.domain.corpus import Corpus, Kind

CHUNK_WORDS = 180  # MiniLM reads 256 word pieces; longer chunks would be truncated unseen


@dataclass(frozen=True, slots=True)
class IndexItem:
    id: str
    text: str
    kind: Kind
    source: str
    example: int | None = None
    section: str | None = None

    def metadata(self) -> dict[str, str | int]:
        # chromadb metadata values cannot be None: 0 means "not from an example"
        return {
            "kind": self.kind,
            "example": self.example or 0,
            "section": self.section or "",
            "source": self.source,
        }


def _chunks(text: str) -> list[str]:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    chunks: list[str] = []
    current: list[str] = []
    words = 0
    for p in paragraphs:
        n = len(p.split())
        if current and words + n > CHUNK_WORDS:
            chunks.append("\n\n".join(current))
            current, words = [], 0
        current.append(p)
        words += n
    if current:
        chunks.append("\n\n".join(current))
    return chunks


def corpus_items(corpus: Corpus) -> list[IndexItem]:
    items: list[IndexItem] = []
    for g in corpus.guidance:
        label = "Minimum requirement" if g.group == "minimum_requirement" else "Important issue"
        items.append(
            IndexItem(f"guidance:{g.id}", g.text, "guidance", f"Panel guidance, {label.lower()} {g.id}")
        )
    for ex in corpus.examples:
        for s in ex.sections:
            for j, chunk in enumerate(_chunks(s.text)):
                items.append(
                    IndexItem(
                        f"ex{ex.number}:s{s.index}:{j}",
                        f"{s.heading}\n\n{chunk}" if s.heading else chunk,
                        "review_section",
                        f"Example {ex.number} ({ex.title}), section '{s.heading}'",
                        ex.number,
                        s.heading,
                    )
                )
        for c in ex.comments:
            items.append(
                IndexItem(
                    c.id,
                    c.text,
                    "panel_comment",
                    f"Example {ex.number} ({ex.title}), Panel comment on '{c.section}'",
                    ex.number,
                    c.section,
                )
            )
    for r in corpus.national_reviews:
        text = f"{r.title} ({r.kind}, {r.published}). Theme: {r.theme}. " + " ".join(
            f"{p[0].upper()}{p[1:]}." for p in r.key_points
        )
        items.append(IndexItem(f"nr:{r.id}", text, "national_review", f"{r.title} ({r.published})"))
    for crit in corpus.criteria:
        items.append(
            IndexItem(
                f"crit:{crit.id}", crit.text, "criterion", f"Statutory framework: {crit.group} {crit.id}"
            )
        )
    return items
