"""Which child the review is about: one rule, used by drafting and by lines of enquiry.

In order:

1. the child a title or subject line declares ('CHRONOLOGY – CHILD V', 'Subject: Baby Z, male, DOB …',
   '**Child:** Child S', 'Name of child: Jamie'), earliest first;
2. the child the incident happened to: named in the incident's entries, a sibling only if no other child is;
3. the child named most often, a sibling (a half-sister, 'son S1') only if no other child is named and the
   incident is not about an unnamed child ('Baby brought in unresponsive'), who is then 'the child'.

A sibling or half-sister mentioned more often than the subject is never chosen over a declared or injured
child; a title line that names no child declares no one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant import textscan
from assistant.drafting.names import DECLARATION_FIELD, PERSON, TITLE_LINE, Found, label_id, label_name


@dataclass(frozen=True)
class Candidate:
    """A child who could be the subject, as the people model sees them."""

    id: str
    sibling: bool  # introduced as someone's brother, sister, son or daughter
    mentions: int
    first_line: int
    incident_mentions: int = 0
    declared_line: int | None = None


def is_declaration(text: str) -> bool:
    """A title line ('MULTI-AGENCY CHRONOLOGY – CHILD V') or a subject field ('Subject: …', 'Child: …')."""
    return TITLE_LINE.search(text) is not None or DECLARATION_FIELD.match(text) is not None


def declared_child(found: Sequence[Found], is_child: Iterable[str]) -> Found | None:
    """The first child named on a declaration line (`found` are the people named on it)."""
    children = set(is_child)
    return next((f for f in found if f.id in children), None)


def choose_subject(candidates: Sequence[Candidate], *, unnamed_in_incident: bool = False) -> str | None:
    """The subject's id; None when the review is about a child the chronology never names (its incident
    speaks of 'the baby', and the only named children are siblings the incident does not name)."""
    if not candidates:
        return None
    declared = [c for c in candidates if c.declared_line is not None]
    if declared:
        return min(declared, key=lambda c: (c.declared_line or 0, c.first_line)).id

    def key(c: Candidate) -> tuple[bool, int, int, int]:
        return (not c.sibling, c.incident_mentions, c.mentions, -c.first_line)

    best = max(candidates, key=key)
    if best.sibling and not best.incident_mentions and unnamed_in_incident:
        return None
    return best.id


# -- a draft review (not a chronology): the same declarations, in prose ----------------------------------

_SUBJECT_WORD = re.compile(r"\bsubject\b", re.I)
_WHO_WAS_HARMED = re.compile(r"\bwho (?:died|was (?:seriously )?(?:harmed|injured))\b", re.I)


def _child_labels(line: str) -> list[Found]:
    """The child labels a line uses ('CHILD T', 'Baby Z'), as Namer.find gives them: the names a text
    introduces, and a label's letter alone, have no space in them, so no learning is needed to find these."""
    return [
        Found(label_id(m.group(0)), "child", m.start(), m.end(), m.group(0))
        for m in textscan.finditer(PERSON, line)
        if m.lastgroup == "child" and " " in m.group(0)
    ]


def child_in_text(text: str) -> str:
    """The child a draft review is about: the child on a declaration or subject line, else the first child
    label used, else 'the child'. Labels are shown as the drafting shows them ('CHILD T', 'Baby Z')."""
    lines = text.splitlines()
    first: Found | None = None
    seen: set[str] = set()
    for line in lines:
        if line in seen:
            continue  # a line read again gives the same answer (a run of blank or repeated lines)
        seen.add(line)
        found = _child_labels(line)
        if not found:
            continue
        first = first or found[0]
        if is_declaration(line):
            return label_name(found[0].text)
        said = _SUBJECT_WORD.search(line)
        if said is not None:
            # 'CHILD S was seen. The subject of this review is CHILD T.': the child after the word.
            return label_name(next((f for f in found if f.start >= said.end()), found[0]).text)
        harmed = _WHO_WAS_HARMED.search(line)
        if harmed is not None:
            # "CHILD S's brother, CHILD T, who died": the child named last before the words.
            return label_name(([f for f in found if f.end <= harmed.start()] or found)[-1].text)
    return label_name(first.text) if first is not None else "the child"
