"""The panel eval as a markdown report and as an HTML page with an inline-SVG chart (no plotting library).
Metric labels, formats and the headline rows come from the metric registry (`metrics.py`); the labelled
dataset's report is `report_labelled.py`, which shares the helpers here."""

from __future__ import annotations

import html
from collections.abc import Sequence

from assistant.domain.evals import PRF, EvalReport, Explanation, MetricDelta, Provenance
from assistant.evaluation import metrics

# Panel metrics scored by the suites rather than per example: shown in the tool column only.
SUITE_ONLY = ("metamorphic_pass_rate", "retrieval_recall_at_5", "retrieval_mrr")


def provider_line(p: Provenance) -> str:
    """Which provider wrote the critiques, and the remote model when there was one."""
    if p.model:
        return f"**{p.provider}** (remote model {p.model}; only redacted text was sent)"
    return f"**{p.provider}**" + (" (nothing left this machine)" if p.provider == "offline" else "")


def pct(v: float | None) -> str:
    return "–" if v is None else f"{v:.1%}"


def num(v: float | None) -> str:
    return "–" if v is None else f"{v:.2f}"


def _cell(v: float | None, name: str) -> str:
    return metrics.REGISTRY[name].format(v)


def against_baseline(deltas: Sequence[MetricDelta], tolerance: float, path: str) -> list[str]:
    """The --check table, for either dataset."""
    lines = [f"## Against {path} (tolerance {tolerance:.2f}; some metrics carry their own)", ""]
    rows = []
    for d in deltas:
        m = metrics.REGISTRY[d.metric]
        change = "–" if d.change is None else (f"{d.change:+.1%}" if m.fmt == "pct" else f"{d.change:+.2f}")
        better = "higher" if d.direction == "higher" else "lower"
        tol = "–" if d.tolerance is None else m.format(d.tolerance)
        rows.append([m.label, m.format(d.baseline), m.format(d.current), change, better, tol, d.status])
    return lines + table(["metric", "baseline", "this run", "change", "better", "tolerance", "status"], rows)


# The per-item metrics the withheld figures recompute (the suites are not per cell).
WITHHELD_ROWS = (
    "panel_gap_recall",
    "panel_hit_rate",
    "precision",
    "recall",
    "f1",
    "macro_f1",
    "false_alarms_per_draft",
    "must_fix_false_alarms",
    "strength_recall",
    "strength_recall_coded",
)
WITHHELD_HEADLINE = ("precision", "recall", "f1", "panel_gap_recall")


def withheld_section(report: EvalReport) -> list[str]:
    """Raw in-sample figures beside the same figures with each code withheld from its source example."""
    w, info = report.withheld, report.withholding
    if w is None or info is None:
        return []
    raw, held = report.metrics.model_dump(), w.model_dump()
    prior_raw = report.prior_baseline.metrics.model_dump() if report.prior_baseline else {}
    prior_held = info.prior.model_dump() if info.prior else {}
    lines = ["## In-sample figures with each code withheld from its source example", "", info.note, ""]
    rows = []
    for name in WITHHELD_HEADLINE:
        spec = metrics.REGISTRY[name]
        a, b = raw.get(name), held.get(name)
        change = "–" if a is None or b is None else f"{(b - a) * 100:+.1f} points"
        rows.append(
            [
                spec.label,
                f"**{spec.format(a)}**",
                f"**{spec.format(b)}**",
                change,
                spec.format(prior_raw.get(name)),
                spec.format(prior_held.get(name)),
            ]
        )
    lines += table(["metric", "in-sample (raw)", "withheld", "change", "prior, raw", "prior, withheld"], rows)
    pairs = sum(len(v) for v in info.codes.values())
    lines.append(
        f"Withheld: {len(info.codes)} codes on {pairs} (code, example) pairs: "
        + "; ".join(f"{code} on {', '.join(map(str, ex))}" for code, ex in info.codes.items())
        + f". That leaves out {info.cells} presence cell(s) and {info.gap_points} coded Panel gap point(s)."
    )
    lines.append("")
    return lines


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in r) + " |" for r in rows]
    return [*out, ""]


