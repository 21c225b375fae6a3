"""The people a chronology names, and what it says next to each of them: one model for drafting and for
lines of enquiry, so both agree on who is who and on which child the review is about.

A person is everything the chronology links into one: a label ('CHILD X', 'Baby Z', 'Adult A'), a
pseudonym ('Ms Y'), a name it introduces ('older brother Jay') and the family roles said to be them
('Ms Y (mother)', 'Mother (Ms A, 38)', "Mother's partner, Mr Q (24)", 'partner Mr Q'). A role linked to two
different people stays a person of its own.

Their age, ethnicity and health are filled only from words placed next to them: a bracket straight after
the name ('CHILD Y (14)', '(Ms A, 38)', '(2 yrs, funded place)'), 'aged 20' or ', 35,' after it, or a
health or ethnicity term later in the same clause with no other person named in between. On a title or
subject line that names only the child, everything the line says is about the child. Anything else stays
"Not recorded".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from assistant import textscan
from assistant.domain.drafting import Citation, Person, PersonDetail, PersonRole
from assistant.drafting.ages import (
    age_after,
    age_before,
    age_in_part,
    detail_hints,
    ethnicity_in_part,
    paren_after,
    paren_parts,
)
from assistant.drafting.clauses import (
    Clause,
    Mention,
    Piece,
    clauses_with_mentions,
    ethnicity_matches,
    health_matches,
    owner,
    pieces_of,
)
from assistant.drafting.grounding import EntryText, Source
from assistant.drafting.incident import Incident, find_incident
from assistant.drafting.names import CHILD_ALIAS, PERSON, Found, Namer, label_name
from assistant.drafting.roles import ROLE_SPECS, RoleSpec
from assistant.drafting.subject import Candidate, choose_subject, declared_child, is_declaration

__all__ = [
    "CHILD_ALIAS",
    "PERSON",
    "ROLE_SPECS",
    "Clause",
    "Mention",
    "PeopleResult",
    "Piece",
    "RoleSpec",
    "clauses_with_mentions",
    "detect_people",
    "owner",
    "pieces_of",
]

# Between a role and a name that are the same person: 'partner Mr Q', 'Mother – Ms T', '**Birth father:** Mr S'.
_APPOSITION_GAP = re.compile(r"\s*+(?:\*\*|__)?\s*+(?:[,:–—-]\s*+)?(?:\*\*|__)?\s*+")
# A header field that, under the subject's own line, is about the subject ('DOB: 02/06/2011', 'Ethnicity: …').
_SUBJECT_FIELD = re.compile(
    r"\W*(?!(?:household|family|returns?|agenc|prepared|compiled|author|period|format|sources?|notes?)\b)"
    r"[A-Za-z][A-Za-z '’/()]{0,30}(?:\*\*|__)?\s*+:",
    re.I,
)
_CELL_GAP = re.compile(r"[ \t]*+[|\t][ \t]*+")
# After a name that follows a role and a comma, what makes it an apposition rather than a list.
_APPOSITION_END = re.compile(r"\s*+(?:\(|,\s*+(?:aged?\s++)?\d|[.;:]|$)")
# Words a bracket may put before a name that is the person ('Mother (known as Ms A)', '(the maternal aunt)').
_PART_LEAD = re.compile(r"(?:(?:the|his|her|their|a|an|known as|aka|also known as|called)\s+)*", re.I)
_CHILD_OF_BEFORE = re.compile(r"(?<![\w-])((?:step|grand)?(?:son|daughter))\s+$", re.I)
# A name, its details and then its role: 'Mr Q (24), mother's partner, was arrested'. A list goes on after the
# role ('Child E, Mother (Ms E) and …', 'Ms K, Mother, and Baby N'), an apposition closes.
_NAME_ROLE_GAP = re.compile(r"\s*+(?:\([^()\n]{0,60}\)\s*+)?,\s*+")
_NAME_ROLE_END = re.compile(
    r"\s*+(?:,(?!\s*+and\b)|[;:.)]|$)|\s++(?:was|is|who|had|has|were|attended|arrested)\b", re.I
)


@dataclass
class _Node:
    """What the chronology says next to one name or role, before names and roles are linked."""

    id: str
    kind: str  # 'child', 'adult', 'title', 'name', 'role'
    text: str  # as first written
    spec: RoleSpec | None = None
    written_as: dict[str, None] = field(default_factory=dict)
    mentions: int = 0
    lines: dict[int, None] = field(default_factory=dict)
    first_start: int = 0
    # Citations keyed by (start, end), so a detail read twice is kept once (and in constant time).
    relationship: dict[tuple[int, int], Citation] = field(default_factory=dict)
    age: dict[tuple[int, int], Citation] = field(default_factory=dict)
    ethnicity: dict[tuple[int, int], Citation] = field(default_factory=dict)
    health: dict[tuple[int, int], Citation] = field(default_factory=dict)
    child: bool = False  # a child: a child label, or a name introduced as a child
    sibling: bool = False


def _add_cite(target: dict[tuple[int, int], Citation], c: Citation) -> None:
    target.setdefault((c.start, c.end), c)


@dataclass
class PeopleResult:
    people: list[Person]
    subject_id: str | None
    child_name: str  # 'CHILD X', 'Baby Z', or 'the child' when the chronology names no child
    mentions: list[Mention]
    pieces: list[Piece]
    subject_lines: set[int] = field(default_factory=set)  # lines about the subject alone (title, 'Subject:')
    male: set[str] = field(default_factory=set)

    @property
    def subject(self) -> Person | None:
        return next((p for p in self.people if p.subject), None)

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)

    def male_ids(self) -> set[str]:
        return {s.id for s in ROLE_SPECS if s.male} | self.male


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
# Which node names a person: a label, then a pseudonym, then a name the chronology introduced, then a role.
_NAMING = {"child": 0, "adult": 0, "title": 1, "name": 2, "role": 3}


class _Links:
    """Union-find over node ids; a role is joined to a named person only when it names just one."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.pairs: list[tuple[str, str]] = []

    def find(self, x: str) -> str:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while self.parent.get(x, x) != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    def resolve(self, nodes: dict[str, _Node]) -> None:
        role = {nid for nid, n in nodes.items() if n.kind == "role"}
        for a, b in self.pairs:  # names with names, roles with roles
            if (a in role) == (b in role):
                self.union(a, b)
        named_of: dict[str, set[str]] = {}
        for a, b in self.pairs:
            if (a in role) != (b in role):
                r, n = (a, b) if a in role else (b, a)
                named_of.setdefault(self.find(r), set()).add(self.find(n))
        for r, named in named_of.items():
            if len(named) == 1:
                self.union(next(iter(named)), r)


