"""`eval`: offline regression eval of the critique: against what the Panel actually wrote (`--dataset panel`,
the default), against the independent labelled dev set (`--dataset devset`), or against any folder of drafts
with labels files (`--dataset DIR`)."""

from __future__ import annotations

from pathlib import Path

import click

from assistant import services
from assistant.cli.app import (
    cli,
    emit_json,
    format_option,
    output_option,
    progress,
    provider_option,
    write_output,
)
from assistant.domain.evals import BaselineSnapshot, DevsetReport, MetricDelta
from assistant.evaluation.pipeline import DEFAULT_TOLERANCE, resolve
from assistant.settings import REPO_ROOT


def default_report_root() -> Path:
    """evals/results in a checkout; ./eval-results when installed from a wheel (never inside site-packages)."""
    if (REPO_ROOT / "evals").is_dir() and (REPO_ROOT / "pyproject.toml").is_file():
        return REPO_ROOT / "evals" / "results"
    return Path.cwd() / "eval-results"


class EvalRegression(click.ClickException):
    """A gated metric moved the wrong way by more than its tolerance (exit 1)."""

    exit_code = 1


def _line(d: MetricDelta) -> str:
    from assistant.evaluation import metrics

    m = metrics.REGISTRY[d.metric]
    if d.status == "missing":
        return f"{d.metric}: was {m.format(d.baseline)}, now has no value"
    assert d.change is not None and d.baseline is not None and d.current is not None
    verb = "fell" if d.change < 0 else "rose"
    return f"{d.metric} {verb} by {abs(d.change):.3f} ({d.baseline:.3f} -> {d.current:.3f})"


def _report_dir(dataset: str) -> Path:
    if dataset == "panel":
        return default_report_root()
    return default_report_root() / dataset.replace("dir:", "dir-")


@cli.command("eval")
@format_option
@output_option
@provider_option
@click.option(
    "--dataset",
    default="panel",
    show_default=True,
    metavar="panel|devset|DIR",
    help="panel: the Panel's five examples (leave-one-out, in-sample). devset: evals/devset, 24 drafts by "
    "writers who never saw the tool, two labellers. DIR: any folder of drafts with *labels.json files "
    "(schema: rapid-review schema DevsetLabels).",
)
@click.option("--check", is_flag=True, help="Compare with the baseline; exit 1 if a gated metric got worse.")
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Committed snapshot of the gated metrics [default: evals/baseline.json for panel, "
    "evals/baseline-devset.json for devset; required for DIR with --check or --write-baseline].",
)
@click.option(
    "--tolerance",
    type=click.FloatRange(0, 1),
    default=DEFAULT_TOLERANCE,
    show_default=True,
    help="How far (absolute, 0-1) a rate may move the wrong way before --check fails (counts carry their own).",
)
@click.option(
    "--report-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where report.md and eval.json (and, for panel, chart.html) are written [default: evals/results, "
    "evals/results/devset, evals/results/dir-NAME in a checkout; ./eval-results when installed].",
)
@click.option(
    "--judge",
    is_flag=True,
    help="Also run the LLM judge (panel only; needs RRA_LLM_BASE_URL and RRA_LLM_MODEL).",
)
@click.option(
    "--write-baseline",
    "--update-baseline",
    "write_baseline",
    is_flag=True,
    help="Write this run's gated metrics to the baseline file (panel: also recalibrates the thresholds).",
)
def eval_(
    fmt: str,
    output: Path | None,
    provider: str | None,
    dataset: str,
    check: bool,
    baseline_path: Path | None,
    tolerance: float,
    report_dir: Path | None,
    judge: bool,
    write_baseline: bool,
) -> None:
    """Score the critique. panel: against the Panel's comments and the presence matrix,
    leave-one-out, with the checklist, empty, shuffle and text-blind prior baselines, the metamorphic suite
    and the retrieval check. devset or DIR: against the cells both labellers agree on, with the prior,
    checklist and empty baselines, labeller agreement, evidence and national-review checks.

    Offline by default. With --provider openai every draft is critiqued through the remote model, as
    `critique --provider openai` does (redacted text only); what will be sent is printed first."""
    # The scorers import numpy and the corpus: only when the command runs, not for every `rapid-review`.
    from assistant.evaluation import regression, report, report_labelled

    if check and write_baseline:
        raise click.UsageError("use --check or --write-baseline, not both")
    if output is not None and output.suffix.lower() == ".docx":
        raise click.UsageError("the eval report is markdown or JSON: use -o FILE.md or -o FILE.json")
    ds = resolve(dataset)
    if judge and ds.directory is not None:
        raise click.UsageError("--judge needs the Panel's comments: use it with --dataset panel")
    baseline_path = baseline_path or regression.default_path(ds.name)
    if baseline_path is None and (check or write_baseline):
        raise click.UsageError(
            "a folder dataset has no committed baseline: give --baseline FILE (written with --write-baseline)"
        )
    snapshot: BaselineSnapshot | None = None
    if check:
        assert baseline_path is not None
        snapshot = regression.load(baseline_path)
    elif not write_baseline and baseline_path is not None and baseline_path.is_file():
        try:
            snapshot = regression.load(baseline_path)
        except Exception as exc:  # a plain run should still run; --check reports this properly
            progress(f"note: baseline not used: {exc}")
    if snapshot is not None and snapshot.dataset != ds.name and not check:
        progress(f"note: baseline not used: {baseline_path} is for dataset '{snapshot.dataset}'")
        snapshot = None

    result = services.evaluate(
        dataset, provider=provider, baseline=snapshot, tolerance=tolerance, judge=judge, progress=progress
    )
    deltas = result.against_baseline
    if snapshot is not None:
        for warning in regression.drift_warnings(result, snapshot):
            progress(f"warning: {warning}")

    out_dir = report_dir or _report_dir(ds.name)
    out_dir.mkdir(parents=True, exist_ok=True)
    if isinstance(result, DevsetReport):
        markdown = report_labelled.markdown(result, deltas, tolerance)
    else:
        markdown = report.markdown(result, deltas, tolerance)
        write_output(report.chart_html(result), out_dir / "chart.html")
    write_output(markdown, out_dir / "report.md")
    write_output(emit_json(result), out_dir / "eval.json")
    if write_baseline:
        assert baseline_path is not None
        write_output(regression.dump(regression.snapshot(result)), baseline_path)
    write_output(emit_json(result) if fmt == "json" else markdown, output)

    if deltas is None:
        return
    for d in deltas:
        if d.status == "improved":
            progress(
                f"eval: {_line(d)}: more than the tolerance. If it is real, regenerate the baseline with "
                "--write-baseline; check it is not tuning to the examples (or to the dev set)."
            )
    failed = regression.failures(deltas)
    name = baseline_path.name if baseline_path else "the baseline"
    if check and failed:
        raise EvalRegression(
            f"eval --check: {len(failed)} gated metric(s) moved the wrong way by more than their tolerance "
            f"against {name}:\n  " + "\n  ".join(_line(d) for d in failed)
        )
    if check:
        progress(f"eval --check: no gated metric got worse by more than its tolerance against {name}")
