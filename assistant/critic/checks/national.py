"""Link the draft to the Panel's national reviews: which apply to this case, and does the draft draw on them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant import textscan
from assistant.corpus import load_corpus
from assistant.critic.checks import Result, check
from assistant.critic.checks.case_info import child_years
from assistant.critic.context import UNSET, Context, Match
from assistant.domain.corpus import NationalReview
from assistant.domain.critique import NationalReviewRef
from assistant.lexicon import (
    NEGATED,
    NEGLECT_SIGNS,
    NEGLECT_TERMS,
    RESIDENTIAL_SETTING,
    LifeStage,
    life_stage,
)

MIN_TRIGGERS = 2  # without a 'requires' rule, two distinct case features make a publication relevant

# Case facts a publication needs beyond its catalogue entry's 'requires' groups, and how close together
# those groups must be. They follow from each publication's subject: 'Out of routine' is about babies who
# died, so a baby injured in a home where a parent drinks is not a SUDI case; 'I wanted them all to notice' is
# about abuse within the family, so the abuse and the family member have to be mentioned together, not a
# father in the case information and sexual abuse by strangers in the incident. (Candidates for the catalogue.)
EXTRA_REQUIRES: dict[str, list[list[str]]] = {
    "sudi-2020": [
        [
            r"\bdied\b",
            r"\bdeath\b",
            r"\bdead\b",
            r"unresponsive",
            r"not breathing",
            r"\bSUDI\b",
            r"sudden (?:unexpected|infant)",
            r"resuscitat",
            r"cardiac arrest",
            r"pronounced",
        ]
    ],
    # neglect named as a feature of this case, and a sign of it in the child's life: 'neglect' alone is in
    # every draft that quotes the notification test, and poor school attendance alone is not neglect
    "child-neglect-2026": [list(NEGLECT_TERMS), list(NEGLECT_SIGNS)],
}
GROUP_WINDOW: dict[str, int] = {"intrafamilial-csa-2024": 160}
# An injury the child was born with ('a brain injury caused by lack of oxygen around birth') is not harm by a
# carer: a sentence about the birth does not supply the injury a publication about abuse requires.
NOT_HARM_SENTENCE = re.compile(
    r"(?i)\b(?:birth|born|premature|prematurity|delivery|oxygen|congenital|antenatal)\b"
)
HARM_GROUP_REVIEWS = {"invisible-men-2021", "bruising-non-mobile-2022"}


@dataclass(frozen=True)
class Relevance:
    review: NationalReview
    score: int
    features: list[Match]
    strong: bool = False  # the publication's required case facts are all present


@lru_cache(maxsize=64)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


def _trigger(term: str) -> re.Pattern[str]:
    return _compile(re.escape(term) + r"(?![\w-])(?<![\w-]" + "." * len(term) + ")")


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).lower()


NATIONAL_WORK = r"(?:national (?:review|report|learning|briefing|thematic review)|Panel'?s? (?:\w+ ){0,2}(?:review|report|briefing|paper|publication|analysis)|briefing paper|CSPR Panel (?:review|report))"
STOP = {
    "and",
    "of",
    "the",
    "in",
    "on",
    "for",
    "to",
    "a",
    "an",
    "with",
    "by",
    "who",
    "are",
    "is",
    "children",
    "young",
    "people",
}


@lru_cache(maxsize=64)
def _theme_patterns(review: NationalReview) -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    """'the Panel's national review into SUDI': a national publication named by its subject (the first words
    of each part of its theme), with the lower-case words a match needs."""
    patterns = []
    for part in re.split(r"[;:]", review.theme):
        key = [w for w in re.findall(r"[\w'-]+", part) if w.lower() not in STOP][:2]
        if not key:
            continue
        subject = r"\W+(?:\w+\W+){0,3}?".join(re.escape(w) for w in key)
        patterns.append(
            (_compile(NATIONAL_WORK + r"[^.\n]{0,80}?\b" + subject), tuple(w.lower() for w in key))
        )
    if review.id.startswith("sudi"):
        patterns.append((_compile(NATIONAL_WORK + r"[^.\n]{0,80}?\bSUDI\b"), ("sudi",)))
    return patterns


def _title_name(review: NationalReview) -> str:
    """The part of the title a draft cites it by: the words before the subtitle ('Out of routine'), unless
    those words only name the subject ('Child neglect'), which a draft uses about the case itself."""
    prefix = review.title.split(":")[0]
    theme = review.theme.lower()
    if prefix != review.title and all(w.lower() in theme for w in re.findall(r"[\w'-]+", prefix)):
        return review.title
    return prefix


def referenced(ctx: Context, review: NationalReview) -> Match | None:
    """Where the draft refers to the publication by title, short name or theme."""
    names = [_title_name(review), *review.short_names]
    lower = ctx.lower
    for name in names:
        first_word = _normalise(name).split(" ")[0].strip("'’")
        if lower is not None and first_word and not ctx.scanner.contains(first_word):
            continue
        pattern = _compile(re.escape(_normalise(name)).replace(r"\ ", r"\s+").replace("'", "['’]"))
        if (m := ctx.first(pattern)) is not None:
            return ctx.sentence(m.start)
    for p in review.reference_patterns:
        if not _absent(ctx, p) and (m := ctx.first(_compile(p))) is not None:
            return ctx.sentence(m.start)
    if lower is not None and not any(
        ctx.scanner.contains(w) for w in ("national", "panel", "briefing", "cspr")
    ):
        return None
    for theme, keys in _theme_patterns(review):
        if lower is not None and not all(ctx.scanner.contains(k) for k in keys):
            continue
        if (m := ctx.first(theme)) is not None:
            return ctx.sentence(m.start)
    return None


@lru_cache(maxsize=512)
def _required_literal(pattern: str) -> str:
    """A lower-case piece of text every match of `pattern` contains ('' when there is no simple one).

    Used to skip a full regex scan of a long draft when the piece is not in it at all."""
    depth = 0
    escaped = False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return ""  # alternatives at the top level: no single required piece
    body = re.sub(r"^(?:\(\?i\))?(?:\\b)?", "", pattern)
    m = re.match(r"[A-Za-z][A-Za-z' ]*", body)
    if m is None:
        return ""
    literal = m.group(0)
    if body[m.end() : m.end() + 1] in ("?", "*", "{"):
        literal = literal[:-1]  # 'marks?' only requires 'mark'
    return literal.lower() if len(literal) >= 3 else ""


def _absent(ctx: Context, pattern: str) -> bool:
    """True when the draft cannot match `pattern` (its required text is nowhere in the draft)."""
    literal = _required_literal(pattern)
    return bool(literal) and ctx.lower is not None and not ctx.scanner.contains(literal)


def _feature(ctx: Context, pattern: re.Pattern[str]) -> Match | None:
    """The first mention that is not negated ('no apparent fractures'), widened to whole words."""
    if _absent(ctx, pattern.pattern):
        return None
    text = ctx.text
    for m in ctx.scanner.finditer(pattern):
        if NEGATED.search(text, max(0, m.start() - 40), m.start()):
            continue
        end = m.end()
        while end < len(text) and (text[end].isalnum() or text[end] == "-"):
            end += 1
        return Match(m.start(), end, text[m.start() : end])
    return None


def _features(ctx: Context, pattern: re.Pattern[str], limit: int = 50) -> list[Match]:
    """Mentions that are not negated, widened to whole words (at most `limit`)."""
    text = ctx.text
    out: list[Match] = []
    if _absent(ctx, pattern.pattern):
        return out
    for m in ctx.scanner.finditer(pattern):
        if NEGATED.search(text, max(0, m.start() - 40), m.start()):
            continue
        end = m.end()
        while end < len(text) and (text[end].isalnum() or text[end] == "-"):
            end += 1
        out.append(Match(m.start(), end, text[m.start() : end]))
        if len(out) >= limit:
            break
    return out


def _together(text: str, hits: list[list[Match]], window: int) -> list[Match] | None:
    """One mention from each group, all in one sentence and within `window` characters (a sliding window)."""
    tagged = sorted((m.start, g, m) for g, group in enumerate(hits) for m in group)
    latest: dict[int, Match] = {}
    for start, g, m in tagged:
        latest[g] = m
        if len(latest) < len(hits):
            continue
        first = min(x.start for x in latest.values())
        if start - first <= window and not re.search(r"[.!?\n]", text[first:start]):
            return [latest[i] for i in range(len(hits))]
    return None


def _first_not_about_birth(ctx: Context, hits: list[Match]) -> list[Match]:
    for m in sorted(hits, key=lambda x: x.start):
        if not NOT_HARM_SENTENCE.search(ctx.sentence(m.start).text):
            return [m]
    return []


def relevance(ctx: Context, review: NationalReview) -> Relevance | None:
    features: list[Match] = []
    seen: set[str] = set()
    for term in review.triggers:
        m = _feature(ctx, _trigger(term))
        if m is not None and m.text.lower() not in seen:
            seen.add(m.text.lower())
            features.append(m)
    groups = [*review.requires, *EXTRA_REQUIRES.get(review.id, [])]
    if groups:
        hits = [[m for p in group for m in _features(ctx, _compile(p))] for group in groups]
        window = GROUP_WINDOW.get(review.id)
        if review.id in HARM_GROUP_REVIEWS:
            # the first mention of each required fact that is not about the birth (only the first is used)
            hits = [_first_not_about_birth(ctx, h) for h in hits] if not window else hits
        if any(not h for h in hits):
            return None
        chosen = (
            _together(ctx.text, hits, window) if window else [min(h, key=lambda m: m.start) for h in hits]
        )
        if chosen is None:
            return None
        # the specific case features (sofa, alcohol) first, then the broad facts the review requires (a baby)
        triggers = sorted(features, key=lambda f: f.start)
        required = []
        for hit in sorted(chosen, key=lambda f: f.start):
            if hit.text.lower() not in seen:
                seen.add(hit.text.lower())
                required.append(hit)
        return Relevance(review, len(triggers) + len(required) + 2, triggers + required, strong=True)
    if len(features) < MIN_TRIGGERS:
        return None
    return Relevance(review, len(features), sorted(features, key=lambda f: f.start))


# Publications about babies: they do not apply to a child the draft says is older, whatever baby (a sibling,
# 'known to services as a baby') the text mentions.
ABOUT_BABIES = frozenset({"sudi-2020", "invisible-men-2021", "bruising-non-mobile-2022"})


# Publications about children in one kind of setting: they apply only when the text places the child in it,
# and not at stages of life the publication did not look at ('residential' alone may be a parent-and-baby
# assessment or an address; a 3-month-old at home is not a disabled child in a residential setting).
SETTING_REVIEWS: dict[str, tuple[re.Pattern[str], frozenset[LifeStage]]] = {
    "disabled-children-residential-2022": (RESIDENTIAL_SETTING, frozenset({"infant"})),
}


def setting_applies(review_id: str, text: str, stage: LifeStage | None) -> bool:
    """False for a setting publication when the child's stage is outside it or the text names no such setting."""
    rule = SETTING_REVIEWS.get(review_id)
    if rule is None:
        return True
    setting, not_for = rule
    return stage not in not_for and any(
        not NEGATED.search(text, max(0, m.start() - 40), m.start()) for m in textscan.finditer(setting, text)
    )


