"""One order for findings and strengths on every output: where they sit in the draft.

A finding sits at its first evidence quote; a finding about something absent sits at the heading of the
section where the Panel expects it, or at the top of the draft (its title) when that is the whole document
or the section is not there. Ties keep the critique's own order (most important first). The Word comments
are anchored on the same places, so the report, the markdown and the margin read in the same order.
"""

from __future__ import annotations

from assistant.domain.critique import Critique, Finding, Strength


def anchor_offset(c: Critique, item: Finding | Strength) -> int:
    if item.evidence:
        return min(ev.start for ev in item.evidence)
    for section in c.sections:
        if section.heading == item.section:
            return section.start
    return 0


def findings_in_draft_order(c: Critique) -> list[Finding]:
    return sorted(c.findings, key=lambda f: anchor_offset(c, f))  # sorted is stable: ties keep their order


def strengths_in_draft_order(c: Critique) -> list[Strength]:
    return sorted(c.strengths, key=lambda s: anchor_offset(c, s))
