"""Split a Word run (w:r) at a character offset, keeping its formatting on both halves.

A comment can only be anchored on whole runs, so the text a comment points at must begin and end on run
boundaries. A run's characters are counted exactly as the reader counts them (`assistant.documents.reader`):
w:t text, w:tab / w:br / w:cr / w:noBreakHyphen as one character each, anything else nested (rare: ruby
text) as an indivisible piece. That is what lets a reader offset become a (run, offset) pair and back.
"""

from __future__ import annotations

import copy
from typing import Any

from assistant.documents.reader import _CHAR_FOR_TAG, _SKIP_IN_TEXT, _W, _collect_text

_T = f"{_W}t"
_RPR = f"{_W}rPr"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def child_text(child: Any) -> str:
    """The visible text one child of a run contributes, as the reader reads it."""
    tag = child.tag
    if not isinstance(tag, str) or tag in _SKIP_IN_TEXT:
        return ""
    if tag == _T:
        return "".join(child.itertext())
    if tag in _CHAR_FOR_TAG:
        return _CHAR_FOR_TAG[tag]
    out: list[str] = []
    _collect_text(child, out)
    return "".join(out)


def run_text(r: Any) -> str:
    return "".join(child_text(c) for c in r)


def split_run(r: Any, offset: int) -> Any | None:
    """Split `r` so a new run, inserted right after it, starts at character `offset`; return the new run.

    Both runs carry a copy of the run properties (bold, italics, style, fonts) and the run's attributes. A
    w:t is cut inside its text; an indivisible child is kept whole, so the cut moves to its start. Returns
    None when the cut falls on the run's start or end (nothing to split).
    """
    children = list(r)
    pos = 0
    cut_index: int | None = None  # children[cut_index:] go to the new run
    cut_text: tuple[Any, int] | None = None  # (w:t, characters kept in the left run)
    for index, child in enumerate(children):
        length = len(child_text(child))
        if length == 0:
            continue
        if offset <= pos:
            cut_index = index
            break
        if offset < pos + length:
            if child.tag == _T:
                cut_text = (child, offset - pos)
                cut_index = index + 1
            else:
                cut_index = index  # indivisible: the cut moves to its start
            break
        pos += length
    if cut_index is None:
        return None
    moving = children[cut_index:]
    if cut_text is None and (cut_index == 0 or not any(child_text(c) for c in children[:cut_index])):
        return None  # nothing visible would stay on the left
    if cut_text is None and not any(child_text(c) for c in moving):
        return None
    new_r = copy.deepcopy(r)
    for child in list(new_r):
        new_r.remove(child)
    properties = r.find(_RPR)
    if properties is not None:
        new_r.append(copy.deepcopy(properties))
    if cut_text is not None:
        t, keep = cut_text
        whole = "".join(t.itertext())
        right = t.makeelement(_T, dict(t.attrib))
        _set_text(t, whole[:keep])
        _set_text(right, whole[keep:])
        new_r.append(right)
    for child in moving:
        new_r.append(child)  # lxml moves the element
    r.addnext(new_r)
    return new_r


def _set_text(t: Any, text: str) -> None:
    for child in list(t):  # entity references and the like: the text is now plain
        t.remove(child)
    t.text = text
    # Word drops leading and trailing spaces of a w:t unless told to keep them.
    t.set(_XML_SPACE, "preserve")


class RunPieces:
    """Runs split at any number of offsets over several comments, still addressed by the original run.

    Offsets are always into the original run's text; after a split the original element holds the left
    piece and each new element the text after its cut.
    """

    def __init__(self) -> None:
        self._pieces: dict[Any, list[tuple[int, Any]]] = {}

    def _list(self, r: Any) -> list[tuple[int, Any]]:
        return self._pieces.setdefault(r, [(0, r)])

    def piece_at(self, r: Any, offset: int) -> tuple[int, Any]:
        """(start offset, element) of the piece holding character `offset` of the original run."""
        found = self._list(r)[0]
        for start, element in self._list(r):
            if start <= offset:
                found = (start, element)
            else:
                break
        return found

    def cut(self, r: Any, offset: int) -> None:
        """Make a run boundary at `offset` of the original run (or as near as an indivisible child allows)."""
        start, element = self.piece_at(r, offset)
        if offset == start:
            return
        right = split_run(element, offset - start)
        if right is None:
            return
        pieces = self._list(r)
        at = pieces.index((start, element)) + 1
        pieces.insert(at, (start + len(run_text(element)), right))
