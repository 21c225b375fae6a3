"""Facts about the case, each with the chronology's own words: the child's details, the incident, the gaps.

Nothing here guesses. A detail is filled only when the chronology states it about the child (by label, or by
'baby'/'the young person' in a clause that names no one else); otherwise it is left empty and reported as
a gap with its finding code.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from assistant import textscan
from assistant.lexicon import (
    EARLY_LIFE,
    EDUCATION,
    EXPLOITATION,
    GENDER,
    GENDER_WORD,
    HEALTH_DISABILITY,
    HOUSEHOLD_SENTENCE,
    INFANT_WORDS,
    LIVED,
    MONTH,
    NEGATED,
    RACE,
    SCHOOL_AGE_WORDS,
    UNKNOWN_VALUE,
)

try:  # the critique's wording for 'CHILD S told her teacher' / "CHILD S's daily life"
    from assistant.lexicon import CHILD_SAID, CHILD_WORLD
except ImportError:  # pragma: no cover - older critique modules
    CHILD_SAID = (
        r"(?:\s+(?:has|had|have)\s+)?\s*(?:said|told|disclosed|described|expressed|reported|talked)\b"
    )
    CHILD_WORLD = (
        r"'?s (?:daily |everyday |lived |own )?(?:experience|life|world|routine|views|feelings|wishes)\b"
    )
from assistant.critic.taxonomy import load_codes
from assistant.domain.drafting import CaseFact, Citation, DraftGap, DraftSentence, FactId
from assistant.drafting.ages import AGE_TEXT
from assistant.drafting.grounding import EntryText, Source, split_sentences
from assistant.drafting.incident import Incident, find_incident
from assistant.drafting.people import PeopleResult, Piece, clauses_with_mentions, owner

__all__ = ["Incident", "find_incident"]  # re-exported: the drafting and enquiry engines import them from here

# -- the child's details -------------------------------------------------------------------------------

BIRTH = re.compile(r"\b(?:was\s+)?born\b|\bbirth of\b|\bdelivered\b", re.I)
# 'born 2021', 'born [date] March 2016': the sentence states the date of birth itself, so the entry's date is not it.
_BORN_ON = re.compile(r"\s*(?:on\s+|in\s+)?(?:\[[^\]\n]{1,40}\]|\d|" + MONTH + ")", re.I)
_DOB_QUOTE = re.compile(r"(?:DOB|d\.o\.b|date of birth|born)\b", re.I)
# Entries before the birth (a booking appointment, antenatal care) or about another pregnancy: their date is
# never the child's date of birth.
_NOT_BIRTH_ENTRY = re.compile(
    r"\b(?:booking|antenatal|ante-natal|expected|due date|EDD|previous (?:pregnancy|birth|child|baby)|"
    r"(?:is|was|weeks) pregnant|pregnant with)\b",
    re.I,
)
_GENDER_TERM = re.compile(r"\b" + GENDER_WORD + r"\b|\b(?:gender|sex)\s*[:\-–]\s*\w+", re.I)
_NOT_THE_CHILD = re.compile(r"(?:older|adult|unknown|other|another|two|three|several|some|of)\s+$", re.I)
GENDER_FIELD_VALUE = re.compile(r"\b(?:gender|sex)\s*[:\-–]\s*" + GENDER_WORD + r"\b", re.I)
_GESTATION_BEFORE = re.compile(
    r"(?:born at|at|gestation(?:al age)?(?: of)?|pregnant(?: for)?|booking(?: appointment)? at)\s*$", re.I
)
_GESTATION_AFTER = re.compile(r"\s*(?:gestation|pregnant|into (?:the |her )?pregnancy)", re.I)
# People the clause does not name, whose age it may give ('two older males aged 18 and 19').
_OTHERS_BEFORE = re.compile(
    r"\b(?:males?|men|man|females?|women|woman|adults?|boys?|girls?|youths?|people|persons?|pupils?|peers?|"
    r"friends?|associates?|others?|children|teenagers?|students?)\s*,?\s*$",
    re.I,
)
_PRONOUN = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.I)
PRONOUN_WINDOW = 30
_MALE_PRONOUNS = {"he", "him", "his", "himself"}


def _quote_sentence(source: Source, piece: Piece, offset: int) -> Citation | None:
    for s in split_sentences(source, piece.citation):
        if s.start <= offset < s.end:
            return s
    return None


@dataclass
class ChildFacts:
    facts: list[CaseFact]
    school_age: bool
    infant: bool
    age_days: int | None = None  # at the incident, when both dates are given


# Only the first quotes are weighed for a fact (three are shown); a chronology that states the same detail
# thousands of times costs no more than one that states it fifty times.
MAX_FACT_QUOTES = 50


def _fact(
    fid: FactId,
    label: str,
    quotes: list[Citation],
    note: str = "",
    joiner: str = "; ",
    value: str | None = None,
) -> CaseFact:
    seen: dict[tuple[int, int], Citation] = {}
    for c in quotes[:MAX_FACT_QUOTES]:
        # Of two overlapping quotes ('14' inside '(14)') keep the longer, in its first place.
        clash = next((k for k in seen if k[0] < c.end and c.start < k[1]), None)
        if clash is None:
            seen[(c.start, c.end)] = c
        elif (c.end - c.start) > (clash[1] - clash[0]):
            seen = {
                (k if k != clash else (c.start, c.end)): (v if k != clash else c) for k, v in seen.items()
            }
    kept: list[Citation] = []
    texts: set[str] = set()
    for c in seen.values():
        key = " ".join(c.quote.lower().split())
        if key not in texts:
            texts.add(key)
            kept.append(c)
    kept = kept[:3]
    return CaseFact(
        id=fid,
        label=label,
        value=(value or joiner.join(c.quote for c in kept)) if kept else None,
        quotes=kept,
        note=note if kept else "",
    )


def child_facts(
    source: Source, entries: list[EntryText], people: PeopleResult, incident: Incident | None
) -> ChildFacts:
    subject = people.subject
    sid = people.subject_id or "child"
    age: list[Citation] = list(subject.age.quotes) if subject else []
    gender: list[Citation] = []
    ethnicity: list[Citation] = list(subject.ethnicity.quotes) if subject else []
    health: list[Citation] = list(subject.health.quotes) if subject else []
    pronouns: list[Citation] = []
    birth: tuple[EntryText, Citation] | None = None
    by_entry = {e.position: e for e in entries}
    text = source.text

    piece_people: dict[int, set[str]] = {}
    for mention in people.mentions:
        piece_people.setdefault(mention.line, set()).add(mention.person)
    # the lines whose clauses are read even when they name no one
    bare = {line for line, named in piece_people.items() if named == {sid}}
    if people.subject_id is not None:
        bare |= people.subject_lines
    for clause in clauses_with_mentions(source, people.pieces, people.mentions, bare):
        body = text[clause.start : clause.end]
        if people.subject_id is not None and clause.piece.citation.line in people.subject_lines:
            # A title or subject line that names only the child: all it says is about the child.
            for pattern, target in ((AGE_TEXT, age), (_GENDER_TERM, gender)):
                for m in textscan.finditer(pattern, body):
                    f_start, f_end = clause.start + m.start(), clause.start + m.end()
                    if not any(k.start < f_end and f_start < k.end for k in clause.mentions):
                        target.append(source.cite(f_start, f_end))
            continue
        if not clause.mentions:
            # 'Gender: female.' in an entry that names only the child is about the child.
            if piece_people.get(clause.piece.citation.line) == {sid}:
                for m in textscan.finditer(GENDER_FIELD_VALUE, body):
                    gender.append(source.cite(clause.start + m.start(), clause.start + m.end()))
            continue
        for m in textscan.finditer(AGE_TEXT, body):
            if _GESTATION_BEFORE.search(body[max(0, m.start() - 30) : m.start()]) or _GESTATION_AFTER.match(
                body, m.end()
            ):
                continue  # 'born at 38 weeks' is a gestation, not an age
            if _OTHERS_BEFORE.search(body[max(0, m.start() - 30) : m.start()]):
                continue  # 'with two males aged 18 and 19' is the males' age
            who = owner(clause, clause.start + m.start(), clause.start + m.end())
            if who is not None and who.person == sid:
                age.append(source.cite(clause.start + m.start(), clause.start + m.end()))
        if textscan.search(GENDER, body):
            for m in textscan.finditer(_GENDER_TERM, body):
                f_start = clause.start + m.start()
                who = owner(clause, f_start, clause.start + m.end())
                if who is None or who.person != sid or _NOT_THE_CHILD.search(body[: m.start()]):
                    continue
                gender.append(source.cite(f_start, clause.start + m.end()))
        if clause.piece.entry is not None and birth is None:
            entry = by_entry[clause.piece.entry]
            for m in textscan.finditer(BIRTH, body):
                if _BORN_ON.match(body, m.end()) or _NOT_BIRTH_ENTRY.search(entry.event_text):
                    continue  # the sentence gives its own date of birth, or the entry is before the birth
                who = owner(clause, clause.start + m.start(), clause.start + m.end())
                if who is not None and who.person == sid and entry.entry.date_precision == "day":
                    sentence = _quote_sentence(source, clause.piece, clause.start + m.start())
                    if sentence is not None and entry.date is not None:
                        birth = (entry, sentence)
                    break
        people_named = {m.person for m in clause.mentions}
        if people_named == {sid}:
            # Only a pronoun close after the child's name ('CHILD Y said he needed it') is a pointer.
            for named in clause.mentions:
                near = text[named.end : min(clause.end, named.end + PRONOUN_WINDOW)]
                for m in _PRONOUN.finditer(near):
                    pronouns.append(source.cite(named.end + m.start(), named.end + m.end()))

    note = ""
    age_days: int | None = None
    age_value: str | None = None
    if birth is not None:
        entry, sentence = birth
        assert entry.date is not None
        others = [c for c in age if not (sentence.start <= c.start < sentence.end)]
        others.sort(key=lambda c: not _DOB_QUOTE.match(c.quote))  # a stated date of birth first
        age = [entry.date, sentence, *others]
        age_value = f"{entry.date.quote} (“{sentence.quote}”, line {sentence.line})"
        if others:
            age_value += "; " + "; ".join(c.quote for c in others[:1])
            age = age[:3]
        if incident is not None and incident.dated and incident.anchor.entry.date_precision == "day":
            born = dt.date.fromisoformat(entry.entry.date or "")
            when = dt.date.fromisoformat(incident.anchor.entry.date or "")
            days = (when - born).days
            if days >= 0:
                age_days = days
                span = (
                    f"{days} days"
                    if days < 28
                    else f"{days // 7} weeks"
                    if days < 120
                    else f"{days // 30} months"
                    if days < 730
                    else f"{days // 365} years"
                )
                note = (
                    f"About {span} old at the incident entry dated {incident.anchor.entry.date_text}: worked out "
                    f"from lines {entry.lines[0]} and {incident.anchor.lines[0]}; check it."
                )

    facts: list[CaseFact] = []
    child_quote: list[Citation] = []
    first = next((m for m in people.mentions if m.person == sid), None)
    if first is not None:
        child_quote = [source.cite(first.start, first.end, first.line)]
    facts.append(_fact("child", "Child", child_quote))
    facts.append(_fact("age", "Age or date of birth", age, note=note, value=age_value))
    facts.append(_fact("gender", "Gender", gender))
    facts.append(_fact("ethnicity", "Ethnicity", ethnicity))
    facts.append(_fact("disability", "Disability or health needs", health))

    gender_fact = facts[2]
    kinds = {c.quote.lower() in _MALE_PRONOUNS for c in pronouns}
    if gender_fact.value is None and pronouns and len(kinds) == 1:
        shown = pronouns[:3]
        gender_fact.hints.append(
            DraftSentence(
                text=f"The chronology refers to {people.child_name} as "
                + ", ".join(f"“{c.quote}” (line {c.line})" for c in shown)
                + "; the author should record the child's gender.",
                quotes=shown,
            )
        )

    corpus_text = "\n".join(p.citation.quote for p in people.pieces)
    infant = bool(textscan.search(INFANT_WORDS, corpus_text)) and not textscan.search(
        SCHOOL_AGE_WORDS, corpus_text
    )
    school_age = bool(textscan.search(SCHOOL_AGE_WORDS, corpus_text)) and not infant
    if school_age:
        education: list[Citation] = []
        for e in entries:
            is_school = e.entry.agency == "Education"
            for s in e.sentences:
                if EDUCATION.search(s.text) and (is_school or _names(people, s.citation, sid)):
                    education.append(s.citation)
            if len(education) >= 3:
                break
        facts.append(_fact("education", "Education", education))
    if age_days is not None:
        infant, school_age = age_days < 366, age_days >= 4 * 365
    return ChildFacts(facts, school_age=school_age, infant=infant, age_days=age_days)


def _names(people: PeopleResult, c: Citation, person: str) -> bool:
    return any(m.person == person and c.start <= m.start < c.end for m in people.mentions)


# -- gaps ----------------------------------------------------------------------------------------------


@dataclass
class Signals:
    """Where the chronology speaks to the Panel's important issues (citations of whole sentences)."""

    lived: list[Citation]
    race: list[Citation]
    health: list[Citation]
    early_life: list[Citation]
    exploitation: list[Citation]
    household: list[Citation]


