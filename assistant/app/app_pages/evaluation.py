"""Evaluation dashboard: the offline eval of the critique on the Panel's examples (in-sample), the dev set
or the fresh set (out-of-sample), through `services.evaluate`, with the registry's headline metrics, the
baselines, breakdowns and the labellers' agreement."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import streamlit as st

from assistant import services
from assistant.app import actions, components
from assistant.app.components import md_escape
from assistant.app.state import init_state
from assistant.domain.evals import DevsetReport, EvalReport, MetricInfo
from assistant.errors import RRAError

init_state()
state = st.session_state

# The headline metrics, in this order, for each kind of dataset (labels and formats from the registry).
Kind = Literal["panel", "labelled"]  # the Panel's examples, or drafts with labels
PANEL: Kind = "panel"
LABELLED: Kind = "labelled"
HEADLINE = {
    PANEL: ("f1", "false_alarms_per_draft", "must_fix_false_alarms", "panel_gap_recall"),
    LABELLED: ("f1", "false_alarms_per_draft", "must_fix_false_alarms", "recall"),
}
ABOUT = {
    "panel": "The Panel's five published examples, each critiqued with its own Panel comments left out of "
    "retrieval (leave-one-out) and scored against the Panel's points and a presence matrix of real gaps. "
    "**In-sample**: the rules were written with these examples in view.",
    "devset": "24 fictional drafts by three writers who never saw the tool, each labelled by its writer and by "
    "a second, independent labeller; scored on the cells both agree on. **Out-of-sample** while nobody tunes "
    "the rules to it.",
    "fresh": "Eight fictional drafts by a writer who never saw the rules, labelled by that writer alone (the "
    "gold is that labeller's gap and covered cells). **Out-of-sample**.",
}


# Each number in one plain sentence, for people who do not evaluate tools for a living.
PLAIN = {
    "panel_gap_recall": "Of the gaps the Panel itself pointed out in its examples, the share the feedback also raised.",
    "panel_hit_rate": "Of everything the Panel criticised in its examples, the share some point of the feedback matched.",
    "precision": "When the feedback says something is missing, how often it really is missing.",
    "recall": "Of the things really missing from the drafts, the share the feedback pointed out.",
    "f1": "One score that balances the two above: high only when the feedback is both right and thorough.",
    "macro_f1": "The same balance, worked out for each kind of gap and then averaged, so rare gaps count equally.",
    "false_alarms_per_draft": "How many times per draft the feedback says something is missing when it is there.",
    "must_fix_false_alarms": "How many of those false alarms wrongly told an author the minimum record was incomplete.",
    "strength_recall": "Of the strengths the Panel praised, the share the feedback also named.",
    "strength_recall_coded": "The same, counting only strengths that map to a named check.",
    "findings_per_example": "How many points the feedback makes on each of the Panel's examples, on average.",
    "findings_per_draft": "How many points the feedback makes on each draft, on average.",
    "evidence_hit_rate": "How often a point quotes the very passage a careful reader pointed to.",
    "strength_evidence_hit_rate": "How often a strength quotes the passage a careful reader pointed to.",
    "national_review_hit_rate": "When a national review applies to a case, how often the feedback suggests one that does.",
    "metamorphic_pass_rate": "When we delete or add one fact in a draft, how often the feedback changes as it should.",
    "retrieval_recall_at_5": "How often one of the five similar Panel comments shown is really about the same gap.",
    "retrieval_mrr": "How near the top of the list the right Panel comment comes (1 means always first).",
}
TERMS = {
    "In-sample": "the checks were written with these drafts in view, so scores here flatter the tool.",
    "Out-of-sample": "drafts written by people who never saw the checks, a fairer test.",
    "Presence matrix": "a table saying, for each draft and each kind of gap, whether a careful reader found the gap.",
    "Leave-one-out": "each example is checked with its own Panel comments hidden, so it cannot copy them.",
    "Text-blind prior": "a baseline that never reads the draft and raises the gaps most other drafts have; "
    "the tool must beat it.",
    "Shuffle control": "the feedback on a different draft, scored as if it were this one; good scores must collapse.",
}


def fmt(name: str, value: float | None) -> str:
    return services.format_metric(name, value)


def spec_of(name: str) -> MetricInfo:
    """A metric's label, definition, format and direction (the same for both kinds of dataset)."""
    for kind in (PANEL, LABELLED):
        for info in services.eval_metrics(kind):
            if info.name == name:
                return info
    raise KeyError(name)


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def num(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def versus(name: str, tool: float | None, other: float | None, what: str) -> str | None:
    if tool is None or other is None:
        return None
    change = tool - other
    if spec_of(name).format == "pct":
        return f"{change * 100:+.1f} points vs {what}"
    return f"{change:+.2f} vs {what}"


def headline(kind: Kind, tool: dict[str, Any], prior: dict[str, Any]) -> None:
    cols = st.columns(len(HEADLINE[kind]))
    for col, name in zip(cols, HEADLINE[kind], strict=True):
        spec = spec_of(name)
        col.metric(
            spec.label,
            fmt(name, tool.get(name)),
            delta=versus(name, tool.get(name), prior.get(name), "the text-blind prior"),
            delta_color="normal" if spec.direction == "higher" else "inverse",
            help=PLAIN.get(name, spec.description),
        )
        col.caption(md_escape(PLAIN.get(name, "")))


def metric_table(
    kind: Kind,
    tool: dict[str, Any],
    columns: dict[str, dict[str, Any]],
    report: EvalReport | DevsetReport,
) -> None:
    saved = {d.metric: d for d in report.against_baseline or []}
    rows = []
    for spec in services.eval_metrics(kind):
        row = {
            "Metric": spec.label,
            "What it means": PLAIN.get(spec.name, spec.description),
            "Gated": "yes" if spec.gated else "",
            "Tool": fmt(spec.name, tool.get(spec.name)),
        }
        for title, values in columns.items():
            row[title] = fmt(spec.name, values.get(spec.name)) if values else "—"
        if saved:
            against = saved.get(spec.name)
            row["Saved baseline"] = fmt(spec.name, against.baseline) if against else "—"
            row["Change"] = (
                f"{against.change:+.3f} ({against.status})" if against and against.change is not None else "—"
            )
        rows.append(row)
    st.dataframe(rows, hide_index=True, width="stretch")


def margin(report: EvalReport | DevsetReport) -> str:
    gate = report.comparison.margin_gate if isinstance(report, EvalReport) else report.comparison
    return (
        f"F1 against the text-blind prior (a code raised where it is a gap in most other "
        f"{'examples' if isinstance(report, EvalReport) else 'drafts'}): {pct(gate.tool)} vs {pct(gate.baseline)}, "
        f"margin **{pct(gate.margin)}** ({'a clear margin' if gate.clear else 'not a clear margin'}; clear is "
        f"{pct(gate.clear_margin)})."
    )


# ----------------------------------------------------------------------------------------------- the panel


def show_panel(report: EvalReport) -> None:
    st.warning(md_escape(report.tuning.in_sample_note), icon=":material/warning:")
    st.header("Headline metrics against the baselines")
    tool = report.metrics.model_dump()
    prior = report.prior_baseline.metrics.model_dump() if report.prior_baseline else {}
    headline(PANEL, tool, prior)
    columns = {"Withheld": report.withheld.model_dump() if report.withheld else {}}
    columns["Prior (text-blind)"] = prior
    columns.update({key.capitalize(): b.metrics.model_dump() for key, b in report.baselines.items()})
    metric_table(PANEL, tool, columns, report)
    comparison = report.comparison
    st.markdown(
        f"- {margin(report)}\n"
        f"- Precision margin over the checklist: {pct(comparison.precision_margin_over_checklist)}.\n"
        f"- Shuffle control: {'scores collapse' if comparison.shuffle_collapsed else 'scores do not collapse'} "
        "when the critique of another example is scored, so the scores depend on reading the right draft.\n"
        f"- {md_escape(comparison.liang_anchor)}"
    )
    for note in report.notes:
        if note != report.tuning.in_sample_note:
            st.caption(md_escape(note))

    if report.withheld is not None and report.withholding is not None:
        held, info = report.withheld.model_dump(), report.withholding
        held_prior = info.prior.model_dump() if info.prior else {}
        st.header("With each code withheld from its source example")
        st.markdown(md_escape(info.note))
        st.dataframe(
            [
                {
                    "Metric": spec_of(name).label,
                    "In-sample (raw)": fmt(name, tool.get(name)),
                    "Withheld": fmt(name, held.get(name)),
                    "Prior, raw": fmt(name, prior.get(name)),
                    "Prior, withheld": fmt(name, held_prior.get(name)),
                }
                for name in ("precision", "recall", "f1", "panel_gap_recall")
            ],
            hide_index=True,
            width="stretch",
        )
        st.caption(
            md_escape(
                f"Left out: {info.cells} presence cells and {info.gap_points} coded Panel gap points. "
                + "; ".join(f"{code} on example {', '.join(map(str, ex))}" for code, ex in info.codes.items())
                + "."
            )
        )

    st.header("Per finding code")
    # Told apart by words and line style as well as colour: each bar is labelled with its outcome and the
    # three outcomes have solid, dashed and dotted outlines (colour alone fails one reader in twelve).
    outcomes = {
        "Raised, and a real gap": ("tp", "#2e7d32", "real gap", []),
        "Raised, but covered (false alarm)": ("fp", "#c62828", "false alarm", [6, 3]),
        "Real gap, not raised (miss)": ("fn", "#8a6100", "miss", [2, 2]),
    }
    chart_rows = [
        {"Code": code, "Outcome": outcome, "Short": short, "Examples": getattr(result.tool, field)}
        for code, result in report.per_code.items()
        for outcome, (field, _, short, _) in outcomes.items()
    ]
    encoding = {
        "y": {"field": "Code", "type": "nominal", "sort": None, "axis": {"labelLimit": 400}},
        "yOffset": {"field": "Outcome", "sort": list(outcomes)},
        "x": {"field": "Examples", "type": "quantitative", "axis": {"tickMinStep": 1}},
    }
    st.vega_lite_chart(
        spec={
            "data": {"values": chart_rows},
            "layer": [
                {
                    "mark": {"type": "bar", "strokeWidth": 2, "stroke": "#1f1f1f"},
                    "encoding": {
                        **encoding,
                        "color": {
                            "field": "Outcome",
                            "type": "nominal",
                            "scale": {"domain": list(outcomes), "range": [o[1] for o in outcomes.values()]},
                            "legend": {"orient": "bottom", "title": None, "labelLimit": 400},
                        },
                        "strokeDash": {
                            "field": "Outcome",
                            "type": "nominal",
                            "scale": {"domain": list(outcomes), "range": [o[3] for o in outcomes.values()]},
                            "legend": None,
                        },
                        "tooltip": [
                            {"field": "Code", "type": "nominal"},
                            {"field": "Outcome", "type": "nominal"},
                            {"field": "Examples", "type": "quantitative"},
                        ],
                    },
                },
                {
                    "transform": [{"filter": "datum.Examples > 0"}],
                    "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 11, "color": "#1f1f1f"},
                    "encoding": {**encoding, "text": {"field": "Short"}},
                },
            ],
        },
        width="stretch",
        height=max(420, 48 * len(report.per_code) + 80),
        alt="Bar chart: for each finding code, in how many examples it was raised for a real gap, raised "
        "although covered, or missed; each bar is labelled with its outcome. The table below gives the same "
        "figures.",
    )
    st.dataframe(
        [
            {
                "Code": code,
                "Title": result.title,
                "Real gap in": ", ".join(map(str, result.present_in)) or "—",
                "Raised in": ", ".join(map(str, result.raised_in)) or "—",
                "Precision": pct(result.tool.precision),
                "Recall": pct(result.tool.recall),
                "Checklist precision": pct(result.checklist.precision),
            }
            for code, result in report.per_code.items()
        ],
        hide_index=True,
        width="stretch",
    )

    st.header("Per example")
    for ex in report.per_example:
        with st.expander(f"Example {ex.example}: {md_escape(ex.title)}"):
            cols = st.columns(4)
            cols[0].metric("Panel gap recall", pct(ex.panel_gap_recall))
            cols[1].metric("Precision", pct(ex.precision))
            cols[2].metric("Recall", pct(ex.recall))
            cols[3].metric("Strength recall", pct(ex.strength_recall))
            st.markdown(
                f"**Raised:** {md_escape(', '.join(ex.findings) or 'nothing')}  \n"
                f"**Missed:** {md_escape(', '.join(ex.misses) or 'nothing')}  \n"
                f"**False alarms:** {md_escape(', '.join(ex.false_alarms) or 'none')}  \n"
                f"**Strengths reported:** {md_escape(', '.join(ex.strengths) or 'none')}  \n"
                f"**Panel comments attached came from examples:** "
                f"{md_escape(', '.join(map(str, ex.retrieved_examples)) or 'none')}"
            )


# ---------------------------------------------------------------------------------------- labelled drafts


def show_labelled(report: DevsetReport) -> None:
    st.info(md_escape(report.independence_note), icon=":material/info:")
    st.header("Headline metrics against the baselines")
    tool = dict(report.metrics)
    prior = dict(report.baselines["prior"].metrics) if "prior" in report.baselines else {}
    headline(LABELLED, tool, prior)
    columns = {
        ("Prior (text-blind)" if name == "prior" else name.capitalize()): dict(b.metrics)
        for name, b in report.baselines.items()
    }
    metric_table(LABELLED, tool, columns, report)
    st.markdown(f"- {margin(report)}\n- {md_escape(report.prior_rule)}")
    for note in report.notes:
        if note not in (report.prior_rule, report.tier_rule):
            st.caption(md_escape(note))

    st.header("Labeller agreement")
    ag = report.agreement
    if ag.drafts_with_two_raters:
        cols = st.columns(4)
        cols[0].metric("Cells agreed", f"{ag.agreed} of {ag.cells}")
        cols[1].metric("Cell agreement", pct(ag.cell_agreement))
        cols[2].metric("Cohen's kappa, pooled", num(ag.kappa_pooled))
        cols[3].metric("Left out of the gold", str(ag.left_out))
        st.markdown(
            f"The gold is the cells both labellers agree on ({ag.agreed_gap} gaps, {ag.agreed_covered} covered). "
            f"Left out: {ag.left_out} cells, of which {ag.direct_conflicts} direct gap-vs-covered conflict(s) and "
            f"the rest involve 'unsure'. Kappa per code ranges from {num(ag.kappa_min)} to {num(ag.kappa_max)} "
            "where it is defined."
        )
    else:
        st.markdown(
            f"One labeller: the gold is that labeller's gap and covered cells ({ag.agreed} cells, "
            f"{ag.agreed_gap} gaps); {ag.left_out} 'unsure' cells left out. No agreement figures."
        )
    if ag.disagreements:
        with st.expander(f"The {len(ag.disagreements)} cells left out of the gold"):
            st.dataframe(
                [
                    {
                        "Draft": d.draft,
                        "Code": d.code,
                        "First labeller": d.rater1,
                        "Second labeller": d.rater2 or "—",
                        "Direct conflict": "yes" if d.direct else "",
                    }
                    for d in ag.disagreements
                ],
                hide_index=True,
                width="stretch",
            )

    st.header("Breakdowns")
    st.caption(md_escape(report.tier_rule))
    for title, groups in (
        ("By writer", report.by_writer),
        ("By template (file format)", report.by_format),
        ("By tier", report.by_tier),
    ):
        st.subheader(title)
        st.dataframe(
            [
                {
                    "Group": b.group,
                    "Drafts": b.drafts,
                    "Agreed gaps": b.gold_gaps,
                    "TP/FP/FN": f"{b.tp}/{b.fp}/{b.fn}",
                    "Precision": pct(b.precision),
                    "Recall": pct(b.recall),
                    "F1": pct(b.f1),
                    "False alarms per draft": fmt("false_alarms_per_draft", b.false_alarms_per_draft),
                    "Must-fix false alarms": b.must_fix_false_alarms,
                    "Prior F1": pct(b.prior_f1),
                }
                for b in groups
            ],
            hide_index=True,
            width="stretch",
        )

    st.header("Per finding code")
    st.dataframe(
        [
            {
                "Code": r.code,
                "Severity": r.severity,
                "Agreed gap/covered/left out": f"{r.gold_gaps}/{r.gold_covered}/{r.left_out}",
                "Kappa": num(r.kappa),
                "TP/FP/FN": f"{r.tool.tp}/{r.tool.fp}/{r.tool.fn}",
                "Precision": pct(r.tool.precision),
                "Recall": pct(r.tool.recall),
                "F1": pct(r.tool.f1),
                "Prior TP/FP/FN": f"{r.prior.tp}/{r.prior.fp}/{r.prior.fn}",
            }
            for r in report.per_code.values()
        ],
        hide_index=True,
        width="stretch",
    )

    st.header("Per draft")
    st.dataframe(
        [
            {
                "Draft": d.draft,
                "Writer": d.writer,
                "Format": d.format,
                "Tier": d.tier,
                "Agreed gaps": len(d.gold_gaps),
                "Raised": len(d.raised),
                "F1": pct(d.f1),
                "Misses": ", ".join(d.misses) or "—",
                "False alarms": ", ".join(
                    c + (" (must-fix)" if c in d.must_fix_false_alarms else "") for c in d.false_alarms
                )
                or "—",
            }
            for d in report.per_draft
        ],
        hide_index=True,
        width="stretch",
    )


# ------------------------------------------------------------------------------------------------ the page

st.title("How well it works")
st.markdown(
    "How closely the offline critique matches what careful readers found in real and fictional rapid "
    "reviews, next to baselines that never read the draft: a constant checklist, an empty critique and a "
    "text-blind prior that raises the gaps most other drafts have (on the Panel's examples also a shuffle "
    "control: the critique of a different example). Choose what to score it against."
)

with st.expander("What the words on this page mean"):
    st.markdown("\n".join(f"- **{term}:** {md_escape(meaning)}" for term, meaning in TERMS.items()))
    st.markdown(
        "Every number has a one-sentence explanation beside it; “Gated” numbers are the ones a change to "
        "the tool may not make worse."
    )

datasets = {d.key: d for d in actions.eval_datasets()}
view: actions.EvalView | None = state.eval_report
if "w_eval_dataset" not in state and view is not None and view.dataset in datasets:
    state.w_eval_dataset = view.dataset
key: str = st.radio(
    "Which drafts should the critique be scored on?",
    list(datasets),
    format_func=lambda k: datasets[k].label,
    key="w_eval_dataset",
    horizontal=True,
    help="The Panel's examples are in-sample (the rules were written with them in view); the dev set and the "
    "fresh set were written by people who never saw the rules.",
)
chosen = datasets[key]
st.caption(f"{ABOUT.get(chosen.key, '')} Same as `{actions.command(chosen)}`.")

load_col, run_col = st.columns(2)
if load_col.button("Load the latest saved report", icon=":material/folder_open:"):
    try:
        loaded = actions.latest_eval(chosen)
    except RRAError as exc:
        components.show_error(exc)
    else:
        if loaded is None:
            st.warning(
                f"No saved report yet for this dataset. Run the evaluation, here or with "
                f"`{actions.command(chosen)}`."
            )
        state.eval_report = loaded or state.eval_report
if run_col.button("Run the evaluation now", type="primary", icon=":material/play_arrow:"):
    try:
        with components.progress_bar("Running the evaluation…") as say:
            result = services.evaluate(chosen.dataset, provider="offline", baseline="committed", progress=say)
        now = dt.datetime.now().strftime("%d %B %Y at %H:%M")
        state.eval_report = actions.EvalView(result, f"a run made here on {now}", chosen.key)
    except RRAError as exc:
        components.show_error(exc)
st.caption(
    "A run takes from a few seconds (the dev set) to under a minute (the Panel's examples). It runs on this "
    "computer, offline, and saves nothing."
)

view = state.eval_report
if view is not None:
    shown = datasets.get(view.dataset)
    st.success(
        f"Showing {md_escape(shown.label if shown else view.dataset)}: {md_escape(view.source)}.",
        icon=":material/monitoring:",
    )
    if view.dataset != chosen.key:
        st.caption(
            "This is the last report shown; load or run the evaluation to see the dataset chosen above."
        )
    if isinstance(view.report, EvalReport):
        show_panel(view.report)
    else:
        show_labelled(view.report)