class _Reader:
    """One pass over the pieces: nodes, mentions, the details next to them, and links between them."""

    def __init__(self, source: Source, pieces: list[Piece]) -> None:
        self.source = source
        self.pieces = pieces
        self.namer = Namer.for_texts(p.citation.quote for p in pieces)
        self.nodes: dict[str, _Node] = {}
        self.links = _Links()
        self.found: list[tuple[Piece, list[Found]]] = []
        self.appositive: dict[str, int] = {}  # role node id -> mentions that only introduce a named person
        # (node id, start, end, text, line, entry) of each mention, made a Mention once the groups are known
        self.raw: list[tuple[str, int, int, str, int, int | None]] = []
        self._written: dict[str, str] = {}  # a mention's words with single spaces, once per distinct text

    def node(self, f: Found) -> _Node:
        n = self.nodes.get(f.id)
        if n is None:
            n = self.nodes[f.id] = _Node(f.id, f.kind, f.text, f.spec, first_start=f.start)
            learned = self.namer.learned.get(f.id)
            n.child = f.kind == "child" or (learned is not None and learned.child)
            n.sibling = (
                bool(f.spec and f.spec.sibling)
                or (learned is not None and learned.relation is not None)
                or f.id.startswith("sibling-")  # 'Sibling 1' is a label for a brother or sister
            )
        return n

    def read(self) -> None:
        for name in self.namer.learned.values():
            for link in name.links:
                self.links.pairs.append((name.id, link))
        # The people a text names, once per distinct text (a paste repeats its lines); the lists and what is
        # in them are only read from here on.
        found_in: dict[str, tuple[list[Found], dict[int, Found], tuple[bool, bool, bool]]] = {}
        for piece in self.pieces:
            quote = piece.citation.quote
            known = found_in.get(quote)
            if known is None:
                found = self.namer.find(quote)
                known = found_in[quote] = (
                    found,
                    {f.start: f for f in found},
                    detail_hints(quote) if found else (False, False, False),
                )
            found, at, hints = known
            self.found.append((piece, found))
            if not found:
                continue
            details = any(hints)
            base, line, entry = piece.citation.start, piece.citation.line, piece.entry
            raw = self.raw.append
            # A person's node takes each way they are written and the line once per piece: a line can name
            # 'Mother' a hundred thousand times, and only the count and the mention itself differ.
            noted: dict[tuple[str, str], _Node] = {}
            last = len(found) - 1
            for i, f in enumerate(found):
                n = noted.get((f.id, f.text))
                if n is None:
                    n = noted[f.id, f.text] = self.note(f, line)
                n.mentions += 1
                raw((f.id, base + f.start, base + f.end, f.text, line, entry))
                if (
                    details
                    or f.kind == "name"
                    or (i < last and (f.kind == "role") != (found[i + 1].kind == "role"))
                ):
                    self.mention(piece, f, found, i, at, hints)

    def note(self, f: Found, line: int) -> _Node:
        """The node of a person found on `line`, with the way they are written there."""
        n = self.node(f)
        written = self._written.get(f.text)
        if written is None:
            written = self._written[f.text] = " ".join(f.text.split())
        n.written_as.setdefault(written, None)
        n.lines.setdefault(line, None)
        return n

    def mention(
        self,
        piece: Piece,
        f: Found,
        found: list[Found],
        i: int,
        at: dict[int, Found],
        hints: tuple[bool, bool, bool],
    ) -> None:
        """The details next to a mention: a relation before a name, a bracket, an age, an apposition."""
        src, text = self.source, self.source.text
        base, limit = piece.citation.start, piece.citation.end
        n = self.node(f)
        start, end = base + f.start, base + f.end
        if f.kind == "name":
            rel = _CHILD_OF_BEFORE.search(text, max(base, start - 20), start)
            if rel is not None:
                _add_cite(n.relationship, src.cite(rel.start(1), rel.end(1)))
        has_paren, has_number, has_old = hints
        if has_paren and (paren := paren_after(text, end, limit)) is not None:
            self.bracket(piece, f, at, paren)
        if has_number and (age := age_after(text, end, limit)) is not None:
            _add_cite(n.age, src.cite(*age))
        if has_old and (before := age_before(text, start, base)) is not None:
            _add_cite(n.age, src.cite(*before))
        if i + 1 < len(found) and (f.kind == "role") != (found[i + 1].kind == "role"):
            self.apposition(piece, f, found[i + 1])

    def bracket(self, piece: Piece, f: Found, at: dict[int, Found], paren: tuple[int, int]) -> None:
        """'(Ms A, 38)', '(half-sister, aged 3)', '(mother's partner)', '(19, White British)'."""
        src, text, base = self.source, self.source.text, piece.citation.start
        n = self.node(f)
        for p_start, p_end in paren_parts(text, *paren):
            if age_in_part(text, p_start, p_end):
                _add_cite(n.age, src.cite(p_start, p_end))
                continue
            lead = _PART_LEAD.match(text, p_start, p_end)
            inner = at.get((lead.end() if lead is not None else p_start) - base)
            if inner is not None and base + inner.end <= p_end and inner.id != f.id:
                self.links.pairs.append((f.id, inner.id))
                if f.kind == "role":
                    self.appositive[f.id] = self.appositive.get(f.id, 0) + 1
                if inner.kind == "role":
                    # 'Adult A (Mother's ex-partner)': the role as the bracket writes it.
                    _add_cite(n.relationship, src.cite(base + inner.start, base + inner.end))
                elif f.kind == "role":
                    _add_cite(self.node(inner).relationship, src.cite(base + f.start, base + f.end))
                continue
            eth = ethnicity_in_part(text, p_start, p_end)
            if eth is not None:
                _add_cite(n.ethnicity, src.cite(*eth))

    def apposition(self, piece: Piece, f: Found, g: Found) -> None:
        """'partner Mr Q', "Mother's partner, Mr Q (24)", 'Mother – Ms T', 'older brother Jay'."""
        if (f.kind == "role") == (g.kind == "role"):
            return
        quote = piece.citation.quote
        gap = quote[f.end : g.start]
        name_then_role = (
            g.kind == "role"
            and _NAME_ROLE_GAP.fullmatch(gap) is not None
            and _NAME_ROLE_END.match(quote, g.end) is not None
        )
        if not name_then_role:
            if _APPOSITION_GAP.fullmatch(gap) is None and not (f.kind == "role" and _CELL_GAP.fullmatch(gap)):
                return  # a role in one cell and a name in the next ('Mother | Ms H, 26') are one person too
            if "," in gap and (g.kind == "role" or _APPOSITION_END.match(quote, g.end) is None):
                return  # 'Mother, Mr Q and the baby were present', 'Child E, Mother (Ms E)' are lists
            if g.kind == "role" and not gap.strip():
                return  # 'Ms Y mother …' without a separator is not how an apposition reads
        self.links.pairs.append((f.id, g.id))
        role_found = f if f.kind == "role" else g
        self.appositive[role_found.id] = self.appositive.get(role_found.id, 0) + 1
        named = g if role_found is f else f
        base = piece.citation.start
        _add_cite(
            self.node(named).relationship, self.source.cite(base + role_found.start, base + role_found.end)
        )


