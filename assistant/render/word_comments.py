"""The author's own draft with the critique as Word comments in the margin.

A .docx keeps everything it had (formatting, tables, tracked changes): the only changes are runs split
where a comment starts or ends, and the comment marks. A draft that arrived as text is first made into a
.docx (`text_as_docx`). Each finding is a comment on its evidence quote; a finding about something absent
sits on the heading of the section where the Panel expects it, or on the first paragraph; strengths are
comments marked "Strength"; a short summary sits on the first paragraph. Comments are in plain words: no
finding codes, guidance ids or character offsets (those are in the JSON output).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import docx
from docx.text.run import Run

from assistant.documents.reader import _W, InputDocument
from assistant.domain.annotation import AnnotatedDocument
from assistant.domain.critique import Critique, Evidence, Finding, Mark, Strength
from assistant.gc_pause import gc_paused
from assistant.llm.untrusted import clean_model_text
from assistant.render.critique_markdown import (
    GUIDANCE_ASKS,
    MODEL_ADDITION,
    MODEL_POINT,
    MODEL_POINT_NOTE,
    MODEL_QUOTE,
    SEVERITY_LABEL,
    is_model_evidence,
    is_model_point,
)
from assistant.render.docx_build import xml_safe
from assistant.render.docx_offsets import DocxOffsets, OffsetMap
from assistant.render.finding_order import anchor_offset, findings_in_draft_order, strengths_in_draft_order
from assistant.render.marks import MARK_LABEL, mark_for, mark_text
from assistant.render.run_split import RunPieces
from assistant.render.text_as_docx import text_docx
from assistant.render.word import to_bytes

AUTHOR = "Rapid Review Assistant"
INITIALS = "RRA"
STRENGTH = "Strength"
NATIONAL_REVIEW = "National review"
QUOTE_LIMIT = 200


@dataclass
class _Placed:
    comments: int = 0
    on_quote: int = 0
    on_heading: int = 0
    relocated: int = 0


def annotate(
    document: InputDocument,
    critique: Critique,
    data: bytes | None,
    marks: Mapping[str, Mark] | None = None,
) -> AnnotatedDocument:
    """`data` is the .docx the reader read `document` from, or None for text input (a .docx is built).
    `marks`: the author's marks by `finding_key`, shown in their findings' comments."""
    # A long draft's document is a run element, an offset span and a proxy per line, none in a cycle: the
    # cyclic collector would only scan them again and again while they are built (a third of the time).
    with gc_paused():
        return _annotate(document, critique, data, marks)


def _annotate(
    document: InputDocument, critique: Critique, data: bytes | None, marks: Mapping[str, Mark] | None
) -> AnnotatedDocument:
    if document.format == "docx" and data is not None:
        opened: Any = docx.Document(io.BytesIO(data))
        mapped = DocxOffsets(opened)
        offsets, text = mapped.map, mapped.text
    else:
        opened, offsets = text_docx(document.text, title=document.name)
        text = document.text
    placed = _Commenter(opened, offsets, text, critique, marks).run()
    return AnnotatedDocument(
        docx=to_bytes(opened),
        critique=critique,
        from_text=document.format != "docx",
        comments=placed.comments,
        on_quote=placed.on_quote,
        on_heading=placed.on_heading,
        relocated=placed.relocated,
        notes=list(document.warnings),
    )


# ------------------------------------------------------------------------------------------ comment words


def _short(quote: str) -> str:
    one_line = " ".join(quote.split())
    return one_line if len(one_line) <= QUOTE_LIMIT else one_line[: QUOTE_LIMIT - 1].rstrip() + "…"


def finding_comment(f: Finding, ev: Evidence | None = None, mark: Mark | None = None) -> str:
    """A finding in the Panel's voice, with what the guidance asks and the national reviews that apply."""
    marked = [f"{MARK_LABEL}: {mark_text(mark)}"] if mark is not None else []
    if is_model_point(f):
        lines = [
            f"{MODEL_POINT} ({MODEL_POINT_NOTE}): {clean_model_text(f.title)}",
            clean_model_text(f.message),
        ]
        return xml_safe("\n".join(lines + marked))
    lines = [f"{SEVERITY_LABEL[f.severity]}: {f.title}", f.message, *marked]
    if f.model_note:
        lines.append(f"{MODEL_ADDITION}: {clean_model_text(f.model_note)}")
    if ev is not None and is_model_evidence(f, ev):
        lines.append(f"This passage was {MODEL_QUOTE}.")
    lines += [f"{GUIDANCE_ASKS}: {g.text}" for g in f.guidance]
    lines += [f"{NATIONAL_REVIEW}: {nr.title}. Why it applies: {nr.why}" for nr in f.national_reviews]
    return xml_safe("\n".join(lines))


def also_comment(f: Finding | Strength) -> str:
    """On a finding's further quotes: a pointer to the full comment on its first quote."""
    label = STRENGTH if isinstance(f, Strength) else "Also part of"
    return xml_safe(f"{label}: {clean_model_text(f.title)} (see the comment on its first passage).")


