"""What every check reads: the draft, its sections and tables, and helpers that return exact evidence spans."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from itertools import compress, count
from operator import attrgetter
from typing import TYPE_CHECKING

from assistant.documents import DraftDocument, Line, Section, Table, parse_document
from assistant.documents.roles import FACT_ROLES, Role, section_role
from assistant.documents.subject import name_pattern, subject_names
from assistant.domain.critique import Evidence
from assistant.lexicon import ROLE
from assistant.textscan import Scanner, scanner_for

if TYPE_CHECKING:
    from assistant.critic.checks.decision import Decision
    from assistant.critic.checks.national import Relevance

UPFRONT_MIN_CHARS = 3000
UPFRONT_MAX_SHARE = 0.45
OPENING_CHARS = 800  # without a case-information section, the opening paragraphs up to about this length

# How a draft refers to the child it is about. Case-sensitive: 'Child in Need' is not 'CHILD A'.
CHILD_TOKEN = r"(?-i:\bCHILD [A-Z]{1,2}\b|\bChild [A-Z]\b|\bBaby [A-Z]\b)"
GENERIC_CHILD_REF = r"\bthe (?:child|subject|baby|infant|young person|deceased)\b|\bsubject(?: child)?\b|\bname of (?:the )?child\b"
NAME_FIELD = re.compile(
    r"(?im)^[ \t>*_\-•]*(?:name of (?:the )?child|child'?s name|child|subject(?: child)?|baby|young person|"
    r"anonymised name|name)\s*[:\-–]\s*(?:\*\*)?\s*([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2})"
)
ROLE_WORD = re.compile(r"(?i)\b" + ROLE + r"\b")
FAMILY_REF = re.compile(
    r"(?i)\b(?:the family|this family|the household|the children|both children|all (?:three |four |five |the )?"
    r"children|all family members|each family member|every family member|no (?:family member|one in the family)|"
    r"none of the family|all members of the family|the whole family)\b"
)


PUBLICATION_REDACTION = re.compile(r"(?i)\[[^\]\n]{0,40}\b(?:removed|redacted)\b[^\]\n]{0,20}\]")
EMPHASIS = re.compile(r"\*\*|__")
NOT_A_STOP = re.compile(
    r"(?i)^(?:\(?\d{1,3}|\(?[a-z]|[ivx]{1,4}|e\.g|i\.e|etc|dr|mr|mrs|ms|st|no|approx|vs|cf)$"
)


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    text: str

    def evidence(self) -> Evidence:
        return Evidence(quote=self.text, start=self.start, end=self.end)


class _Unset(Enum):
    UNSET = 0


UNSET = _Unset.UNSET


@dataclass
class Facts:
    """What several checks read about the draft, each worked out once by the check that owns it and kept here
    (UNSET until then): the child's age, the family table, the decision, the learning, the national reviews."""

    child_age: Match | _Unset | None = UNSET
    family_table: Table | _Unset | None = UNSET
    learning: Match | _Unset | None = UNSET
    decision: Decision | _Unset = UNSET
    national: list[Relevance] | _Unset = UNSET


