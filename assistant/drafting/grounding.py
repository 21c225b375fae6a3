"""Exact citations into the chronology, and the check that a draft shows nothing else as fact.

The parser keeps each entry's cells cleaned (trimmed, CSV quotes undone, `\\|` unescaped), so an event is
not always a verbatim slice of the paste. `EntryText` finds each event line inside the entry's source
lines and falls back, in order, to a pattern that allows the escapes the parser undid, and then to the raw
line itself: a quote is always an exact slice of the chronology, never a reconstruction.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, count

from pydantic import BaseModel

from assistant import textscan
from assistant.domain.chronology import Chronology, ChronologyEntry, SourceSpan
from assistant.domain.drafting import Citation, Draft, DraftSentence

_LINE_BREAK_KEPT = re.compile(r"(\r\n|\r|\n)")


def line_starts(text: str) -> list[int]:
    """The offset each line starts at: 0, then the end of every line break (summed in C, as a text can be a
    million blank lines)."""
    if "\r" not in text:
        # LF only (the usual case): a line starts after the lines before it and one break each; split in C
        # rather than by a regex that keeps every break as a string of its own.
        lines = text.split("\n")
        starts = list(map(operator.add, accumulate(map(len, lines), initial=0), count()))
        starts.pop()  # where a line after the last would start
        return starts
    ends = list(accumulate(map(len, _LINE_BREAK_KEPT.split(text))))  # of each line, then of its break
    return [0, *ends[1::2]]


_SENTENCE_END = re.compile(r"[.!?]+(?=[\s\"'”’)]|$)")
_ESCAPABLE = re.compile(r'(["|])')


_new_citation = Citation.__new__
# pydantic keeps a model's state in four slots; setting them through their descriptors is what
# `model_construct` does, without its per-field default handling.
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__


def trusted_citation(line: int, start: int, end: int, quote: str) -> Citation:
    """A Citation built from offsets into the text it quotes, so valid by construction, at half the cost of
    validating it: a long chronology has a citation for every sentence, a large share of reading one.
    tests/test_drafting_scale.py checks it equals the validated model."""
    c = _new_citation(Citation)
    _set_dict(c, {"line": line, "start": start, "end": end, "quote": quote})
    _set_fields_set(c, {"line", "start", "end", "quote"})
    _set_extra(c, None)
    _set_private(c, None)
    return c


class Source:
    """The chronology text with a line index, and the factory for citations into it."""

    def __init__(self, text: str, chronology: Chronology | None = None) -> None:
        self.chronology = chronology
        self.text = text
        self._starts = line_starts(text)

    def line_start(self, line: int) -> int:
        return self._starts[line - 1]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)

    def cite(self, start: int, end: int, line: int | None = None) -> Citation:
        return trusted_citation(line or self.line_of(start), start, end, self.text[start:end])

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """text[start:end] without surrounding whitespace or table pipes, as offsets (empty: start == end)."""
        text = self.text
        while start < end and (text[start].isspace() or text[start] == "|"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] == "|"):
            end -= 1
        return start, end

    def trimmed(self, start: int, end: int, line: int | None = None) -> Citation | None:
        """A citation of text[start:end] without surrounding whitespace or table pipes; None if empty."""
        start, end = self.trim(start, end)
        return self.cite(start, end, line) if end > start else None


def _flexible(piece: str) -> re.Pattern[str]:
    """The piece as the paste may have written it: doubled CSV quotes, escaped pipes, tabs for spaces."""
    parts = []
    for chunk in _ESCAPABLE.split(piece):
        if chunk == '"':
            parts.append('"{1,2}')
        elif chunk == "|":
            parts.append(r"\\?\|")
        elif chunk:
            parts.append(r"\s+".join(re.escape(w) for w in chunk.split(" ")))
    return re.compile("".join(parts))


def locate_in_spans(source: Source, piece: str, spans: Iterable[SourceSpan]) -> Citation | None:
    """Where `piece` appears verbatim (or with the escapes undone by the parser) in these lines."""
    piece = piece.strip()
    if not piece:
        return None
    spans = list(spans)
    for span in spans:
        at = span.text.find(piece)
        if at >= 0:
            return source.cite(span.start + at, span.start + at + len(piece), span.line)
    pattern = _flexible(piece)
    for span in spans:
        m = pattern.search(span.text)
        if m is not None:
            return source.cite(span.start + m.start(), span.start + m.end(), span.line)
    return None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an entry's event, as an exact citation."""

    citation: Citation
    entry: int  # position of the entry in the chronology

    @property
    def start(self) -> int:
        return self.citation.start

    @property
    def end(self) -> int:
        return self.citation.end

    @property
    def text(self) -> str:
        return self.citation.quote


def split_sentences(source: Source, cite: Citation) -> list[Citation]:
    """The sentences of a cited piece, each an exact citation (a piece with no full stop is one)."""
    return split_span(source, cite.start, cite.end, cite.line, cite.quote)


def split_span(source: Source, start: int, end: int, line: int, text: str | None = None) -> list[Citation]:
    """The sentences of `text`, which is source.text[start:end] (on `line`), each an exact citation."""
    return [source.cite(s, e, line) for s, e in sentence_spans(source, start, end, text)]


