"""The labelled-folder eval (`--dataset devset` / `--dataset DIR`) as a markdown report. Metric rows,
labels and formats come from the metric registry; the table helpers are the panel report's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assistant.domain.evals import Breakdown, DevsetReport, MetricDelta
from assistant.evaluation import metrics
from assistant.evaluation.report import against_baseline, num, pct, provider_line, table


def _breakdown(title: str, rows: Sequence[Breakdown]) -> list[str]:
    lines = [f"### {title}", ""]
    return lines + table(
        ["group", "drafts", "agreed gaps", "TP/FP/FN", "P", "R", "F1", "FA/draft", "must-fix FA", "prior F1"],
        [
            [
                b.group,
                str(b.drafts),
                str(b.gold_gaps),
                f"{b.tp}/{b.fp}/{b.fn}",
                pct(b.precision),
                pct(b.recall),
                pct(b.f1),
                num(b.false_alarms_per_draft),
                str(b.must_fix_false_alarms),
                pct(b.prior_f1),
            ]
            for b in rows
        ],
    )


def _chronology(data: dict[str, Any]) -> list[str]:
    """A short section from chronology_eval's report (read defensively: it is another module's model)."""
    lines = ["## Chronologies (drafting from a chronology; `chronology_eval`)", ""]
    got, want = data.get("ages_found"), data.get("ages_expected")
    items = data.get("chronologies") or []
    lines.append(
        f"Subject child right: **{data.get('subject_child_right')}/{len(items)}**; exact number of entries: "
        f"**{data.get('exact_entries')}/{len(items)}**; stated ages found on the right row: **{got}/{want}**."
    )
    lines.append("")
    rows = []
    for c in items:
        ages = c.get("ages") or []
        rows.append(
            [
                str(c.get("file", "")),
                "yes" if c.get("child_ok") else "no",
                f"{c.get('found_entries')}/{c.get('expected_entries')}",
                f"{sum(bool(a.get('ok')) for a in ages)}/{len(ages)}",
                str(c.get("error") or ""),
            ]
        )
    if rows:
        lines += table(
            ["chronology", "subject child ok", "entries found/expected", "ages found/stated", "error"], rows
        )
    return lines


def markdown(
    report: DevsetReport, deltas: Sequence[MetricDelta] | None = None, tolerance: float = 0.05
) -> str:
    m, b, ag = report.metrics, report.baselines, report.agreement
    raters = (
        "two independent labellers"
        if ag.raters == 2
        else ("one labeller" if ag.drafts_with_two_raters == 0 else "one or two labellers")
    )
    lines = [
        f"# Rapid Review Assistant: evaluation on labelled drafts (`{report.dataset}`)",
        "",
        f"{report.drafts} drafts in `{report.directory}` by {len(report.writers)} writer(s) "
        f"({', '.join(report.writers)}), labelled by {raters}. Provider: {provider_line(report.provenance)}. Each "
        f"draft critiqued without retrieval (codes only). Run time: {report.timings.total_s:.1f} s.",
        "",
        f"> {report.independence_note}",
        "",
    ]
    if deltas is not None:
        path = "evals/baseline-devset.json" if report.dataset == "devset" else "the baseline file"
        lines += against_baseline(deltas, tolerance, path)

    must_fix = m.get("must_fix_false_alarms")
    lines += [
        "## Headline",
        "",
        f"**Must-fix false alarms: {metrics.REGISTRY['must_fix_false_alarms'].format(must_fix)}** over "
        f"{report.drafts} drafts (the tool telling an author that a minimum-record item is missing when the "
        "labellers agree it is there).",
        "",
    ]
    rows = []
    for spec in metrics.of(metrics.LABELLED):
        ci = report.uncertainty.get(spec.name)
        rows.append(
            [
                spec.label + (" (gated)" if metrics.LABELLED in spec.gated else ""),
                f"**{spec.format(m.get(spec.name))}**",
                *(spec.format(b[name].metrics.get(spec.name)) for name in ("prior", "checklist", "empty")),
                f"{pct(ci.low)}–{pct(ci.high)}" if ci else "",
            ]
        )
    lines += table(
        ["metric", "tool", "prior (text-blind)", "checklist", "empty", "tool 90% CI (bootstrap over drafts)"],
        rows,
    )
    gate = report.comparison
    lines.append(
        f"- The tool {'beats' if gate.clear else '**does not** beat'} the text-blind prior on F1 by a clear "
        f"margin: {pct(gate.tool)} vs {pct(gate.baseline)} (margin {num(gate.margin)}; clear is "
        f"{gate.clear_margin:.2f})."
    )
    lines.append(f"- Prior baseline: {report.prior_rule}")
    gold = (
        "the cells both labellers agree on (gap/gap or covered/covered; covered includes 'does not apply')"
        if ag.drafts_with_two_raters
        else "the labeller's gap and covered cells (covered includes 'does not apply')"
    )
    lines.append(
        f"- Gold: {gold}. A finding on a gold covered cell is a false alarm. Disagreements and 'unsure' are "
        "left out (below)."
    )
    for note in report.notes:
        if note not in (report.prior_rule, report.tier_rule):
            lines.append(f"- Note: {note}")
    lines.append("")

    lines += ["## Labeller agreement", ""]
    if ag.drafts_with_two_raters:
        lines.append(
            f"{ag.cells} cells ({report.drafts} drafts x {len(report.per_code)} codes): **{ag.agreed} agreed** "
            f"({ag.agreed_gap} gaps, {ag.agreed_covered} covered), **{ag.left_out} left out**, of which "
            f"{ag.direct_conflicts} direct gap-vs-covered conflict(s) and the rest involve 'unsure'. Cell "
            f"agreement {pct(ag.cell_agreement)}. Cohen's kappa per code (gap vs not gap, over drafts where both "
            f"said gap or covered): {num(ag.kappa_min)} to {num(ag.kappa_max)} over codes where it is defined "
            f"(undefined where both labellers never vary); pooled over all cells {num(ag.kappa_pooled)}."
        )
    else:
        lines.append(
            f"One labeller: {ag.agreed} cells in the gold ({ag.agreed_gap} gaps), {ag.left_out} 'unsure' left out."
        )
    lines.append("")
    lines += [
        f"- left out: {d.draft} {d.code}: {d.rater1} / {d.rater2 or '–'}{' (direct conflict)' if d.direct else ''}"
        for d in ag.disagreements
    ] or ["- none"]
    lines.append("")

    lines += ["## Breakdowns", "", report.tier_rule, ""]
    lines += _breakdown("By writer", report.by_writer)
    lines += _breakdown("By template (file format)", report.by_format)
    lines += _breakdown("By tier", report.by_tier)

    lines += ["## Per code", ""]
    lines += table(
        [
            "code",
            "severity",
            "agreed gap/covered/left out",
            "kappa",
            "TP/FP/FN",
            "P",
            "R",
            "F1",
            "prior TP/FP/FN",
        ],
        [
            [
                r.code,
                r.severity,
                f"{r.gold_gaps}/{r.gold_covered}/{r.left_out}",
                num(r.kappa),
                f"{r.tool.tp}/{r.tool.fp}/{r.tool.fn}",
                pct(r.tool.precision),
                pct(r.tool.recall),
                pct(r.tool.f1),
                f"{r.prior.tp}/{r.prior.fp}/{r.prior.fn}",
            ]
            for r in report.per_code.values()
        ],
    )

    lines += ["## Per draft", ""]
    lines += table(
        ["draft", "writer", "format", "tier", "agreed gaps", "raised", "F1", "misses", "false alarms"],
        [
            [
                d.draft,
                d.writer,
                d.format,
                d.tier,
                str(len(d.gold_gaps)),
                str(len(d.raised)),
                pct(d.f1),
                ", ".join(d.misses) or "–",
                ", ".join(c + (" (must-fix)" if c in d.must_fix_false_alarms else "") for c in d.false_alarms)
                or "–",
            ]
            for d in report.per_draft
        ],
    )

    severity = {code: r.severity for code, r in report.per_code.items()}
    for title, outcome in (
        ("Misses (agreed gaps not raised), with the labellers' notes", "fn"),
        ("False alarms (raised on agreed covered cells), with the labellers' notes", "fp"),
    ):
        cells = sorted(
            (c for c in report.cells if c.outcome == outcome),
            key=lambda c: (severity.get(c.code or "") != "must-fix", c.item),
        )
        lines += [f"## {title}", ""]
        lines += [f"- **{c.item}** ({severity.get(c.code or '', '')}) — {c.detail}" for c in cells] or [
            "- none"
        ]
        lines.append("")

    e = report.evidence
    lines += [
        "## Evidence: does the critique cite the passage the labels point to?",
        "",
        f"Findings on agreed gaps: **{e.findings_hit}/{e.findings_scored}** cite a span within {e.window} "
        f"characters of a phrase the labels quote (scored where the finding cites a span and the labels quote a "
        f"phrase found in the draft). Strengths on agreed covered cells: **{e.strengths_hit}/{e.strengths_scored}**. "
        f"Not scored: {e.no_evidence} findings citing no span (pure absences), {e.no_quote} on cells whose labels "
        f"quote nothing locatable. {e.false_alarms_near_label} false alarm(s) cite the passage the labels say "
        f"covers the code. Label phrases located in the drafts: {e.phrases_located}/{e.phrases} (matching ignores "
        "case, whitespace and markdown markup).",
        "",
    ]
    lines += [
        f"- miss: {c.draft} {c.code} ({c.kind}, {c.cell}): nearest span {c.distance} characters from "
        f"'{c.phrase}'"
        for c in e.checks
        if c.outcome == "miss"
    ]
    lines.append("")

    nr = report.national_reviews
    scored = [c for c in nr if c.hit is not None]
    lines += [
        "## National reviews",
        "",
        f"Where the critique raised NATIONAL_REVIEW_NOT_REFERENCED and some review applies, its suggestions "
        f"include an applicable one on **{sum(bool(c.hit) for c in scored)}/{len(scored)}** drafts "
        "(applicable = what both labellers say applies).",
        "",
    ]
    lines += table(
        ["draft", "agreed cell", "raised", "suggested", "applicable", "an applicable one suggested"],
        [
            [
                c.draft,
                c.gold,
                "yes" if c.raised else "no",
                ", ".join(c.suggested) or "–",
                ", ".join(c.applicable) or "–",
                "–" if c.hit is None else ("yes" if c.hit else "no"),
            ]
            for c in nr
        ],
    )

    if report.chronology is not None:
        lines += _chronology(report.chronology)

    t = report.timings
    lines += [
        "## Timings",
        "",
        f"load {t.load_s:.1f} s, critiques {t.critique_s:.1f} s, scoring {t.scoring_s:.1f} s"
        + (f" (chronologies {t.chronology_s:.1f} s)" if t.chronology_s is not None else "")
        + f", total {t.total_s:.1f} s.",
        "",
    ]
    return "\n".join(lines)