def strength_comment(s: Strength) -> str:
    if s.origin == "llm":
        head = f"{STRENGTH} ({MODEL_POINT}, {MODEL_POINT_NOTE}): {clean_model_text(s.title)}"
        return xml_safe(f"{head}\n{clean_model_text(s.message)}")
    lines = [f"{STRENGTH}: {s.title}", s.message]
    lines += [
        f"Further reading, {NATIONAL_REVIEW.lower()}: {nr.title}. {nr.why}" for nr in s.national_reviews
    ]
    return xml_safe("\n".join(lines))


def summary_comment(c: Critique) -> str:
    rules = [f for f in c.findings if not is_model_point(f)]
    model = len(c.findings) - len(rules)
    must = sum(f.severity == "must-fix" for f in rules)
    counts = (
        f"{AUTHOR}: {len(rules)} finding(s), {must} of them must fix for the Panel's minimum record, and "
        f"{len(c.strengths)} strength(s), each a comment on its passage."
    )
    if model:
        counts += f" {model} {MODEL_POINT.lower()}(s), marked as such."
    lines = [counts, c.summary, *(f"Note: {clean_model_text(n, 4000)}" for n in c.meta.notices)]
    return xml_safe("\n".join(lines))


# ------------------------------------------------------------------------------------------ anchoring


class _Commenter:
    def __init__(
        self,
        document: Any,
        offsets: OffsetMap,
        text: str,
        critique: Critique,
        marks: Mapping[str, Mark] | None,
    ) -> None:
        self.marks = marks
        self.document = document
        self.offsets = offsets
        self.text = text
        self.critique = critique
        self.pieces = RunPieces()
        self.placed = _Placed()
        newline = text.find("\n")
        self.first_line = (0, len(text) if newline < 0 else newline)

    def run(self) -> _Placed:
        c = self.critique
        self._comment(*self.first_line, summary_comment(c))
        items: list[tuple[int, Finding | Strength]] = [
            (anchor_offset(c, f), f) for f in findings_in_draft_order(c)
        ]
        items += [(anchor_offset(c, s), s) for s in strengths_in_draft_order(c)]
        for _, item in sorted(items, key=lambda pair: pair[0]):
            self._item(item)
        return self.placed

    def _item(self, item: Finding | Strength) -> None:
        if not item.evidence:
            start = anchor_offset(self.critique, item)
            end = self.text.find("\n", start)
            heading = (start, len(self.text) if end < 0 else end) if start else self.first_line
            words = self._words(item)
            if self._comment(*heading, words) or self._comment(*self.first_line, words):
                self.placed.on_heading += 1
            return
        for n, ev in enumerate(item.evidence):
            words = self._words(item, ev) if n == 0 else also_comment(item)
            quote = self._locate(ev)
            if quote is not None and self._comment(*quote, words):
                self.placed.on_quote += 1
                continue
            # The quote could not be mapped to runs: keep the comment, on the first paragraph, quoting it.
            self.placed.relocated += 1
            self._comment(*self.first_line, xml_safe(f"On the passage “{_short(ev.quote)}”: ") + words)

    def _words(self, item: Finding | Strength, ev: Evidence | None = None) -> str:
        if isinstance(item, Strength):
            return strength_comment(item)
        return finding_comment(item, ev, mark_for(item, self.marks))

    def _locate(self, ev: Evidence) -> tuple[int, int] | None:
        """The quote's span in the mapped text: at its offsets, or else the occurrence nearest to them."""
        if self.text[ev.start : ev.end] == ev.quote:
            return ev.start, ev.end
        best: int | None = None
        at = self.text.find(ev.quote)
        while at >= 0 and ev.quote:
            if best is None or abs(at - ev.start) < abs(best - ev.start):
                best = at
            at = self.text.find(ev.quote, at + 1)
        return None if best is None else (best, best + len(ev.quote))

    def _comment(self, start: int, end: int, words: str) -> bool:
        first = self.offsets.first_in(start, end)
        last = self.offsets.last_in(start, end)
        if first is None or last is None:
            return False
        (_, (r1, o1)), (_, (r2, o2)) = first, last
        self.pieces.cut(r1, o1)
        self.pieces.cut(r2, o2 + 1)
        runs = [
            Run(self.pieces.piece_at(r1, o1)[1], self.document),
            Run(self.pieces.piece_at(r2, o2)[1], self.document),
        ]
        self.document.add_comment(runs, text=words, author=AUTHOR, initials=INITIALS)
        _lift_reference(runs[1]._r)
        self.placed.comments += 1
        return True


def _lift_reference(last: Any) -> None:
    """Move the comment's reference mark out of a tracked insertion or hyperlink to paragraph level.

    python-docx puts the reference run right after the anchored run; inside a w:ins it would itself become
    part of the tracked insertion (rejecting the change would delete the comment). The range end stays put.
    """
    end = last.getnext()
    reference = end.getnext() if end is not None else None
    if reference is None or reference.find(f"{_W}commentReference") is None:
        return
    holder = reference.getparent()
    if holder.tag == f"{_W}p":
        return
    top = holder
    while top.getparent() is not None and top.getparent().tag != f"{_W}p":
        top = top.getparent()
    if top.getparent() is None:
        return
    top.addnext(reference)
