"""The committed baseline (evals/baseline.json): write it from a real run, compare a run against it."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from assistant.domain.evals import HEADLINE_METRICS, BaselineSnapshot, EvalReport, MetricDelta
from assistant.errors import InputError
from assistant.settings import REPO_ROOT

BASELINE_PATH = REPO_ROOT / "evals" / "baseline.json"
DEFAULT_TOLERANCE = 0.05
NOTE = (
    "Written by `rapid-review eval --write-baseline` from a real offline run; do not edit the numbers by hand. "
    "`rapid-review eval --check` fails when a headline metric falls by more than the tolerance."
)


def snapshot(report: EvalReport) -> BaselineSnapshot:
    def rounded(values: dict[str, float | None]) -> dict[str, float | None]:
        return {k: None if v is None else round(v, 4) for k, v in values.items()}

    return BaselineSnapshot(
        note=NOTE,
        metrics=rounded(report.headline()),
        thresholds={"gap": report.calibration.gap.value, "strength": report.calibration.strength.value},
        baselines={
            name: rounded(
                {k: getattr(b.metrics, k) for k in HEADLINE_METRICS if getattr(b.metrics, k) is not None}
            )
            for name, b in report.baselines.items()
        },
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
            f"no baseline at {path}", fix="run `rapid-review eval --write-baseline` once and commit the file"
        ) from exc
    except (OSError, ValidationError, ValueError) as exc:
        raise InputError(
            f"the baseline {path} cannot be read: {str(exc).splitlines()[0]}",
            fix="restore it from git or regenerate it with `rapid-review eval --write-baseline`",
        ) from exc


def compare(report: EvalReport, baseline: BaselineSnapshot, tolerance: float) -> list[MetricDelta]:
    current = report.headline()
    out = []
    for metric in HEADLINE_METRICS:
        before, now = baseline.metrics.get(metric), current.get(metric)
        if before is None or now is None:
            status = "missing" if before is not None else "unchanged"
            out.append(MetricDelta(metric=metric, baseline=before, current=now, change=None, status=status))
            continue
        now = round(now, 4)  # the baseline is stored to 4 places; compare like with like
        change = round(now - before, 4)
        status = "regressed" if change < -tolerance else ("improved" if change > tolerance else "unchanged")
        out.append(MetricDelta(metric=metric, baseline=before, current=now, change=change, status=status))
    return out


def failures(deltas: list[MetricDelta]) -> list[MetricDelta]:
    return [d for d in deltas if d.status in ("regressed", "missing")]


def drift_warnings(report: EvalReport, baseline: BaselineSnapshot) -> list[str]:
    out = []
    if baseline.gold_sha256 != report.provenance.gold_sha256:
        out.append(
            "the gold files changed since the baseline was written: the comparison is not like for like"
        )
    if baseline.corpus_hash != report.provenance.corpus_hash:
        out.append("the corpus changed since the baseline was written")
    if baseline.provider != report.provenance.provider:
        out.append(
            f"the baseline was made with provider {baseline.provider}, this run with {report.provenance.provider}"
        )
    return out
