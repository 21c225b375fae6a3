"""Calibrating the similarity threshold that matches an uncoded Panel point to a finding (or strength).

The coded points give labelled pairs for free: a coded Panel point and a finding raised on the same
example form a *matching* pair when the finding's code is one the Panel point carries, a *non-matching*
pair otherwise. (A span the labeller repeated once per code counts as one point with a set of codes, so
'age, gender, ethnicity and disability up front' is not a negative for the ethnicity finding.) The
threshold is the one that best separates the two on these pairs (maximum F1, ties to the higher value;
grid 0.20-0.90 in steps of 0.01), and is then applied to the uncoded points, which have no label.

The yardstick must not move with the tool under test: `run_eval` uses the threshold pinned in
evals/baseline.json when there is one and reports this run's calibration beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.domain.evals import Threshold
from assistant.evaluation.dataset import Gold, PointKind
from assistant.evaluation.scorers import Similarity, ratio
from assistant.evaluation.solver import Predictions

GRID = [round(0.20 + 0.01 * i, 2) for i in range(71)]
QUANTILES = [0, 10, 25, 50, 75, 90, 100]
METHOD = (
    "maximum F1 over labelled pairs (coded Panel point x item raised on the same example; matching = "
    "same code), ties to the higher threshold, grid 0.20-0.90 step 0.01"
)


@dataclass(frozen=True)
class Pair:
    example: int
    point: str
    item_code: str
    similarity: float
    positive: bool


def pairs(gold: Gold, preds: Predictions, sim: Similarity, kind: PointKind) -> list[Pair]:
    grouped: dict[tuple[str, int, str], set[str]] = {}
    for p in gold.points_of(kind):
        if p.code is not None:
            grouped.setdefault((p.entry, p.example, p.span), set()).add(p.code)
    out = []
    for (entry, example, span), codes in grouped.items():
        pred = preds[example]
        items = (
            [(f.code, f.text) for f in pred.findings]
            if kind == "gap"
            else [(s.counters or s.code, s.text) for s in pred.strengths]
        )
        for (code, _), s in zip(items, sim(span, [t for _, t in items]), strict=True):
            out.append(Pair(example, entry, code, s, code in codes))
    return out


def _f1_at(ps: list[Pair], t: float) -> tuple[float, float | None, float | None]:
    tp = sum(p.positive and p.similarity >= t for p in ps)
    fp = sum((not p.positive) and p.similarity >= t for p in ps)
    fn = sum(p.positive and p.similarity < t for p in ps)
    return (ratio(2 * tp, 2 * tp + fp + fn) or 0.0), ratio(tp, tp + fp), ratio(tp, tp + fn)


def choose(ps: list[Pair], default: float = 0.5) -> float:
    if not any(p.positive for p in ps):
        return default
    best_t, best_f = default, -1.0
    for t in GRID:
        f, _, _ = _f1_at(ps, t)
        if f >= best_f:  # ties go to the higher threshold: fewer loose matches
            best_t, best_f = t, f
    return best_t


def auc(ps: list[Pair]) -> float | None:
    pos = [p.similarity for p in ps if p.positive]
    neg = [p.similarity for p in ps if not p.positive]
    if not pos or not neg:
        return None
    wins = sum((a > b) + 0.5 * (a == b) for a in pos for b in neg)
    return round(wins / (len(pos) * len(neg)), 4)


def _quantiles(values: list[float]) -> list[float]:
    return [round(float(v), 3) for v in np.percentile(values, QUANTILES)] if values else []


def calibrate(
    gold: Gold, preds: Predictions, sim: Similarity, kind: PointKind, pinned: float | None = None
) -> Threshold:
    ps = pairs(gold, preds, sim, kind)
    chosen = choose(ps)
    value = chosen if pinned is None else pinned
    _, pair_p, pair_r = _f1_at(ps, value)
    held_out = {
        f"without example {n}": choose([p for p in ps if p.example != n], default=chosen)
        for n in gold.examples
    }
    return Threshold(
        kind=kind,
        value=value,
        calibrated=chosen,
        pinned=pinned is not None,
        method=METHOD,
        positives=sum(p.positive for p in ps),
        negatives=sum(not p.positive for p in ps),
        positive_quantiles=_quantiles([p.similarity for p in ps if p.positive]),
        negative_quantiles=_quantiles([p.similarity for p in ps if not p.positive]),
        auc=auc(ps),
        pair_precision=None if pair_p is None else round(pair_p, 4),
        pair_recall=None if pair_r is None else round(pair_r, 4),
        held_out=held_out,
    )
