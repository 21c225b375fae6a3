"""One function per finding code. Each decides from evidence in the draft, in the place the Panel expects it.

A check returns a Result: `gap=True` when the draft lacks the thing (a finding), `gap=False` with the
evidence that it is there (which becomes a strength when `strength=True`), or None when the code does not
apply to this draft (e.g. LCSPR scope when no LCSPR is commissioned).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.critic.context import Context, Match
from assistant.domain.critique import NationalReviewRef


@dataclass
class Result:
    code: str
    gap: bool
    evidence: list[Match] = field(default_factory=list)
    detail: str = ""
    section: str | None = None
    strength: str | None = None  # strength id to report when the draft does this well
    national_reviews: list[NationalReviewRef] = field(default_factory=list)


Check = Callable[[Context], "Result | None"]
CHECKS: dict[str, Check] = {}


def check(code: str) -> Callable[[Check], Check]:
    def register(fn: Check) -> Check:
        CHECKS[code] = fn
        return fn

    return register


def load_all() -> dict[str, Check]:
    # Importing the modules registers their checks.
    from assistant.critic.checks import case_info, decision, national, practice, record  # noqa: F401

    return CHECKS