def _group_role(members: list[_Node]) -> PersonRole:
    roles = {m.spec.role for m in members if m.spec is not None}
    for role in ("parent", "carer", "relative"):
        if role in roles:
            return role
    if "child" in roles or any(m.child for m in members):
        return "child"
    if roles or any(m.kind in ("adult", "title") for m in members):
        return "adult"
    return "other"


def _display_name(members: list[_Node], namer: Namer) -> str:
    best = min(members, key=lambda m: (_NAMING[m.kind], m.first_start))
    if best.kind in ("child", "adult"):
        return label_name(best.text)
    if best.kind == "name":
        return namer.learned[best.id].display if best.id in namer.learned else best.text
    if best.kind == "title":
        return " ".join(best.text.split())
    assert best.spec is not None
    roles = [m for m in members if m.spec is not None]
    return min(roles, key=lambda m: m.first_start).spec.name  # type: ignore[union-attr]


@dataclass
class _Group:
    id: str
    name: str
    members: list[_Node]

    def merged(self, attr: str) -> list[Citation]:
        out: dict[tuple[int, int], Citation] = {}
        for m in self.members:
            for c in getattr(m, attr).values():
                _add_cite(out, c)
        return sorted(out.values(), key=lambda c: c.start)

    @property
    def mentions(self) -> int:
        return sum(m.mentions for m in self.members)

    @property
    def lines(self) -> list[int]:
        return sorted({line for m in self.members for line in m.lines})

    @property
    def child(self) -> bool:
        return any(m.child for m in self.members)

    @property
    def sibling(self) -> bool:
        return any(m.sibling for m in self.members)


