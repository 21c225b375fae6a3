"""The people a chronology names, and what it says next to each of them.

A person is a `CHILD X`/`Adult A` label or a family role (Mother, Mother's partner, Maternal grandmother …).
Their age, ethnicity and health are filled only from words placed next to them: a bracket straight after
the name ("CHILD Y (14)"), "aged 20" after it, or a health or ethnicity term later in the same clause with
no other person named in between. Anything else stays "Not recorded".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from assistant.critic.checks.case_info import DISABILITY, ETHNICITY_LABEL, ETHNICITY_VALUE
from assistant.lexicon import DATE, ETHNICITY_TERM, ROLE
from assistant.critic.checks.practice import HEALTH_DISABILITY
from assistant.domain.drafting import Citation, Person, PersonDetail, PersonRole
from assistant.drafting.grounding import EntryText, Source, split_sentences


@dataclass(frozen=True)
class RoleSpec:
    id: str
    name: str
    role: PersonRole
    pattern: str
    male: bool = False
    skip_before_of: bool = False  # "sibling of partner's friend" is not the child's sibling


ROLE_SPECS: tuple[RoleSpec, ...] = (
    RoleSpec(
        "mothers-partner",
        "Mother's partner",
        "carer",
        r"(?:mother|mum)'?s\s+(?:new\s+|ex-?\s?)?(?:partner|boyfriend)",
        male=True,
    ),
    RoleSpec(
        "fathers-partner",
        "Father's partner",
        "carer",
        r"(?:father|dad)'?s\s+(?:new\s+)?(?:partner|girlfriend)",
    ),
    RoleSpec(
        "maternal-grandmother", "Maternal grandmother", "relative", r"maternal\s+grand(?:mother|ma|mum)|MGM"
    ),
    RoleSpec(
        "maternal-grandfather",
        "Maternal grandfather",
        "relative",
        r"maternal\s+grand(?:father|pa|dad)|MGF",
        male=True,
    ),
    RoleSpec(
        "paternal-grandmother", "Paternal grandmother", "relative", r"paternal\s+grand(?:mother|ma|mum)|PGM"
    ),
    RoleSpec(
        "paternal-grandfather",
        "Paternal grandfather",
        "relative",
        r"paternal\s+grand(?:father|pa|dad)|PGF",
        male=True,
    ),
    RoleSpec(
        "step-grandfather", "Step-grandfather", "relative", r"step[- ]?grand(?:father|dad)|SGF", male=True
    ),
    RoleSpec("grandmother", "Grandmother", "relative", r"grand(?:mother|ma|mum)|(?-i:Nan|Nana|Nanna)"),
    RoleSpec("grandfather", "Grandfather", "relative", r"grand(?:father|pa|dad)", male=True),
    RoleSpec("maternal-aunt", "Maternal aunt", "relative", r"maternal\s+aunt(?:ie)?"),
    RoleSpec("maternal-uncle", "Maternal uncle", "relative", r"maternal\s+uncle", male=True),
    RoleSpec("paternal-aunt", "Paternal aunt", "relative", r"paternal\s+aunt(?:ie)?"),
    RoleSpec("paternal-uncle", "Paternal uncle", "relative", r"paternal\s+uncle", male=True),
    RoleSpec("aunt", "Aunt", "relative", r"aunt(?:ie|y)?"),
    RoleSpec("uncle", "Uncle", "relative", r"uncle", male=True),
    RoleSpec("stepfather", "Stepfather", "carer", r"step[- ]?(?:father|dad)", male=True),
    RoleSpec("stepmother", "Stepmother", "carer", r"step[- ]?(?:mother|mum)"),
    RoleSpec("foster-carer", "Foster carer", "carer", r"foster\s+carers?"),
    RoleSpec("mother", "Mother", "parent", r"(?:birth\s+)?(?:mother|mum|mom)"),
    RoleSpec("father", "Father", "parent", r"(?:birth\s+)?(?:father|dad)", male=True),
    RoleSpec(
        "siblings",
        "Sibling(s)",
        "child",
        r"half[- ](?:siblings?|brothers?|sisters?)|step[- ](?:siblings?|brothers?|sisters?)|siblings?"
        r"|(?:his|her|their|older|younger|big|little|baby)\s+(?:brothers?|sisters?)",
        skip_before_of=True,
    ),
    RoleSpec(
        "partner",
        "Partner (not said whose)",
        "adult",
        r"(?:her|his)\s+(?:new\s+)?(?:partner|boyfriend|girlfriend)|partner|boyfriend",
        male=False,
        skip_before_of=True,
    ),
)
_SPEC_BY_ID = {s.id: s for s in ROLE_SPECS}

_CHILD_LABEL = r"(?-i:(?:CHILD|Child)\s+[A-Z]{1,2})"
_ADULT_LABEL = r"(?-i:(?:ADULT|Adult)\s+[A-Z]{1,2})"
PERSON = re.compile(
    r"(?<![\w-])(?:"
    + f"(?P<child>{_CHILD_LABEL})|(?P<adult>{_ADULT_LABEL})|"
    + "|".join(f"(?P<r{i}>{spec.pattern})" for i, spec in enumerate(ROLE_SPECS))
    + r")(?![\w-])",
    re.I,
)
# Words that stand for the subject child when the chronology does not use a label in that sentence.
CHILD_ALIAS = re.compile(
    r"(?<![\w-])(?:(?:the\s+)?(?:baby|infant|newborn)|the\s+(?:child|young\s+person|subject)|young\s+person)"
    r"(?![\w-])(?!\s*(?:protection|in\s+need|and\s+family|safeguarding|'s\s+centre|centre|unit|clinic|health|"
    r"services?|sexual|criminal|exploitation|team|bouncer|seat|monitor)\b)",
    re.I,
)
_OF = re.compile(r"\s+of\b", re.I)
_PAREN = re.compile(r"\s*,?\s*\(([^()\n]{1,60})\)")
_AGE_UNIT = r"(?:years?|yrs?|y/?o|months?|mths?|weeks?|wks?|days?)"
_AGE_AFTER = re.compile(
    r"\s*,?\s*\(\s*((?:aged?\s*)?\d{1,2}(?:\s*" + _AGE_UNIT + r"(?:[- ]old)?)?)\s*(?=[,;)])"
    r"|\s*,?\s+(aged?\s+\d{1,2}(?:\s*" + _AGE_UNIT + r")?)(?!\w)"
    r"|\s*,\s*(\d{1,2}[- ]" + _AGE_UNIT + r"[- ]old)(?!\w)"
    r"|\s*,?\s*\(?\s*((?:DOB|d\.o\.b\.?|date of birth)\s*:?\s*" + DATE + r")",
    re.I,
)
_AGE_BEFORE = re.compile(r"(\d{1,2}[- ](?:year|month|week|day)s?[- ]old)\s+(?:\w+\s+)?$", re.I)
_ROLE_IN_PAREN = re.compile(r"\b" + ROLE + r"\b", re.I)
_ETHNIC_IN_PAREN = re.compile(r"\b" + ETHNICITY_TERM + r"\b", re.I)
_BARE_COLOUR = {"white", "black"}
_EXTRA_HEALTH = re.compile(
    r"\b(?:low mood|anxious|self[- ]?harm\w*|suicid\w+|psychosis|psychotic|personality disorder|"
    r"mental (?:ill-?ness|ill-?health|health (?:needs|problems|difficulties|issues|concerns))|"
    r"(?:post|peri)-?natal depression|epilep\w+|diabet\w+|asthma|hearing impair\w+|visual(?:ly)? impair\w+)\b",
    re.I,
)
_NOT_HEALTH = {"identity", "trauma", "health needs"}
_DIAGNOSIS_OF = re.compile(r"\s+(?:of|with)\s+[^,.;()\n]{2,60}", re.I)
_CLAUSE_BREAK = re.compile(r";")


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
class _Acc:
    id: str
    name: str
    role: PersonRole
    male: bool = False
    written_as: dict[str, None] = field(default_factory=dict)
    mentions: int = 0
    lines: dict[int, None] = field(default_factory=dict)
    relationship: list[Citation] = field(default_factory=list)
    age: list[Citation] = field(default_factory=list)
    ethnicity: list[Citation] = field(default_factory=list)
    health: list[Citation] = field(default_factory=list)

    def merge(self, other: _Acc) -> None:
        self.written_as.update(other.written_as)
        self.mentions += other.mentions
        self.lines.update(other.lines)
        for name in ("relationship", "age", "ethnicity", "health"):
            mine: list[Citation] = getattr(self, name)
            for c in getattr(other, name):
                if all((c.start, c.end) != (m.start, m.end) for m in mine):
                    mine.append(c)


@dataclass
class Piece:
    """A stretch of chronology text people and facts are read from: an event line or an unparsed line."""

    citation: Citation
    entry: int | None


def _label_id(text: str) -> str:
    return "-".join(text.lower().split())


def _label_name(text: str) -> str:
    words = text.split()
    kind = "CHILD" if words[0].lower() == "child" else "Adult"
    return f"{kind} {words[1]}"


def pieces_of(source: Source, entries: Iterable[EntryText]) -> list[Piece]:
    out = [Piece(c, e.position) for e in entries for c in e.event]
    for line in source.chronology.unparsed if source.chronology is not None else []:
        start = source.line_start(line.line)
        cite = source.trimmed(start, start + len(line.text), line.line)
        if cite is not None:
            out.append(Piece(cite, None))
    out.sort(key=lambda p: p.citation.start)
    return out


def find_mentions(source: Source, piece: Piece) -> list[tuple[str, RoleSpec | None, re.Match[str]]]:
    """(person id, role spec or None for a label, match) for each person named in the piece."""
    out: list[tuple[str, RoleSpec | None, re.Match[str]]] = []
    text = piece.citation.quote
    for m in PERSON.finditer(text):
        if m.group("child") or m.group("adult"):
            out.append((_label_id(m.group(0)), None, m))
            continue
        index = next(int(k[1:]) for k, v in m.groupdict().items() if v is not None and k.startswith("r"))
        spec = ROLE_SPECS[index]
        if spec.skip_before_of and _OF.match(text, m.end()):
            continue
        out.append((spec.id, spec, m))
    return out


def _clauses(source: Source, piece: Piece) -> list[tuple[int, int]]:
    """(start, end) offsets of the piece's clauses: sentences, further split at ';' and dashes."""
    out = []
    for sentence in split_sentences(source, piece.citation):
        pos = sentence.start
        for m in _CLAUSE_BREAK.finditer(sentence.quote):
            out.append((pos, sentence.start + m.start()))
            pos = sentence.start + m.end()
        out.append((pos, sentence.end))
    return out


