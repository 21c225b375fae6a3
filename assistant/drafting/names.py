"""Who a chronology names, and the words it names them with.

Four kinds of name, all read the same way by drafting and lines of enquiry:

- labels: 'CHILD X', 'Baby Z', 'Sibling 1' (children) and 'Adult A' (adults);
- pseudonyms: 'Ms Y', 'Mr Q', 'Mrs Y';
- family roles: 'Mother', "Mother's partner", 'maternal grandmother (MGM)', 'older brother';
- names the chronology introduces next to a role or a label: 'older brother Jay (17)', 'son S1',
  'BEN (Child B)', 'Subject: Jamie, 14'. A label's letter alone ('V starts Year 8' for Child V) is that
  person too, when it cannot be another word ('Class A', 'A&E', 'X-ray').

`Namer` finds them in a piece of text: `Namer.for_texts(texts)` learns the introduced names first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from assistant import textscan
from assistant.chronology.agencies import known_agency
from assistant.drafting.roles import ROLE_SPECS, RoleSpec
from assistant.lexicon import (
    ADULT_LABEL_WORD,
    CHILD_LABEL_WORD,
    LABEL_LETTERS,
    MONTH_WORDS,
    PERSON_TITLE,
    WEEKDAY_WORDS,
)

CHILD_LABEL = r"(?-i:" + CHILD_LABEL_WORD + r"\s+" + LABEL_LETTERS + r")"
ADULT_LABEL = r"(?-i:" + ADULT_LABEL_WORD + r"\s+" + LABEL_LETTERS + r")"
PSEUDONYM = r"(?-i:" + PERSON_TITLE + r"\.?\s+(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]{1,2}\d?))"
# The lookahead lets the scan skip spaces and punctuation without trying every alternative there.
_BOUNDS = (r"(?<![\w-])(?=[A-Za-z])(?:", r")(?![\w-])")
# Every name and role a chronology uses without introducing it; groups: child, adult, title, r0…rN.
PERSON = re.compile(
    _BOUNDS[0]
    + f"(?P<child>{CHILD_LABEL})|(?P<adult>{ADULT_LABEL})|(?P<title>{PSEUDONYM})|"
    + "|".join(f"(?P<r{i}>{spec.pattern})" for i, spec in enumerate(ROLE_SPECS))
    + _BOUNDS[1],
    re.I,
)


_LABEL_GROUPS = ("child", "adult")


def role_index(m: re.Match[str]) -> int | None:
    """Which ROLE_SPECS entry a PERSON match is, or None for a label or a pseudonym."""
    group = m.lastgroup or ""
    return int(group[1:]) if group.startswith("r") else None


# Words that stand for the subject child when the chronology does not use a label in that sentence.
CHILD_ALIAS = re.compile(
    r"(?<![\w-])(?:(?:the\s+)?(?:baby|infant|newborn)|the\s+(?:child|young\s+person|subject)|young\s+person)"
    r"(?![\w-])(?!\s*(?:protection|in\s+need|and\s+family|safeguarding|'s\s+centre|centre|unit|clinic|health|"
    r"services?|sexual|criminal|exploitation|team|bouncer|seat|monitor|boy|girl)\b)",
    re.I,
)
_OF = re.compile(r"\s+of\b", re.I)

# -- names a chronology introduces -----------------------------------------------------------------------

# Capitalised words that are not names, whatever comes before them.
_NOT_NAMES = (
    frozenset(
        [
            "the",
            "this",
            "that",
            "these",
            "those",
            "he",
            "she",
            "they",
            "it",
            "his",
            "her",
            "their",
            "we",
            "i",
            "a",
            "an",
            "and",
            "but",
            "or",
            "so",
            "not",
            "no",
            "yes",
            "was",
            "were",
            "is",
            "are",
            "has",
            "had",
            "have",
            "on",
            "in",
            "at",
            "to",
            "from",
            "by",
            "with",
            "for",
            "of",
            "after",
            "before",
            "when",
            "while",
            "also",
            "both",
            "all",
            "mr",
            "mrs",
            "ms",
            "miss",
            "mx",
            "dr",
            "child",
            "baby",
            "adult",
            "sibling",
            "year",
            "reception",
            "nursery",
            "school",
            "police",
            "dad",
            "mum",
            "mother",
            "father",
            "nan",
            "am",
            "pm",
            "unknown",
            "none",
            "nil",
            "who",
            "which",
            "where",
            "class",
            "plan",
            "category",
            "grade",
            "section",
            "vitamin",
            "type",
            "hepatitis",
            "part",
            "option",
            "ward",
            "bay",
            "block",
            "level",
            "tier",
            "appendix",
            "schedule",
            "step",
            "form",
            "room",
            "unit",
            "zone",
            "wing",
            "floor",
            "flat",
            "house",
            "team",
            "group",
            "phase",
            "stage",
            "key",
            "subject",
            "dob",
        ]
    )
    | WEEKDAY_WORDS
    | MONTH_WORDS
)
# Words before a lone letter that make it something else ('Class A', 'Plan B', 'Vitamin D').
_LETTER_NOT_NAME_BEFORE = re.compile(
    r"(?:class|plan|category|grade|section|vitamin|type|hepatitis|part|option|ward|bay|block|level|tier|"
    r"appendix|schedule|step|form|room|unit|zone|wing|floor|flat|house|team|group|phase|stage|key|year|"
    r"mr|mrs|ms|miss|mx|dr|child|baby|adult|sibling|person|exhibit|annex|model|size|no|number|route|road)"
    r"\.?\s+$",
    re.I,
)
_NAME_WORD = r"(?-i:[A-Z][a-z]{1,15}(?:-[A-Z][a-z]+)?|[A-Z]\d{0,2})"
_FULL_NAME_WORD = r"(?-i:[A-Z][a-z]{1,15}(?:-[A-Z][a-z]+)?|[A-Z]{2,15})"
_FULL_NAME = _FULL_NAME_WORD + r"(?:\s+" + _FULL_NAME_WORD + r")?"
# 'son S1 (20 months)', 'daughter Amy': relations that introduce a child by name but are not people alone.
_CHILD_OF = re.compile(
    r"(?<![\w-])(?:(?:her|his|their|older|younger|eldest|youngest)\s+)?"
    r"(?P<rel>(?:step|grand)?(?:son|daughter))\s+(?P<name>" + _NAME_WORD + r")(?![\w-])",
    re.I,
)
_NAME_THEN_LABEL = re.compile(
    r"(?<![\w-])(?P<name>"
    + _FULL_NAME
    + r")\s*+\(\s*+(?:known as\s++|aka\s++)?(?P<label>"
    + CHILD_LABEL
    + "|"
    + ADULT_LABEL
    + r")\s*+\)"
)
_LABEL_THEN_NAME = re.compile(
    r"(?<![\w-])(?P<label>"
    + CHILD_LABEL
    + "|"
    + ADULT_LABEL
    + r")\s*+\(\s*+(?:known as\s++|aka\s++|called\s++)?(?P<name>"
    + _FULL_NAME
    + r")\s*+\)"
)
# 'Subject: Jamie, 14', '**Child:** Jamie Smith (DOB …)': a field naming the child the chronology is about.
DECLARATION_FIELD = re.compile(
    r"^\W*(?:subject(?:\s+child)?|child(?:'s\s+name)?|name(?:\s+of\s+(?:the\s+)?child)?|young\s+person|baby|re)"
    r"\s*+(?:\*\*|__)?\s*+[:–—-]\s*+(?:\*\*|__)?\s*+",
    re.I,
)
_DECLARED_NAME = re.compile(r"(?P<name>" + _FULL_NAME + r")(?=\s*+[,(.;\t]|\s*+$|\s++(?:DOB|born|aged|\d))")
TITLE_LINE = re.compile(r"\bchronolog\w*\b", re.I)


@dataclass
class LearnedName:
    """A name the chronology introduces, with what it was introduced as."""

    display: str
    id: str
    forms: set[str] = field(default_factory=set)
    child: bool = False  # introduced as a child (a sibling, son, daughter, or the declared subject)
    links: set[str] = field(default_factory=set)  # label or role ids it was introduced as
    relation: str | None = None  # 'son', 'daughter' … as written, for relations that are not roles


def name_id(display: str) -> str:
    return "name-" + "-".join(display.lower().split())


def label_id(text: str) -> str:
    words = text.split()
    kind = "-".join(w.lower() for w in words[:-1])
    return f"{kind}-{words[-1].lower()}"


def label_name(text: str) -> str:
    words = text.split()
    kind = " ".join(words[:-1]).lower()
    if kind == "child":
        return f"CHILD {words[-1]}"
    return f"{' '.join(w.capitalize() for w in words[:-1]) if kind != 'yp' else 'YP'} {words[-1]}"


def pseudonym_id(text: str) -> str:
    return "-".join(text.replace(".", "").lower().split())


def _display(name: str) -> str:
    """'BEN' -> 'Ben'; 'S1', 'Jay', 'Jamie Smith' unchanged."""
    return " ".join(w.capitalize() if len(w) > 1 and w.isalpha() and w.isupper() else w for w in name.split())


@lru_cache(maxsize=4096)  # a word, once per distinct word: 'Mother' after 'Mother' a hundred thousand times
def _is_name(word: str) -> bool:
    if word.lower() in _NOT_NAMES or PERSON.fullmatch(word) or CHILD_ALIAS.fullmatch(word):
        return False
    return known_agency(word) is None or (len(word) <= 2 and not word.isalpha())


def _letter_ok(text: str, start: int, end: int) -> bool:
    """A lone capital ('V', 'S1') is a name only where it cannot be part of another word or code."""
    if end < len(text) and (
        text[end] in "&/" or (text[end] in "-." and end + 1 < len(text) and text[end + 1].isalnum())
    ):
        return False
    if start > 0 and text[start - 1] in "&/.-":
        return False
    return _LETTER_NOT_NAME_BEFORE.search(text, max(0, start - 20), start) is None


# A capitalised word that may be a name ('Jay', 'BEN', 'S1', 'V'); names are looked up, never searched for.
_CAP_WORD = re.compile(r"(?<![\w-])[A-Z](?:[a-z]+(?:-[A-Z][a-z]+)?|[A-Z]+|\d{1,2})?(?![\w-])")
_NEXT_CAP_WORD = re.compile(r"[ ]+([A-Z](?:[a-z]+(?:-[A-Z][a-z]+)?|[A-Z]+))(?![\w-])")


@dataclass
class Found:
    """One name or role found in a piece of text."""

    id: str
    kind: str  # 'child' (label or child name), 'adult' (label), 'title' (pseudonym), 'name', 'role'
    start: int
    end: int
    text: str
    spec: RoleSpec | None = None


class Namer:
    """Finds the people a chronology names, including the names it introduces."""

    def __init__(self, learned: dict[str, LearnedName], short_forms: dict[str, str]) -> None:
        self.learned = learned  # by id
        self.short_forms = short_forms  # a label's letter alone -> label id
        self._matches: dict[str, list[re.Match[str]]] = {}  # PERSON matches of the texts learned from
        self._by_form: dict[str, str] = {}
        for name in learned.values():
            for form in name.forms:
                self._by_form[form] = name.id
        for form, lid in short_forms.items():
            self._by_form.setdefault(form, lid)

    @classmethod
    def for_texts(cls, texts: Iterable[str]) -> Namer:
        """Learn the names the texts introduce, then return a Namer that finds them all."""
        texts = list(texts)
        learner = _Learner(texts)
        labels: dict[str, str] = {}  # label id -> its letters
        cache: dict[str, list[re.Match[str]]] = {}
        for text in texts:
            if text in cache:
                continue  # learning the same text again learns nothing new (a run of blank or repeated lines)
            matches = cache[text] = list(textscan.finditer(PERSON, text))
            for m in matches:
                if m.lastgroup in _LABEL_GROUPS:
                    labels.setdefault(label_id(m.group(0)), m.group(0).split()[-1])
            learner.learn(text, matches)
        learned = learner.learned
        taken = {form for name in learned.values() for form in name.forms}
        letters: dict[str, list[str]] = {}
        for lid, letter in labels.items():
            letters.setdefault(letter, []).append(lid)
        short_forms = {
            letter: ids[0]
            for letter, ids in letters.items()
            if len(ids) == 1 and letter not in ("A", "I") and letter not in taken and not letter.isdigit()
        }
        namer = cls(learned, short_forms)
        namer._matches = cache
        return namer

    def find(self, text: str) -> list[Found]:
        """Every person named in `text`, in order, without overlaps (a label beats the word inside it)."""
        found: list[Found] = []
        add = found.append
        matches = self._matches.get(text)
        # (id, kind, spec) by group name and matched text, worked out once each: a line can name 'Mother' a
        # hundred thousand times
        read: dict[tuple[str | None, str], tuple[str, str, RoleSpec | None]] = {}
        for m in textscan.finditer(PERSON, text) if matches is None else matches:
            group = m.lastgroup  # every group of PERSON is one whole alternative
            written = m.group(0)
            known = read.get((group, written))
            if known is None:
                known = read[group, written] = _reading(group, m)
            pid, kind, spec = known
            end = m.end()
            if spec is not None and spec.skip_before_of and _OF.match(text, end):
                continue
            add(Found(pid, kind, m.start(), end, written, spec))
        if self._by_form:
            covered = bytearray(len(text))
            for f in found:
                covered[f.start : f.end] = b"\x01" * (f.end - f.start)
            taken_to = 0  # the end of the last name found ('Tyler Smith' takes 'Smith' too)
            for m in _CAP_WORD.finditer(text):
                if m.start() < taken_to or covered[m.start()] or covered[m.end() - 1]:
                    continue
                word, end = m.group(0), m.end()
                two = _NEXT_CAP_WORD.match(text, end)
                if two is not None and f"{word} {two.group(1)}" in self._by_form:
                    word, end = f"{word} {two.group(1)}", two.end()
                    pid = self._by_form[word]
                elif word in self._by_form:
                    pid = self._by_form[word]
                else:
                    continue
                if len(word) <= 2 and not _letter_ok(text, m.start(), end):
                    continue
                kind = "name" if pid in self.learned else "child" if pid.split("-")[0] != "adult" else "adult"
                found.append(Found(pid, kind, m.start(), end, text[m.start() : end]))
                taken_to = end
        found.sort(key=lambda f: f.start)
        return found


def _reading(group: str | None, m: re.Match[str]) -> tuple[str, str, RoleSpec | None]:
    """(id, kind, spec) of a PERSON match: a label, a pseudonym or a role."""
    if group in _LABEL_GROUPS:
        assert group is not None
        return label_id(m.group(0)), group, None
    if group == "title":
        return pseudonym_id(m.group(0)), "title", None
    index = role_index(m)
    assert index is not None
    spec = ROLE_SPECS[index]
    return spec.id, "role", spec


class _Learner:
    """Collects the names a chronology introduces (first pass over all its texts)."""

    def __init__(self, texts: list[str]) -> None:
        self.learned: dict[str, LearnedName] = {}
        self.forms: set[str] = set()
        # Each distinct text is read once and its words counted as often as the text occurs.
        self.counts: Counter[str] = Counter()
        self.words: dict[str, Iterable[str]] = {}  # each text's distinct capitalised words
        for text, times in Counter(texts).items():
            # counted in C: a line of 'Mother ' repeated is a hundred thousand words
            words = self.words[text] = Counter(_CAP_WORD.findall(text))
            for word, n in words.items():
                self.counts[word] += n * times

    def add(self, name: str, *, child: bool, link: str | None = None, relation: str | None = None) -> None:
        display = _display(name)
        lid = name_id(display)
        entry = self.learned.setdefault(lid, LearnedName(display, lid))
        entry.forms.update({name, display, display.upper()} if len(display) > 2 else {name, display})
        if " " in display:
            entry.forms.add(display.split()[0])  # 'Sarah Jones' is then 'Sarah'
        self.forms.update(entry.forms)

        entry.child = entry.child or child
        if link is not None:
            entry.links.add(link)
        if relation is not None and entry.relation is None:
            entry.relation = relation

    def learn(self, text: str, matches: list[re.Match[str]]) -> None:
        # What a pattern cannot match without is looked for first, in C: a line of a hundred thousand
        # capitalised words and no bracket or digit is read by none of the patterns that need one.
        brackets = "(" in text
        digits = _DIGIT.search(text) is not None
        labelled = (
            (_NAME_THEN_LABEL, _LABEL_THEN_NAME) if brackets else ()
        )  # 'Jay (Child B)', 'Child B (Jay)'
        for pattern in labelled:
            for m in textscan.finditer(pattern, text):
                if _is_name(m.group("name").split()[0]):
                    label = m.group("label")
                    self.add(m.group("name"), child=label.split()[0].lower() != "adult", link=label_id(label))
        declared = DECLARATION_FIELD.match(text)
        if declared is not None and not PERSON.match(text, declared.end()):
            named = _DECLARED_NAME.match(text, declared.end())
            if named is not None and _is_name(named.group("name").split()[0]):
                self.add(named.group("name"), child=True)
        # 'older brother Jay (17)', 'partner, Sam (24)': a role, then a name it introduces.
        role_then_name = _ROLE_THEN_NAME.match
        # Without a bracket, only a name right after the role introduces anyone (a list of brothers needs
        # their brackets): 'Mother Mother' is passed over on its first word. That word starts after a space
        # or a mark (a role ends at a word's end), so it is one of the text's capitalised words, unless a
        # hyphen comes just before it ('Mother -Jay'): with none of those a name, no role introduces one.
        words = self.words.get(text)
        if not brackets and "-" not in text and words is not None and not any(map(_is_name, words)):
            matches = []
        for m in matches:
            group = m.lastgroup  # role_index, inline: a line can name a role a hundred thousand times
            if group is None or not group.startswith("r"):
                continue
            after = role_then_name(text, m.end())
            if after is None:
                continue
            first, end = after.group("first"), after.end("first")
            if not brackets and not _is_name(first):
                continue
            name = first
            surname = after.group("surname")
            if surname is not None and _is_name(surname):
                name, end = f"{first} {surname}", after.end("surname")
            if after.group("bracket") and _BRACKET_NAME_END.match(text, end) is None:
                continue  # 'Mother (Sarah, 32)' names her; 'Mother (Saturday visit)' does not
            index = int(group[1:])
            if _is_name(first):  # else introduced() would pass it over ('Mother Mother')
                self.introduced(name, text, end, ROLE_SPECS[index])
            # 'brothers Imran (17) and Bilal (10)': the names listed after the first, each with its bracket.
            while (more := _AND_NAME.match(text, end)) is not None:
                end = more.end("name")
                self.introduced(more.group("name"), text, end, ROLE_SPECS[index])
        for m in textscan.finditer(_CHILD_OF, text):
            self.introduced(m.group("name"), text, m.end(), None, relation=m.group("rel"))
        # 'Jamie (14) seen by GP', 'Ben, 14, male.': a capitalised word with an age is a person, when the
        # chronology uses it again; a child when the age is under 18.
        for m in textscan.finditer(_NAME_WITH_AGE, text) if digits else ():  # an age is a number
            word = m.group("name")
            if _AFTER_TITLE.search(text, max(0, m.start() - 6), m.start()):
                continue  # 'Ms Smith (41)' is the pseudonym, already a person
            if self.counts[word] >= 2 and _is_name(word) and word not in self.forms:
                self.add(word, child=int(m.group("age") or m.group("age2")) < 18)

    def introduced(
        self, word: str, text: str, end: int, spec: RoleSpec | None, relation: str | None = None
    ) -> None:
        first = word.split()[0]
        if not _is_name(first) or (len(word) <= 2 and not _letter_ok(text, end - len(word), end)):
            return
        # A name is introduced when an age or a bracket follows it, or it is used again on its own.
        if _INTRODUCED.match(text, end) is None and self.counts[first] < 2:
            return
        self.add(
            word,
            child=spec is None or spec.sibling,
            link=spec.id if spec is not None else None,
            relation=relation,
        )


_ROLE_THEN_NAME = re.compile(
    r"\s*+(?:,\s*+|[:–—-]\s*+|(?P<bracket>\(\s*+))?(?P<first>" + _NAME_WORD + r")(?![\w-])"
    r"(?:[ ](?P<surname>(?-i:[A-Z][a-z]{1,20}(?:-[A-Z][a-z]+)?))(?![\w-]))?"
)
_BRACKET_NAME_END = re.compile(r"\s*+[,;)]")
_AFTER_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+$")
_NAME_WITH_AGE = re.compile(
    r"(?<![\w-])(?P<name>(?-i:[A-Z][a-z]{2,15}))(?:\s*+\(\s*+(?:aged?\s++)?(?P<age>\d{1,2})(?:\s*+(?:years?|yrs?))?\s*+[,)]"
    r"|,\s*+(?:aged?\s++)?(?P<age2>\d{1,2})(?:\s*+(?:years?|yrs?))?\s*+(?:[,.;]|$))"
)
_DIGIT = re.compile(r"\d")  # as the patterns' \d reads a digit
_AND_NAME = re.compile(
    r"\s*+\([^()\n]{1,40}\)\s*+(?:,\s*+(?:and\s++)?|and\s++)(?P<name>" + _NAME_WORD + r")(?=\s*+\()"
)
_INTRODUCED = re.compile(r"\s*+(?:\(|,\s*+(?:aged?\s++)?\d)")
