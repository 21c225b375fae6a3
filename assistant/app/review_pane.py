"""The draft as safe HTML for the review pane: its markdown tables as real tables, its headings as headings,
and each finding's passage marked, with a link back to the finding.

Pure functions (no Streamlit), so the layout rules are tested directly. The user's text is escaped before
any tag is added. A quote shorter than a sentence is widened to its sentence: a lone word ("Father") marked
on its own reads as an error in the text, when it is only where the finding looked.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.domain.kloe import KeyLineOfEnquiry

SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
MIN_PASSAGE_WORDS = 8
MAX_PASSAGE_CHARS = 600
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HEADING = re.compile(r"^(#{1,6})\s+")


@dataclass(frozen=True)
class Anchor:
    """One finding's passage: where it is, the id its link points to, and the finding it leads back to."""

    start: int
    end: int
    number: int  # the finding's number on screen
    finding_id: str  # the HTML id of the finding
    passage_id: str  # the HTML id of this passage
    title: str


def passage(text: str, start: int, end: int) -> tuple[int, int]:
    """The span to mark for a quote: the quote itself when it is a sentence or more, else its sentence
    (within its line, at most MAX_PASSAGE_CHARS)."""
    start, end = max(0, start), min(len(text), end)
    if len(text[start:end].split()) >= MIN_PASSAGE_WORDS:
        return start, end
    line_start = text.rfind("\n", 0, start) + 1
    before = [m.end() for m in SENTENCE_END.finditer(text, line_start, start)]
    s = before[-1] if before else line_start
    after = SENTENCE_END.search(text, end)
    e = after.end() if after and text[after.start()] != "\n" else (after.start() if after else len(text))
    while s < start and text[s].isspace():
        s += 1
    if e - s > MAX_PASSAGE_CHARS:
        return start, end
    return s, e


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    anchors: tuple[Anchor, ...]


def _merge(anchors: Iterable[Anchor], length: int) -> list[_Mark]:
    """Overlapping passages as one mark carrying every finding it belongs to."""
    marks: list[_Mark] = []
    for a in sorted(anchors, key=lambda a: (a.start, a.end)):
        s, e = max(0, a.start), min(length, a.end)
        if e <= s:
            continue
        if marks and s < marks[-1].end:
            last = marks[-1]
            marks[-1] = _Mark(last.start, max(last.end, e), (*last.anchors, a))
        else:
            marks.append(_Mark(s, e, (a,)))
    return marks


def _back_links(anchors: Sequence[Anchor]) -> str:
    seen: dict[str, Anchor] = {}
    for a in anchors:
        seen.setdefault(a.finding_id, a)
    return "".join(
        f'<a class="rra-back" href="#{a.finding_id}" '
        f'aria-label="{html.escape(f"Back to finding {a.number}: {a.title}", quote=True)}">{a.number}</a>'
        for a in seen.values()
    )


class _Renderer:
    """Renders ranges of the text with the marks that fall in them; a mark split over several ranges (table
    cells, lines) keeps its id and back links on its first piece only."""

    def __init__(self, text: str, anchors: Iterable[Anchor]) -> None:
        self.text = text
        self.marks = _merge(anchors, len(text))
        self.started: set[int] = set()

    def range(self, start: int, end: int) -> str:
        out: list[str] = []
        cursor = start
        for i, m in enumerate(self.marks):
            s, e = max(m.start, start), min(m.end, end)
            if e <= s:
                continue
            out.append(html.escape(self.text[cursor:s]))
            body = html.escape(self.text[s:e])
            if i in self.started:
                out.append(f'<mark class="rra-passage">{body}</mark>')
            else:
                self.started.add(i)
                # Other findings' passages merged into this one: their ids on nested spans, so each link
                # still lands here and `:target` still shows it.
                for a in reversed(m.anchors[1:]):
                    body = f'<span class="rra-alias" id="{a.passage_id}">{body}</span>'
                title = "; ".join(dict.fromkeys(f"{a.number}. {a.title}" for a in m.anchors))
                out.append(
                    f'<mark class="rra-passage" id="{m.anchors[0].passage_id}" '
                    f'title="{html.escape(title, quote=True)}">{body}</mark>'
                )
            if not self.text[e : m.end].strip():  # the mark's last piece: its back links follow it
                out.append(_back_links(m.anchors))
            cursor = e
        out.append(html.escape(self.text[cursor:end]))
        return "".join(out)


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) of each cell of a markdown table row, stripped of spaces and the outer pipes."""
    line = text[start:end]
    bounds = [i for i, ch in enumerate(line) if ch == "|"]
    edges = [-1, *bounds, len(line)]
    cells = []
    for a, b in itertools.pairwise(edges):
        s, e = start + a + 1, start + b
        if (a == -1 and not line[:b].strip()) or (b == len(line) and not line[a + 1 :].strip()):
            continue  # the empty text outside a leading or trailing pipe
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        cells.append((s, e))
    return cells


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def draft_html(text: str, anchors: Iterable[Anchor], *, label: str = "Your draft") -> str:
    """The draft as HTML: headings, paragraphs and tables, every passage of `anchors` marked and linked."""
    r = _Renderer(text, anchors)
    lines = _lines(text)
    out: list[str] = []
    i = 0
    while i < len(lines):
        s, e = lines[i]
        line = text[s:e]
        is_row = line.strip().startswith("|") or line.count("|") >= 2
        if is_row and i + 1 < len(lines) and _TABLE_RULE.match(text[slice(*lines[i + 1])]):
            head = "".join(f'<th scope="col">{r.range(a, b)}</th>' for a, b in _cells(text, s, e))
            i += 2
            rows = []
            while i < len(lines) and "|" in text[slice(*lines[i])] and text[slice(*lines[i])].strip():
                rows.append(
                    "<tr>"
                    + "".join(f"<td>{r.range(a, b)}</td>" for a, b in _cells(text, *lines[i]))
                    + "</tr>"
                )
                i += 1
            out.append(
                f'<div class="rra-table" role="region" tabindex="0" aria-label="Table in the draft"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
            )
            continue
        heading = _HEADING.match(line)
        if heading:
            out.append(f'<p class="rra-heading"><strong>{r.range(s + heading.end(), e)}</strong></p>')
        elif line.strip():
            out.append(f'<p class="rra-line">{r.range(s, e)}</p>')
        i += 1
    return f'<div class="rra-draft" role="document" aria-label="{html.escape(label, quote=True)}">{"".join(out)}</div>'


def locate_links(passage_ids: Sequence[str], where: str = "in the draft") -> str:
    """Links from a finding (or a line of enquiry) to each of its passages: real links, so a click, a tap or
    Enter reaches the passage."""
    many = len(passage_ids) > 1
    links = " ".join(
        f'<a class="rra-locate" href="#{pid}">Show {f"passage {i}" if many else "the passage"} {where}</a>'
        for i, pid in enumerate(passage_ids, start=1)
    )
    return f'<p class="rra-locate-links">{links}</p>'


def line_of_enquiry_id(number: int) -> str:
    return f"rra-line-of-enquiry-{number}"


def kloe_anchors(text: str, lines: Sequence[KeyLineOfEnquiry]) -> list[Anchor]:
    """Each line of enquiry's evidence as a passage of the text, numbered as the lines are on screen."""
    return [
        Anchor(
            ev.start,
            ev.end,
            n,
            line_of_enquiry_id(n),
            f"rra-kloe-passage-{n}-{j}",
            line.theme,
        )
        for n, line in enumerate(lines, start=1)
        for j, ev in enumerate(line.evidence)
        if 0 <= ev.start < ev.end <= len(text)
    ]
