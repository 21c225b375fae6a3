"""The author's marks on findings ("addressed", "not applicable, because …") as words for every export."""

from __future__ import annotations

from collections.abc import Mapping

from assistant.critic.compare import finding_key
from assistant.domain.critique import Finding, Mark

MARK_LABEL = "Your mark"


def mark_text(mark: Mark) -> str:
    """The mark in plain words; the reason is the author's own."""
    if mark.status == "addressed":
        return "addressed"
    reason = " ".join(mark.reason.split())
    return f"not applicable, because {reason}" if reason else "not applicable"


def mark_for(f: Finding, marks: Mapping[str, Mark] | None) -> Mark | None:
    return marks.get(finding_key(f)) if marks else None