def _groups(reader: _Reader) -> dict[str, _Group]:
    """node id -> its person's group."""
    reader.links.resolve(reader.nodes)
    by_root: dict[str, list[_Node]] = {}
    for nid, node in reader.nodes.items():
        by_root.setdefault(reader.links.find(nid), []).append(node)
    out: dict[str, _Group] = {}
    for members in by_root.values():
        members.sort(key=lambda m: (_NAMING[m.kind], m.first_start))
        group = _Group(members[0].id, _display_name(members, reader.namer), members)
        for m in members:
            out[m.id] = group
    return out


def _inside(found: list[Found], m: re.Match[str]) -> bool:
    """Whether the match overlaps a name found in the same piece (`found` is sorted and non-overlapping)."""
    k = bisect.bisect_right(found, m.start(), key=lambda f: f.start)
    return (k > 0 and found[k - 1].end > m.start()) or (k < len(found) and found[k].start < m.end())


def _choose(
    reader: _Reader, groups: dict[str, _Group], incident: Incident | None
) -> tuple[_Group | None, set[int]]:
    """The subject child's group, and the lines about them alone (title and subject lines)."""
    children = {g.id: g for g in groups.values() if g.child}
    in_incident = {e.position for e in incident.entries} if incident is not None else set()
    incident_counts: dict[str, int] = {}
    incident_aliases = 0  # 'Baby brought in unresponsive': the incident's child, unnamed
    declared: dict[str, int] = {}
    child_nodes = [nid for nid, g in groups.items() if g.child]
    # once per distinct line: a paste can repeat one unparsed line a hundred thousand times
    declaration = lru_cache(maxsize=None)(is_declaration)
    for piece, found in reader.found:
        if piece.entry is not None and piece.entry in in_incident:
            for f in found:
                incident_counts[groups[f.id].id] = incident_counts.get(groups[f.id].id, 0) + 1
            incident_aliases += sum(
                1 for m in textscan.finditer(CHILD_ALIAS, piece.citation.quote) if not _inside(found, m)
            )
        if piece.entry is None and declaration(piece.citation.quote):
            first = declared_child(found, child_nodes)
            if first is not None:
                declared.setdefault(groups[first.id].id, piece.citation.line)
    candidates = [
        Candidate(
            id=g.id,
            sibling=g.sibling,
            mentions=g.mentions,
            first_line=min(g.lines) if g.lines else 0,
            incident_mentions=incident_counts.get(g.id, 0),
            declared_line=declared.get(g.id),
        )
        for g in children.values()
    ]
    chosen = choose_subject(candidates, unnamed_in_incident=incident_aliases > 0)
    subject = children.get(chosen) if chosen is not None else None
    lines: set[int] = set()
    if subject is None:
        return subject, lines
    header = False  # just after a line about the subject alone: 'DOB: …', 'Ethnicity: …' are about them too
    for piece, found in reader.found:
        quote = piece.citation.quote
        if piece.entry is None and found and all(groups[f.id] is subject for f in found):
            lines.add(piece.citation.line)
            header = True
        elif header and piece.entry is None and not found and _SUBJECT_FIELD.match(quote):
            lines.add(piece.citation.line)
        else:
            header = False
    return subject, lines