def _prf(p: PRF) -> str:
    return f"{pct(p.precision)} / {pct(p.recall)}"


def _cells_of(report: EvalReport, outcome: str) -> list[Explanation]:
    cells = [e for e in report.scores["precision"].explanations + report.scores["recall"].explanations]
    seen, out = set(), []
    for c in cells:
        if c.outcome == outcome and c.item not in seen:
            seen.add(c.item)
            out.append(c)
    groups = {code: r.group for code, r in report.per_code.items()}

    def weight(c: Explanation) -> tuple[int, int, str]:
        commented = any(
            e.code == c.code and e.example == c.example
            for e in report.scores["panel_gap_recall"].explanations
        )
        return (0 if groups.get(c.code or "") == "minimum_record" else 1, 0 if commented else 1, c.item)

    return sorted(out, key=weight)


def markdown(report: EvalReport, deltas: Sequence[MetricDelta] | None = None, tolerance: float = 0.05) -> str:
    m = report.metrics
    b = report.baselines
    c = report.comparison
    lines = [
        "# Rapid Review Assistant: offline evaluation against the Panel",
        "",
        f"Leave-one-out: **{str(report.leave_one_out).lower()}** (each example critiqued with its own Panel "
        f"comments out of retrieval). Provider: {provider_line(report.provenance)}. Run time: "
        f"{report.timings.total_s:.1f} s. Similarity thresholds: gap {report.calibration.gap.value:.2f}, strength "
        f"{report.calibration.strength.value:.2f}"
        + (
            " (pinned from evals/baseline.json)."
            if report.calibration.gap.pinned
            else " (calibrated this run)."
        ),
        "",
        f"> {report.tuning.in_sample_note}",
        "",
    ]
    if deltas is not None:
        lines += against_baseline(deltas, tolerance, "evals/baseline.json")
    lines += ["## Headline metrics, side by side with the baselines", ""]
    prior = report.prior_baseline.metrics.model_dump() if report.prior_baseline else {}
    held = report.withheld.model_dump() if report.withheld else {}
    rows = []
    for spec in metrics.of(metrics.PANEL):
        key = spec.name
        label = spec.label + (" (gated)" if metrics.PANEL in spec.gated else "")
        if key in SUITE_ONLY:
            rows.append([label, f"**{_cell(getattr(m, key), key)}**", "", "", "", "", "", ""])
            continue
        ci = report.uncertainty.get(key)
        rows.append(
            [
                label,
                f"**{_cell(getattr(m, key), key)}**",
                _cell(held.get(key), key) if key in WITHHELD_ROWS else "",
                _cell(getattr(b["checklist"].metrics, key), key),
                _cell(getattr(b["empty"].metrics, key), key),
                _cell(getattr(b["shuffle"].metrics, key), key),
                _cell(prior.get(key), key) if prior else "",
                f"{pct(ci.low)}–{pct(ci.high)}" if ci else "",
            ]
        )
    lines += table(
        [
            "metric",
            "tool",
            "tool, each code withheld from its source example",
            "checklist",
            "empty",
            "shuffle",
            "prior (text-blind)",
            "tool 90% CI (bootstrap)",
        ],
        rows,
    )
    lines += [
        "**These tool figures are in-sample** (the rules were written with these five examples in view; see "
        "the note above). The out-of-sample measurement is `rapid-review eval --dataset devset`.",
        "",
    ]
    lines += withheld_section(report)
    gate = c.margin_gate
    verdict = (
        f"The tool beats the text-blind prior on F1 by **{(gate.margin or 0) * 100:.1f} points** "
        f"({pct(gate.tool)} vs {pct(gate.baseline)}; a clear margin is {gate.clear_margin * 100:.0f})."
        if gate.clear
        else f"The tool does **not** beat the text-blind prior on F1 by a clear margin "
        f"(margin {num(gate.margin)}; {pct(gate.tool)} vs {pct(gate.baseline)}; clear is "
        f"{gate.clear_margin * 100:.0f} points)."
    )
    drops = ", ".join(f"{k} {num(v)}" for k, v in c.shuffle_drop.items())
    lines += [
        f"- {verdict}",
        f"- Precision against the constant checklist: {pct(m.precision)} vs "
        f"{pct(b['checklist'].metrics.precision)} (margin {num(c.precision_margin_over_checklist)}).",
        f"- Shuffle control {'collapsed' if c.shuffle_collapsed else '**did not collapse**'}: tool minus "
        f"shuffle = {drops}. The shuffle cannot reach 0: the same gaps (ethnicity, disability, gender up "
        "front) recur across examples, so a critique of the wrong review is still partly right.",
        f"- Anchor: {c.liang_anchor}",
        "",
    ]
    for note in report.notes[1:]:
        lines.append(f"- Note: {note}")
    lines.append("")

    t = report.tuning
    lines += [
        "## Tuning signals",
        "",
        f"- Recall on real gaps the Panel commented on: **{pct(t.recall_panel_commented)}** "
        f"({t.commented_cells} cells); on real gaps the Panel was silent on: **{pct(t.recall_panel_silent)}** "
        f"({t.silent_cells} cells). A large gap between the two says the rules follow the Panel's comments "
        "more than the expectations behind them.",
        f"- One presence cell moves precision by {pct(t.one_cell_moves_precision_by)}; the --check tolerance "
        "should not be tighter than one or two cells.",
        f"- Retrieval queries lifted from one Panel comment (>= half their word trigrams): {len(t.lifted_queries)} "
        f"of {len(t.provenance)} ({', '.join(t.lifted_queries) or 'none'}). recall@5 without counting the "
        f"comment a query was copied from: {pct(report.retrieval.recall_at_5_unlifted)} "
        f"(MRR {num(report.retrieval.mrr_unlifted)}, {report.retrieval.eligible_unlifted} points).",
        f"- Message templates lifted the same way: {', '.join(t.lifted_messages) or 'none'}.",
        "",
    ]

    lines += ["## Per code (tool against the presence matrix, with the baselines)", ""]
    rows = []
    for code, r in report.per_code.items():
        applicable = 5 - len(r.not_applicable_in)
        rows.append(
            [
                code,
                r.group.replace("_", " "),
                f"{len(r.present_in)}/{applicable}",
                ",".join(map(str, r.raised_in)) or "–",
                f"{r.tool.tp}/{r.tool.fp}/{r.tool.fn}",
                pct(r.tool.precision),
                pct(r.tool.recall),
                pct(r.tool.f1),
                _prf(r.checklist),
                _prf(r.shuffle),
                f"{r.panel_gap_points_raised}/{r.panel_gap_points}" if r.panel_gap_points else "–",
                r.metamorphic or "–",
                r.retrieval_hits or "–",
            ]
        )
    lines += table(
        [
            "code",
            "group",
            "real gaps",
            "raised in",
            "TP/FP/FN",
            "P",
            "R",
            "F1",
            "checklist P/R",
            "shuffle P/R",
            "Panel pts raised",
            "metamorphic",
            "retrieval@5",
        ],
        rows,
    )

    lines += ["## Per example", ""]
    rows = [
        [
            f"{e.example}: {e.title}",
            str(len(e.findings)),
            pct(e.panel_gap_recall),
            pct(e.panel_hit_rate),
            pct(e.precision),
            pct(e.recall),
            pct(e.f1),
            pct(e.strength_recall),
            ", ".join(e.misses) or "–",
            ", ".join(e.false_alarms) or "–",
            ",".join(map(str, e.retrieved_examples)),
        ]
        for e in report.per_example
    ]
    lines += table(
        [
            "example",
            "findings",
            "gap recall",
            "hit rate",
            "P",
            "R",
            "F1",
            "strength recall",
            "misses",
            "false alarms",
            "comments from",
        ],
        rows,
    )

    lines += ["## Worst misses (real gaps not raised), with the labeller's notes", ""]
    misses = _cells_of(report, "fn")
    lines += [f"- **{c.item}** — {c.detail}" for c in misses] or ["- none"]
    lines += ["", "## False alarms (raised, but the example covers it), with the labeller's notes", ""]
    alarms = _cells_of(report, "fp")
    lines += [f"- **{c.item}** — {c.detail}" for c in alarms] or ["- none"]
    lines += ["", "## Panel gap points missed", ""]
    lines += [
        f"- {e.item}{' (' + e.code + ')' if e.code else ' (uncoded)'}: {e.detail}"
        for e in report.scores["panel_hit_rate"].explanations
        if e.outcome == "miss"
    ] or ["- none"]
    lines.append("")

    mm = report.metamorphic
    lines += [
        "## Metamorphic suite (minimum-record codes)",
        "",
        f"Pass rate **{pct(mm.pass_rate)}** ({mm.passed}/{mm.run}; remove {mm.by_direction.get('remove')}, "
        f"add {mm.by_direction.get('add')}; {mm.skipped} skipped).",
        "",
    ]
    failed = [x for x in mm.cases if x.passed is False]
    lines += [f"- FAIL ex{x.example} {x.code} ({x.direction}): {x.edit} -> {x.after}" for x in failed] or [
        "- no failures"
    ]
    lines += [f"- skipped ex{x.example} {x.code}: {x.edit}" for x in mm.cases if x.passed is None]
    lines.append("")

    rv = report.retrieval
    lines += [
        "## Retrieval (leave-one-out, Panel comments only)",
        "",
        f"recall@5 **{pct(rv.recall_at_5)}**, MRR **{num(rv.mrr)}** over {rv.eligible} coded Panel gap points; "
        f"{rv.excluded} excluded because no other example has a comment with their code "
        f"({', '.join(rv.excluded_codes) or 'none'}). Leave-one-out violations in the critiques: "
        f"{rv.leave_one_out_violations}.",
        "",
    ]
    lines += [
        f"- miss: {p.point} {p.code}: top 5 {', '.join(p.retrieved[:5])}; relevant {', '.join(p.relevant)}"
        for p in rv.points
        if p.eligible and (p.rank is None or p.rank > 5)
    ]
    lines.append("")

    lines += ["## Similarity thresholds", ""]
    for th in (report.calibration.gap, report.calibration.strength):
        lines.append(
            f"- **{th.kind}**: {th.value:.2f}{' (pinned)' if th.pinned else ''}; this run's calibration "
            f"{th.calibrated:.2f}. {th.positives} matching vs {th.negatives} non-matching pairs; AUC "
            f"{num(th.auc)}; at the threshold, pair precision {pct(th.pair_precision)}, pair recall "
            f"{pct(th.pair_recall)}. Quantiles (0/10/25/50/75/90/100%) matching {th.positive_quantiles}, "
            f"non-matching {th.negative_quantiles}. Held-out choices: "
            + ", ".join(f"{k} {v:.2f}" for k, v in th.held_out.items())
            + "."
        )
    lines += [f"- Method: {report.calibration.gap.method}.", f"- Anchor: {report.calibration.anchor}.", ""]

    if report.judge is not None:
        j = report.judge
        lines += [
            "## LLM judge (MARG-style stable matching)",
            "",
            f"Model {j.model}, {j.rounds} shuffled rounds, kept matches seen in >= {j.min_agreement}: hit rate "
            f"**{pct(j.hit_rate)}**, finding precision **{pct(j.finding_precision)}**; "
            f"{len(j.stable_matches)} stable, {j.unstable_matches} dropped; {j.cache_hits} cached rounds.",
            "",
        ]
    tm = report.timings
    lines += [
        "## Timings",
        "",
        f"index {tm.index_s:.1f} s, critiques {tm.critique_s:.1f} s, scoring {tm.scoring_s:.1f} s, metamorphic "
        f"{tm.metamorphic_s:.1f} s, retrieval {tm.retrieval_s:.1f} s, total {tm.total_s:.1f} s.",
        "",
    ]
    return "\n".join(lines)