def relevant_reviews(ctx: Context) -> list[Relevance]:
    """The publications a draft about this case may be asked to cite (annual reports never are)."""
    if ctx.facts.national is UNSET:
        stage = life_stage(child_years(ctx))
        older = stage not in (None, "infant")
        found = [
            r
            for nr in load_corpus().national_reviews
            if not nr.supporting_only
            and not (older and nr.id in ABOUT_BABIES)
            and setting_applies(nr.id, ctx.text, stage)
            and (r := relevance(ctx, nr))
        ]
        ctx.facts.national = sorted(found, key=lambda r: -r.score)
    return ctx.facts.national


MAX_FURTHER_READING = 2


def supporting_reviews(ctx: Context) -> list[Relevance]:
    """Annual reports whose themes the case shares: context for the review, offered as further reading."""
    found = [r for nr in load_corpus().national_reviews if nr.supporting_only and (r := relevance(ctx, nr))]
    return sorted(found, key=lambda r: -r.score)[:MAX_FURTHER_READING]


def _ref(rel: Relevance) -> NationalReviewRef:
    feats: list[str] = []
    for f in rel.features:
        if f.text.lower() not in (x.lower() for x in feats):
            feats.append(f.text)
    return NationalReviewRef(
        id=rel.review.id,
        title=rel.review.title,
        why=f"The draft mentions {', '.join(repr(x) for x in feats[:5])}: {rel.review.theme}.",
        evidence=[f.evidence() for f in rel.features[:3]],
    )