def detect_people(source: Source, entries: list[EntryText], incident: Incident | None = None) -> PeopleResult:
    """The people a chronology names; the incident is found from the entries when not given."""
    if incident is None:
        incident = find_incident(entries)
    pieces = pieces_of(source, entries)
    reader = _Reader(source, pieces)
    reader.read()
    groups = _groups(reader)
    subject, subject_lines = _choose(reader, groups, incident)
    subject_id = subject.id if subject is not None else None

    mentions = [Mention(groups[p].id, s, e, t, line, entry) for p, s, e, t, line, entry in reader.raw]
    # The subject child's aliases ('baby', 'the young person') count as mentions of them.
    taken = sorted((m.start, m.end) for m in mentions)
    starts = [s for s, _ in taken]
    aliases: list[Mention] = []
    for piece in pieces:
        for m in textscan.finditer(CHILD_ALIAS, piece.citation.quote):
            start, end = piece.citation.start + m.start(), piece.citation.start + m.end()
            k = bisect.bisect_right(starts, start)
            if (k and taken[k - 1][1] > start) or (k < len(taken) and taken[k][0] < end):
                continue  # 'Baby' inside 'Baby Z' is the label, already counted
            aliases.append(
                Mention(
                    subject_id or "child",
                    start,
                    end,
                    m.group(0),
                    piece.citation.line,
                    piece.entry,
                    alias=True,
                )
            )
    mentions += aliases
    mentions.sort(key=lambda m: m.start)
    subject_alias: _Node | None = None
    if subject is None and aliases:
        subject_alias = _Node("child", "name", "The child")
        subject_alias.child = True
        for mention in aliases:
            subject_alias.mentions += 1
            subject_alias.lines.setdefault(mention.line, None)
            subject_alias.written_as.setdefault(" ".join(mention.text.lower().split()), None)
        subject = _Group("child", "The child", [subject_alias])
        subject_id = "child"
    elif subject is not None:
        for mention in aliases:
            subject.members[0].mentions += 1
            subject.members[0].lines.setdefault(mention.line, None)

    # Health and ethnicity later in a clause belong to the person named last before them in it.
    by_group: dict[str, _Group] = {g.id: g for g in groups.values()}
    if subject is not None:
        by_group[subject.id] = subject
    _attribute_in_clauses(source, pieces, mentions, by_group, subject_id, subject_lines)

    people: list[Person] = []
    male: set[str] = set()
    first_named: dict[str, Mention] = {}
    for mention in mentions:
        if not mention.alias:
            first_named.setdefault(mention.person, mention)
    for group in by_group.values():
        if all(m.kind == "role" and reader.appositive.get(m.id, 0) >= m.mentions for m in group.members):
            # 'brothers Imran (17) and Bilal (10)': the role only introduces people who have rows of their own.
            continue
        people.append(_person(source, group, group.id == subject_id, first_named.get(group.id)))
        if any(
            (m.spec is not None and m.spec.male) or m.text.lower().startswith("mr") for m in group.members
        ):
            male.add(group.id)
    people.sort(key=lambda p: (_ORDER[p.role], min(p.lines) if p.lines else 0))
    child_name = subject.name if subject is not None and subject.id != "child" else "the child"
    return PeopleResult(people, subject_id, child_name, mentions, pieces, subject_lines, male)


