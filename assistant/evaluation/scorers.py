"""Scorers: small functions, each returning a Score with a value and one explanation per scored item.

They read predictions (what a critique raised, see solver.ExamplePrediction) and the gold, nothing else,
so the baselines and the shuffle control are scored by exactly the same code as the tool.
"""

from __future__ import annotations

import hashlib
import os
import random
import tempfile
import zipfile
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.domain.evals import PRF, Explanation, Interval, Score
from assistant.evaluation.dataset import Gold, GoldPoint
from assistant.evaluation.solver import ExamplePrediction, Predictions


class Similarity(Protocol):
    def __call__(self, text: str, others: Sequence[str]) -> list[float]: ...


class EmbeddingSimilarity:
    """Cosine similarity with the retrieval embedder (vectors are L2-normalised), each text embedded once.

    With `cache_path`, vectors persist between runs in one .npz keyed by sha256(model hash + text): the
    Panel spans never change and most findings rarely do, so a re-run embeds only what is new."""

    def __init__(
        self, embed: Callable[[list[str]], np.ndarray], cache_path: Path | None = None, model_id: str = ""
    ) -> None:
        self._embed = embed
        self._cache: dict[str, np.ndarray] = {}
        self._path = cache_path
        self._model = model_id
        self._disk: dict[str, np.ndarray] = {}
        self._dirty = False
        if cache_path is not None and cache_path.is_file():
            try:
                with np.load(cache_path) as data:
                    self._disk = {k: data[k] for k in data.files}
            except (OSError, ValueError, zipfile.BadZipFile):
                self._disk = {}  # a damaged cache is a miss, rewritten on save

    def _key(self, text: str) -> str:
        return hashlib.sha256((self._model + "\x00" + text).encode("utf-8", "surrogatepass")).hexdigest()

    def prime(self, texts: Sequence[str]) -> None:
        todo = sorted({t for t in texts if t not in self._cache})
        missing = []
        for t in todo:
            v = self._disk.get(self._key(t))
            if v is None:
                missing.append(t)
            else:
                self._cache[t] = v
        if missing:
            for t, v in zip(missing, self._embed(missing), strict=True):
                self._cache[t] = v
                self._disk[self._key(t)] = v
            self._dirty = True

    def save(self) -> None:
        if self._path is None or not self._dirty:
            return
        self._path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self._path.parent, prefix=".eval-embeddings.", suffix=".npz")
        try:
            with os.fdopen(fd, "wb") as f:
                np.savez(f, **self._disk)  # type: ignore[arg-type]
            os.replace(tmp, self._path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._dirty = False

    def __call__(self, text: str, others: Sequence[str]) -> list[float]:
        self.prime([text, *others])
        if not others:
            return []
        q = self._cache[text]
        return [round(float(self._cache[o] @ q), 4) for o in others]


def ratio(numerator: float, denominator: float) -> float | None:
    return None if denominator == 0 else numerator / denominator


def _best(sim: Similarity, span: str, texts: Sequence[str]) -> tuple[int, float] | None:
    sims = sim(span, texts)
    if not sims:
        return None
    i = max(range(len(sims)), key=lambda k: (sims[k], -k))
    return i, sims[i]


def _score(name: str, items: list[Explanation], hits: float) -> Score:
    return Score(
        name=name, value=ratio(hits, len(items)), numerator=hits, denominator=len(items), explanations=items
    )


def _whose(pred: ExamplePrediction, point: GoldPoint) -> str:
    return "" if pred.example == point.example else f" (critique of example {pred.example})"


# ----------------------------------------------------------------------------------- Panel points


def _raised(p: GoldPoint, pred: ExamplePrediction) -> Explanation:
    """A coded Panel point is matched when the critique raised its code for that example."""
    assert p.code is not None
    hit = p.code in pred.codes
    return Explanation(
        item=p.id,
        example=p.example,
        code=p.code,
        outcome="hit" if hit else "miss",
        detail=("raised " if hit else "not raised: ") + p.code + _whose(pred, p),
    )


def panel_gap_recall(gold: Gold, preds: Predictions) -> Score:
    """Share of the Panel's coded gap points whose code the critique raised for that example."""
    items = []
    for p in gold.points_of("gap"):
        if p.code is None:
            continue
        pred = preds[p.example]
        items.append(_raised(p, pred))
    return _score("panel_gap_recall", items, sum(e.outcome == "hit" for e in items))


def _nearest(
    sim: Similarity,
    p: GoldPoint,
    pred: ExamplePrediction,
    what: str,
    candidates: list[tuple[str, str]],
    threshold: float,
) -> Explanation:
    """An uncoded Panel point matched by similarity to the nearest reported finding or strength."""
    best = _best(sim, p.span, [text for _, text in candidates])
    if best is None:
        return Explanation(item=p.id, example=p.example, outcome="miss", detail=f"no {what}s")
    i, score = best
    hit = score >= threshold
    return Explanation(
        item=p.id,
        example=p.example,
        outcome="hit" if hit else "miss",
        detail=f"uncoded; nearest {what} {candidates[i][0]} at {score:.3f} "
        f"({'>=' if hit else '<'} {threshold:.2f}){_whose(pred, p)}",
        similarity=score,
    )


def panel_hit_rate(gold: Gold, preds: Predictions, sim: Similarity, threshold: float) -> Score:
    """Share of all Panel gap points matched by any finding: coded points by code, uncoded by similarity
    between the point's span and a finding's message and evidence, at `threshold`."""
    items = []
    for p in gold.points_of("gap"):
        pred = preds[p.example]
        if p.code is not None:
            items.append(_raised(p, pred))
            continue
        items.append(_nearest(sim, p, pred, "finding", [(f.code, f.text) for f in pred.findings], threshold))
    return _score("panel_hit_rate", items, sum(e.outcome == "hit" for e in items))


def strength_recall(
    gold: Gold, preds: Predictions, sim: Similarity, threshold: float, *, coded_only: bool = False
) -> Score:
    """Share of the Panel's strength points matched by the critique's strengths: coded points when a
    reported strength `counters` that code; uncoded points by similarity (unless coded_only)."""
    items = []
    for p in gold.points_of("strength"):
        pred = preds[p.example]
        if p.code is not None:
            hit = p.code in pred.countered
            detail = f"a strength counters {p.code}" if hit else f"no reported strength counters {p.code}"
            items.append(
                Explanation(
                    item=p.id,
                    example=p.example,
                    code=p.code,
                    outcome="hit" if hit else "miss",
                    detail=detail + _whose(pred, p),
                )
            )
            continue
        if coded_only:
            continue
        items.append(
            _nearest(sim, p, pred, "strength", [(x.code, x.text) for x in pred.strengths], threshold)
        )
    name = "strength_recall_coded" if coded_only else "strength_recall"
    return _score(name, items, sum(e.outcome == "hit" for e in items))


# ----------------------------------------------------------------------------------- presence matrix


OUTCOME = {(True, True): "tp", (True, False): "fp", (False, True): "fn", (False, False): "tn"}


def cell_outcomes(
    truth: Mapping[int, Mapping[str, bool]],
    raised: Mapping[int, Collection[str]],
    label: Callable[[int], str],
    notes: Mapping[tuple[int, str], str] | None = None,
) -> list[Explanation]:
    """One cell per (draft, code) of `truth` (True: a real gap, False: covered): tp | fp | fn | tn, a raised
    code being a positive prediction. Cells not in `truth` (does not apply, left out) are not scored.
    Shared by the panel's presence matrix and labelled datasets."""
    notes = notes or {}
    return [
        Explanation(
            item=f"{label(n)}:{code}",
            example=n,
            code=code,
            outcome=OUTCOME[(code in raised[n], gap)],
            detail=notes.get((n, code), ""),
        )
        for n, cells in truth.items()
        for code, gap in cells.items()
    ]


def presence_cells(gold: Gold, preds: Predictions) -> list[Explanation]:
    """One cell per (example, code) that applies ('na' ignored): tp | fp | fn | tn, a finding being a
    positive prediction and `present: true` a real gap."""
    truth = {
        n: {code: bool(c.present) for code, c in gold.presence[n].items() if c.present != "na"}
        for n in gold.examples
    }
    notes = {(n, code): c.note for n in gold.examples for code, c in gold.presence[n].items()}
    return cell_outcomes(truth, {n: preds[n].codes for n in gold.examples}, lambda n: f"ex{n}", notes)


def confusion(cells: Sequence[Explanation]) -> PRF:
    tp = sum(c.outcome == "tp" for c in cells)
    fp = sum(c.outcome == "fp" for c in cells)
    fn = sum(c.outcome == "fn" for c in cells)
    tn = sum(c.outcome == "tn" for c in cells)
    return PRF(
        tp=tp,
        fp=fp,
        fn=fn,
        tn=tn,
        precision=ratio(tp, tp + fp),
        recall=ratio(tp, tp + fn),
        f1=ratio(2 * tp, 2 * tp + fp + fn),
    )


def precision(cells: Sequence[Explanation]) -> Score:
    """Raised codes that are real gaps."""
    items = [c for c in cells if c.outcome in ("tp", "fp")]
    return _score("precision", items, sum(c.outcome == "tp" for c in items))


def recall(cells: Sequence[Explanation]) -> Score:
    """Real gaps that were raised."""
    items = [c for c in cells if c.outcome in ("tp", "fn")]
    return _score("recall", items, sum(c.outcome == "tp" for c in items))


def f1(cells: Sequence[Explanation]) -> Score:
    """2tp / (2tp + fp + fn) over the cells that count (tn excluded)."""
    items = [c for c in cells if c.outcome != "tn"]
    tp = sum(c.outcome == "tp" for c in items)
    denominator = 2 * tp + sum(c.outcome in ("fp", "fn") for c in items)
    return Score(
        name="f1",
        value=ratio(2 * tp, denominator),
        numerator=2 * tp,
        denominator=denominator,
        explanations=items,
    )


def macro_f1(cells: Sequence[Explanation]) -> float | None:
    """Mean per-code F1 over codes with at least one real gap (codes with none have no recall to earn)."""
    by_code: dict[str, list[Explanation]] = {}
    for c in cells:
        by_code.setdefault(c.code or "", []).append(c)
    values = [
        confusion(cs).f1 or 0.0 for cs in by_code.values() if any(c.outcome in ("tp", "fn") for c in cs)
    ]
    return ratio(sum(values), len(values))


# ----------------------------------------------------------------------------------- uncertainty

Counts = tuple[float, ...]


def per_example_counts(score: Score) -> dict[int, Counts]:
    """(hits, items) per example for a point or cell score; (tp, fp, fn) for f1."""
    out: dict[int, list[float]] = {}
    for e in score.explanations:
        row = out.setdefault(e.example, [0.0, 0.0, 0.0])
        if score.name == "f1":
            row[("tp", "fp", "fn").index(e.outcome)] += 1
        else:
            row[0] += e.outcome in ("hit", "tp", "pass")
            row[1] += 1
    return {k: tuple(v) for k, v in out.items()}


def _stat(name: str, total: Counts) -> float | None:
    if name == "f1":
        tp, fp, fn = total
        return ratio(2 * tp, 2 * tp + fp + fn)
    return ratio(total[0], total[1])


def bootstrap(
    score: Score, examples: Sequence[int], *, draws: int = 2000, seed: int = 0, level: float = 0.90
) -> Interval:
    """Percentile interval of the score when the examples are resampled with replacement."""
    counts = per_example_counts(score)
    rng = random.Random(seed)
    values = []
    for _ in range(draws):
        sample = [rng.choice(list(examples)) for _ in examples]
        total = tuple(sum(counts.get(n, (0.0, 0.0, 0.0))[i] for n in sample) for i in range(3))
        v = _stat(score.name, total)
        if v is not None:
            values.append(v)
    if not values:
        return Interval(low=None, high=None)
    tail = (1 - level) / 2 * 100
    lo, hi = np.percentile(values, [tail, 100 - tail])
    return Interval(low=round(float(lo), 4), high=round(float(hi), 4))


def values(scores: Mapping[str, Score]) -> dict[str, float | None]:
    return {k: s.value for k, s in scores.items()}