# ----------------------------------------------------------------------------------- HTML chart

SERIES = (("tool", "#1f5fa8"), ("checklist", "#9a9a9a"), ("shuffle", "#e08a1e"))
BAR_H, GAP, LABEL_W, PANEL_W, PAD = 7, 6, 250, 260, 20


def _bars(report: EvalReport, field: str, x0: int, y0: int) -> list[str]:
    out = []
    y = y0
    for r in report.per_code.values():
        for name, colour in SERIES:
            prf: PRF = getattr(r, name)
            v = getattr(prf, field)
            if v is None:
                out.append(f'<text x="{x0 + 3}" y="{y + BAR_H - 1}" font-size="7" fill="{colour}">n/a</text>')
            else:
                w = max(1.0, v * PANEL_W)
                out.append(
                    f'<rect x="{x0}" y="{y}" width="{w:.1f}" height="{BAR_H - 1}" fill="{colour}">'
                    f"<title>{html.escape(r.code)} {name} {field} {v:.1%}</title></rect>"
                )
            y += BAR_H
        y += GAP
    return out


def chart_svg(report: EvalReport) -> str:
    n = len(report.per_code)
    row_h = BAR_H * len(SERIES) + GAP
    height = PAD * 3 + n * row_h + 30
    width = LABEL_W + 2 * (PANEL_W + PAD) + PAD
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" role="img" '
        'aria-label="Per-code precision and recall of the tool against the checklist and shuffle baselines">'
    ]
    top = PAD * 2 + 10
    for i, (title, field) in enumerate((("Precision", "precision"), ("Recall", "recall"))):
        x0 = LABEL_W + i * (PANEL_W + PAD)
        parts.append(f'<text x="{x0}" y="{PAD + 4}" font-size="13" font-weight="bold">{title}</text>')
        for tick in (0, 0.25, 0.5, 0.75, 1.0):
            x = x0 + tick * PANEL_W
            parts.append(
                f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{top + n * row_h}" stroke="#e4e4e4"/>'
                f'<text x="{x:.1f}" y="{top - 6}" font-size="8" text-anchor="middle">{tick:.0%}</text>'
            )
        parts += _bars(report, field, x0, top)
    y = top
    for r in report.per_code.values():
        parts.append(
            f'<text x="{LABEL_W - 6}" y="{y + row_h / 2}" font-size="9" text-anchor="end">{html.escape(r.code)}</text>'
        )
        y += row_h
    lx = LABEL_W
    for name, colour in SERIES:
        parts.append(
            f'<rect x="{lx}" y="{height - 18}" width="10" height="8" fill="{colour}"/>'
            f'<text x="{lx + 14}" y="{height - 11}" font-size="10">{name}</text>'
        )
        lx += 90
    parts.append("</svg>")
    return "".join(parts)