def _health_matches(text: str) -> list[tuple[int, int]]:
    """Spans of health or disability words; 'diagnosis' carries what it is a diagnosis of."""
    found: list[tuple[int, int]] = []
    for p in (HEALTH_DISABILITY, DISABILITY, _EXTRA_HEALTH):
        for m in p.finditer(text):
            word = m.group(0).lower()
            if word in _NOT_HEALTH:
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


def _ethnicity_matches(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in ETHNICITY_LABEL.finditer(text):
        spans.append((m.start(1), m.start(1) + len(m.group(1).rstrip(" .,;"))))
    for m in ETHNICITY_VALUE.finditer(text):
        if m.group(0).lower() in _BARE_COLOUR:
            continue
        if not any(s <= m.start() < e for s, e in spans):
            spans.append((m.start(), m.end()))
    return sorted(spans)


@dataclass
class PeopleResult:
    people: list[Person]
    subject_id: str | None
    child_name: str  # 'CHILD X', or 'the child' when the chronology uses no label
    mentions: list[Mention]
    pieces: list[Piece]

    @property
    def subject(self) -> Person | None:
        return next((p for p in self.people if p.subject), None)

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)

    def male_ids(self) -> set[str]:
        ids = {s.id for s in ROLE_SPECS if s.male}
        for p in self.people:
            if p.relationship.value and any(
                s.male and re.fullmatch(s.pattern, p.relationship.value.strip(), re.I) for s in ROLE_SPECS
            ):
                ids.add(p.id)
        return ids