def _person(source: Source, group: _Group, is_subject: bool, first: Mention | None) -> Person:
    relationship_quotes = group.merged("relationship")
    if is_subject:
        relationship = PersonDetail(value=None, quotes=[])
    elif relationship_quotes:
        relationship = _detail(relationship_quotes)
    elif first is not None and any(m.kind == "role" for m in group.members):
        relationship = PersonDetail(
            value=first.text, quotes=[source.cite(first.start, first.end, first.line)]
        )
    else:
        relationship = PersonDetail(value=None, quotes=[])
    written: dict[str, None] = {}
    for m in group.members:
        written.update(m.written_as)
    return Person(
        id=group.id,
        name=group.name,
        role="subject" if is_subject else _group_role(group.members),
        subject=is_subject,
        written_as=list(written)[:8],
        relationship=relationship,
        age=_detail(group.merged("age")),
        ethnicity=_detail(group.merged("ethnicity")),
        health=_detail(group.merged("health")),
        mentions=group.mentions,
        lines=group.lines[:50],
    )


def _attribute_in_clauses(
    source: Source,
    pieces: list[Piece],
    mentions: list[Mention],
    groups: dict[str, _Group],
    subject_id: str | None,
    subject_lines: set[int],
) -> None:
    bare = subject_lines if subject_id is not None else ()
    for clause in clauses_with_mentions(source, pieces, mentions, bare):
        about_subject = subject_id is not None and clause.piece.citation.line in subject_lines
        if not clause.mentions and not about_subject:
            continue
        text = source.text[clause.start : clause.end]
        facts: list[tuple[str, int, int]] = [
            ("health", clause.start + s, clause.start + e) for s, e in health_matches(text)
        ]
        facts += [("ethnicity", clause.start + s, clause.start + e) for s, e in ethnicity_matches(text)]
        for kind, f_start, f_end in facts:
            if about_subject:
                if any(m.start < f_end and f_start < m.end for m in clause.mentions):
                    continue
                person: str | None = subject_id
            else:
                who = owner(clause, f_start, f_end)
                person = who.person if who is not None else None
            group = groups.get(person) if person is not None else None
            if group is None:
                continue
            _add_cite(getattr(group.members[0], kind), source.cite(f_start, f_end))
