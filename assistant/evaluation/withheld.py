"""In-sample figures with each code withheld from its source example (panel dataset).

Several finding codes were defined from one Panel comment: `corpus/finding-codes.yaml` gives their
`source` as e.g. "Panel comment on Example 2" or "Panel comments on Examples 1 and 3". Scoring such a code
on the very example it was written from measures how well the rule copies its own source. Here each such
code's items on its source example(s) are withheld: its presence cells there, and the Panel points coded
with it there. The code still counts on every other example, and every other code counts everywhere.

What is withheld is decided from the taxonomy's `source` strings alone (never from the tool's output), and
every score is recomputed from the same per-item explanations the raw figures come from.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence

from assistant.critic.taxonomy import Code
from assistant.domain.evals import Explanation, Metrics, Score
from assistant.evaluation import metrics, scorers

Withheld = Mapping[str, Collection[int]]  # code -> the examples it is withheld from

# "Panel comment on Example 2", "Panel comments on Examples 1 and 3", "... Examples 1, 2 and 5", "... 1-5"
_SOURCE = re.compile(r"Panel comments? on Examples?\s+([0-9][0-9,\s\-–]*(?:\s*(?:and|&)\s*[0-9]+)?)", re.I)
_RANGE = re.compile(r"([0-9]+)\s*[-–]\s*([0-9]+)")

NOTE = (
    "Withheld: each code whose source in corpus/finding-codes.yaml names the Panel example(s) it was defined "
    "from is not scored on those examples (its presence cells and its coded Panel points there are left "
    "out); it still counts on the other examples. Still in-sample for every other code: read it as an upper "
    "bound on what the rules would do on drafts they were not written from."
)


def parse_source(source: str) -> tuple[int, ...]:
    """The example numbers a code's `source` names as Panel comments it was defined from ((): none)."""
    found: set[int] = set()
    for match in _SOURCE.finditer(source):
        text = match.group(1)
        for lo, hi in _RANGE.findall(text):
            found.update(range(int(lo), int(hi) + 1))
        text = _RANGE.sub(" ", text)
        found.update(int(n) for n in re.findall(r"[0-9]+", text))
    return tuple(sorted(found))


def source_examples(codes: Mapping[str, Code], scored: Collection[str] | None = None) -> dict[str, list[int]]:
    """Code -> the examples it is withheld from, for every code (of `scored`, when given) whose source names
    specific examples."""
    out = {}
    for code, spec in codes.items():
        if scored is not None and code not in scored:
            continue
        examples = parse_source(spec.source)
        if examples:
            out[code] = list(examples)
    return out


def kept(item: Explanation, withheld: Withheld) -> bool:
    """False for an item of a withheld code on one of its source examples."""
    return not (item.code is not None and item.example in withheld.get(item.code, ()))


def keep(items: Sequence[Explanation], withheld: Withheld) -> list[Explanation]:
    return [e for e in items if kept(e, withheld)]


def withhold_score(score: Score, withheld: Withheld) -> Score:
    """The same score over the items that are not withheld."""
    items = keep(score.explanations, withheld)
    if score.name == "f1":
        return scorers.f1(items)
    hits = sum(e.outcome in ("hit", "tp", "pass") for e in items)
    return Score(
        name=score.name,
        value=scorers.ratio(hits, len(items)),
        numerator=hits,
        denominator=len(items),
        explanations=items,
    )


# The point scorers whose explanations carry (example, code) and can be withheld item by item.
POINT_SCORES = ("panel_gap_recall", "panel_hit_rate", "strength_recall", "strength_recall_coded")


def withheld_metrics(
    scores: Mapping[str, Score],
    cells: Sequence[Explanation],
    withheld: Withheld,
    *,
    drafts: int,
    severity: Mapping[str, str],
    findings_per_example: float = 0.0,
) -> Metrics:
    """Every per-item metric of the panel with the withheld items left out: the registry's cell metrics
    (precision, recall, F1, macro F1, false alarms) from the kept cells, and the Panel point scores from
    their kept points. The suites (metamorphic, retrieval) are not per cell and stay null."""
    values: dict[str, float | None] = dict(
        metrics.compute(metrics.PANEL, metrics.CellScores(keep(cells, withheld), drafts, severity))
    )
    for name in POINT_SCORES:
        values[name] = withhold_score(scores[name], withheld).value if name in scores else None
    return Metrics(
        panel_gap_recall=values["panel_gap_recall"],
        panel_hit_rate=values["panel_hit_rate"],
        precision=values["precision"],
        recall=values["recall"],
        f1=values["f1"],
        macro_f1=values.get("macro_f1"),
        strength_recall=values["strength_recall"],
        strength_recall_coded=values["strength_recall_coded"],
        findings_per_example=findings_per_example,
        false_alarms_per_draft=values.get("false_alarms_per_draft"),
        must_fix_false_alarms=values.get("must_fix_false_alarms"),
    )
