"""`eval`: offline regression eval of the critique against what the Panel actually wrote."""

from __future__ import annotations

from pathlib import Path

import click

from assistant.cli.app import (
    cli,
    emit_json,
    format_option,
    output_option,
    progress,
    provider_option,
    write_output,
)
from assistant.domain.evals import MetricDelta
from assistant.evaluation import regression, report
from assistant.settings import REPO_ROOT

DEFAULT_REPORT_DIR = REPO_ROOT / "evals" / "results"


class EvalRegression(click.ClickException):
    """A headline metric fell by more than the tolerance (exit 1)."""

    exit_code = 1


def _line(d: MetricDelta) -> str:
    if d.status == "missing":
        return f"{d.metric}: was {d.baseline:.3f}, now has no value"
    assert d.change is not None and d.baseline is not None and d.current is not None
    verb = "fell" if d.change < 0 else "rose"
    return f"{d.metric} {verb} by {abs(d.change):.3f} ({d.baseline:.3f} -> {d.current:.3f})"


@cli.command("eval")
@format_option
@output_option
@provider_option
@click.option("--check", is_flag=True, help="Compare with the baseline; exit 1 if a headline metric fell.")
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=regression.BASELINE_PATH,
    show_default="evals/baseline.json",
    help="Committed snapshot of the headline metrics.",
)
@click.option(
    "--tolerance",
    type=click.FloatRange(0, 1),
    default=regression.DEFAULT_TOLERANCE,
    show_default=True,
    help="How far (absolute, 0-1) a headline metric may fall before --check fails.",
)
@click.option(
    "--report-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_REPORT_DIR,
    show_default="evals/results",
    help="Where report.md, eval.json and chart.html (inline-SVG chart) are written.",
)
@click.option(
    "--judge", is_flag=True, help="Also run the LLM judge (needs RRA_LLM_BASE_URL and RRA_LLM_MODEL)."
)
@click.option(
    "--write-baseline",
    is_flag=True,
    help="Recalibrate the thresholds and write this run's headline metrics to the baseline file.",
)
def eval_(
    fmt: str,
    output: Path | None,
    provider: str | None,
    check: bool,
    baseline_path: Path,
    tolerance: float,
    report_dir: Path,
    judge: bool,
    write_baseline: bool,
) -> None:
    """Score the critique against the Panel's comments and the presence matrix, leave-one-out, with the
    checklist, empty and shuffle baselines, the metamorphic suite and the retrieval check. Offline."""
    if check and write_baseline:
        raise click.UsageError("use --check or --write-baseline, not both")
    if output is not None and output.suffix.lower() == ".docx":
        raise click.UsageError("the eval report is markdown or JSON: use -o FILE.md or -o FILE.json")
    snapshot = None
    if check:
        snapshot = regression.load(baseline_path)
    elif not write_baseline and baseline_path.is_file():
        try:
            snapshot = regression.load(baseline_path)
        except Exception as exc:  # a plain run should still run; --check reports this properly
            progress(f"note: baseline not used: {exc}")
    from assistant.evaluation.runner import run_eval  # heavy (embeddings, chromadb): only when running

    result = run_eval(
        progress=progress,
        provider=provider,
        pinned=snapshot.thresholds if snapshot else None,
        judge=judge,
    )
    deltas = None
    if snapshot is not None:
        deltas = regression.compare(result, snapshot, tolerance)
        result = result.model_copy(update={"against_baseline": deltas, "tolerance": tolerance})
        for warning in regression.drift_warnings(result, snapshot):
            progress(f"warning: {warning}")

    markdown = report.markdown(result, deltas, tolerance)
    report_dir.mkdir(parents=True, exist_ok=True)
    write_output(markdown, report_dir / "report.md")
    write_output(emit_json(result), report_dir / "eval.json")
    write_output(report.chart_html(result), report_dir / "chart.html")
    if write_baseline:
        write_output(regression.dump(regression.snapshot(result)), baseline_path)
    write_output(emit_json(result) if fmt == "json" else markdown, output)

    if deltas is None:
        return
    for d in deltas:
        if d.status == "improved":
            progress(
                f"eval: {_line(d)}: more than the tolerance. If it is real, regenerate the baseline with "
                "--write-baseline; with five in-sample examples, check it is not tuning to them."
            )
    failed = regression.failures(deltas)
    if check and failed:
        raise EvalRegression(
            f"eval --check: {len(failed)} headline metric(s) fell by more than {tolerance:.2f} against "
            f"{baseline_path.name}:\n  " + "\n  ".join(_line(d) for d in failed)
        )
    if check:
        progress(f"eval --check: no headline metric fell by more than {tolerance:.2f}")
