"""Map offsets in the reader's text of a Word document back to the runs the characters came from.

The critique's evidence offsets index into the text `assistant.documents.reader` renders from a .docx:
body paragraphs and tables in document order, headings as '# ', list items as '- ', short all-bold lines as
'**…**', table rows as tab-separated cells (cell text on one line), text boxes after their paragraph,
tracked insertions kept and deletions dropped, blocks joined by a blank line. This module walks the
document the same way, using the reader's own renderer for each block's text, and records for every
character that came from a run which run and which character of it. Characters the reader added
(markup, tabs between cells, the blank lines) map to nothing.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from assistant.documents.reader import (
    _CHAR_FOR_TAG,
    _SKIP_IN_TEXT,
    _W,
    _block_items,
    _children,
    _DocxRenderer,
    _int_attr,
    _text_boxes,
)
from assistant.render.run_split import child_text

Source = tuple[Any, int]  # (w:r element, character offset in its text)
Sourced = list[tuple[str, Source | None]]


@dataclass
class OffsetMap:
    """Spans of the text that map one to one onto consecutive characters of a run."""

    starts: list[int] = field(default_factory=list)
    spans: list[tuple[int, int, Any, int]] = field(default_factory=list)  # (start, end, run, run offset)

    def add(self, pos: int, run: Any, offset: int) -> None:
        if self.spans:
            start, end, last_run, last_offset = self.spans[-1]
            if end == pos and last_run is run and last_offset + (end - start) == offset:
                self.spans[-1] = (start, end + 1, run, last_offset)
                return
        self.starts.append(pos)
        self.spans.append((pos, pos + 1, run, offset))

    def add_span(self, pos: int, run: Any, offset: int, length: int) -> None:
        """`length` characters from `pos` that are the run's characters from `offset` on (as many `add`s)."""
        if length <= 0:
            return
        if self.spans:
            start, end, last_run, last_offset = self.spans[-1]
            if end == pos and last_run is run and last_offset + (end - start) == offset:
                self.spans[-1] = (start, end + length, run, last_offset)
                return
        self.starts.append(pos)
        self.spans.append((pos, pos + length, run, offset))

    def first_in(self, start: int, end: int) -> tuple[int, Source] | None:
        """The first mapped character in [start, end), as (text offset, (run, run offset))."""
        i = max(0, bisect.bisect_right(self.starts, start) - 1)
        for s, e, run, offset in self.spans[i:]:
            if s >= end:
                return None
            if e > start:
                at = max(s, start)
                return at, (run, offset + at - s)
        return None

    def last_in(self, start: int, end: int) -> tuple[int, Source] | None:
        """The last mapped character in [start, end)."""
        i = bisect.bisect_left(self.starts, end) - 1
        while i >= 0:
            s, e, run, offset = self.spans[i]
            if e <= start:
                return None
            at = min(e, end) - 1
            if at >= start:
                return at, (run, offset + at - s)
            i -= 1
        return None


def paragraph_chars(element: Any) -> Sourced:
    """A paragraph's visible characters (as the reader's `_paragraph_text`), each with its run and offset."""
    out: Sourced = []
    _collect(element, out)
    return out


def _collect(element: Any, out: Sourced) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP_IN_TEXT:
            continue
        if tag == f"{_W}r":
            offset = 0
            for part in child:
                text = child_text(part)
                out.extend((ch, (child, offset + i)) for i, ch in enumerate(text))
                offset += len(text)
        elif tag == f"{_W}t":
            out.extend((ch, None) for ch in "".join(child.itertext()))
        elif tag in _CHAR_FOR_TAG:
            out.append((_CHAR_FOR_TAG[tag], None))
        else:
            _collect(child, out)


def align_collapsed(target: str, chars: Sourced) -> list[Source | None]:
    """Sources for `target`, which is `chars` with its white space collapsed (and perhaps trimmed).

    Only white space differs, so the non-space characters pair off in order; a space maps to nothing.
    """
    sources: list[Source | None] = []
    j = 0
    for ch in target:
        if ch.isspace():
            sources.append(None)
            continue
        while j < len(chars) and chars[j][0].isspace():
            j += 1
        if j < len(chars) and chars[j][0] == ch:
            sources.append(chars[j][1])
            j += 1
        else:  # not expected; the rest of the block stays unmapped rather than mapped wrongly
            sources.extend([None] * (len(target) - len(sources)))
            break
    return sources