def _detail(quotes: list[Citation], joiner: str = "; ") -> PersonDetail:
    if not quotes:
        return PersonDetail(value=None, quotes=[])
    seen: dict[str, Citation] = {}
    for c in quotes:
        seen.setdefault(" ".join(c.quote.lower().split()), c)
    kept = list(seen.values())[:4]
    return PersonDetail(value=joiner.join(c.quote for c in kept), quotes=kept)


_ORDER: dict[str, int] = {
    "subject": 0,
    "child": 1,
    "parent": 2,
    "carer": 3,
    "relative": 4,
    "adult": 5,
    "other": 6,
}


def detect_people(source: Source, entries: list[EntryText]) -> PeopleResult:
    pieces = pieces_of(source, entries)
    accs: dict[str, _Acc] = {}
    mentions: list[Mention] = []
    links: dict[str, str] = {}  # label id -> role id it is said to be ("Adult A (Mother's partner)")
    per_piece: list[list[tuple[str, RoleSpec | None, re.Match[str]]]] = []
    text = source.text
    for piece in pieces:
        found = find_mentions(source, piece)
        per_piece.append(found)
        base = piece.citation.start
        for pid, spec, m in found:
            acc = accs.get(pid)
            if acc is None:
                if spec is None:
                    name = _label_name(m.group(0))
                    role: PersonRole = "child" if m.group("child") else "adult"
                    acc = accs[pid] = _Acc(pid, name, role)
                else:
                    acc = accs[pid] = _Acc(pid, spec.name, spec.role, male=spec.male)
            acc.written_as.setdefault(" ".join(m.group(0).split()), None)
            acc.mentions += 1
            acc.lines.setdefault(piece.citation.line, None)
            start, end = base + m.start(), base + m.end()
            mentions.append(Mention(pid, start, end, m.group(0), piece.citation.line, piece.entry))
            # A bracket straight after the name: age, ethnicity or (for a label) who they are.
            paren = _PAREN.match(text, end, piece.citation.end)
            if paren is not None:
                inner_start, inner = paren.start(1), paren.group(1)
                role_m = _ROLE_IN_PAREN.search(inner)
                if spec is None and role_m is not None:
                    acc.relationship.append(source.cite(inner_start, inner_start + len(inner.strip())))
                    linked = PERSON.fullmatch(inner.strip())
                    if linked is not None and not (linked.group("child") or linked.group("adult")):
                        links[pid] = next(
                            ROLE_SPECS[int(k[1:])].id
                            for k, v in linked.groupdict().items()
                            if v is not None and k.startswith("r")
                        )
                elif spec is not None:
                    label = re.fullmatch(r"\s*(" + _CHILD_LABEL + "|" + _ADULT_LABEL + r")\s*", inner)
                    if label is not None:
                        lid = _label_id(label.group(1))
                        links[lid] = spec.id
                        lab = accs.setdefault(lid, _Acc(lid, _label_name(label.group(1)), "adult"))
                        lab.relationship.append(source.cite(base + m.start(), base + m.end()))
                eth = _ETHNIC_IN_PAREN.search(inner)
                if eth is not None:
                    acc.ethnicity.append(source.cite(inner_start + eth.start(), inner_start + eth.end()))
            age = _AGE_AFTER.match(text, end, piece.citation.end)
            if age is not None:
                group = next(g for g in range(1, 5) if age.group(g))
                acc.age.append(source.cite(age.start(group), age.end(group)))
            before = _AGE_BEFORE.search(text, max(piece.citation.start, start - 40), start)
            if before is not None:
                acc.age.append(source.cite(before.start(1), before.end(1)))

    for label_id, role_id in links.items():
        if role_id in accs and label_id in accs and role_id != label_id:
            accs[label_id].merge(accs.pop(role_id))
            accs[label_id].male = accs[label_id].male or _SPEC_BY_ID[role_id].male
            for mention in mentions:
                if mention.person == role_id:
                    mention.person = label_id

    children = [a for a in accs.values() if a.id.startswith("child-")]
    subject = max(children, key=lambda a: (a.mentions, -min(a.lines)), default=None)
    subject_id = subject.id if subject else None

    # The subject child's aliases ('baby', 'the young person') count as mentions of them.
    for piece in pieces:
        for m in CHILD_ALIAS.finditer(piece.citation.quote):
            start = piece.citation.start + m.start()
            mentions.append(
                Mention(
                    subject_id or "child",
                    start,
                    start + len(m.group(0)),
                    m.group(0),
                    piece.citation.line,
                    piece.entry,
                    alias=True,
                )
            )
    if subject is None and any(m.alias for m in mentions):
        subject = accs["child"] = _Acc("child", "The child", "subject")
        subject_id = "child"
        for mention in mentions:
            if mention.alias:
                subject.mentions += 1
                subject.lines.setdefault(mention.line, None)
                subject.written_as.setdefault(" ".join(mention.text.lower().split()), None)
    mentions.sort(key=lambda m: m.start)

    # Health and ethnicity later in a clause belong to the person named last before them in it.
    _attribute_in_clauses(source, pieces, mentions, accs)

    people: list[Person] = []
    for acc in accs.values():
        is_subject = acc.id == subject_id
        if acc.relationship:
            relationship = _detail(acc.relationship)
        elif is_subject:
            relationship = PersonDetail(value=None, quotes=[])
        elif acc.id in _SPEC_BY_ID:
            first = next(m for m in mentions if m.person == acc.id and not m.alias)
            relationship = PersonDetail(
                value=first.text, quotes=[source.cite(first.start, first.end, first.line)]
            )
        else:
            relationship = PersonDetail(value=None, quotes=[])
        people.append(
            Person(
                id=acc.id,
                name=acc.name,
                role="subject" if is_subject else acc.role,
                subject=is_subject,
                written_as=list(acc.written_as)[:8],
                relationship=relationship,
                age=_detail(acc.age),
                ethnicity=_detail(acc.ethnicity),
                health=_detail(acc.health),
                mentions=acc.mentions,
                lines=sorted(acc.lines)[:50],
            )
        )
    people.sort(key=lambda p: (_ORDER[p.role], min(p.lines) if p.lines else 0))
    child_name = subject.name if subject is not None and subject.id != "child" else "the child"
    return PeopleResult(people, subject_id, child_name, mentions, pieces)


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    piece: Piece
    mentions: list[Mention]


