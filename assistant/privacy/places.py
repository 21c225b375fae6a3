"""Where a listed place (data/places.txt) is written in a text.

A place is matched word by word against the text, as written: each word capitalised but the little ones
("Isle of Wight", "Barrow-in-Furness", "Kirkby in Ashfield") or all in capitals ("HOUGHTON REGIS"). The
list is indexed by first word, so a text costs one dictionary look-up per capitalised word, and nothing is
compiled: ten thousand names as one pattern took a second to build at every start.
"""

from __future__ import annotations

import re
from functools import cache

from assistant.privacy.kinds import EntityKind, Span
from assistant.privacy.normalise import joined_before
from assistant.privacy.words import STREET_TYPES, fold, is_vocabulary, norm, place_names, trie

# The little words inside a place's name, written in lower case.
_LINKS = frozenset(
    {"of", "in", "on", "upon", "under", "le", "la", "de", "by", "cum", "en", "super", "the", "with", "and"}
)
_WORD = re.compile(r"[^\W\d_][\w']*+")
_CAPITALISED = re.compile(r"[A-Z](?<![\w'\-].)[\w']*+")


@cache
def _by_first_word() -> dict[str, list[list[str]]]:
    """First word (lower case, hyphens kept) → the places starting with it, as word lists, longest first."""
    index: dict[str, list[list[str]]] = {}
    for place in place_names():
        words = place.split()
        index.setdefault(words[0], []).append(words)
    for places in index.values():
        places.sort(key=len, reverse=True)
    return index


@cache
def first_words() -> frozenset[str]:
    return frozenset(_by_first_word())


@cache
def _first_parts() -> frozenset[str]:
    """The first words before any hyphen ("barrow" of "barrow-in-furness"): what a word pattern finds."""
    return frozenset(word.split("-")[0] for word in _by_first_word())


def place_at(text: str, start: int) -> int | None:
    """Where the longest listed place written at `start` ends, or None."""
    head = _WORD.match(text, start)
    if head is None:
        return None
    end = _hyphenated_end(text, head.end())
    candidates = _by_first_word().get(fold(text[start:end]))
    if not candidates or not _written_as_a_name(text[start:end]):
        return None
    for words in candidates:
        at = end
        for word in words[1:]:
            if text[at : at + 1] != " ":
                break
            nxt = _WORD.match(text, at + 1)
            if nxt is None:
                break
            nxt_end = _hyphenated_end(text, nxt.end())
            written = text[at + 1 : nxt_end]
            if fold(written) != word or not (word in _LINKS or _written_as_a_name(written)):
                break
            at = nxt_end
        else:
            if not text[at : at + 1].isalnum():
                return at
    return None


def several_word_places(text: str) -> list[Span]:
    """A listed place of two words or more wherever it is written ("Houghton Regis", "Three Bridges",
    "KETTLESING HEAD"): no sentence capitalises two such words together for any other reason. A place of one
    word is taken only where a place goes (proper_nouns)."""
    index = _by_first_word()
    spans: list[Span] = []
    cursor = 0
    for match in _CAPITALISED.finditer(text):
        start = match.start()
        if start < cursor or fold(text[start : _hyphenated_end(text, match.end())]) not in index:
            continue
        end = place_at(text, start)
        # "The Meadows" as a district, but "The Meadows Suite": a place of "The" and a word is taken only
        # where a place goes.
        if end is not None and " " in text[start:end] and not text.startswith(("The ", "THE "), start):
            spans.append(Span(start, end, EntityKind.ADDRESS, norm(text[start:end])))
            cursor = end
    return spans


# A lower-case word's first letter, at a word's start (checked after the letter, so the engine skips to letters).
_LOWER_WORD = re.compile(r"[a-z](?<![\w'@./#\-].)[a-z']*+")
# A street named after the place ("whitby rd", "sutton way"): the street is the identifier.
_LOWER_STREET_TYPE = re.compile(r"[ ](?:" + STREET_TYPES.lower() + r")(?![\w'\-])")


def lowercase_places(text: str) -> list[Span]:
    """A listed place written in lower case, as messages and chats write it ("i am in kings lynn", "yes.
    rhyl."), when a word of it is no English word: "barking" or "new mill" in lower case stays prose."""
    index = _by_first_word()
    # The text's distinct words, listed in one pass of the engine, say which places could start here: most
    # texts hold none, and the rest are looked for by a pattern of those first words only.
    heads = set(_LOWER_WORD.findall(text)) & _first_parts()
    if not heads:
        return []
    finder = re.compile(r"(?:" + trie(heads) + r")(?![a-z'])")
    spans: list[Span] = []
    for match in finder.finditer(text):
        start = match.start()
        if joined_before(text, start, "'@./#-") or (spans and start < spans[-1].end):
            continue
        end = _hyphenated_end(text, match.end())
        for words in index.get(text[start:end], ()):  # longest first
            at = _lower_place_end(text, end, words)
            if at is not None and any(len(w) >= 4 and not is_vocabulary(w) for w in words):
                street = _LOWER_STREET_TYPE.match(text, at)
                at = street.end() if street else at
                spans.append(Span(start, at, EntityKind.ADDRESS, norm(text[start:at])))
                break
    return spans


def _lower_place_end(text: str, end: int, words: list[str]) -> int | None:
    """Where the place `words` ends, written in lower case from the word that ends at `end`, or None."""
    for word in words[1:]:
        if text[end : end + 1] != " " or not text.startswith(word, end + 1):
            return None
        end += 1 + len(word)
    after = text[end : end + 2]
    if after[:1].isalnum() or after[:1] in "_'@-" or (after[:1] in "./" and after[1:2].isalnum()):
        return None  # a longer word, a handle or an address on the web ("rhyl.gov.uk")
    return end


def _hyphenated_end(text: str, end: int) -> int:
    """Past "-in-Furness", "-le-Willows": a place's hyphenated parts are one word."""
    while text[end : end + 1] == "-":
        part = _WORD.match(text, end + 1)
        if part is None:
            break
        end = part.end()
    return end


def _written_as_a_name(word: str) -> bool:
    """Capitalised ("Barrow-in-Furness", "Bishop's") or all in capitals ("REGIS")."""
    parts = word.split("-")
    return word.isupper() or all(part[:1].isupper() or (n and part in _LINKS) for n, part in enumerate(parts))