def sentence_spans(source: Source, start: int, end: int, text: str | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, which is source.text[start:end], trimmed; none empty."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in _SENTENCE_END.finditer(source.text[start:end] if text is None else text):
        s, e = source.trim(pos, start + m.end())
        if e > s:
            out.append((s, e))
        pos = start + m.end()
    if pos < end:
        s, e = source.trim(pos, end)
        if e > s:
            out.append((s, e))
    return out


@dataclass
class EntryText:
    """One chronology entry with its date, agency and event located exactly in the source."""

    source: Source
    entry: ChronologyEntry
    position: int

    @cached_property
    def lines(self) -> list[int]:
        return [span.line for span in self.entry.source]

    @cached_property
    def date(self) -> Citation | None:
        return locate_in_spans(self.source, self.entry.date_text, self.entry.source[:1])

    @cached_property
    def agency(self) -> Citation | None:
        return locate_in_spans(self.source, self.entry.agency_text, self.entry.source)

    @cached_property
    def event(self) -> list[Citation]:
        """The event's lines as exact citations; the raw line stands in for a piece that cannot be found."""
        out: list[Citation] = []
        spans = list(self.entry.source)
        for piece in self.entry.event.split("\n"):
            if not piece.strip():
                continue
            found = locate_in_spans(self.source, piece, spans)
            if found is None:
                # Never reconstruct: quote the whole line the piece came from instead.
                span = spans[0]
                found = self.source.trimmed(span.start, span.end, span.line)
                if found is None:
                    continue
            out.append(found)
            # Later pieces come from this line or the ones after it.
            spans = [s for s in spans if s.line >= found.line]
        return out

    @cached_property
    def sentences(self) -> list[Sentence]:
        return [
            Sentence(c, self.position) for piece in self.event for c in split_sentences(self.source, piece)
        ]

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None

    def search(self, pattern: re.Pattern[str]) -> Iterator[tuple[Citation, re.Match[str]]]:
        """Matches of `pattern` inside the event text, with the event piece each is in."""
        for piece in self.event:
            for m in textscan.finditer(pattern, piece.quote):
                yield piece, m

    @property
    def event_text(self) -> str:
        return " ".join(c.quote for c in self.event)


def entry_texts(source: Source) -> list[EntryText]:
    entries = source.chronology.entries if source.chronology is not None else []
    return [EntryText(source, e, i) for i, e in enumerate(entries)]


def source_for(chronology: Chronology) -> Source:
    return Source(chronology.source_text, chronology)


# -- the grounding check --------------------------------------------------------------------------------


def _check_citation(text: str, line_starts: list[int], c: Citation, where: str) -> list[str]:
    problems = []
    if text[c.start : c.end] != c.quote:
        problems.append(f"{where}: quote {c.quote!r} is not the text at {c.start}-{c.end}")
    if not (1 <= c.line <= len(line_starts)):
        problems.append(f"{where}: line {c.line} does not exist")
        return problems
    line_start = line_starts[c.line - 1]
    line_end = line_starts[c.line] if c.line < len(line_starts) else len(text) + 1
    if not (line_start <= c.start and c.end <= line_end):
        problems.append(f"{where}: quote {c.quote!r} is not on line {c.line}")
    return problems


def _sentence_problems(text: str, starts: list[int], s: DraftSentence, where: str) -> list[str]:
    problems: list[str] = []
    for c in s.quotes:
        problems += _check_citation(text, starts, c, where)
        if c.quote not in s.text:
            problems.append(f"{where}: quote {c.quote!r} is not shown in {s.text!r}")
    return problems


def grounding_problems(draft: Draft, source_text: str) -> list[str]:
    """Every way the draft shows something that is not an exact, correctly-placed slice of the chronology.

    Empty for every draft the offline engine makes; a provider that writes prose must pass it too.
    """
    starts = line_starts(source_text)
    problems: list[str] = []
    for section in draft.sections:
        for block in section.blocks:
            for s in block.sentences:
                problems += _sentence_problems(source_text, starts, s, section.title)
            if block.table is not None:
                for row in block.table.rows:
                    for cell in row.cells:
                        for c in cell.quotes:
                            problems += _check_citation(source_text, starts, c, section.title)
                            if c.quote not in cell.text:
                                problems.append(
                                    f"{section.title}: cell {cell.text!r} does not show {c.quote!r}"
                                )
    for fact in draft.case_facts:
        for c in fact.quotes:
            problems += _check_citation(source_text, starts, c, f"case fact {fact.id}")
        for hint in fact.hints:
            problems += _sentence_problems(source_text, starts, hint, f"case fact {fact.id}")
    for person in draft.people:
        for detail in (person.relationship, person.age, person.ethnicity, person.health):
            for c in detail.quotes:
                problems += _check_citation(source_text, starts, c, f"person {person.name}")
                if detail.value is not None and c.quote not in detail.value:
                    problems.append(f"person {person.name}: {detail.value!r} does not show {c.quote!r}")
    return problems
