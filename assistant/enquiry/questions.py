"""Turning theme hits into questions for the rapid review meeting or an LCSPR's terms of reference.

A question is a template filled with the child's name as the text writes it and the agencies and people
named in the evidence; the rationale counts and quotes the evidence. Neither states a fact the text does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.corpus import load_corpus
from assistant.critic.checks.national import Relevance, setting_applies
from assistant.domain.critique import Evidence, NationalReviewRef
from assistant.domain.drafting import Citation
from assistant.drafting.grounding import EntryText, Source
from assistant.drafting.people import PeopleResult
from assistant.drafting.roles import ROLE_SPECS
from assistant.enquiry.themes import (
    _ADULT_IDS,
    _MALE_IDS,
    Scan,
    ThemeHits,
    Unit,
    chronology_units,
    detect_themes,
    is_infant_case,
    people_in,
)
from assistant.lexicon import LifeStage

MAX_EVIDENCE = 5
_SPEC_NAMES = {s.id: s.name for s in ROLE_SPECS}


@dataclass
class LineDraft:
    theme_id: str
    theme: str
    question: str
    rationale: str
    citations: list[Citation]
    agencies: list[str]
    national_reviews: list[NationalReviewRef]
    score: float
    entries: int


def join_names(names: list[str], limit: int = 4) -> str:
    names = names[:limit]
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _pick(units: list[Unit]) -> list[Unit]:
    """Up to MAX_EVIDENCE units, one per entry first, kept in text order."""
    chosen: list[Unit] = []
    seen_entries: set[int | None] = set()
    for u in units:
        key = u.entry if u.entry is not None else id(u)
        if key not in seen_entries:
            seen_entries.add(key)
            chosen.append(u)
    if len(chosen) < MAX_EVIDENCE:
        chosen += [u for u in units if u not in chosen][: MAX_EVIDENCE - len(chosen)]
    chosen = chosen[:MAX_EVIDENCE]
    return sorted(chosen, key=lambda u: u.cite.start)


def _names(units: list[Unit], ids: set[str], child_labels: set[str]) -> list[str]:
    found: dict[str, None] = {}  # ordered, and constant-time to check
    for u in units:
        for pid, written in people_in(u.cite.quote):
            if pid in ("adult-label", "title", "title-male") and pid in ids:
                name = " ".join(written.split())
            elif pid in ids and pid in _SPEC_NAMES:
                name = _SPEC_NAMES[pid]
            else:
                continue
            found.setdefault(name, None)
    out = list(found)
    partner = _SPEC_NAMES["partner"]
    if partner in out:
        out.remove(partner)
        if not any("partner" in n.lower() for n in out):
            out.append("the partner")
    return out


def review_ref(review_id: str, relevance: dict[str, Relevance], source: Source) -> NationalReviewRef | None:
    corpus = load_corpus()
    review = next((r for r in corpus.national_reviews if r.id == review_id), None)
    if review is None:
        return None
    rel = relevance.get(review_id)
    if rel is not None:
        feats: list[str] = []
        for f in rel.features:
            if f.text.lower() not in (x.lower() for x in feats):
                feats.append(f.text)
        why = f"The text mentions {', '.join(repr(x) for x in feats[:5])}: {review.theme}."
        evidence = [f.evidence() for f in rel.features[:3]]
    else:
        point = review.key_points[0] if review.key_points else review.theme
        why = f"It is the Panel's work on {review.theme}: {point}."
        evidence = []
    return NationalReviewRef(id=review.id, title=review.title, why=why, evidence=evidence)


def build_lines(
    scan: Scan, hits: list[ThemeHits], relevance: dict[str, Relevance], source: Source, *, chronology: bool
) -> list[LineDraft]:
    lines: list[LineDraft] = []
    for th in hits:
        theme = th.theme
        chosen = _pick(th.units)
        agencies: list[str] = []
        for u in th.units:
            if u.agency and u.agency not in agencies:
                agencies.append(u.agency)
        men = _names(th.units, _MALE_IDS | {"adult-label"}, scan.child_labels)
        adults = _names(th.units, _ADULT_IDS | {"adult-label"}, scan.child_labels)
        question = theme.question.format(
            child=scan.child,
            agencies=join_names(agencies) or "agencies",
            men=join_names(men) or f"the men in {scan.child}'s life",
            adults=join_names(adults) or f"the adults caring for {scan.child}",
        )
        question = question[0].upper() + question[1:]
        entries = len({u.entry for u in th.units}) if chronology else len(th.units)
        noun = (
            ("entry" if entries == 1 else "entries")
            if chronology
            else ("passage" if entries == 1 else "passages")
        )
        line_nums = sorted({u.cite.line for u in th.units})
        shown_lines = ", ".join(str(n) for n in line_nums[:12]) + (" …" if len(line_nums) > 12 else "")
        first = chosen[0].cite
        rationale = (
            f"{entries} {noun}"
            + (f" from {join_names(agencies, 6)}" if agencies else "")
            + f" (line{'s' if len(line_nums) > 1 else ''} {shown_lines}) {'bears' if entries == 1 else 'bear'} on this, for example “{first.quote}” "
            f"(line {first.line}). {theme.why}"
        )
        national_ids = theme.national
        if theme.id == "male_carers" and not scan.infant:
            national_ids = ()
        if any(rid not in relevance for rid in national_ids):
            # linked by theme alone: a setting publication still needs the child to be in that setting
            text = "\n".join(u.cite.quote for u in scan.units)
            stage: LifeStage | None = "infant" if scan.infant else None
            national_ids = tuple(
                rid for rid in national_ids if rid in relevance or setting_applies(rid, text, stage)
            )
        refs = [r for rid in national_ids if (r := review_ref(rid, relevance, source)) is not None]
        relevant = sum(1 for rid in national_ids if rid in relevance)
        score = entries + 0.5 * len(agencies) + 2 * relevant
        lines.append(
            LineDraft(
                theme_id=theme.id,
                theme=theme.title,
                question=question,
                rationale=rationale,
                citations=[u.cite for u in chosen],
                agencies=agencies,
                national_reviews=refs,
                score=score,
                entries=entries,
            )
        )
    order = {t.theme.id: i for i, t in enumerate(hits)}
    lines.sort(key=lambda ln: (-ln.score, order[ln.theme_id]))
    return lines


def citation_evidence(c: Citation) -> Evidence:
    return Evidence(quote=c.quote, start=c.start, end=c.end)


def chronology_scan(entries: list[EntryText], people: PeopleResult, *, infant: bool | None = None) -> Scan:
    """The units of a chronology; `infant` from the child's worked-out age when the drafting knows it."""
    units = chronology_units(entries)
    labels = {p.name for p in people.people if re.fullmatch(r"CHILD [A-Z]{1,2}", p.name)}
    baby = is_infant_case(units) if infant is None else infant
    return Scan(child=people.child_name, infant=baby, units=units, child_labels=labels)


def theme_lines(
    source: Source, entries: list[EntryText], people: PeopleResult, *, infant: bool | None = None
) -> list[LineDraft]:
    """Lines of enquiry for a chronology, without national-review relevance (the drafting's short list)."""
    scan = chronology_scan(entries, people, infant=infant)
    return build_lines(scan, detect_themes(scan), {}, source, chronology=True)