def _further_reading(rel: Relevance) -> NationalReviewRef:
    """An annual report as context: the draft's features, and the report's finding closest to them."""
    ref = _ref(rel)
    words = {w for f in rel.features for w in re.findall(r"[a-z]{4,}", f.text.lower())}
    point = max(
        reversed(rel.review.key_points), key=lambda p: len(words & set(re.findall(r"[a-z]{4,}", p.lower())))
    )
    return ref.model_copy(
        update={
            "why": f"Further reading, as supporting context (not a publication the draft must cite): {ref.why} "
            f"The report found that {point}."
        }
    )


@check("NATIONAL_REVIEW_NOT_REFERENCED")
def national_review(ctx: Context) -> Result | None:
    relevant = relevant_reviews(ctx)
    cited = [(nr, m) for nr in load_corpus().national_reviews if (m := referenced(ctx, nr)) is not None]
    cited_ids = {nr.id for nr, _ in cited}
    further = [_further_reading(r) for r in supporting_reviews(ctx) if r.review.id not in cited_ids]
    if not relevant:
        if cited:
            return Result(
                "NATIONAL_REVIEW_NOT_REFERENCED",
                gap=False,
                evidence=[cited[0][1]],
                strength="NATIONAL_LEARNING_USED",
                national_reviews=further,
            )
        # nothing a draft must cite applies, as far as its words show; an annual report alone never makes a gap
        return None
    missing = [r for r in relevant if r.review.id not in cited_ids]
    # A draft that draws on national learning is not told it has none: which publication fits best is a
    # judgement, and the others that apply are offered as further reading, not as a gap.
    if cited:
        return Result(
            "NATIONAL_REVIEW_NOT_REFERENCED",
            gap=False,
            evidence=[cited[0][1]],
            strength="NATIONAL_LEARNING_USED",
            national_reviews=[_ref(r) for r in missing[:3]] + further,
        )
    names = "; ".join(f"'{_title_name(r.review)}'" for r in missing[:3])
    return Result(
        "NATIONAL_REVIEW_NOT_REFERENCED",
        gap=True,
        evidence=[f for r in missing[:2] for f in r.features[:2]],
        detail=f" The case features point to {names}, which the draft does not refer to.",
        national_reviews=[_ref(r) for r in missing[:3]] + further,
        section="Whole document",
    )
