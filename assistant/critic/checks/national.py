"""Link the draft to the Panel's national reviews: which apply to this case, and does the draft draw on them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.corpus import load_corpus
from assistant.critic.checks import Result, check
from assistant.critic.context import Context, Match
from assistant.domain.corpus import NationalReview
from assistant.domain.critique import NationalReviewRef

MIN_TRIGGERS = 2  # without a 'requires' rule, two distinct case features make a publication relevant


@dataclass(frozen=True)
class Relevance:
    review: NationalReview
    score: int
    features: list[Match]


@lru_cache(maxsize=64)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


def _trigger(term: str) -> re.Pattern[str]:
    return _compile(r"(?<![\w-])" + re.escape(term) + r"(?![\w-])")


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).lower()


def referenced(ctx: Context, review: NationalReview) -> Match | None:
    """Where the draft refers to the publication by title, short name or theme."""
    names = [review.title.split(":")[0], *review.short_names]
    for name in names:
        pattern = _compile(re.escape(_normalise(name)).replace(r"\ ", r"\s+").replace("'", "['’]"))
        if (m := pattern.search(ctx.text)) is not None:
            return ctx.sentence(m.start())
    for p in review.reference_patterns:
        if (m := _compile(p).search(ctx.text)) is not None:
            return ctx.sentence(m.start())
    return None


NEGATED = re.compile(
    r"(?i)\b(?:no|not|nil|without|denied|ruled out|no apparent|no evidence of|no signs? of)\b[^.;\n]{0,25}$"
)


def _feature(ctx: Context, pattern: re.Pattern[str]) -> Match | None:
    """The first mention that is not negated ('no apparent fractures'), widened to whole words."""
    text = ctx.text
    for m in pattern.finditer(text):
        if NEGATED.search(text, max(0, m.start() - 40), m.start()):
            continue
        end = m.end()
        while end < len(text) and (text[end].isalnum() or text[end] == "-"):
            end += 1
        return Match(m.start(), end, text[m.start() : end])
    return None


def relevance(ctx: Context, review: NationalReview) -> Relevance | None:
    features: list[Match] = []
    seen: set[str] = set()
    for term in review.triggers:
        m = _feature(ctx, _trigger(term))
        if m is not None and m.text.lower() not in seen:
            seen.add(m.text.lower())
            features.append(m)
    if review.requires:
        for group in review.requires:
            hit = next((m for p in group if (m := _feature(ctx, _compile(p))) is not None), None)
            if hit is None:
                return None
            if hit.text.lower() not in seen:
                seen.add(hit.text.lower())
                features.append(hit)
        return Relevance(review, len(features) + 2, sorted(features, key=lambda f: f.start))
    if len(features) < MIN_TRIGGERS:
        return None
    return Relevance(review, len(features), sorted(features, key=lambda f: f.start))


def relevant_reviews(ctx: Context) -> list[Relevance]:
    if "national" not in ctx.memo:
        found = [
            r
            for nr in load_corpus().national_reviews
            if nr.kind != "annual report" and (r := relevance(ctx, nr))
        ]
        ctx.memo["national"] = sorted(found, key=lambda r: -r.score)
    return ctx.memo["national"]  # type: ignore[return-value]


def _ref(rel: Relevance) -> NationalReviewRef:
    feats = []
    for f in rel.features:
        if f.text.lower() not in (x.lower() for x in feats):
            feats.append(f.text)
    return NationalReviewRef(
        id=rel.review.id,
        title=rel.review.title,
        why=f"The draft mentions {', '.join(repr(x) for x in feats[:5])}: {rel.review.theme}.",
        evidence=[f.evidence() for f in rel.features[:3]],
    )


@check("NATIONAL_REVIEW_NOT_REFERENCED")
def national_review(ctx: Context) -> Result | None:
    relevant = relevant_reviews(ctx)
    cited = [(nr, m) for nr in load_corpus().national_reviews if (m := referenced(ctx, nr)) is not None]
    if not relevant:
        if cited:
            return Result(
                "NATIONAL_REVIEW_NOT_REFERENCED",
                gap=False,
                evidence=[cited[0][1]],
                strength="NATIONAL_LEARNING_USED",
            )
        return None  # nothing in the catalogue applies, as far as the draft's words show
    cited_ids = {nr.id for nr, _ in cited}
    if relevant[0].review.id in cited_ids:  # it already draws on the review that fits the case best
        return Result(
            "NATIONAL_REVIEW_NOT_REFERENCED",
            gap=False,
            evidence=[cited[0][1]],
            strength="NATIONAL_LEARNING_USED",
        )
    missing = [r for r in relevant if r.review.id not in cited_ids]
    names = "; ".join(f"'{r.review.title.split(':')[0]}'" for r in missing[:3])
    return Result(
        "NATIONAL_REVIEW_NOT_REFERENCED",
        gap=True,
        evidence=[f for r in missing[:2] for f in r.features[:2]],
        detail=f" The case features point to {names}, which the draft does not refer to.",
        national_reviews=[_ref(r) for r in missing[:3]],
        section="Whole document",
    )
