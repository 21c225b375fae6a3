"""Who a draft is about: the names it gives the child the review concerns, kept apart from siblings.

A draft names its child in its title ('Rapid Review – Baby R', 'RAPID REVIEW: Child A and Child B'), in a
field ('Name of child: CHILD S (referred to here as Samuel)', 'Subject: Child V'), in a heading ('About
Lily'), or by a pseudonym it introduces ('"Sami" is a pseudonym', 'referred to as Lily'). A label in the
title also stands for its letter alone ('M is 15' in a review of Child M). Another 'Child S' named in the
text, but not in any of these places, is a sibling or another child, not the subject.
"""

from __future__ import annotations

import re
from itertools import islice

from assistant.documents.model import DraftDocument
from assistant.textscan import finditer, search

# Case-sensitive on purpose: 'Child in Need' is not a label.
LABEL = re.compile(
    r"\b(CHILD|Child|BABY|Baby|YOUNG PERSON|Young Person|Young person|YP)\s+([A-Z]{1,2})\b"
    r"(?:\s*\([\"“‘']?([A-Z][a-z]{2,15})[\"”’']?\))?"
)
# 'Children X, Y and Z', 'Twins R and S'
LABELS = re.compile(
    r"\b(?:CHILDREN|Children|TWINS|Twins|Siblings)\s+([A-Z](?:\s*,\s*[A-Z])*\s+and\s+[A-Z])\b"
)
QUOTED = re.compile(r"[\"“‘']([A-Z][a-z]{2,15})[\"”’']")
INTRODUCED = re.compile(
    r"(?:referred to (?:here |in this (?:report|review) )?as|known (?:here |in this (?:report|review) )?as|"
    r"called (?:here|in this (?:report|review))|pseudonym[^.\n]{0,20}?)\s+[\"“‘']?([A-Z][a-z]{2,15})\b"
)
PSEUDONYM_FIRST = re.compile(r"[\"“‘']([A-Z][a-z]{2,15})[\"”’'] is (?:a|the) pseudonym")
FIELD = re.compile(
    r"(?im)^[ \t>*_\-•]*(?:\*\*|__)?(?:subject(?: child)?|name of (?:the )?child|child'?s name|name used[^:\n]{0,20}|"
    r"child|children|young person|baby|report title|title|name)(?:\*\*|__)?\s*[:\-–—](?:\*\*|__)?[ \t]*([^\n]{1,100})$"
)
ABOUT = re.compile(r"^(?:about|all about)\s+([A-Z][a-z]{2,15}|(?:Child|Baby) [A-Z]{1,2})\b", re.I)
TITLE_LINES = 4  # non-blank lines at the top that are the title block
TITLE_MAX_WORDS = 14
TITLE_HEADINGS = 3
TITLE_NAME = re.compile(
    r"(?i:rapid review|review)\s*(?:of\s+|into\s+)?[:–—-]?\s*[\"“‘']?([A-Z][a-z]{2,15})\b(?![\w'’]*\s+[A-Z])"
)
NOT_A_NAME = frozenset(
    {
        "The",
        "This",
        "Date",
        "Name",
        "Rapid",
        "Review",
        "Report",
        "Male",
        "Female",
        "White",
        "Black",
        "Mixed",
        "British",
        "Asian",
        "Not",
        "None",
        "Unknown",
        "Child",
        "Baby",
        "Young",
        "Person",
        "Subject",
    }
)


def subject_names(doc: DraftDocument, *, limit_chars: int | None = None) -> list[str]:
    """The names of the child (or children) the review is about, most specific first: 'Child S', 'Samuel',
    then a title label's letter alone ('S'). Empty when the draft names no one in these places."""
    text = doc.text
    limit = limit_chars if limit_chars is not None else max(3000, len(text) * 3 // 10)
    found: list[str] = []
    letters: list[str] = []

    def add(name: str) -> None:
        name = name.strip()
        if name and name not in found and name not in NOT_A_NAME:
            found.append(name)

    def read_labels(piece: str) -> None:
        # (textscan.finditer: a title 'line' or heading can be a whole 1 MB line)
        for m in finditer(LABEL, piece):
            add(m.group(1).title() + " " + m.group(2))
            if m.group(3):
                add(m.group(3))  # 'Child K (Kyle)'
            if m.group(2) not in letters:
                letters.append(m.group(2))
        for m in finditer(LABELS, piece):
            for letter in re.findall(r"[A-Z]", m.group(1)):
                add("Child " + letter)
                if letter not in letters:
                    letters.append(letter)
        for m in finditer(QUOTED, piece):
            add(m.group(1))

    # The title block: the short lines at the top (a sentence there is the opening paragraph, which may name a
    # sibling), and the first headings (a report's title can sit under a block of header fields).
    title = list(islice((ln.text for ln in doc.lines if not ln.blank), TITLE_LINES))
    title = [t for t in title if len(t.split()) <= TITLE_MAX_WORDS and not t.rstrip().endswith(".")]
    title += [s.heading for s in doc.sections[:TITLE_HEADINGS] if s.heading and s.start <= limit]
    for line in title:
        read_labels(line)
        if (m := search(TITLE_NAME, line)) is not None:
            add(m.group(1))  # 'Rapid review: Ellis
    for m in finditer(FIELD, text, 0, min(len(text), limit)):
        value = m.group(1)
        read_labels(value)
        first = re.match(r"(?:\*\*|__)?([A-Z][a-z]{2,15})\b", value)
        if first and not LABEL.match(value):
            add(first.group(1))
        single = re.match(r"(?:\*\*|__)?([A-Z])\b(?![.'’&])", value)
        if single:
            letters.append(single.group(1))
    for s in doc.sections:
        if s.start > limit:
            break
        if (about := ABOUT.match(s.heading)) is not None:
            add(about.group(1))
    for pattern in (INTRODUCED, PSEUDONYM_FIRST):
        for m in finditer(pattern, text, 0, min(len(text), limit)):
            add(m.group(1))
    return found + [x for x in dict.fromkeys(letters) if x not in found]


def name_pattern(names: list[str]) -> str:
    """A case-sensitive pattern for the names; a single letter must stand alone ('M is 15', not 'Mr M',
    'Section M' or 'M.' of an initial)."""
    parts = []
    for n in names:
        if len(n) == 1:
            parts.append(
                r"(?<!Mr )(?<!Ms )(?<!Mrs )(?<!Dr )(?<!Section )(?<!Appendix )(?<!Part )(?<!Class )(?<!Plan )"
                + re.escape(n)
                + r"(?![\w&.-])"
            )
        else:
            parts.append(re.escape(n))
    return r"(?-i:\b(?:" + "|".join(parts) + r")\b)" if parts else ""
