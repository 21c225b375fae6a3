"""Load the whole corpus once per process, with a content hash that drives index rebuilds."""

from __future__ import annotations

import hashlib
from datetime import date
from functools import lru_cache
from pathlib import Path

from assistant.corpus import freshness
from assistant.corpus.publication import parse_examples, parse_guidance
from assistant.corpus.reference import load_criteria, load_framework, load_national_reviews
from assistant.domain.corpus import Corpus, CorpusCounts, CorpusSummary, PublicationSummary
from assistant.errors import RRAError
from assistant.settings import get_settings

PUBLICATION = "rapid-review-examples-2022.txt"
NATIONAL_REVIEWS = "national-reviews.yaml"
CRITERIA = "statutory-criteria.yaml"
# Bump when parsing changes what gets indexed, so existing indexes are rebuilt.
PARSER_VERSION = "2"
ATTRIBUTION = (
    "Child Safeguarding Practice Review Panel, 'Rapid review examples' (December 2022). "
    "© Crown copyright 2022, Open Government Licence v3.0."
)


def _read(corpus_dir: Path, name: str) -> str:
    path = corpus_dir / name
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise RRAError(
            f"corpus file missing: {path}",
            fix="reinstall rapid-review-assistant, or set RRA_CORPUS_DIR to a folder holding the corpus files",
        ) from exc


def content_hash(corpus_dir: Path) -> str:
    h = hashlib.sha256(PARSER_VERSION.encode())
    for name in (PUBLICATION, NATIONAL_REVIEWS, CRITERIA):
        h.update(name.encode())
        h.update(_read(corpus_dir, name).encode("utf-8"))
    return h.hexdigest()


@lru_cache(maxsize=4)
def _load(corpus_dir: Path, digest: str) -> Corpus:
    text = _read(corpus_dir, PUBLICATION)
    reviews = load_national_reviews(corpus_dir / NATIONAL_REVIEWS)
    documents, framework_checked = load_framework(corpus_dir / CRITERIA)
    checked = [r.checked for r in reviews] + ([framework_checked] if framework_checked else [])
    return Corpus(
        guidance=tuple(parse_guidance(text)),
        examples=tuple(parse_examples(text)),
        national_reviews=tuple(reviews),
        criteria=tuple(load_criteria(corpus_dir / CRITERIA)),
        framework=tuple(documents),
        reference_checked=freshness.oldest(checked),
        content_hash=digest,
    )


def load_corpus(corpus_dir: Path | None = None) -> Corpus:
    """Parsed once per content: the hash (cheap to compute) is part of the cache key, so edits are seen."""
    folder = (corpus_dir or get_settings().corpus_dir).resolve()
    return _load(folder, content_hash(folder))


def _publications(c: Corpus) -> tuple[PublicationSummary, ...]:
    reviews = [
        PublicationSummary(
            id=r.id,
            title=r.title,
            kind=r.kind,
            date=r.date_label,
            source=r.source,
            role="supporting" if r.supporting_only else "may_be_required",
        )
        for r in c.national_reviews
    ]
    framework = [
        PublicationSummary(
            id=d.id,
            title=d.title,
            kind="framework",
            date=d.published,
            source=d.source,
            status=d.status,
            role="framework",
        )
        for d in c.framework
    ]
    return tuple(reviews + framework)


def corpus_summary(corpus: Corpus | None = None, today: date | None = None) -> CorpusSummary:
    """`today` is injectable so the staleness rule can be tested on any date."""
    c = corpus or load_corpus()
    return CorpusSummary(
        counts=CorpusCounts(
            examples=len(c.examples),
            panel_comments=len(c.panel_comments),
            minimum_requirements=sum(g.group == "minimum_requirement" for g in c.guidance),
            important_issues=sum(g.group == "important_issue" for g in c.guidance),
            national_reviews=len(c.national_reviews),
            criteria=len(c.criteria),
            review_sections=sum(len(e.sections) for e in c.examples),
        ),
        examples=tuple(f"Example {e.number}: {e.title}" for e in c.examples),
        publications=_publications(c),
        reference_checked=c.reference_checked,
        reference_stale=bool(c.reference_checked)
        and freshness.is_stale(c.reference_checked, today or freshness.today()),
        content_hash=c.content_hash,
        source=ATTRIBUTION,
    )
