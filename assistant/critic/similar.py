"""Which retrieved Panel comments are about a finding's topic: none is better than an unrelated one.

Retrieval ranks the Panel's comments by wording, so a comment on lived experience can come first under a
finding about executive sign-off. A comment is kept only when the Panel points labelled in it (the shipped
gold labels, assistant/resources/gold/panel_points.yaml) include the finding's code or a code on the same
theme; comments on the exact code come first, each group in retrieval order.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import yaml

from assistant.domain.critique import PanelCommentRef
from assistant.resources import GOLD_DIR

SHOWN_PER_FINDING = 3

# Codes a reader would take for one subject: the child's record, the decision, learning and actions, ...
CODE_THEMES: dict[str, frozenset[str]] = {
    "the child's details": frozenset(
        {
            "CHILD_AGE_MISSING",
            "CHILD_GENDER_MISSING",
            "CHILD_ETHNICITY_MISSING",
            "CHILD_DISABILITY_MISSING",
            "SCHOOLING_MISSING",
        }
    ),
    "the family": frozenset({"FAMILY_STRUCTURE_MISSING", "FAMILY_DETAILS_INCOMPLETE"}),
    "the incident": frozenset({"INCIDENT_SUMMARY_MISSING", "CHRONOLOGY_NOT_ANALYSIS"}),
    "safety now": frozenset({"IMMEDIATE_SAFEGUARDING_MISSING"}),
    "the decision": frozenset(
        {
            "DECISION_MISSING",
            "DECISION_RATIONALE_MISSING",
            "CRITERIA_CHECKLIST_ONLY",
            "AMBIGUOUS_REVIEW_TYPE",
            "LCSPR_SCOPE_MISSING",
        }
    ),
    "learning and actions": frozenset(
        {"LEARNING_MISSING", "DISSEMINATION_MISSING", "ACTIONS_MISSING", "GOOD_PRACTICE_MISSING"}
    ),
    "the partnership": frozenset({"AGENCIES_MISSING", "EXECUTIVE_SIGNOFF_MISSING"}),
    "the child's experience": frozenset(
        {"LIVED_EXPERIENCE_MISSING", "BLAMING_LANGUAGE", "EARLY_LIFE_HISTORY_MISSING"}
    ),
    "identity, health and disability": frozenset(
        {"RACE_CULTURE_NOT_CONSIDERED", "DISABILITY_HEALTH_NOT_CONSIDERED"}
    ),
    "national learning": frozenset({"NATIONAL_REVIEW_NOT_REFERENCED"}),
}
_THEME_OF = {code: theme for theme, codes in CODE_THEMES.items() for code in codes}


@lru_cache(maxsize=1)
def comment_codes() -> dict[str, frozenset[str]]:
    """Comment id -> the finding codes of the Panel points in it (gap, strength or advice alike)."""
    entries = yaml.safe_load((GOLD_DIR / "panel_points.yaml").read_text(encoding="utf-8")) or []
    return {e["id"]: frozenset(p["code"] for p in e.get("points", []) if p.get("code")) for e in entries}


def same_theme(a: str, b: str) -> bool:
    return a == b or (a in _THEME_OF and _THEME_OF.get(a) == _THEME_OF.get(b))


def on_topic(code: str, comments: Sequence[PanelCommentRef]) -> list[PanelCommentRef]:
    """The comments about `code` (then about its theme), at most SHOWN_PER_FINDING; [] when none is."""
    labelled = comment_codes()
    exact = [c for c in comments if code in labelled.get(c.id, ())]
    themed = [
        c
        for c in comments
        if c not in exact and any(same_theme(code, other) for other in labelled.get(c.id, ()))
    ]
    return (exact + themed)[:SHOWN_PER_FINDING]


__all__ = ["CODE_THEMES", "SHOWN_PER_FINDING", "comment_codes", "on_topic", "same_theme"]
