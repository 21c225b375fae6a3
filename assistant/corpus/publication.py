"""Parse the Panel's "Rapid review examples" publication, as published, into typed records.

The source is not edited to suit the parser: the five examples use five templates, paragraphs break
across pages, and the Panel's comments sit inline. Comments are single 'Panel Comment:' paragraphs; each
example opens with the Panel's verdict paragraph.
"""

from __future__ import annotations

import re

from assistant.documents import parse_document
from assistant.domain.corpus import Example, Guidance, PanelComment, ReviewSection
from assistant.errors import RRAError

COMMENT_LABEL = "Panel Comment:"
_EXAMPLE_HEADING = re.compile(r"^Example (\d): (.+?)\s*$", re.M)
_MINIMUM_LEAD = "We do ask as a minimum that the rapid review records:"
_ISSUES_LEAD = "Important issues to consider in rapid reviews:"


def _bullets_after(text: str, lead: str) -> list[str]:
    at = text.find(lead)
    if at < 0:
        raise RRAError(
            f"the publication has no '{lead}' list", fix="check corpus/rapid-review-examples-2022.txt"
        )
    items: list[str] = []
    for line in text[at + len(lead) :].splitlines():
        if line.startswith("- "):
            items.append(line[2:].strip())
        elif line.strip() and items:
            break
    return items


def parse_guidance(text: str) -> list[Guidance]:
    minimum = _bullets_after(text, _MINIMUM_LEAD)
    issues = _bullets_after(text, _ISSUES_LEAD)
    return [
        Guidance(id=f"min-{i}", group="minimum_requirement", text=t) for i, t in enumerate(minimum, 1)
    ] + [Guidance(id=f"issue-{i}", group="important_issue", text=t) for i, t in enumerate(issues, 1)]


def _example_spans(text: str) -> list[tuple[int, str, int, int]]:
    """(number, title, start, end) for each example; table-of-contents lines end in a page number."""
    heads = [m for m in _EXAMPLE_HEADING.finditer(text) if "\t" not in m.group(0)]
    spans = []
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        spans.append((int(m.group(1)), m.group(2), m.start(), end))
    return spans


def _decision(verdict: str) -> tuple[str, bool]:
    m = re.search(r"agreed with the decision (not )?to", verdict)
    if m is None:
        raise RRAError("an example's verdict states no decision", fix="check the example's opening paragraph")
    return ("not_commission" if m.group(1) else "commission"), True


def parse_example(number: int, title: str, text: str, offset: int) -> Example:
    """`text` is the example from its heading line; `offset` is where it starts in the publication."""
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    heading_end = paragraphs[0][1]
    verdict_start, verdict_end = paragraphs[1]
    verdict = text[verdict_start:verdict_end].strip()

    # Rebuild the review text without the verdict and the comments, remembering where each comment was.
    kept: list[str] = [text[:heading_end]]
    cursor = verdict_end
    removed_at: list[tuple[int, int, str]] = []  # (offset in stripped text, offset in publication, text)
    for start, end in paragraphs[2:]:
        para = text[start:end]
        if not para.startswith(COMMENT_LABEL):
            continue
        kept.append(text[cursor:start])
        stripped_so_far = sum(len(k) for k in kept)
        removed_at.append((stripped_so_far, offset + start, para[len(COMMENT_LABEL) :].strip()))
        cursor = end + 1 if end < len(text) and text[end] == "\n" else end
    kept.append(text[cursor:])
    stripped = re.sub(r"\n{3,}", "\n\n", "".join(kept)).strip() + "\n"
    # The blank-line squeeze moves offsets; recompute each removal point by the text that precedes it.
    doc = parse_document(stripped)

    comments: list[PanelComment] = []
    section_comments: dict[int, list[str]] = {}
    for k, (pos, pub_start, body) in enumerate(removed_at, 1):
        before = re.sub(r"\n{3,}", "\n\n", "".join(kept)[:pos]).rstrip()
        at = max(0, min(len(before), len(stripped) - 1))
        section = doc.section_at(at)
        idx = doc.sections.index(section)
        cid = f"ex{number}-c{k}"
        comments.append(
            PanelComment(id=cid, example=number, section=section.heading, text=body, start=pub_start)
        )
        section_comments.setdefault(idx, []).append(cid)

    sections = tuple(
        ReviewSection(
            example=number,
            index=i,
            heading=s.heading,
            text=stripped[s.body_start : s.end].strip(),
            comment_ids=tuple(section_comments.get(i, ())),
        )
        for i, s in enumerate(doc.sections)
    )
    decision, agreed = _decision(verdict)
    return Example(
        number=number,
        title=title,
        incident_type=title,
        verdict=verdict,
        lcspr_decision=decision,
        panel_agreed=agreed,
        sections=sections,
        comments=tuple(comments),
        text=text,
        stripped_text=stripped,
    )


def parse_examples(text: str) -> list[Example]:
    return [
        parse_example(number, title, text[start:end], start)
        for number, title, start, end in _example_spans(text)
    ]