class DocxOffsets:
    """The reader's text of a python-docx Document and the map from its offsets to runs."""

    def __init__(self, document: Any) -> None:
        self._renderer = _DocxRenderer(document)
        self.map = OffsetMap()
        blocks: list[str] = []
        pos = 0
        for text, sources in self._blocks(document.element.body):
            if blocks:
                pos += 2  # the blank line between blocks
            for i, source in enumerate(sources):
                if source is not None:
                    self.map.add(pos + i, *source)
            blocks.append(text)
            pos += len(text)
        self.text = "\n\n".join(blocks)

    def _blocks(self, container: Any) -> Iterator[tuple[str, list[Source | None]]]:
        for element in _block_items(container):
            if element.tag == f"{_W}tbl":
                rows = [row for row in self._rows(element) if any(text.strip() for text, _ in row)]
                if rows:
                    yield _join([_join(row, "\t") for row in rows], "\n")
                continue
            rendered = self._renderer._paragraph(element)
            if rendered:
                yield rendered, self._paragraph_sources(element, rendered)
            for box in _text_boxes(element):
                yield from self._blocks(box)

    @staticmethod
    def _paragraph_sources(p: Any, rendered: str) -> list[Source | None]:
        chars = paragraph_chars(p)
        text = "".join(ch for ch, _ in chars)
        stripped = text.strip()
        if rendered == stripped:
            lead = len(text) - len(text.lstrip())
            return [source for _, source in chars[lead : lead + len(stripped)]]
        one_line = " ".join(text.split())
        # A heading ('# '), list item ('- ') or all-bold line ('**…**') around the collapsed text.
        prefix = 2 if rendered == f"**{one_line}**" else len(rendered) - len(one_line)
        suffix = len(rendered) - prefix - len(one_line)
        return [None] * prefix + align_collapsed(one_line, chars) + [None] * suffix

    def _rows(self, tbl: Any) -> Iterator[list[tuple[str, list[Source | None]]]]:
        """Rows as the reader's `_rows` gives them: grid-before and spanned positions empty, a vertically
        merged cell's text once."""
        for tr in _children(tbl, "tr"):
            cells: list[tuple[str, list[Source | None]]] = []
            before = _int_attr(tr.find(f"{_W}trPr/{_W}gridBefore"), 0)
            cells.extend(("", []) for _ in range(before))
            for tc in _children(tr, "tc"):
                span = _int_attr(tc.find(f"{_W}tcPr/{_W}gridSpan"), 1)
                vmerge = tc.find(f"{_W}tcPr/{_W}vMerge")
                continued = vmerge is not None and vmerge.get(f"{_W}val", "continue") == "continue"
                if continued:
                    cells.append(("", []))
                else:
                    text = self._renderer._cell_text(tc)
                    cells.append((text, align_collapsed(text, self._cell_chars(tc))))
                cells.extend(("", []) for _ in range(span - 1))
            yield cells

    def _cell_chars(self, tc: Any) -> Sourced:
        """A cell's characters in the order the reader's `_cell_text` joins them (nested tables included)."""
        out: Sourced = []
        for element in _block_items(tc):
            if element.tag == f"{_W}tbl":
                for row in _children(element, "tr"):
                    for nested in _children(row, "tc"):
                        vmerge = nested.find(f"{_W}tcPr/{_W}vMerge")
                        if vmerge is None or vmerge.get(f"{_W}val", "continue") != "continue":
                            out.extend(self._cell_chars(nested))
                            out.append((" ", None))
            else:
                out.extend(paragraph_chars(element))
                out.append((" ", None))
                for box in _text_boxes(element):
                    for p in _block_items(box):
                        out.extend(paragraph_chars(p))
                        out.append((" ", None))
        return out


def _join(parts: list[tuple[str, list[Source | None]]], sep: str) -> tuple[str, list[Source | None]]:
    text: list[str] = []
    sources: list[Source | None] = []
    for i, (part, part_sources) in enumerate(parts):
        if i:
            text.append(sep)
            sources.extend([None] * len(sep))
        text.append(part)
        sources.extend(part_sources)
    return "".join(text), sources
