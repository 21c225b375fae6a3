"""The metric registry: every metric the eval reports is declared here once, with its label, format,
direction and whether `--check` gates it, the way inspect_ai declares scorer metrics with `@metric`.

The reports (markdown tables, the app), the regression snapshot (`evals/baseline*.json`) and the gate
(`regression.compare`) all iterate this registry; none of them spells a metric out again.

Two kinds of dataset read it:

* `panel`: the Panel's five examples (`EvalReport`). Panel-only metrics (Panel points, strengths, the
  metamorphic suite, retrieval) are computed by the panel scorers and only *declared* here;
* `labelled`: a folder of drafts with labels files (`DevsetReport`: `--dataset devset` or `--dataset DIR`).

Cell metrics (precision, recall, F1, false alarms) are *computed* here, from the same `CellScores` for both
kinds and for every baseline, so a baseline is scored by exactly the code that scores the tool.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from assistant.critic.taxonomy import load_codes
from assistant.domain.evals import (
    DevsetReport,
    EvalReport,
    EvidenceSummary,
    Explanation,
    MarginGate,
    MetricInfo,
    NationalReviewCheck,
)
from assistant.evaluation import scorers

Kind = Literal["panel", "labelled"]
Format = Literal["pct", "num", "count"]
Direction = Literal["higher", "lower"]
PANEL: Kind = "panel"
LABELLED: Kind = "labelled"
BOTH: tuple[Kind, ...] = (PANEL, LABELLED)


@dataclass(frozen=True)
class CellScores:
    """What the computed metrics read: the gold cells with their outcome (tp | fp | fn | tn), how many
    drafts they span, and, for labelled datasets, the evidence and national-review checks."""

    cells: Sequence[Explanation]
    drafts: int
    severity: Mapping[str, str]  # code -> must-fix | consider
    findings: int = 0  # codes raised over all drafts, on any cell (gold or not)
    evidence: EvidenceSummary | None = None
    national_reviews: Sequence[NationalReviewCheck] = field(default_factory=tuple)

    def false_alarms(self, severity: str | None = None) -> list[Explanation]:
        return [
            c
            for c in self.cells
            if c.outcome == "fp" and (severity is None or self.severity.get(c.code or "") == severity)
        ]


Compute = Callable[[CellScores], float | None]


def severities() -> dict[str, str]:
    """Code -> must-fix | consider, from the taxonomy."""
    return {code: spec.severity for code, spec in load_codes().items()}


@dataclass(frozen=True)
class Metric:
    name: str
    label: str
    description: str
    fmt: Format
    direction: Direction
    kinds: tuple[Kind, ...]
    gated: tuple[Kind, ...]
    tolerance: float | None  # in the metric's own units; None: the run's --tolerance
    compute: Compute | None  # None: computed by the panel scorers and read from EvalReport.metrics

    def format(self, value: float | None) -> str:
        if value is None:
            return "–"
        if self.fmt == "pct":
            return f"{value:.1%}"
        if self.fmt == "count" and float(value).is_integer():
            return str(int(value))
        return f"{value:.2f}"

    def info(self, kind: Kind) -> MetricInfo:
        return MetricInfo(
            name=self.name,
            label=self.label,
            description=self.description,
            format=self.fmt,
            direction=self.direction,
            gated=kind in self.gated,
            tolerance=self.tolerance,
        )


REGISTRY: dict[str, Metric] = {}


def metric(
    name: str,
    *,
    label: str,
    description: str,
    fmt: Format = "pct",
    direction: Direction = "higher",
    kinds: tuple[Kind, ...] = BOTH,
    gated: tuple[Kind, ...] = (),
    tolerance: float | None = None,
) -> Callable[[Compute], Compute]:
    """Register a computed metric (decorator)."""

    def register(fn: Compute) -> Compute:
        _add(Metric(name, label, description, fmt, direction, kinds, gated, tolerance, fn))
        return fn

    return register


def declare(
    name: str,
    *,
    label: str,
    description: str,
    fmt: Format = "pct",
    direction: Direction = "higher",
    gated: bool = False,
) -> None:
    """Register a panel metric whose value the panel scorers compute (a field of `Metrics`)."""
    _add(Metric(name, label, description, fmt, direction, (PANEL,), (PANEL,) if gated else (), None, None))


def _add(m: Metric) -> None:
    if m.name in REGISTRY:
        raise ValueError(f"metric {m.name} is declared twice")
    REGISTRY[m.name] = m


def of(kind: Kind) -> list[Metric]:
    """The metrics a dataset kind reports, in declaration order."""
    return [m for m in REGISTRY.values() if kind in m.kinds]


def gated(kind: Kind) -> list[Metric]:
    """The metrics `--check` compares for a dataset kind."""
    return [m for m in REGISTRY.values() if kind in m.gated]


def compute(kind: Kind, scores: CellScores) -> dict[str, float | None]:
    """Every computed metric of `kind` on `scores` (tool or baseline alike)."""
    return {m.name: m.compute(scores) for m in of(kind) if m.compute is not None}


def kind_of(report: EvalReport | DevsetReport) -> Kind:
    return PANEL if isinstance(report, EvalReport) else LABELLED


def values(report: EvalReport | DevsetReport) -> dict[str, float | None]:
    """The report's value of every metric its kind reports."""
    kind = kind_of(report)
    data = report.metrics.model_dump() if isinstance(report, EvalReport) else report.metrics
    return {m.name: data.get(m.name) for m in of(kind)}


def infos(kind: Kind) -> list[MetricInfo]:
    return [m.info(kind) for m in of(kind)]


# ----------------------------------------------------------------------------------- declarations
# Order matters: reports list metrics in this order, and the panel's gated metrics keep the order of the
# committed evals/baseline.json.