@dataclass
class Context:
    text: str
    doc: DraftDocument = field(init=False)
    facts: Facts = field(default_factory=lambda: Facts())

    def __post_init__(self) -> None:
        self.doc = parse_document(self.text)

    # -- lookups (bisect over the parsed structure, so every check stays linear in the draft) -----------
    @cached_property
    def _line_starts(self) -> list[int]:
        return [ln.start for ln in self.doc.lines]

    @cached_property
    def _section_starts(self) -> list[int]:
        return [s.start for s in self.doc.sections]

    @cached_property
    def _paragraph_breaks(self) -> list[tuple[int, int]]:
        """(start, end) of each run of blank lines, whatever the line endings; paragraphs lie between them."""
        lines = self.doc.lines
        # the indices of the lines that are not blank, found in C (a draft can be a million blank lines)
        filled = list(compress(count(), map(str.strip, map(attrgetter("text"), lines))))
        runs: list[tuple[int, int]] = []
        after = 0  # the first line after the last filled one
        for i in filled:
            if i > after:
                runs.append((lines[after].start, lines[i].start))
            after = i + 1
        if after < len(lines):
            runs.append((lines[after].start, len(self.text)))
        return runs

    @cached_property
    def _break_starts(self) -> list[int]:
        return [b[0] for b in self._paragraph_breaks]

    def line_index(self, offset: int) -> int:
        return max(0, bisect_right(self._line_starts, offset) - 1)

    def section_at(self, offset: int) -> Section:
        return self.doc.sections[max(0, bisect_right(self._section_starts, offset) - 1)]

    @cached_property
    def lower(self) -> str | None:
        """The draft in lower case, for fast 'is this word anywhere' tests (None if lower-casing would move
        offsets, which a few characters such as 'İ' do)."""
        low = self.text.lower()
        return low if len(low) == len(self.text) else None

    @cached_property
    def redacted_for_publication(self) -> bool:
        """The text was redacted for publication ('[Age removed]', '[detailed list removed]'), as the Panel's
        examples were: an empty table or a removed age there stood for something recorded."""
        return PUBLICATION_REDACTION.search(self.text) is not None

    # -- regions ---------------------------------------------------------------------------------------
    @cached_property
    def roles(self) -> list[Role]:
        """The role of each section (documents/roles.py), read from its heading and its text."""
        return [
            section_role(s.heading, self.text[s.body_start : min(s.end, s.body_start + 3000)])
            for s in self.doc.sections
        ]

    def section_role_at(self, offset: int) -> Role:
        return self.roles[max(0, bisect_right(self._section_starts, offset) - 1)]

    def sections_with_role(self, *roles: str) -> list[Section]:
        return [s for s, r in zip(self.doc.sections, self.roles, strict=True) if r in roles]

    @cached_property
    def upfront_spans(self) -> list[tuple[int, int]]:
        """Where the Panel expects the child's and family's details: the factual part at the top.

        Every section that gives facts (case information, family, the incident, or a heading the lexicon
        does not know) from the start until the analysis or the learning begins, within the first part of
        the draft. Sections about the process, agencies, the decision or actions are passed over, not ended
        on: a council report puts its recommendations before its background."""
        limit = max(UPFRONT_MIN_CHARS, int(len(self.text) * UPFRONT_MAX_SHARE))
        spans: list[tuple[int, int]] = []
        seen_case = closed = False
        for s, role in zip(self.doc.sections, self.roles, strict=True):
            if s.start > limit or role in ("analysis", "learning"):
                break
            if role in FACT_ROLES and not (closed and role == "other"):
                spans.append((s.start, s.end))
                seen_case = seen_case or role in ("case", "family")
            elif seen_case:
                closed = True  # after the case information, an unknown heading is no longer the facts
        if not spans:
            spans = [(0, self._opening_end(0))]
        # A single section over the whole draft (no headings recognised) is not all case information.
        cap = limit + UPFRONT_MIN_CHARS
        return [(s, min(e, max(cap, s + 1))) for s, e in spans]

    def _opening_end(self, start: int, stop: int | None = None) -> int:
        """End of the opening paragraphs from `start`: at least one, up to about OPENING_CHARS."""
        stop = len(self.text) if stop is None else stop
        end: int | None = None
        i = bisect_right(self._break_starts, start)
        for b_start, _ in self._paragraph_breaks[i:]:
            if b_start >= stop or (end is not None and b_start - start > OPENING_CHARS):
                break
            end = b_start
            if end - start >= OPENING_CHARS:
                break
        if end is None:
            end = stop
        return min(end, stop, start + UPFRONT_MIN_CHARS)

    @cached_property
    def upfront(self) -> tuple[int, int]:
        """The hull of `upfront_spans` (kept for callers that want one range)."""
        spans = self.upfront_spans
        return spans[0][0], spans[-1][1]

    @cached_property
    def case_information_end(self) -> int:
        """End of the case and family information up front (before the incident, where a draft has both)."""
        ends = [e for s, e in self.upfront_spans if self.section_role_at(s) in ("case", "family")]
        return max(ends) if ends else self.upfront[1]

    @cached_property
    def _upfront_starts(self) -> list[int]:
        return [s for s, _ in self.upfront_spans]

    def in_upfront(self, offset: int) -> bool:
        i = bisect_right(self._upfront_starts, offset) - 1
        return i >= 0 and offset < self.upfront_spans[i][1]

    @cached_property
    def upfront_section(self) -> str:
        """Name of the case-information section, for findings about what it lacks."""
        for s in self.sections_with_role("case", "family"):
            if s.heading and self.in_upfront(s.start):
                return s.heading
        return "Case information"

    @cached_property
    def upfront_text(self) -> str:
        s, e = self.upfront
        return self.text[s:e]

    def find_upfront(self, pattern: re.Pattern[str]) -> Iterator[Match]:
        for s, e in self.upfront_spans:
            yield from self.find(pattern, s, e)

    def sections_matching(self, heading: re.Pattern[str]) -> list[Section]:
        return [s for s in self.doc.sections if heading.search(s.heading)]

    def section_name(self, offset: int) -> str:
        return self.section_at(offset).heading or "Opening text"

    def tables_in(self, start: int, end: int) -> list[Table]:
        return [t for t in self.doc.tables if t.start >= start and t.end <= end]

    @cached_property
    def upfront_tables(self) -> list[Table]:
        return [t for s, e in self.upfront_spans for t in self.tables_in(s, e)]

    @cached_property
    def table_spans(self) -> list[tuple[int, int]]:
        return [(t.start, t.end) for t in self.doc.tables]

    @cached_property
    def _table_starts(self) -> list[int]:
        return [t.start for t in self.doc.tables]

    def table_at(self, offset: int) -> Table | None:
        i = bisect_right(self._table_starts, offset) - 1
        if i >= 0 and self.doc.tables[i].start <= offset < self.doc.tables[i].end:
            return self.doc.tables[i]
        return None

    def in_table(self, offset: int) -> bool:
        return self.table_at(offset) is not None

    # -- the child -------------------------------------------------------------------------------------
    @cached_property
    def child_names(self) -> list[str]:
        """The names the draft gives the child it is about (documents/subject.py)."""
        return subject_names(self.doc)

    @cached_property
    def child_ref_source(self) -> str:
        """How the draft refers to the child, as a pattern (compile with re.I): the child's own names when the
        draft gives them (so a sibling's 'Child S' is not the child), else any label ('CHILD A', 'Baby N'),
        and 'the child', 'the baby', 'the young person'."""
        named = name_pattern(self.child_names)
        return (named if named else CHILD_TOKEN) + "|" + GENERIC_CHILD_REF

    @cached_property
    def child_ref(self) -> re.Pattern[str]:
        return re.compile(self.child_ref_source, re.I)

    # -- searching -------------------------------------------------------------------------------------
    @cached_property
    def scanner(self) -> Scanner:
        """Searches of the draft (shared with the reading layer's searches of the same text)."""
        return scanner_for(self.text)

    def find(self, pattern: re.Pattern[str], start: int = 0, end: int | None = None) -> Iterator[Match]:
        for m in self.scanner.finditer(pattern, start, end):
            yield Match(m.start(), m.end(), m.group(0))

    @cached_property
    def _plain(self) -> tuple[str, list[int], list[int]]:
        """The draft without markdown emphasis markers ('one **will be commissioned**'), with the start of each
        piece in the plain text and in the draft, so a match in the plain text maps back to exact offsets."""
        pieces, plain_starts, starts = [], [], []
        pos = plain_pos = 0
        for m in EMPHASIS.finditer(self.text):
            pieces.append(self.text[pos : m.start()])
            plain_starts.append(plain_pos)
            starts.append(pos)
            plain_pos += m.start() - pos
            pos = m.end()
        pieces.append(self.text[pos:])
        plain_starts.append(plain_pos)
        starts.append(pos)
        return "".join(pieces), plain_starts, starts

    @cached_property
    def _plain_scanner(self) -> Scanner:
        return Scanner(self._plain[0])

    def find_plain(self, pattern: re.Pattern[str]) -> Iterator[Match]:
        """Like `find`, reading through bold and underline markers; the matches are spans of the draft."""
        if "**" not in self.text and "__" not in self.text:
            yield from self.find(pattern)
            return
        _, plain_starts, starts = self._plain

        def original(i: int) -> int:
            k = bisect_right(plain_starts, i) - 1
            return starts[k] + (i - plain_starts[k])

        for m in self._plain_scanner.finditer(pattern):
            if m.end() == m.start():
                continue
            start, end = original(m.start()), original(m.end() - 1) + 1
            yield Match(start, end, self.text[start:end])

    def lines_with(self, pattern: re.Pattern[str]) -> list[Line]:
        """The lines in which a match of `pattern` over the whole draft starts, in order.

        For a pattern whose matches never cross a line break, every line in which it can match is among
        them: a prefilter for a per-line test that needs such a match ('Mother: aged 36' needs a role)."""
        lines = self.doc.lines
        out: list[Line] = []
        matches = self.scanner.finditer(pattern)
        m = next(matches, None)
        while m is not None:
            line = lines[self.line_index(m.start())]
            out.append(line)
            try:
                m = matches.send(line.end)  # this line is in: go on from its end
            except StopIteration:
                break
        return out

    def first(self, pattern: re.Pattern[str], start: int = 0, end: int | None = None) -> Match | None:
        return next(self.find(pattern, start, end), None)

    def _stop(self, i: int) -> bool:
        """Whether text[i] ends a sentence: not the dot of '1.', '6.1', 'e.g.' or 'Mr.'."""
        text = self.text
        ch = text[i]
        if ch in "\n\r!?":
            return True
        if ch != ".":
            return False
        if i + 1 < len(text) and text[i + 1].isdigit():
            return False  # 6.1, 2.5
        j = i
        while j > 0 and not text[j - 1].isspace() and i - j < 6:
            j -= 1
        return NOT_A_STOP.match(text[j:i]) is None

    def sentence(self, offset: int, limit: int = 300) -> Match:
        """The sentence (or line) around an offset, trimmed to `limit` characters, as an exact span."""
        text = self.text
        lo = max(0, offset - limit)
        start = offset
        while start > lo and not self._stop(start - 1):
            start -= 1
        hi = min(len(text), offset + limit)
        end = offset
        while end < hi and not self._stop(end):
            end += 1
        if end < len(text) and text[end] in ".!?":
            end += 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end and offset < len(text):  # an offset on a line break: quote the character itself
            return Match(offset, offset + 1, text[offset : offset + 1])
        return Match(start, end, text[start:end])

    def quote_at(self, offset: int) -> Match:
        """The sentence at `offset`; for an offset in a heading, the opening sentence of that section's text
        (a heading names a topic, the text shows it)."""
        section = self.section_at(offset)
        if section.heading and offset < section.body_start:
            body = self.text[section.body_start : section.end]
            if body.strip():
                return self.sentence(section.body_start + len(body) - len(body.lstrip()))
        return self.sentence(offset)

    def line_at(self, offset: int) -> Match:
        lines = self.doc.lines
        if not lines:
            return Match(0, 0, "")
        line = lines[self.line_index(offset)]
        raw = line.text
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        return Match(line.start + lead, line.start + lead + len(body), body)

    def paragraph_around(self, offset: int) -> tuple[int, int]:
        """The paragraph (text between blank lines, any line-ending style) that holds `offset`."""
        breaks = self._paragraph_breaks
        i = bisect_right(self._break_starts, offset) - 1
        start = 0 if i < 0 else breaks[i][1]  # an offset inside a blank run belongs to the next paragraph
        end = breaks[i + 1][0] if i + 1 < len(breaks) else len(self.text)
        return start, max(start, end)


def words(text: str) -> int:
    return len(text.split())


def any_match(patterns: Iterable[re.Pattern[str]], text: str) -> bool:
    return any(p.search(text) for p in patterns)
