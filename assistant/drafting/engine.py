"""The offline drafting engine: a chronology in, the factual sections of a rapid review out.

Linear in the size of the chronology. Before returning, the draft is checked against the chronology
(`grounding_problems`): a draft that shows anything other than exact, correctly-placed quotes is a bug.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from assistant.chronology import parse_chronology
from assistant.critic.checks.national import relevant_reviews
from assistant.critic.context import Context
from assistant.domain.chronology import Chronology
from assistant.domain.drafting import Citation, Draft, DraftMeta, DraftSentence, TimelineItem
from assistant.drafting.facts import child_facts, find_gaps, find_incident, safety_after, signals
from assistant.drafting.grounding import EntryText, Source, entry_texts, grounding_problems, source_for
from assistant.drafting.people import PeopleResult, detect_people
from assistant.drafting.sections import (
    agency_involvement,
    analysis_questions,
    case_information,
    family_household,
    incident_summary,
    key_events,
)
from assistant.gc_pause import gc_paused

DRAFT_DECISION_NOTE = (
    "This draft sets out what the chronology records. What it means, and whether the criteria for a local child "
    "safeguarding practice review are met, is for the rapid review meeting and the safeguarding partners to decide."
)
EXTRA_QUESTIONS = 6


class GroundingError(AssertionError):
    """The draft shows something that is not an exact quote of the chronology (a bug, never bad input)."""


def ordered_entries(entries: list[EntryText]) -> list[EntryText]:
    """Dated entries by date (ties in input order), then undated entries in input order."""
    dated = sorted(
        (e for e in entries if e.entry.date is not None), key=lambda e: (e.entry.date or "", e.position)
    )
    return dated + [e for e in entries if e.entry.date is None]


def _timeline(ordered: list[EntryText]) -> list[TimelineItem]:
    items = []
    for e in ordered:
        spans = e.entry.source
        items.append(
            TimelineItem(
                date=e.entry.date,
                date_precision=e.entry.date_precision,
                date_text=e.entry.date_text,
                agency=e.entry.agency,
                agency_text=e.entry.agency_text,
                event=e.entry.event,
                lines=e.lines,
                start=spans[0].start,
                end=spans[-1].end,
                undated=e.entry.date is None,
                position=e.position,
            )
        )
    return items


def _extra_questions(
    source: Source, entries: list[EntryText], people: PeopleResult, infant: bool
) -> list[DraftSentence]:
    from assistant.enquiry.questions import theme_lines

    lines = theme_lines(source, entries, people, infant=infant)
    out = []
    for line in lines[:EXTRA_QUESTIONS]:
        cites: list[Citation] = []
        for c in line.citations:
            if all(c.line != k.line for k in cites):
                cites.append(c)
        cites = cites[:2]
        text = (
            f"{line.theme}: {line.question} See "
            + ", ".join(f"“{c.quote}” (line {c.line})" for c in cites)
            + "."
        )
        out.append(DraftSentence(text=text, quotes=cites))
    return out


def draft_from_chronology(
    chronology: Chronology, *, today: dt.date | None = None, provider: str = "offline"
) -> Draft:
    # A long chronology makes a citation, mention and clause for every sentence, none in a reference cycle:
    # the cyclic collector would only scan them again and again while they are built.
    with gc_paused():
        return _draft(chronology, today=today, provider=provider)


def _draft(chronology: Chronology, *, today: dt.date | None, provider: str) -> Draft:
    source = source_for(chronology)
    entries = entry_texts(source)
    incident = find_incident(entries)
    people = detect_people(source, entries, incident)
    facts = child_facts(source, entries, people, incident)
    sig = signals(entries)
    safety = safety_after(incident)
    gaps = find_gaps(facts, people, incident, sig, after_incident_safety=bool(safety))
    ordered = ordered_entries(entries)
    reviews = relevant_reviews(Context(source.text))
    child = people.child_name
    sections = [
        case_information(facts.facts, people),
        family_household(people, sig.household, facts.facts),
        incident_summary(incident, safety, child),
        key_events(ordered),
        agency_involvement(ordered),
        analysis_questions(
            source, sig, reviews, child, _extra_questions(source, entries, people, facts.infant)
        ),
    ]
    notices = []
    if not chronology.entries:
        notices.append("No chronology rows could be read; see the lines that could not be read below.")
    if chronology.issues_of("no_dates"):
        notices.append("No recognisable dates: the draft keeps the entries in the order given.")
    text = chronology.source_text
    draft = Draft(
        sections=sections,
        timeline=_timeline(ordered),
        people=people.people,
        gaps=[g.code for g in gaps],
        gap_details=gaps,
        case_facts=facts.facts,
        unparsed=chronology.unparsed,
        issues=chronology.issues,
        decision_note=DRAFT_DECISION_NOTE,
        meta=DraftMeta(
            provider=provider,
            input_chars=len(text),
            input_sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
            detected_format=chronology.detected_format,
            counts=chronology.counts(),
            today=(today or dt.date.today()).isoformat(),
            notices=notices,
        ),
    )
    problems = grounding_problems(draft, text)
    if problems:
        raise GroundingError("; ".join(problems[:5]))
    return draft


def draft_chronology(text: str, today: dt.date | None = None) -> Draft:
    """Draft the factual sections from a pasted chronology. Raises InputError only for an empty paste."""
    return draft_from_chronology(parse_chronology(text, today=today), today=today)
