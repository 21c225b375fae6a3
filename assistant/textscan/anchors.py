"""The literal strings a regular expression's matches must start with, read from the parsed pattern.

`\\b(?:mental (?:health|illness)|disabilit\\w*|(?:interim )?care orders?)` can only match where 'mental health',
'mental illness', 'disabilit', 'interim care' or 'care' begins, and (after the `\\b`) where a word begins. The
scanner (scanner.py) finds those strings with `str.find` and tries the pattern only there. The strings
are lower case, and they are a necessary condition only: a text that has one may still not match.
"""

from __future__ import annotations

import re
import re._constants as sre  # the parsed form of a pattern: stable within a Python version, checked by tests
import re._parser as sre_parse
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

MAX_LITERALS = 200  # more than this and the searches for them cost more than they save
MAX_STRINGS = 256  # while expanding alternatives, before cutting the strings short
LONG_ENOUGH = 10  # strings this long are selective: no need to read further into the pattern
STRONG = 2  # a string this long is selective enough (a single letter or digit is everywhere)
MAX_OFFSET = 24  # how far into a match an anchor may lie
WORD_START = "\x00"  # in a string being built: a `\b` came before its first character

_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)

Strings = tuple[frozenset[str], bool]  # (one of these begins every match, whether they are the whole match)


@dataclass(frozen=True, slots=True)
class Anchor:
    """A string (lower case) that a match has `low` to `high` characters after its start."""

    text: str
    # a `\b` just before it, at the start of the match: if it begins with a letter, a word begins there
    word_start: bool
    low: int = 0
    high: int = 0


@lru_cache(maxsize=4096)
def _char(code: int) -> str | None:
    """The literal's lower case, if a case-insensitive match of it is always that in the lower-cased text."""
    ch = chr(code)
    if ch.isascii() or ch.lower() == ch.upper():
        return ch.lower()
    return None  # a cased non-ASCII letter: its case folds are not worth reasoning about


def _class(av: list[tuple[Any, Any]], digits: bool) -> frozenset[str] | None:
    """The characters of a small character class ('[- ]', '[1-6]', and `\\d` when the text's digits are ASCII)."""
    chars: set[str] = set()
    for kind, value in av:
        if kind is sre.LITERAL and (ch := _char(value)) is not None:
            chars.add(ch)
        elif kind is sre.RANGE and value[0] < 128 and value[1] - value[0] < 10:
            chars.update(chr(c).lower() for c in range(value[0], value[1] + 1))
        elif kind is sre.CATEGORY and value is sre.CATEGORY_DIGIT and digits:
            chars.update("0123456789")
        else:
            return None
    return frozenset(chars) if 0 < len(chars) <= 12 else None


def _empty(s: str) -> bool:
    return not s.lstrip(WORD_START)


def _join(a: str, b: str) -> str:
    """a then b, keeping only a leading word-start mark."""
    if _empty(a):
        mark = WORD_START if (a or b.startswith(WORD_START)) else ""
        return mark + b.lstrip(WORD_START)
    return a + b.lstrip(WORD_START)


class _Reader:
    """Reads one parsed pattern; remembers each tail of a sequence it has read (they are read again and again)."""

    def __init__(self, digits: bool) -> None:
        self.digits = digits
        self.memo: dict[tuple[int, int], Strings | None] = {}
        self.keep: list[object] = []  # the lists whose ids key the memo, alive while it is

    def item(self, op: Any, av: Any) -> Strings | None:
        if op is sre.LITERAL:
            ch = _char(av)
            return (frozenset([ch]), True) if ch is not None else None
        if op is sre.IN:
            chars = _class(av, self.digits)
            return (chars, True) if chars is not None else None
        if op is sre.SUBPATTERN:
            return self.sequence(av[3].data)
        if op is sre.ATOMIC_GROUP:
            return self.sequence(av.data)
        if op is sre.BRANCH:
            found: set[str] = set()
            whole = True
            for alternative in av[1]:
                step = self.sequence(alternative.data)
                if step is None:
                    return None
                found |= step[0]
                whole = whole and step[1]
            return frozenset(found), whole
        if op in _REPEATS:
            low, high, item = av
            step = self.sequence(item.data)
            if step is None or low < 1:
                return None
            return step[0], step[1] and low == high == 1
        return None

    def sequence(self, items: list[tuple[Any, Any]], start: int = 0) -> Strings | None:
        """The strings one of which every match of `items[start:]` starts with (None: it may start with anything)."""
        key = (id(items), start)
        if key not in self.memo:
            self.keep.append(items)
            self.memo[key] = self._sequence(items, start)
        return self.memo[key]

    def _sequence(self, items: list[tuple[Any, Any]], start: int) -> Strings | None:
        acc: frozenset[str] = frozenset([""])
        for i in range(start, len(items)):
            op, av = items[i]
            if op is sre.AT and av is sre.AT_BOUNDARY:
                acc = frozenset(WORD_START if _empty(a) else a for a in acc)
                continue
            if op in _ZERO_WIDTH:
                continue  # assertions consume nothing: the match still starts with what follows
            step = self.item(op, av)
            if step is None and op in _REPEATS and av[0] == 0:
                # '(?:interim )?care': the match starts with the optional part or with what follows it
                once, rest = self.sequence(av[2].data), self.sequence(items, i + 1)
                if once is not None and rest is not None:
                    step = once[0] | rest[0], False
            if step is None or len(acc) * len(step[0]) > MAX_STRINGS:
                return None if any(_empty(a) for a in acc) else (acc, False)
            acc = frozenset(_join(a, b) for a in acc for b in step[0])
            if not step[1] or all(len(a) >= LONG_ENOUGH for a in acc):
                return None if any(_empty(a) for a in acc) else (acc, False)
        return acc, True


