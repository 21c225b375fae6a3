"""The committed baselines: `evals/baseline.json` (panel) and `evals/baseline-devset.json` (dev set).
Write one from a real run, compare a run against one. Which metrics, which way is better and how much
movement is tolerated all come from the metric registry (`metrics.py`)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from assistant.domain.evals import BaselineSnapshot, DevsetReport, EvalReport, MetricDelta
from assistant.errors import InputError
from assistant.evaluation import metrics
from assistant.evaluation.pipeline import DEFAULT_TOLERANCE as DEFAULT_TOLERANCE  # re-exported
from assistant.settings import REPO_ROOT

BASELINE_PATH = REPO_ROOT / "evals" / "baseline.json"
DEVSET_BASELINE_PATH = REPO_ROOT / "evals" / "baseline-devset.json"
NOTE = (
    "Written by `rapid-review eval {args}--write-baseline` from a real offline run; do not edit the numbers "
    "by hand. `rapid-review eval {args}--check` fails when a gated metric moves the wrong way by more than "
    "its tolerance."
)

Report = EvalReport | DevsetReport


def default_path(dataset: str) -> Path | None:
    """The committed baseline of a named dataset; None for a folder given with --dataset DIR."""
    return {"panel": BASELINE_PATH, "devset": DEVSET_BASELINE_PATH}.get(dataset)


def _rounded(values: dict[str, float | None]) -> dict[str, float | None]:
    return {k: None if v is None else round(v, 4) for k, v in values.items()}


def snapshot(report: Report) -> BaselineSnapshot:
    kind = metrics.kind_of(report)
    names = [m.name for m in metrics.gated(kind)]
    current = metrics.values(report)
    if isinstance(report, EvalReport):
        baselines = dict(report.baselines)
        if report.prior_baseline is not None:
            baselines["prior"] = report.prior_baseline
        base_values = {
            name: {k: getattr(b.metrics, k) for k in names if getattr(b.metrics, k) is not None}
            for name, b in baselines.items()
        }
        thresholds = {"gap": report.calibration.gap.value, "strength": report.calibration.strength.value}
    else:
        base_values = {
            name: {k: b.metrics[k] for k in names if b.metrics.get(k) is not None}
            for name, b in report.baselines.items()
        }
        thresholds = {}
    args = "" if report.dataset == "panel" else f"--dataset {report.dataset.removeprefix('dir:')} "
    return BaselineSnapshot(
        dataset=report.dataset,
        note=NOTE.format(args=args),
        metrics=_rounded({k: current[k] for k in names}),
        thresholds=thresholds,
        baselines={k: _rounded(v) for k, v in base_values.items()},
        corpus_hash=report.provenance.corpus_hash,
        gold_sha256=report.provenance.gold_sha256,
        provider=report.provenance.provider,
    )


def dump(snap: BaselineSnapshot) -> str:
    return json.dumps(snap.model_dump(), indent=2, sort_keys=False) + "\n"


def load(path: Path) -> BaselineSnapshot:
    try:
        return BaselineSnapshot.model_validate_json(path.read_bytes())
    except FileNotFoundError as exc:
        raise InputError(
            f"no baseline at {path}",
            fix="run `rapid-review eval [--dataset NAME] --write-baseline` once and commit the file",
        ) from exc
    except (OSError, ValidationError, ValueError) as exc:
        raise InputError(
            f"the baseline {path} cannot be read: {str(exc).splitlines()[0]}",
            fix="restore it from git or regenerate it with `rapid-review eval [--dataset NAME] --write-baseline`",
        ) from exc


def compare(report: Report, baseline: BaselineSnapshot, tolerance: float) -> list[MetricDelta]:
    current = metrics.values(report)
    out = []
    for m in metrics.gated(metrics.kind_of(report)):
        tol = m.tolerance if m.tolerance is not None else tolerance
        before, now = baseline.metrics.get(m.name), current.get(m.name)
        common = {"metric": m.name, "direction": m.direction, "tolerance": tol}
        if before is None or now is None:
            if before is not None:
                status = "missing"
            elif m.name not in baseline.metrics and now is not None:
                status = "new"
            else:
                status = "unchanged"
            out.append(MetricDelta(baseline=before, current=now, change=None, status=status, **common))
            continue
        now = round(now, 4)  # the baseline is stored to 4 places; compare like with like
        change = round(now - before, 4)
        better = change if m.direction == "higher" else -change
        status = "regressed" if better < -tol else ("improved" if better > tol else "unchanged")
        out.append(MetricDelta(baseline=before, current=now, change=change, status=status, **common))
    return out


def failures(deltas: list[MetricDelta]) -> list[MetricDelta]:
    return [d for d in deltas if d.status in ("regressed", "missing")]


def drift_warnings(report: Report, baseline: BaselineSnapshot) -> list[str]:
    out = []
    if baseline.gold_sha256 != report.provenance.gold_sha256:
        what = "gold files" if isinstance(report, EvalReport) else "labels or drafts"
        out.append(f"the {what} changed since the baseline was written: the comparison is not like for like")
    if baseline.corpus_hash != report.provenance.corpus_hash:
        out.append("the corpus changed since the baseline was written")
    if baseline.provider != report.provenance.provider:
        out.append(
            f"the baseline was made with provider {baseline.provider}, this run with {report.provenance.provider}"
        )
    return out