def chart_html(report: EvalReport) -> str:
    m, b = report.metrics, report.baselines
    rows = "".join(
        f"<tr><td>{html.escape(spec.label)}</td><td><b>{_cell(getattr(m, spec.name), spec.name)}</b></td>"
        f"<td>{_cell(getattr(b['checklist'].metrics, spec.name), spec.name)}</td>"
        f"<td>{_cell(getattr(b['empty'].metrics, spec.name), spec.name)}</td>"
        f"<td>{_cell(getattr(b['shuffle'].metrics, spec.name), spec.name)}</td></tr>"
        for spec in metrics.of(metrics.PANEL)
        if spec.name not in SUITE_ONLY
    )
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Rapid Review Assistant eval</title>"
        "<style>body{font-family:sans-serif;margin:24px;max-width:1000px}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child{text-align:left}</style>"
        "</head><body><h1>Per-code precision and recall against the baselines</h1>"
        f"<p>Leave-one-out run, {report.timings.total_s:.1f} s. {html.escape(report.tuning.in_sample_note)}</p>"
        "<table><tr><th>metric</th><th>tool</th><th>checklist</th><th>empty</th><th>shuffle</th></tr>"
        f"{rows}</table><p></p>{chart_svg(report)}"
        "<p>Bars are per finding code against the presence matrix (examples where the code is 'na' left out); "
        "'n/a' = precision undefined because the code was never raised. Shuffle = the four cyclic derangements "
        "pooled.</p></body></html>\n"
    )
