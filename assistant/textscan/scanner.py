"""`finditer` for the critique's patterns that skips, at C speed, the stretches of a long draft where they cannot
match.

Python's regex engine tries a pattern such as `\\b(?:disabilit\\w*|mental health|...)` at every position of the
text, trying each alternative in turn: up to a microsecond a position, so each of the forty-odd patterns the
checks run over a whole 1 MB draft can cost half a second. Nearly every one of them can only match where one
of a few literal strings begins (anchors.py). Those are found with `str.find` in the lower-cased draft, after
a look-up in the draft's vocabulary (its distinct runs of letters) has ruled out the ones it cannot contain,
and the pattern is tried at those places only, with `pattern.match(text, pos, endpos)`: that sees the same
text before `pos` (word boundaries, lookbehinds) as a search does, so the matches are exactly those of
`pattern.finditer`.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from collections.abc import Generator, Iterator

from assistant.textscan.anchors import Anchor, anchors

MIN_SPAN = 4096  # below this, plain finditer is as quick
LONG_RUN = 64
# Characters that a case-insensitive ASCII literal matches although their lower case is not that letter
# ('(?i)s' matches the long s 'ſ', '(?i)i' the dotless 'ı'); a text with one is searched without the filter.
# ('İ' is the third; it changes the length of the lower-cased text, which turns the filter off already.)
FOLD_EXCEPTIONS = ("\u0131", "\u017f")

_LETTERS = re.compile(r"[a-z]+")
_PIECES = re.compile(r"[a-z]+|[^a-z]")


class Vocabulary:
    """The distinct runs of ASCII letters in a lower-cased text, to tell quickly that a string is not in it."""

    def __init__(self, lower: str) -> None:
        runs = set(_LETTERS.findall(lower))
        self.words = runs
        self.sorted = sorted(runs)
        self.reversed = sorted(r[::-1] for r in runs)
        self.joined = "\n".join(r for r in self.sorted if len(r) <= LONG_RUN)
        # a run of thousands of letters ('aaaa...'): what letters it has rules most strings out
        self.long = [(r, frozenset(r)) for r in self.sorted if len(r) > LONG_RUN]

    def _inside(self, piece: str) -> bool:
        return piece in self.joined or any(set(piece) <= chars and piece in r for r, chars in self.long)

    @staticmethod
    def _starts(ordered: list[str], piece: str) -> bool:
        i = bisect_left(ordered, piece)
        return i < len(ordered) and ordered[i].startswith(piece)

    def may_contain(self, literal: str, word_start: bool = False) -> bool:
        """False only if `literal` (lower case) is nowhere in the text; `word_start`: only where a word starts.

        Each run of letters in the literal lies in one run of the text: a whole run when non-letters bound it
        on both sides, the start of one after a non-letter (or a word start), the end of one before a
        non-letter."""
        pieces = _PIECES.findall(literal)
        for i, piece in enumerate(pieces):
            if not "a" <= piece[0] <= "z":
                continue
            starts = i > 0 or word_start
            ends = i + 1 < len(pieces)
            if starts and ends:
                found = piece in self.words
            elif starts:
                found = self._starts(self.sorted, piece)
            elif ends:
                found = self._starts(self.reversed, piece[::-1])
            else:
                found = self._inside(piece)
            if not found:
                return False
        return True


class Scanner:
    """Pattern searches over one text.

    `lowered` is the text in lower case when that keeps every offset (else None); `lower` is the same, for
    the filter, when the text also has none of the FOLD_EXCEPTIONS."""

    def __init__(self, text: str, lowered: str | None = None) -> None:
        self.text = text
        if lowered is None:
            low = text.lower()
            lowered = low if len(low) == len(text) else None
        self.lowered = lowered
        self.lower = None if lowered is None or any(ch in text for ch in FOLD_EXCEPTIONS) else lowered
        self._vocabulary: Vocabulary | None = None
        self._ascii_digits: bool | None = None

    @property
    def ascii_digits(self) -> bool:
        """Every character `\\d` matches in the text is 0-9 (so it is read as those ten)."""
        if self._ascii_digits is None:
            text = self.text
            self._ascii_digits = text.isascii() or not any(
                not ch.isascii() and ch.isdecimal() for ch in set(text)
            )
        return self._ascii_digits

    @property
    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            assert self.lowered is not None
            self._vocabulary = Vocabulary(self.lowered)
        return self._vocabulary

    def contains(self, literal: str) -> bool:
        """`literal in text.lower()` (literal in lower case), answered from the vocabulary when it can be."""
        if self.lowered is None:
            return literal in self.text.lower()
        return self.vocabulary.may_contain(literal) and literal in self.lowered

    def _present(self, found: tuple[Anchor, ...]) -> list[Anchor]:
        vocabulary = self.vocabulary
        return [a for a in found if vocabulary.may_contain(a.text, a.word_start)]

    def finditer(
        self, pattern: re.Pattern[str], start: int = 0, end: int | None = None
    ) -> Generator[re.Match[str], int | None, None]:
        """The matches of `pattern.finditer(text, start, end)`, found quickly.

        Sending a position to the generator (instead of next()) goes on as a search restarted there would:
        `lines_with` skips the rest of a line once it has one match in it."""
        text, lower = self.text, self.lower
        end = len(text) if end is None else max(0, min(end, len(text)))
        start = max(0, min(start, len(text)))  # as the regex engine takes them
        found = None
        if lower is not None and end - start >= MIN_SPAN:
            found = anchors(pattern, self.ascii_digits)
        if lower is None or found is None:
            yield from _plain(pattern, text, start, end)
            return
        # One cursor per anchor: the next place, in order, where a match could start given where the anchor's
        # string occurs (`at`: its occurrence now, found from `start` on). The cursors go in a heap.
        present = self._present(found)
        heap: list[tuple[int, int, int]] = []  # (cursor, anchor, at)
        for k, a in enumerate(present):
            at = lower.find(a.text, start, end)
            if at >= 0:
                heap.append((max(start, at - a.high), k, at))
        heapq.heapify(heap)
        pos = start  # every match starting before pos has been yielded
        work = 0  # in quarters: a place tried costs 4, one passed over inside a word 1
        while heap:
            cursor, k, at = heap[0]
            a = present[k]
            if cursor >= pos:
                if a.word_start and a.low == 0 and _inside_word(text, cursor, a.text):
                    work += 1
                else:
                    m = pattern.match(text, cursor, end)
                    if m is not None:
                        skip = yield m
                        pos = max(m.end(), cursor + 1, skip or 0)
                    else:
                        pos = cursor + 1
                    work += 4
                if work > 4 * (256 + (cursor - start) // 16):
                    # the strings are everywhere: an ordinary search from here is no slower
                    yield from _plain(pattern, text, pos, end)
                    return
            # this anchor's next cursor, after this one and at or after pos
            floor = max(pos, cursor + 1)
            if floor <= at - a.low:
                heapq.heapreplace(heap, (max(floor, at - a.high), k, at))
                continue
            at = lower.find(a.text, max(at + 1, floor + a.low), end)
            if at < 0:
                heapq.heappop(heap)
            else:
                heapq.heapreplace(heap, (max(floor, at - a.high), k, at))


def _inside_word(text: str, at: int, literal: str) -> bool:
    """A letter at `at` after a word character: no `\\b` before it, so an anchor that needs one is not here."""
    if at == 0 or not "a" <= literal[0] <= "z":
        return False
    before = text[at - 1]
    return before.isalnum() or before == "_"  # what the regex engine counts as a word character


def _plain(
    pattern: re.Pattern[str], text: str, pos: int, end: int
) -> Generator[re.Match[str], int | None, None]:
    """pattern.finditer, restarted at a position sent to it."""
    matches = pattern.finditer(text, pos, end)
    while (m := next(matches, None)) is not None:
        skip = yield m
        if skip is not None and skip > m.end():
            matches = pattern.finditer(text, skip, end)


_SCANNERS: dict[str, Scanner] = {}
MAX_SCANNERS = 4  # the texts a critique searches whole: the draft, a section or block of it, its first part


def scanner_for(text: str) -> Scanner:
    """A Scanner for `text`, kept for the next search of the same text."""
    found = _SCANNERS.get(text)
    if found is None:
        if len(_SCANNERS) >= MAX_SCANNERS:
            del _SCANNERS[next(iter(_SCANNERS))]
        found = _SCANNERS[text] = Scanner(text)
    return found


def finditer(
    pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text, start, end)`, quickly for a long text."""
    if len(text) < MIN_SPAN:
        return pattern.finditer(text, start, len(text) if end is None else end)
    return scanner_for(text).finditer(pattern, start, end)


def search(
    pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None
) -> re.Match[str] | None:
    """`pattern.search(text, start, end)`, quickly for a long text."""
    return next(finditer(pattern, text, start, end), None)