_UNASKED = re.compile(r"\b(?:no enquiry|not (?:asked|known|recorded)|unknown|who else)\b", re.I)


def _sentences_matching(
    entries: list[EntryText], pattern: re.Pattern[str], limit: int = 5, *, asked: bool = False
) -> list[Citation]:
    """Sentences where the pattern matches (not negated); `asked` also drops 'no enquiry about who else…'."""
    out: list[Citation] = []
    says: dict[str, bool] = {}  # per distinct sentence: a chronology repeats its rows
    for e in entries:
        for s in e.sentences:
            text = s.text
            said = says.get(text)
            if said is None:
                m = textscan.search(pattern, text)  # a sentence can be a whole 1 MB line
                said = says[text] = not (
                    m is None
                    or NEGATED.search(text, max(0, m.start() - 40), m.start())
                    or (asked and _UNASKED.search(text))
                )
            if not said:
                continue
            out.append(s.citation)
            if len(out) >= limit:
                return out
    return out


# The child's own words or world, by label or as 'the child'/'the young person'/'the baby'.
CHILD_VOICE = re.compile(
    r"(?:\b(?:CHILD|Child) [A-Z]{1,2}\b|\bthe (?:child|young person|baby)\b)(?:"
    + CHILD_SAID
    + "|"
    + CHILD_WORLD
    + r")(?!\s+(?:as )?missing)"  # 'CHILD Y reported missing' is not the child's voice
)
LIVED_ANY = re.compile(LIVED.pattern + "|" + CHILD_VOICE.pattern, re.I)


