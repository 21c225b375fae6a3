"""Pieces of chronology text, their clauses, and who a fact in a clause is about.

A piece is an entry's event line or a line the parser did not read as an entry (a title, 'Subject: …', the
household). A fact (an age, a health condition, an ethnicity) in a clause belongs to the person named last
before it, or to the only person the clause names; never to someone who only came along ('seen with
Mother') or spoke about someone else ('Ms E says her son is autistic').
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass, field

from assistant import textscan
from assistant.domain.drafting import Citation
from assistant.drafting.grounding import EntryText, Source, sentence_spans, trusted_citation
from assistant.lexicon import DISABILITY, ETHNICITY_LABEL, ETHNICITY_VALUE, HEALTH_DISABILITY

_BARE_COLOUR = {"white", "black"}
_EXTRA_HEALTH = re.compile(
    r"\b(?:low mood|anxious|self[- ]?harm\w*|suicid\w+|psychosis|psychotic|personality disorder|"
    r"mental (?:ill-?ness|ill-?health|health (?:needs|problems|difficulties|issues|concerns))|"
    r"(?:post|peri)-?natal depression|epilep\w+|diabet\w+|asthma|hearing impair\w+|visual(?:ly)? impair\w+)\b",
    re.I,
)
_NOT_HEALTH = {"identity", "trauma", "health needs"}
# Drinking and drug use are recorded as what they are, not as a health condition in the family table.
_SUBSTANCE = re.compile(r"alcohol\w*|drinking|drunk|drugs?(?: (?:use|misuse))?|substance \w+", re.I)
_DIAGNOSIS_OF = re.compile(r"\s+(?:of|with)\s+[^,.;()\n]{2,60}", re.I)
_CLAUSE_BREAK = re.compile(r";")


_SOMEONE_ELSE = re.compile(
    r"\b(?:her|his|their|the)\s+(?:\w+\s+)?(?:son|daughter|child|children|baby|boy|girl|brother|sister|"
    r"partner|husband|wife|mother|father|mum|dad)\b",
    re.I,
)
_ACCOMPANYING = re.compile(r"\b(?:with|by|accompanied by|alongside)\s+(?:\w+\s+)?$", re.I)


@dataclass
class Mention:
    person: str  # person id
    start: int
    end: int
    text: str
    line: int
    entry: int | None  # entry position, None for an unparsed line
    alias: bool = False  # a word like 'baby' standing for the subject child


@dataclass
class Piece:
    """A stretch of chronology text people and facts are read from: an event line or an unparsed line."""

    citation: Citation
    entry: int | None


def pieces_of(source: Source, entries: Iterable[EntryText]) -> list[Piece]:
    out = [Piece(c, e.position) for e in entries for c in e.event]
    # (offsets, quote) of a line's trimmed text, once per distinct line: a text repeats its lines
    trimmed: dict[str, tuple[int, int, str] | None] = {}
    text = source.text
    for line in source.chronology.unparsed if source.chronology is not None else []:
        start = source.line_start(line.line)
        written = text[start : start + len(line.text)]
        if written not in trimmed:
            s, e = source.trim(start, start + len(written))
            trimmed[written] = (s - start, e - start, text[s:e]) if e > s else None
        kept = trimmed[written]
        if kept is not None:
            s, e, quote = kept
            out.append(Piece(trusted_citation(line.line, start + s, start + e, quote), None))
    out.sort(key=lambda p: p.citation.start)
    return out


def _clauses(source: Source, piece: Piece) -> list[tuple[int, int]]:
    """(start, end) offsets of the piece's clauses: sentences, further split at ';'."""
    out = []
    cite = piece.citation
    for s_start, s_end in sentence_spans(source, cite.start, cite.end, cite.quote):
        pos = s_start
        for m in _CLAUSE_BREAK.finditer(source.text, s_start, s_end):
            out.append((pos, m.start()))
            pos = m.end()
        out.append((pos, s_end))
    return out


