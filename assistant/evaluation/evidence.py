"""Evidence scoring: does the critique cite the passage the labels point to?

A label's evidence is free text; a phrase in single quotes ('Gender: Male', 'Immediate action') quotes the
draft. Each quoted phrase (split at an ellipsis, fragments under four characters dropped) is looked for in
the draft text, ignoring case, runs of whitespace, markdown markup (* _ ` # |) and typographic quotes and
dashes, and mapped back to character offsets. An apostrophe inside a word (R's, Panel's) neither opens nor
closes a quote.

A finding (or strength) *hits* when one of its evidence spans overlaps a located phrase or lies within
WINDOW characters of one. Scored: findings on agreed gap cells that cite a span, where the labels quote a
locatable phrase; strengths that counter a code on an agreed covered cell, likewise. Findings with no span
(a pure absence) and cells whose labels quote nothing locatable are counted, not scored. A false alarm whose
span lies in the passage the labels say covers the code is counted too: the tool read the right passage
and judged it insufficient.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

WINDOW = 300
MIN_FRAGMENT = 4
QUOTED = re.compile(r"(?<!\w)'(.+?)'(?!\w)", re.S)
ELLIPSIS = re.compile(r"\.\.\.|…")
SKIP = frozenset("*_`#|")
FOLD = {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\xa0": " "}

Span = tuple[int, int]


def phrases(note: str) -> list[str]:
    """The single-quoted phrases of a label's evidence note, split at ellipses."""
    out = []
    for m in QUOTED.finditer(note):
        for fragment in ELLIPSIS.split(m.group(1)):
            fragment = fragment.strip()
            if len(normalise(fragment)[0].strip()) >= MIN_FRAGMENT:
                out.append(fragment)
    return out


def normalise(text: str) -> tuple[str, list[int]]:
    """Lower-cased text with markup dropped and whitespace runs collapsed, and for each character kept its
    offset in `text`."""
    chars: list[str] = []
    offsets: list[int] = []
    space = True  # drop leading whitespace
    for i, ch in enumerate(text):
        ch = FOLD.get(ch, ch)
        if ch in SKIP:
            continue
        if ch.isspace():
            if space:
                continue
            ch, space = " ", True
        else:
            space = False
        chars.append(ch.lower())
        offsets.append(i)
    return "".join(chars), offsets


class Locator:
    """Finds phrases in one draft (the draft is normalised once)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._norm, self._offsets = normalise(text)

    def find(self, phrase: str) -> list[Span]:
        needle = normalise(phrase)[0].strip()
        if not needle:
            return []
        spans, start = [], self._norm.find(needle)
        while start != -1:
            end = start + len(needle) - 1
            spans.append((self._offsets[start], self._offsets[end] + 1))
            start = self._norm.find(needle, start + 1)
        return spans


def distance(a: Span, b: Span) -> int:
    """Characters between two spans (0 when they overlap or touch)."""
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def nearest(spans: Sequence[Span], located: Sequence[tuple[str, Span]]) -> tuple[int, str] | None:
    """The smallest distance between an evidence span and a located phrase, and that phrase."""
    best: tuple[int, str] | None = None
    for s in spans:
        for phrase, p in located:
            d = distance(s, p)
            if best is None or d < best[0]:
                best = (d, phrase)
    return best
