"""Key lines of enquiry and the criteria table, from a chronology or a draft review (detected).

Every evidence quote is an exact span of the input text. The report never decides: it carries a note
that the decision rests with the safeguarding partners.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from assistant import textscan
from assistant.chronology import parse_chronology
from assistant.critic.checks.national import relevant_reviews
from assistant.critic.context import Context
from assistant.domain.chronology import Chronology
from assistant.domain.kloe import (
    DECISION_NOTE,
    InputKind,
    KeyLineOfEnquiry,
    KloeMeta,
    KloeReport,
    OpenQuestion,
    ThemeSummary,
)
from assistant.drafting.facts import LIVED_ANY, child_facts, find_gaps, find_incident, safety_after, signals
from assistant.drafting.grounding import Source, entry_texts, source_for
from assistant.drafting.people import detect_people
from assistant.drafting.subject import child_in_text
from assistant.enquiry.criteria import criteria_table
from assistant.enquiry.questions import build_lines, chronology_scan, citation_evidence
from assistant.enquiry.themes import (
    Scan,
    detect_themes,
    distinct_texts,
    draft_units,
    is_infant_case,
    kept_lines,
)
from assistant.errors import InputError
from assistant.gc_pause import gc_paused
from assistant.lexicon import EARLY_LIFE, EXPLOITATION, HEALTH_DISABILITY

# A text is a chronology when rows that start with a date (or a [date] placeholder) make up this share of it.
CHRONOLOGY_ROW_SHARE = 0.35
MIN_CHRONOLOGY_ROWS = 3
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_NOT_LINE_BREAK = re.compile(r"[^\r\n]")
_DRAFT_GAPS_FOR_CHAIRS = (
    "CHILD_ETHNICITY_MISSING",
    "CHILD_DISABILITY_MISSING",
    "FAMILY_STRUCTURE_MISSING",
    "IMMEDIATE_SAFEGUARDING_MISSING",
)


def detect_kind(text: str, today: dt.date | None = None) -> tuple[InputKind, Chronology]:
    """'chronology' when dated rows make up much of the text, else 'draft'. Raises InputError when empty."""
    chronology = parse_chronology(text, today=today)
    lines = text.splitlines()
    # Counted through map and filter, so a text of a million short lines is counted in C.
    nonblank = sum(map(bool, map(str.strip, lines)))
    rows = sum(1 for e in chronology.entries if e.date_text)
    headings = sum(1 for _ in filter(None, map(_HEADING.match, lines)))
    if rows >= MIN_CHRONOLOGY_ROWS and rows >= CHRONOLOGY_ROW_SHARE * nonblank and headings <= 2:
        return "chronology", chronology
    return "draft", chronology


def mask_generated(text: str, kept: list[tuple[int, str]]) -> str:
    """The text with everything but evidence-bearing lines (`kept`, its `kept_lines`) blanked out (offsets
    unchanged)."""
    pieces: list[str] = []
    pos = 0
    for start, body in kept:
        pieces.append(_NOT_LINE_BREAK.sub(" ", text[pos:start]))
        pieces.append(body)
        pos = start + len(body)
    pieces.append(_NOT_LINE_BREAK.sub(" ", text[pos:]))
    return "".join(pieces)


def _open_questions(scan: Scan, hit_ids: set[str], draft_gaps: dict[str, str]) -> list[OpenQuestion]:
    child = scan.child
    texts = distinct_texts(scan.units)
    out: list[OpenQuestion] = []
    if not any(textscan.search(LIVED_ANY, t) for t in texts):
        out.append(
            OpenQuestion(
                id="lived_experience",
                question=f"What was daily life like for {child}, what did {child} say or show, and who knew {child} best?",
                why=f"The text records nothing of {child}'s own words, wishes or daily life.",
                gap="LIVED_EXPERIENCE_MISSING",
            )
        )
    if "race_culture" not in hit_ids:
        out.append(
            OpenQuestion(
                id="race_culture",
                question=f"What are {child}'s and the family's ethnicity, culture, faith and first language, and how did "
                "they bear on practice?",
                why="The text says nothing about race, ethnicity, culture, faith or language.",
                gap="RACE_CULTURE_NOT_CONSIDERED",
            )
        )
    if "disability" not in hit_ids and not any(textscan.search(HEALTH_DISABILITY, t) for t in texts):
        out.append(
            OpenQuestion(
                id="disability_health",
                question=f"Did {child} or the adults caring for {child} have any disability or health needs?",
                why="The text says nothing about disability or physical or mental health.",
                gap="DISABILITY_HEALTH_NOT_CONSIDERED",
            )
        )
    if any(textscan.search(EXPLOITATION, t) for t in texts) and not any(
        textscan.search(EARLY_LIFE, t) for t in texts
    ):
        out.append(
            OpenQuestion(
                id="early_life",
                question=f"What happened in {child}'s early life and family history before the exploitation began?",
                why="The text covers the recent harm but nothing of the child's early life or family history.",
                gap="EARLY_LIFE_HISTORY_MISSING",
            )
        )
    questions = {
        "CHILD_ETHNICITY_MISSING": f"What is {child}'s ethnicity?",
        "CHILD_DISABILITY_MISSING": f"Does {child} have any disability or health needs, or none known?",
        "FAMILY_STRUCTURE_MISSING": f"Who lived in {child}'s household, and who else was significant in {child}'s life?",
        "IMMEDIATE_SAFEGUARDING_MISSING": f"What has been done since the incident to keep {child} and any other children safe?",
    }
    for code in _DRAFT_GAPS_FOR_CHAIRS:
        if code in draft_gaps:
            out.append(
                OpenQuestion(id=code.lower(), question=questions[code], why=draft_gaps[code], gap=code)
            )
    return out


def kloe_text(
    text: str,
    exclude_example: int | None = None,
    *,
    provider: str = "offline",
    today: dt.date | None = None,
) -> KloeReport:
    """Lines of enquiry and the criteria evidence table for a chronology or a draft rapid review."""
    if not text.strip():
        raise InputError("the text is empty", fix="paste a chronology or a draft rapid review")
    # A long text makes a unit and citation for every sentence, none in a reference cycle: the cyclic
    # collector would only scan them again and again while they are built.
    with gc_paused():
        return _report(text, exclude_example, provider=provider, today=today)


def _report(text: str, exclude_example: int | None, *, provider: str, today: dt.date | None) -> KloeReport:
    kind, chronology = detect_kind(text, today)
    draft_gaps: dict[str, str] = {}
    issues = []
    if kind == "chronology":
        source = source_for(chronology)
        entries = entry_texts(source)
        incident = find_incident(entries)
        people = detect_people(source, entries, incident)
        facts = child_facts(source, entries, people, incident)
        scan = chronology_scan(entries, people, infant=facts.infant or None)
        gaps = find_gaps(
            facts, people, incident, signals(entries), after_incident_safety=bool(safety_after(incident))
        )
        draft_gaps = {g.code: g.detail for g in gaps}
        issues = chronology.issues
        masked = text
    else:
        source = Source(text)
        kept = kept_lines(text)  # read once for the units and the mask
        units = draft_units(source, kept)
        scan = Scan(child=child_in_text(text), infant=is_infant_case(units), units=units)
        masked = mask_generated(text, kept)
    relevance = {r.review.id: r for r in relevant_reviews(Context(masked))}
    hits = detect_themes(scan)
    drafts = build_lines(scan, hits, relevance, source, chronology=kind == "chronology")
    lines = [
        KeyLineOfEnquiry(
            id=d.theme_id,
            theme=d.theme,
            question=d.question,
            rationale=d.rationale,
            evidence=[citation_evidence(c) for c in d.citations],
            lines=[c.line for c in d.citations],
            agencies=d.agencies,
            national_reviews=d.national_reviews,
        )
        for d in drafts
    ]
    themes = [
        ThemeSummary(
            id=h.theme.id,
            title=h.theme.title,
            hits=len(h.units),
            lines=sorted({u.cite.line for u in h.units})[:50],
        )
        for h in hits
    ]
    notices = []
    if kind == "draft":
        notices.append("Read as a draft rapid review (not a chronology); evidence quotes its sentences.")
    if exclude_example is not None:
        notices.append(
            f"Example {exclude_example} is left out; the offline lines of enquiry do not use retrieval."
        )
    if not lines:
        notices.append("No practice themes were found in the text; the criteria table below still applies.")
    return KloeReport(
        child=scan.child,
        lines_of_enquiry=lines,
        not_in_text=_open_questions(scan, {h.theme.id for h in hits}, draft_gaps),
        criteria=criteria_table(scan, hits, relevance, source),
        themes=themes,
        decision_note=DECISION_NOTE,
        chronology_issues=issues,
        meta=KloeMeta(
            provider=provider,
            input_kind=kind,
            input_chars=len(text),
            input_sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
            exclude_example=exclude_example,
            notices=notices,
        ),
    )