def health_matches(text: str) -> list[tuple[int, int]]:
    """Spans of health or disability words; 'diagnosis' carries what it is a diagnosis of."""
    found: list[tuple[int, int]] = []
    for p in (HEALTH_DISABILITY, DISABILITY, _EXTRA_HEALTH):
        for m in textscan.finditer(p, text):
            word = m.group(0).lower()
            if word in _NOT_HEALTH or _SUBSTANCE.fullmatch(word):
                continue
            end = m.end()
            if word.startswith("diagnos"):
                of = _DIAGNOSIS_OF.match(text, end)
                if of is None:
                    continue  # a bare 'diagnosis' says nothing about what it is
                end = of.end()
            found.append((m.start(), end))
    found.sort(key=lambda span: (span[0], -span[1]))
    out: list[tuple[int, int]] = []
    for span in found:  # drop spans inside an earlier, longer one
        if out and span[0] < out[-1][1]:
            continue
        out.append(span)
    return out


def ethnicity_matches(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in textscan.finditer(ETHNICITY_LABEL, text):
        spans.append((m.start(1), m.start(1) + len(m.group(1).rstrip(" .,;"))))
    for m in textscan.finditer(ETHNICITY_VALUE, text):
        if m.group(0).lower() in _BARE_COLOUR:
            continue
        if not any(s <= m.start() < e for s, e in spans):
            spans.append((m.start(), m.end()))
    return sorted(spans)


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    piece: Piece
    mentions: list[Mention]
    starts: list[int] = field(default_factory=list)  # the mentions' starts, for bisecting
    one_person: bool = False  # every mention in the clause is the same person
    text: str = ""  # the clause, source.text[start:end]


def clauses_with_mentions(
    source: Source, pieces: list[Piece], mentions: list[Mention], bare_lines: Container[int] | None = None
) -> Iterator[Clause]:
    """Every clause of every piece, with the people named in it (mentions must be sorted by start).

    With `bare_lines`, a piece that names no one is passed over unless it is on one of those lines: the
    callers read nothing else from a clause without a mention, and a million unnamed lines make a million
    clauses."""
    starts = [m.start for m in mentions]
    # A piece's clauses depend on its text only (sentence ends, ';', trimmed whitespace): a repeated line is
    # split once, its clauses kept as offsets into the text.
    split: dict[str, list[tuple[int, int]]] = {}
    for piece in pieces:
        base, quote = piece.citation.start, piece.citation.quote
        if bare_lines is not None and piece.citation.line not in bare_lines:
            k = bisect.bisect_left(starts, base)
            if k == len(starts) or starts[k] >= piece.citation.end:
                continue
        relative = split.get(quote)
        if relative is None:
            relative = split[quote] = [(s - base, e - base) for s, e in _clauses(source, piece)]
        for c_start, c_end in ((base + s, base + e) for s, e in relative):
            lo = bisect.bisect_left(starts, c_start)
            hi = bisect.bisect_left(starts, c_end)
            inside = mentions[lo:hi]
            one = bool(inside) and all(m.person == inside[0].person for m in inside)
            yield Clause(c_start, c_end, piece, inside, starts[lo:hi], one, source.text[c_start:c_end])


def owner(clause: Clause, f_start: int, f_end: int) -> Mention | None:
    """Who a fact at [f_start, f_end) in the clause is about: the person named last before it, or the only
    person the clause names; None when that is unclear or the fact is part of a name."""
    inside = clause.mentions
    if not inside:
        return None
    # Mentions do not overlap one another, so only the last one starting before the fact's end can touch it.
    k = bisect.bisect_left(clause.starts, f_end) - 1
    if k >= 0 and inside[k].end > f_start:
        return None  # the fact is part of a name
    if k >= 0:
        between = clause.text[inside[k].end - clause.start : f_start - clause.start]
        # 'Ms E says her son is autistic': the fact is about the son, whom the clause does not name.
        return None if _SOMEONE_ELSE.search(between) else inside[k]
    if not clause.one_person:
        return None
    # 'Autism follow-up, seen with Mother': the person only accompanies; the fact is not about them.
    before_name = clause.text[max(0, inside[0].start - clause.start - 20) : inside[0].start - clause.start]
    return None if _ACCOMPANYING.search(before_name) else inside[0]