def _strong(strings: frozenset[str]) -> bool:
    return all(len(s.lstrip(WORD_START)) >= STRONG for s in strings)


def _anchors(items: list[tuple[Any, Any]], reader: _Reader, state: Any) -> list[Anchor] | None:
    """Anchors for a match of `items`: its prefixes when they are selective; else, for a choice, each
    alternative's own; else strings a little way in ('(?:\\d{1,2}|one|two) (?:days?|weeks?) old' has 'day' or
    'week' 2 to 6 characters in); else the prefixes however short."""
    step = reader.sequence(items)
    if step is not None and _strong(step[0]):
        return [Anchor(s.lstrip(WORD_START), s.startswith(WORD_START), 0, 0) for s in step[0]]
    consuming = [i for i, (op, _) in enumerate(items) if op not in _ZERO_WIDTH]
    if len(consuming) == 1 and items[consuming[0]][0] is sre.BRANCH:
        i = consuming[0]
        found: list[Anchor] = []
        for alternative in items[i][1][1]:
            more = _anchors(items[:i] + alternative.data + items[i + 1 :], reader, state)
            if more is None:
                found = []
                break
            found += more
        if found:
            return found
    low = high = 0
    for j, (op, av) in enumerate(items):
        if op in _ZERO_WIDTH:
            continue
        here = reader.sequence(items, j)
        if here is not None and _strong(here[0]):
            return [Anchor(s.lstrip(WORD_START), False, low, high) for s in here[0]]
        width = sre_parse.SubPattern(state, [(op, av)]).getwidth()
        low, high = low + width[0], high + width[1]
        if high > MAX_OFFSET:
            break
    if step is None or any(_empty(s) for s in step[0]):
        return None
    return [Anchor(s.lstrip(WORD_START), s.startswith(WORD_START), 0, 0) for s in step[0]]


@lru_cache(maxsize=1024)
def anchors(pattern: re.Pattern[str], digits: bool = False) -> tuple[Anchor, ...] | None:
    """Strings, one of which every match of `pattern` has at a known distance from its start, or None when
    there are none (the pattern may start with anything, or could match nothing at all). `digits`: read `\\d`
    as the ASCII digits (only for a text whose digits are all ASCII)."""
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # an unusual pattern is searched the ordinary way
        return None
    found = _anchors(parsed.data, _Reader(digits), parsed.state)
    if not found:
        return None
    length = max(len(a.text) for a in found)
    while len(set(found)) > MAX_LITERALS and length > 2:
        length -= 1  # a prefix of a required string is required too
        found = [Anchor(a.text[:length], a.word_start, a.low, a.high) for a in found]
    unique = set(found)
    if len(unique) > MAX_LITERALS or any(not a.text for a in unique):
        return None
    # 'put' covers 'putting': keep only the shortest of nested strings at the same distance
    out: list[Anchor] = []
    for a in sorted(unique, key=lambda a: (len(a.text), not a.word_start)):
        if not any(
            a.text.startswith(k.text) and k.word_start <= a.word_start and (k.low, k.high) == (a.low, a.high)
            for k in out
        ):
            out.append(a)
    return tuple(sorted(out, key=lambda a: (a.text, a.low)))
