"""A matching copy of the text: every Unicode space, dash, apostrophe and quote made plain, offsets unmoved.

Word keeps non-breaking spaces (U+00A0), narrow ones (U+202F) and en dashes in body text, so
"943\u00a0476\u00a05919" or "LS6\u00a02AB" would slip past patterns written for ASCII. Every replacement
here is one character for one character, so a span found in the copy is the same span in the original:
the original's own spelling is what is replaced and what `restore` puts back.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Invisible or zero-width characters that stand between words as a space would.
_ZERO_WIDTH_SPACES = "\u200b\u2060\ufeff"
_LINE_BREAKS = "\u0085\u2028\u2029"
# Dashes and minus signs that are not in Unicode's Pd (dash punctuation) category.
_EXTRA_DASHES = "\u2212\u00ad\u2043\u02d7\u2796"
_APOSTROPHES = "\u2018\u2019\u201a\u201b\u02bc\u02bb\u2032\u0060\u00b4\uff07"
_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02"
_SLASHES = "\u2044\u2215\uff0f"


@cache
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x80, 0x3100):
        char = chr(code)
        category = unicodedata.category(char)
        if category == "Zs":  # NBSP, narrow NBSP, en/em/thin/hair/figure/ideographic spaces
            table[code] = " "
        elif category == "Pd":  # hyphen, non-breaking hyphen, figure dash, en dash, em dash, bar, …
            table[code] = "-"
    for chars, plain in (
        (_ZERO_WIDTH_SPACES, " "),
        (_LINE_BREAKS, "\n"),
        (_EXTRA_DASHES, "-"),
        (_APOSTROPHES, "'"),
        (_QUOTES, '"'),
        (_SLASHES, "/"),
    ):
        for char in chars:
            table[ord(char)] = plain
    for code in (0xFE58, 0xFE63, 0xFF0D):  # small em dash, small and fullwidth hyphen-minus
        table[code] = "-"
    # Fullwidth ASCII (U+FF01–FF5E): "０７７００" is 07700.
    for code in range(0xFF01, 0xFF5F):
        table.setdefault(code, chr(code - 0xFEE0))
    return table


def matching_copy(text: str) -> str:
    """`text` with spaces, dashes, apostrophes, quotes and fullwidth ASCII made plain; same length."""
    if text.isascii():
        return text
    copy = text.translate(_table())
    assert len(copy) == len(text)  # every entry in the table is one character
    return copy


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def same_length_lower(text: str) -> str:
    """`text` with its ASCII letters in lower case, the same length, so offsets hold: str.lower() can lengthen
    a non-ASCII text. The runs of other characters are kept as they are, between ASCII stretches lowered whole
    (a translation table is looked up per character: ten times slower on a long text)."""
    if text.isascii():
        return text.lower()
    pieces: list[str] = []
    cursor = 0
    for run in _NON_ASCII.finditer(text):
        pieces += (text[cursor : run.start()].lower(), run.group())
        cursor = run.end()
    pieces.append(text[cursor:].lower())
    return "".join(pieces)


def joined_before(text: str, start: int, marks: str = "_") -> bool:
    """Whether something runs into `start`: a letter, a digit or one of `marks` just before it. Patterns that
    run over a whole text start with a character class or a word, so the engine skips to where a match could
    start; a look-behind first would make it try them at every character. What must not come before is
    checked with this instead."""
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] in marks)


def has_word(pattern: re.Pattern[str], text: str) -> bool:
    """Whether `pattern`, a set of words with no boundary at its start (so the engine skips to their letters),
    matches one standing as a whole word in `text`. A pattern that starts with \\b is tried at every character:
    on a long text that costs five times the scan."""
    for match in pattern.finditer(text):
        end = match.end()
        if not joined_before(text, match.start()) and not (
            text[end : end + 1].isalnum() or text[end : end + 1] == "_"
        ):
            return True
    return False


_CAPITAL_WORD_BEFORE = re.compile(r"[A-Z]{2,}[ ]$")
_CAPITAL_WORD_AFTER = re.compile(r"[ ][A-Z]{2,}\b")


def among_capitals(text: str, start: int, end: int) -> bool:
    """Whether the letters at start:end stand beside a word in capitals: a log's "IT WAS", "DC ARRIVED", not
    someone's initials in a sentence."""
    return bool(
        _CAPITAL_WORD_BEFORE.search(text, max(0, start - 20), start) or _CAPITAL_WORD_AFTER.match(text, end)
    )


# Ignoring case, re reads "ſ" as an "s", the Kelvin sign as a "k", and "İ" and "ı" as an "i": the only characters
# outside ASCII it matches to an ASCII letter. same_length_lower keeps them as they are.
_FOLDS_TO_ASCII = "\u017f\u212a\u0130\u0131"


def occurrences(haystack: str, literal: str) -> list[int]:
    """Where `literal` starts in `haystack`, overlapping starts included."""
    found: list[int] = []
    at = haystack.find(literal)
    while at != -1:
        found.append(at)
        at = haystack.find(literal, at + 1)
    return found


def matches_near(
    pattern: re.Pattern[str],
    text: str,
    literals: tuple[str, ...],
    *,
    reach: int = 0,
    lower: str | None = None,
) -> list[re.Match[str]]:
    """Exactly what `pattern.finditer(text)` finds, for a pattern each match of which has one of `literals` starting
    at most `reach` characters after the match's start (none is empty): the pattern is tried only there.

    A pattern that starts with a look-behind, a \\b or a case-ignoring group gives re no first letters to skip to, so
    a scan tries it at every character (30-110 ms on 1 MB); str.find of its literals takes about a millisecond each.
    With `lower` (same_length_lower(text)) the literals are lowercase and found there, for a pattern that ignores
    their case."""
    haystack = text if lower is None else lower
    hits = [at for literal in literals for at in occurrences(haystack, literal)]
    if lower is not None and not text.isascii():
        # Where a character re folds to an ASCII letter stands, a literal may cover it from any of its starts.
        longest = max(map(len, literals))
        for char in _FOLDS_TO_ASCII:
            for at in occurrences(text, char):
                hits.extend(range(at - longest + 1, at + 1))
    hits.sort()
    matches: list[re.Match[str]] = []
    end = 0  # as finditer does, a match may not start inside the one before
    tried = 0  # every start before this was tried already
    for hit in hits:
        start = max(end, tried, hit - reach)
        while start <= hit:
            match = pattern.match(text, start)
            if match is None:
                start += 1
            else:
                matches.append(match)
                end = start = match.end()  # the patterns given here never match nothing
        tried = max(tried, hit + 1)
    return matches