def clauses_with_mentions(source: Source, pieces: list[Piece], mentions: list[Mention]) -> Iterator[Clause]:
    """Every clause of every piece, with the people named in it (mentions must be sorted by start)."""
    starts = [m.start for m in mentions]
    for piece in pieces:
        for c_start, c_end in _clauses(source, piece):
            lo = bisect.bisect_left(starts, c_start)
            hi = bisect.bisect_left(starts, c_end)
            yield Clause(c_start, c_end, piece, mentions[lo:hi])


def owner(clause: Clause, f_start: int, f_end: int) -> Mention | None:
    """Who a fact at [f_start, f_end) in the clause is about: the person named last before it, or the only
    person the clause names; None when that is unclear or the fact is part of a name."""
    inside = clause.mentions
    if not inside or any(m.start < f_end and f_start < m.end for m in inside):
        return None
    before = [m for m in inside if m.end <= f_start]
    if before:
        return before[-1]
    if len({m.person for m in inside}) == 1:
        return inside[0]
    return None


def _attribute_in_clauses(
    source: Source, pieces: list[Piece], mentions: list[Mention], accs: dict[str, _Acc]
) -> None:
    for clause in clauses_with_mentions(source, pieces, mentions):
        if not clause.mentions:
            continue
        text = source.text[clause.start : clause.end]
        facts: list[tuple[str, int, int]] = [
            ("health", clause.start + s, clause.start + e) for s, e in _health_matches(text)
        ]
        facts += [("ethnicity", clause.start + s, clause.start + e) for s, e in _ethnicity_matches(text)]
        for kind, f_start, f_end in facts:
            who = owner(clause, f_start, f_end)
            acc = accs.get(who.person) if who is not None else None
            if acc is None:
                continue
            target: list[Citation] = getattr(acc, kind)
            if all((f_start, f_end) != (c.start, c.end) for c in target):
                target.append(source.cite(f_start, f_end))