# Where the chronology says who lives where ('Maternal Grandmother (58) lives with the family').
HOUSEHOLD_EXTRA = re.compile(
    r"\b(?:lives?|lived|living|resides?|resided|residing|stay(?:s|ed|ing)?) with (?:the family|them|her|him|"
    r"(?:her|his|their|the) (?:mother|father|parents?|grandmother|grandfather|grandparents?|partner|family)|"
    r"(?:mother|father|mum|dad)\b)|\bhousehold (?:members?|composition|comprised|consisted|included)\b",
    re.I,
)
HOUSEHOLD_ANY = re.compile(HOUSEHOLD_SENTENCE.pattern + "|" + HOUSEHOLD_EXTRA.pattern, re.I)


def signals(entries: list[EntryText]) -> Signals:
    return Signals(
        lived=_sentences_matching(entries, LIVED_ANY),
        race=_sentences_matching(entries, RACE),
        health=_sentences_matching(entries, HEALTH_DISABILITY),
        early_life=_sentences_matching(entries, EARLY_LIFE),
        exploitation=_sentences_matching(entries, EXPLOITATION),
        household=_sentences_matching(entries, HOUSEHOLD_ANY, asked=True),
    )


def find_gaps(
    facts: ChildFacts,
    people: PeopleResult,
    incident: Incident | None,
    sig: Signals,
    after_incident_safety: bool,
) -> list[DraftGap]:
    codes = load_codes()
    gaps: list[tuple[str, str]] = []
    by_id: dict[str, CaseFact] = {f.id: f for f in facts.facts}
    child = people.child_name

    def fact_gap(fid: str, code: str, what: str) -> None:
        fact = by_id.get(fid)
        if fact is None:
            return
        if fact.value is None:
            gaps.append((code, f"The chronology does not record {child}'s {what}."))
        elif fid == "ethnicity" and all(UNKNOWN_VALUE.match(c.quote) for c in fact.quotes):
            gaps.append((code, f"The chronology gives {child}'s ethnicity as unknown."))

    fact_gap("age", "CHILD_AGE_MISSING", "age or date of birth")
    fact_gap("gender", "CHILD_GENDER_MISSING", "gender")
    fact_gap("ethnicity", "CHILD_ETHNICITY_MISSING", "ethnicity")
    fact_gap("disability", "CHILD_DISABILITY_MISSING", "disability or health needs, or that there are none")
    others = [p for p in people.people if not p.subject]
    family = [p for p in others if p.role in ("parent", "carer", "relative", "child")]
    if not sig.household:
        gaps.append(
            (
                "FAMILY_STRUCTURE_MISSING",
                "The chronology does not say who lived in the household"
                + (
                    f"; it names {', '.join(p.name for p in family[:8])}."
                    if family
                    else " and names no family."
                ),
            )
        )
    missing_detail = [
        p.name for p in others if p.age.value is None or p.ethnicity.value is None or p.health.value is None
    ]
    if missing_detail:
        gaps.append(
            (
                "FAMILY_DETAILS_INCOMPLETE",
                "Ages, ethnicity or health are not recorded for: " + ", ".join(missing_detail[:8]) + ".",
            )
        )
    if incident is None:
        gaps.append(
            ("INCIDENT_SUMMARY_MISSING", "No entry in the chronology describes the death, injury or harm.")
        )
    elif not after_incident_safety:
        gaps.append(
            (
                "IMMEDIATE_SAFEGUARDING_MISSING",
                f"No entry after the incident records the arrangements to keep {child} and any other children safe.",
            )
        )
    if not sig.lived:
        gaps.append(
            (
                "LIVED_EXPERIENCE_MISSING",
                f"No entry records what {child} said, felt or experienced day to day.",
            )
        )
    if not sig.race:
        gaps.append(
            (
                "RACE_CULTURE_NOT_CONSIDERED",
                "No entry mentions race, ethnicity, culture, faith, language or identity.",
            )
        )
    if not sig.health:
        gaps.append(
            (
                "DISABILITY_HEALTH_NOT_CONSIDERED",
                "No entry mentions disability or physical or mental health.",
            )
        )
    if facts.school_age and by_id.get("education") is not None and by_id["education"].value is None:
        gaps.append(("SCHOOLING_MISSING", f"No entry records {child}'s school or education."))
    if sig.exploitation and not sig.early_life:
        gaps.append(
            (
                "EARLY_LIFE_HISTORY_MISSING",
                f"The chronology mentions exploitation or serious youth violence but nothing of {child}'s early "
                "life or family history.",
            )
        )
    return [DraftGap(code=c, title=codes[c].title, detail=d) for c, d in gaps]


SAFETY_AFTER = re.compile(
    r"\b(?:placed with|placement|care plan|safety plan|child protection plan|protection plan|police protection|"
    r"interim care order|emergency protection|section 20|looked after|bail conditions|remain(?:ed|s)? in hospital|"
    r"discharged (?:to|into)|siblings? (?:seen|safe|placed|medical)|stay(?:ing)? with)\b",
    re.I,
)


def safety_after(incident: Incident | None) -> list[Citation]:
    if incident is None:
        return []
    out = []
    for e in [*incident.entries, *incident.after]:
        for s in e.sentences:
            if SAFETY_AFTER.search(s.text):
                out.append(s.citation)
    return out
