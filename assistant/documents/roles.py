"""The part each section plays in a rapid review, read from its heading and its text, not from fixed titles.

A template may say 'About Sami', 'Background', '3. Background' or '**Child:**'; all are the case information.
A heading is matched against the cue vocabulary in the lexicon (first role listed wins where several match,
so 'Family, early life and identity' is analysis, not family), and a section whose heading says nothing known
is read by its text: a run of field lines about the child ('Age: 16', 'Gender: Male') is case information.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from assistant.lexicon import SECTION_CUES
from assistant.textscan import search

Role = Literal[
    "case",
    "family",
    "incident",
    "immediate",
    "agencies",
    "chronology",
    "analysis",
    "learning",
    "decision",
    "actions",
    "signoff",
    "other",
]
# Checked in this order: the more specific reading of a heading first ('Immediate learning' is learning,
# 'Family history' is analysis, 'Keeping Lily safe now' is the immediate arrangements).
ORDER: tuple[Role, ...] = (
    "immediate",
    "signoff",
    "learning",
    "actions",
    "decision",
    "chronology",
    "agencies",
    "analysis",
    "incident",
    "family",
    "case",
)
# Roles whose sections hold the child's and family's details: where the Panel expects them, up front.
FACT_ROLES: frozenset[str] = frozenset({"case", "family", "incident", "other"})

CHILD_FIELD = re.compile(
    r"(?im)^[ \t>*_\-•]*(?:\*\*|__)?(?:age|date of birth|d\.?o\.?b\.?|gender|sex|ethnicity|ethnic origin|"
    r"disabilit\w*|religion|faith|legal status|first language|name)\b[^:\n]{0,30}:"
)
_FAMILY_ANALYSIS = re.compile(r"(?i)\b(?:history|early life|identity|culture|worked with|functioning)\b")


@lru_cache(maxsize=64)
def _cue(role: str) -> re.Pattern[str]:
    return re.compile(SECTION_CUES[role], re.I)


def heading_role(heading: str) -> Role:
    """The role a heading names, or 'other' when it names none the lexicon knows."""
    if not heading:
        return "other"
    # (textscan.search: a 'heading' can be a whole 1 MB line)
    if search(_cue("family"), heading) and not search(_FAMILY_ANALYSIS, heading):
        # 'Family and significant adults' is the family; 'Family, early life and identity' is analysis
        return "family"
    for role in ORDER:
        if search(_cue(role), heading):
            return role
    return "other"


# 'Disability' or 'Ethnicity' over a line or two is a field of the case information, not the analysis of it.
FIELD_HEADING = re.compile(
    r"(?i)^(?:age|date of birth|d\.?o\.?b\.?|gender|sex|ethnicity|ethnic origin|disabilit\w*(?: and health)?|health|"
    r"religion|faith|culture|first language|language|legal status|education|school|nationality|name)\b[\w /]{0,20}$"
)
FIELD_BODY_CHARS = 600


def section_role(heading: str, body: str) -> Role:
    if FIELD_HEADING.match(heading.strip()) and len(body.strip()) <= FIELD_BODY_CHARS:
        return "case"
    role = heading_role(heading)
    if role == "other" and len(CHILD_FIELD.findall(body[:3000])) >= 2:
        return "case"
    return role