declare(
    "panel_gap_recall",
    label="Panel gap recall",
    description="Share of the Panel's coded gap points whose code the critique raised for that example.",
    gated=True,
)
declare(
    "panel_hit_rate",
    label="Panel hit rate",
    description="Share of all Panel gap points matched by a finding: coded ones by code, uncoded ones by "
    "embedding similarity at the gap threshold.",
    gated=True,
)


@metric(
    "precision",
    label="Precision",
    description="Micro, over gold cells: raised codes that are real gaps (a finding on a covered or "
    "does-not-apply cell is a false alarm).",
    gated=BOTH,
)
def _precision(s: CellScores) -> float | None:
    return scorers.precision(s.cells).value


@metric(
    "recall",
    label="Recall",
    description="Micro, over gold cells: real gaps that were raised.",
    gated=BOTH,
)
def _recall(s: CellScores) -> float | None:
    return scorers.recall(s.cells).value


@metric("f1", label="F1", description="2tp / (2tp + fp + fn) over gold cells (micro).", gated=BOTH)
def _f1(s: CellScores) -> float | None:
    return scorers.f1(s.cells).value


@metric(
    "macro_f1",
    label="Macro F1 over codes",
    description="Mean per-code F1 over codes with a real gap somewhere (secondary).",
)
def _macro_f1(s: CellScores) -> float | None:
    return scorers.macro_f1(s.cells)


@metric(
    "false_alarms_per_draft",
    label="False alarms per draft",
    description="Codes raised on gold covered cells, divided by the number of drafts.",
    fmt="num",
    direction="lower",
    gated=(LABELLED,),
    tolerance=0.1,
)
def _false_alarms_per_draft(s: CellScores) -> float | None:
    return scorers.ratio(len(s.false_alarms()), s.drafts)


@metric(
    "must_fix_false_alarms",
    label="Must-fix false alarms",
    description="False alarms on must-fix codes (the Panel's minimum record): telling an author a "
    "minimum-record item is missing when it is there. A count over the whole dataset.",
    fmt="count",
    direction="lower",
    gated=(LABELLED,),
    tolerance=1.0,
)
def _must_fix_false_alarms(s: CellScores) -> float | None:
    return float(len(s.false_alarms("must-fix")))


declare(
    "strength_recall",
    label="Strength recall",
    description="Share of the Panel's strength points matched by the critique's strengths.",
    gated=True,
)
declare(
    "strength_recall_coded",
    label="Strength recall, coded points only",
    description="The same, over coded strength points only (matched via `counters`, no similarity).",
)
declare(
    "findings_per_example",
    label="Findings per example",
    description="Mean number of findings per example.",
    fmt="num",
    direction="lower",
)


@metric(
    "findings_per_draft",
    label="Findings per draft",
    description="Mean number of codes raised per draft (on any cell, gold or not).",
    fmt="num",
    direction="lower",
    kinds=(LABELLED,),
)
def _findings_per_draft(s: CellScores) -> float | None:
    return scorers.ratio(s.findings, s.drafts)


@metric(
    "evidence_hit_rate",
    label="Evidence in the labelled passage",
    description="Findings on agreed gap cells whose cited evidence overlaps, or lies within the window of, "
    "a phrase the labels quote; over findings that cite a span where the labels quote a locatable phrase.",
    kinds=(LABELLED,),
)
def _evidence_hit_rate(s: CellScores) -> float | None:
    e = s.evidence
    return None if e is None else scorers.ratio(e.findings_hit, e.findings_scored)


@metric(
    "strength_evidence_hit_rate",
    label="Strength evidence in the labelled passage",
    description="The same for strengths countering a code on an agreed covered cell.",
    kinds=(LABELLED,),
)
def _strength_evidence_hit_rate(s: CellScores) -> float | None:
    e = s.evidence
    return None if e is None else scorers.ratio(e.strengths_hit, e.strengths_scored)


@metric(
    "national_review_hit_rate",
    label="National reviews: an applicable one suggested",
    description="Drafts where the critique raised NATIONAL_REVIEW_NOT_REFERENCED and some review applies: "
    "share whose suggested reviews include an applicable one.",
    kinds=(LABELLED,),
)
def _national_review_hit_rate(s: CellScores) -> float | None:
    scored = [c for c in s.national_reviews if c.hit is not None]
    return scorers.ratio(sum(bool(c.hit) for c in scored), len(scored))


declare(
    "metamorphic_pass_rate",
    label="Metamorphic pass rate",
    description="Metamorphic cases (remove or add a fact) where the code flipped.",
    gated=True,
)
declare(
    "retrieval_recall_at_5",
    label="Retrieval recall@5 (leave-one-out)",
    description="Coded Panel gap points with a same-code comment from another example in the top 5.",
    gated=True,
)
declare(
    "retrieval_mrr",
    label="Retrieval MRR",
    description="Mean reciprocal rank of that comment (top 10).",
    fmt="num",
    gated=True,
)


# ----------------------------------------------------------------------------------- the margin gate

CLEAR_MARGIN = 0.10  # F1 points over the text-blind prior that count as "a clear margin"


def margin_gate(tool: float | None, prior: float | None) -> MarginGate:
    """F1 of the tool against the text-blind prior: a tool that reads the draft must beat a guess from
    which gaps are common by a clear margin."""
    margin = None if tool is None or prior is None else round(tool - prior, 4)
    return MarginGate(
        metric="f1",
        against="prior",
        tool=tool,
        baseline=prior,
        margin=margin,
        clear_margin=CLEAR_MARGIN,
        clear=margin is not None and margin >= CLEAR_MARGIN,
    )
