"""The same finding across two critiques of a draft the author has edited in between.

A finding is identified by its code, its section and its evidence with case, white space and markdown
markup ignored: offsets move whenever the author edits anything earlier in the draft, so they cannot
identify it. A finding whose passage the author rewrote counts as resolved, and any finding the rewrite
causes as new, which is what the author needs to see.
"""

from __future__ import annotations

import hashlib

from assistant.domain.critique import Critique, CritiqueComparison, Finding
from assistant.evaluation.evidence import normalise


def finding_key(f: Finding) -> str:
    """A short, stable id for a finding: the same in two critiques when code, section and evidence are."""
    evidence = "\x1f".join(sorted(normalise(ev.quote)[0] for ev in f.evidence))
    raw = "\x1e".join((f.code, " ".join(f.section.lower().split()), evidence))
    return f"{f.code.lower()}-{hashlib.sha256(raw.encode('utf-8')).hexdigest()[:10]}"


def compare(before: Critique, after: Critique) -> CritiqueComparison:
    """What the edit resolved, what it brought up, and what is still open (in each critique's order)."""
    old = {finding_key(f) for f in before.findings}
    new = {finding_key(f) for f in after.findings}
    return CritiqueComparison(
        resolved=[f for f in before.findings if finding_key(f) not in new],
        new=[f for f in after.findings if finding_key(f) not in old],
        still_open=[f for f in after.findings if finding_key(f) in old],
    )
