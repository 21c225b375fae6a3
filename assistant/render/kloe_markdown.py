"""Key lines of enquiry and the criteria evidence table as markdown, for chairs.

Quotes carry the line of the text they are on, which a chair can find; theme and criterion ids, gap codes and
character offsets are for evaluators only (the JSON output and the collapsed section at the end)."""

from __future__ import annotations

from assistant.domain.kloe import CriterionEvidence, CriterionPoint, KeyLineOfEnquiry, KloeReport
from assistant.llm.untrusted import markdown_inline
from assistant.render.critique_markdown import MODEL_POINT, notice_markdown
from assistant.render.deadline_text import timing_markdown
from assistant.render.evaluators import cell, escape_html, evaluators_details, input_note, offsets
from assistant.render.library_markdown import passage_lines

KLOE_TITLE = "Key lines of enquiry and LCSPR criteria evidence"
MODEL_LINE_PREFIX = "model_"  # KeyLineOfEnquiry.id of a line a remote model suggested
MODEL_LINE_NOTE = "Model-written line of enquiry: a remote model suggested it; only its quotes were checked against the text"
EVALUATORS_WHAT = "theme ids, gap codes, criterion ids and character offsets"


def _quote(text: str, limit: int = 300) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1].rstrip() + "…"


def _points(points: list[CriterionPoint], empty: str) -> str:
    if not points:
        return empty
    return "<br>".join(f"{p.reason}: “{_quote(p.evidence.quote, 160)}” (line {p.line})" for p in points)


def criteria_markdown(criteria: list[CriterionEvidence]) -> list[str]:
    lines = [
        "| Criterion | Evidence for | Evidence against |",
        "|---|---|---|",
    ]
    for c in criteria:
        lines.append(
            f"| **{cell(c.label)}**: {cell(c.criterion)} | {cell(_points(c.evidence_for, c.summary_for))} | "
            f"{cell(_points(c.evidence_against, c.summary_against))} |"
        )
    return lines


def kloe_markdown(report: KloeReport) -> str:
    meta = report.meta
    lines = [f"# {KLOE_TITLE}", ""]
    lines += [
        f"Read as a **{meta.input_kind}** about {report.child}. Every quote is the text's own words, with its line.",
        "",
    ]
    for notice in meta.notices:
        lines += [notice_markdown(notice), ""]
    lines += timing_markdown(report.deadline)
    lines += ["## Key lines of enquiry", ""]
    if not report.lines_of_enquiry:
        lines += ["No practice themes were found in the text.", ""]
    for i, line in enumerate(report.lines_of_enquiry, start=1):
        if line.id.startswith(MODEL_LINE_PREFIX):  # a remote model's words: escaped, labelled, one line each
            lines += [
                f"### {i}. {markdown_inline(line.theme)}",
                "",
                f"*{MODEL_LINE_NOTE}*",
                "",
                f"**{markdown_inline(line.question)}**",
                "",
                f"{MODEL_POINT}: {markdown_inline(line.rationale)}",
                "",
            ]
        else:
            lines += [f"### {i}. {line.theme}", "", f"**{line.question}**", "", line.rationale, ""]
        for ev, line_no in zip(line.evidence, line.lines, strict=False):
            lines.append(f"> “{_quote(ev.quote)}” (line {line_no})")
        lines.append("")
        for nr in line.national_reviews:
            lines.append(f"- National review: **{nr.title}**. {nr.why}")
        if line.national_reviews:
            lines.append("")
        lines += passage_lines(line.local_passages)
    if report.not_in_text:
        lines += ["## Questions the text cannot answer", ""]
        for q in report.not_in_text:
            lines.append(f"- **{q.question}** {q.why}")
        lines.append("")
    lines += ["## LCSPR criteria: the evidence in the text", "", *criteria_markdown(report.criteria), ""]
    lines += [f"**{report.decision_note}**", ""]
    if report.chronology_issues:
        lines += ["## Chronology issues to check", ""]
        lines += [f"- {issue.message}" for issue in report.chronology_issues]
        lines.append("")
    lines += ["---", f"Provider: {meta.provider}{f' ({meta.model})' if meta.model else ''}"]
    body = escape_html("\n".join(lines).rstrip() + "\n")
    return f"{body}{evaluators_details(EVALUATORS_WHAT, evaluators_markdown(report))}"


def _theme(line: KeyLineOfEnquiry) -> str:
    return markdown_inline(line.theme) if line.id.startswith(MODEL_LINE_PREFIX) else line.theme


def _point_offsets(points: list[CriterionPoint]) -> str:
    return offsets([p.evidence for p in points])


def evaluators_markdown(report: KloeReport) -> str:
    """Each line of enquiry's theme id and quotes' offsets, each open question's id and gap code, each
    criterion's id and its evidence's offsets, in the order the report shows them."""
    lines = ["| Line of enquiry | Theme id | Characters |", "|---|---|---|"]
    for i, line in enumerate(report.lines_of_enquiry, start=1):
        lines.append(f"| {i}. {cell(_theme(line))} | `{line.id}` | {offsets(line.evidence)} |")
    if report.not_in_text:
        lines += ["", "| Question the text cannot answer | Id | Gap code |", "|---|---|---|"]
        for q in report.not_in_text:
            gap = f"`{q.gap}`" if q.gap else "—"
            lines.append(f"| {cell(q.question)} | `{q.id}` | {gap} |")
    lines += ["", "| Criterion | Id | Evidence for (characters) | Evidence against (characters) |"]
    lines.append("|---|---|---|---|")
    for c in report.criteria:
        lines.append(
            f"| {cell(c.label)} | `{c.id}` | {_point_offsets(c.evidence_for)} | "
            f"{_point_offsets(c.evidence_against)} |"
        )
    lines += ["", input_note(report.meta.input_chars, report.meta.exclude_example)]
    return "\n".join(lines) + "\n"
