"""Evaluation dashboard: the offline eval of the critique against what the Panel actually wrote, with the
baselines, a per-code chart and per-example detail."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from assistant import services
from assistant.domain.evals import EvalReport
from assistant.errors import RRAError
from assistant.evaluation import metrics
from ui import actions, components
from ui.components import md_escape
from ui.state import init_state

init_state()
state = st.session_state

GATED = [m.name for m in metrics.gated(metrics.PANEL)]
METRIC_NAMES = {m.name: m.label for m in metrics.of(metrics.PANEL)}


def run_evaluation(progress: actions.Progress) -> actions.EvalView:
    """The offline panel eval, as `rapid-review eval` runs it, compared with evals/baseline.json when present."""
    report = services.evaluate("panel", provider="offline", baseline="committed", progress=progress)
    assert isinstance(report, EvalReport)
    now = dt.datetime.now().strftime("%d %B %Y at %H:%M")
    return actions.EvalView(report=report, source=f"a run made here on {now}")


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


st.title("Evaluation")
st.markdown(
    "How closely the offline critique matches what the Panel wrote about its five published examples. "
    "Each example is critiqued with its own Panel comments left out of retrieval (leave-one-out), and "
    "scored against the Panel's points and a presence matrix of real gaps, next to four baselines: a "
    "constant checklist, an empty critique, the critique of a different example (shuffle), and a text-blind "
    "prior that raises the gaps most other examples have. These figures are in-sample; the out-of-sample "
    "measurement on drafts nobody here wrote is `rapid-review eval --dataset devset`."
)

load_col, run_col = st.columns(2)
if load_col.button("Load the latest saved report", icon=":material/folder_open:"):
    try:
        loaded = actions.latest_eval()
    except RRAError as exc:
        components.show_error(exc)
    else:
        if loaded is None:
            st.warning("No saved report yet. Run the evaluation, here or with `rapid-review eval`.")
        state.eval_report = loaded or state.eval_report
if run_col.button("Run the evaluation now", type="primary", icon=":material/play_arrow:"):
    try:
        with components.progress_status("Running the evaluation…", "Evaluation finished.") as say:
            state.eval_report = run_evaluation(say)
    except RRAError as exc:
        components.show_error(exc)
st.caption("A run usually takes under a minute. It runs on this computer and saves nothing.")

view: actions.EvalView | None = state.eval_report
if view is not None:
    report = view.report
    st.success(f"Showing {md_escape(view.source)}.", icon=":material/monitoring:")
    st.warning(md_escape(report.tuning.in_sample_note), icon=":material/warning:")

    st.header("Headline metrics against the baselines")
    tool = report.metrics.model_dump()
    checklist = report.baselines["checklist"].metrics.model_dump() if "checklist" in report.baselines else {}
    cols = st.columns(4)
    for col, name in zip(cols, ("panel_gap_recall", "panel_hit_rate", "precision", "f1"), strict=True):
        base = checklist.get(name)
        delta = (
            None
            if tool[name] is None or base is None
            else f"{(tool[name] - base) * 100:+.0f} points vs checklist"
        )
        col.metric(METRIC_NAMES[name], pct(tool[name]), delta=delta)
    saved = {d.metric: d for d in report.against_baseline or []}
    rows = []
    for name in GATED:
        row = {"Metric": METRIC_NAMES.get(name, name), "Tool": pct(tool[name])}
        for key, baseline in report.baselines.items():
            row[key.capitalize()] = pct(baseline.metrics.model_dump().get(name))
        if report.prior_baseline is not None:
            row["Prior (text-blind)"] = pct(report.prior_baseline.metrics.model_dump().get(name))
        if saved:
            against = saved.get(name)
            row["Saved baseline"] = pct(against.baseline) if against else "—"
            row["Change"] = (
                f"{against.change:+.3f} ({against.status})" if against and against.change is not None else "—"
            )
        rows.append(row)
    st.dataframe(rows, hide_index=True, width="stretch")
    comparison = report.comparison
    gate = comparison.margin_gate
    st.markdown(
        f"- F1 margin over the text-blind prior (a code raised where it is a gap in most other examples): "
        f"**{pct(gate.margin)}** ({'a clear margin' if gate.clear else 'not a clear margin'}; clear is "
        f"{pct(gate.clear_margin)}).\n"
        f"- Precision margin over the checklist: {pct(comparison.precision_margin_over_checklist)}.\n"
        f"- Shuffle control: {'scores collapse' if comparison.shuffle_collapsed else 'scores do not collapse'} "
        "when the critique of another example is scored, so the scores depend on reading the right draft.\n"
        f"- {md_escape(comparison.liang_anchor)}"
    )
    for note in report.notes:
        if note != report.tuning.in_sample_note:
            st.caption(md_escape(note))

    st.header("Per finding code")
    outcomes = {
        "Raised, and a real gap": ("tp", "#2e7d32"),
        "Raised, but covered (false alarm)": ("fp", "#c62828"),
        "Real gap, not raised (miss)": ("fn", "#f9a825"),
    }
    chart_rows = [
        {"Code": code, "Outcome": outcome, "Examples": getattr(result.tool, field)}
        for code, result in report.per_code.items()
        for outcome, (field, _) in outcomes.items()
    ]
    st.vega_lite_chart(
        spec={
            "data": {"values": chart_rows},
            "mark": {"type": "bar"},
            "encoding": {
                "y": {"field": "Code", "type": "nominal", "sort": None, "axis": {"labelLimit": 400}},
                "x": {
                    "field": "Examples",
                    "type": "quantitative",
                    "stack": "zero",
                    "axis": {"tickMinStep": 1},
                },
                "color": {
                    "field": "Outcome",
                    "type": "nominal",
                    "scale": {"domain": list(outcomes), "range": [c for _, c in outcomes.values()]},
                    "legend": {"orient": "bottom", "title": None, "labelLimit": 400},
                },
                "tooltip": [
                    {"field": "Code", "type": "nominal"},
                    {"field": "Outcome", "type": "nominal"},
                    {"field": "Examples", "type": "quantitative"},
                ],
            },
        },
        width="stretch",
        height=max(360, 24 * len(report.per_code) + 80),
        alt="Bar chart: for each finding code, in how many examples it was raised for a real gap, raised "
        "although covered, or missed. The table below gives the same figures.",
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
