"""A critique as markdown: summary, findings grouped by section, strengths.

Model-written points (a remote model's, `source="model"`) come after the rules' findings under their own
heading, each labelled "Model-written point", never with a rule's severity, guidance or Panel comments; a
model's note on a rule's finding and the quotes it added are labelled too. Model-written text is cleaned and
escaped (`assistant.llm.untrusted.markdown_inline`): it cannot make a link, an image, a heading or any
other structure, so only this template does.
"""

from __future__ import annotations

from collections.abc import Mapping

from assistant.domain.critique import Critique, Evidence, Finding, Mark, Strength
from assistant.llm.untrusted import markdown_inline
from assistant.render.deadline_text import timing_markdown
from assistant.render.evaluators import EVALUATORS, cell, escape_html, evaluators_details, input_note, offsets
from assistant.render.finding_order import findings_in_draft_order, strengths_in_draft_order
from assistant.render.library_markdown import passage_lines
from assistant.render.marks import MARK_LABEL, mark_for, mark_text

SEVERITY_LABEL = {"must-fix": "Must fix (minimum record)", "consider": "Consider"}
# Model-written text is marked wherever it appears, in every renderer, with these words.
MODEL_POINT = "Model-written point"
MODEL_POINT_NOTE = (
    "written by a remote model, not found by the rules; only its quote was checked against the draft"
)
MODEL_ADDITION = "Model-written addition"
MODEL_QUOTE = "quoted by the remote model"
MODEL_POINTS_HEADING = "Model-written points (a remote model's reading of the draft)"
MODEL_STRENGTHS_HEADING = "Model-written strengths (a remote model's reading of the draft)"
# Where a person reads, guidance is what it asks, not its id; codes, ids and offsets are for evaluators only
# (the JSON output and the collapsed section at the end).
GUIDANCE_ASKS = "What the Panel's guidance asks"
EVALUATORS_WHAT = "finding codes, guidance ids and character offsets"
EVALUATORS_SUMMARY = f"{EVALUATORS}: {EVALUATORS_WHAT}"


def is_model_point(f: Finding) -> bool:
    """Raised by a remote model alone (the rules did not find it)."""
    return f.source == "model" or f.origin == "llm"


def is_model_evidence(f: Finding, ev: Evidence) -> bool:
    return is_model_point(f) or ev in f.model_evidence


def _quote(text: str, limit: int = 240) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1].rstrip() + "…"


def _evidence_lines(f: Finding) -> list[str]:
    lines = []
    for ev in f.evidence:
        mark = f" ({MODEL_QUOTE})" if is_model_evidence(f, ev) else ""
        lines.append(f"> “{_quote(ev.quote)}”{mark}")
    return [*lines, ""] if lines else []


def finding_markdown(f: Finding, *, with_sources: bool = True) -> list[str]:
    """One finding. A model's point is labelled as such and never shows a rule's severity or sources;
    model-written text is cleaned and escaped so it cannot make links, images or structure."""
    if is_model_point(f):
        return [
            f"#### {MODEL_POINT}: {markdown_inline(f.title)}",
            "",
            f"*{MODEL_POINT} ({MODEL_POINT_NOTE})* · to consider · section: {f.section}",
            "",
            f"**{MODEL_POINT}:** {markdown_inline(f.message)}",
            "",
            *_evidence_lines(f),
        ]
    lines = [
        f"#### {f.title}",
        "",
        f"*{SEVERITY_LABEL[f.severity]}* · section: {f.section}",
        "",
        f.message,
        "",
    ]
    if f.model_note:
        lines += [f"**{MODEL_ADDITION}:** {markdown_inline(f.model_note)}", ""]
    lines += _evidence_lines(f)
    for nr in f.national_reviews:
        lines.append(f"- **{nr.title}**: {nr.why}")
    if f.national_reviews:
        lines.append("")
    if with_sources:
        for g in f.guidance:
            lines.append(f"- {GUIDANCE_ASKS}: {g.text}")
        for c in f.panel_comments:
            lines.append(f"- Panel comment, Example {c.example}, '{c.section}': “{_quote(c.text, 300)}”")
        lines.append("")
        lines += passage_lines(f.local_passages)
    return lines


def _by_section(findings: list[Finding]) -> dict[str, list[Finding]]:
    by_section: dict[str, list[Finding]] = {}
    for f in findings:
        by_section.setdefault(f.section, []).append(f)
    return by_section


def _strength_lines(s: Strength) -> list[str]:
    if s.origin == "llm":
        lines = [f"### {MODEL_POINT}: {s.title}", "", f"**{MODEL_POINT}:** {markdown_inline(s.message)}", ""]
        return lines + [f"> “{_quote(ev.quote)}” ({MODEL_QUOTE})" for ev in s.evidence] + [""]
    lines = [f"### {s.title}", "", s.message, ""]
    return lines + [f"> “{_quote(ev.quote)}”" for ev in s.evidence] + [""]


def notice_markdown(notice: str) -> str:
    """A notice as one escaped line: notices can carry a model's reason and quotes from the user's text."""
    return f"> Note: {markdown_inline(notice, 4000)}"


def _mark_lines(f: Finding, marks: Mapping[str, Mark] | None) -> list[str]:
    mark = mark_for(f, marks)
    return [f"**{MARK_LABEL}:** {markdown_inline(mark_text(mark))}", ""] if mark else []


def critique_markdown(c: Critique, marks: Mapping[str, Mark] | None = None) -> str:
    """`marks`: the author's marks by `assistant.critic.compare.finding_key`, shown under their findings.
    Findings and strengths follow the draft's order; codes, guidance ids and character offsets appear only in
    the collapsed section for evaluators at the end (and in the JSON output)."""
    body = critique_body_markdown(c, marks)
    if not c.meta.looks_like_rapid_review:
        return body
    return f"{body}{evaluators_details(EVALUATORS_WHAT, evaluators_markdown(c))}"


def critique_body_markdown(c: Critique, marks: Mapping[str, Mark] | None = None) -> str:
    """The critique for a person to read, escaped, without the section for evaluators."""
    lines = ["# Panel-style feedback on the draft rapid review", "", c.summary, ""]
    for notice in c.meta.notices:
        lines += [notice_markdown(notice), ""]
    if not c.meta.looks_like_rapid_review:
        return escape_html("\n".join(lines))
    ordered = findings_in_draft_order(c)
    rules = [f for f in ordered if not is_model_point(f)]
    model = [f for f in ordered if is_model_point(f)]
    must = sum(f.severity == "must-fix" for f in rules)
    counts = f"**{len(rules)} finding(s)** ({must} must-fix) · **{len(c.strengths)} strength(s)**"
    if model:
        counts += f" · **{len(model)} model-written point(s)**"
    lines += [counts, ""]
    if rules:
        lines += ["## Findings", ""]
    for section, items in _by_section(rules).items():
        lines += [f"### {section}", ""]
        for f in items:
            lines += finding_markdown(f) + _mark_lines(f, marks)
    if model:
        lines += [f"## {MODEL_POINTS_HEADING}", ""]
        for section, items in _by_section(model).items():
            lines += [f"### {section}", ""]
            for f in items:
                lines += finding_markdown(f) + _mark_lines(f, marks)
    strengths = strengths_in_draft_order(c)
    own = [s for s in strengths if s.origin != "llm"]
    theirs = [s for s in strengths if s.origin == "llm"]
    if own:
        lines += ["## Strengths", ""]
        for s in own:
            lines += _strength_lines(s)
    if theirs:
        lines += [f"## {MODEL_STRENGTHS_HEADING}", ""]
        for s in theirs:
            lines += _strength_lines(s)
    lines += timing_markdown(c.deadline, c.information)  # information, after and apart from the findings
    meta = c.meta
    lines += ["---", f"Provider: {meta.provider}{f' ({meta.model})' if meta.model else ''}"]
    return escape_html("\n".join(lines).rstrip() + "\n")


def evaluators_markdown(c: Critique) -> str:
    """Every finding's and strength's code, guidance ids and character offsets, in the draft's order."""
    lines = ["| Finding | Code | Guidance | Characters |", "|---|---|---|---|"]
    for f in findings_in_draft_order(c):
        title = markdown_inline(f.title) if is_model_point(f) else f.title
        guidance = ", ".join(g.id for g in f.guidance) or "—"
        lines.append(f"| {cell(title)} | `{f.code}` | {guidance} | {offsets(f.evidence)} |")
    for s in strengths_in_draft_order(c):
        title = markdown_inline(s.title) if s.origin == "llm" else s.title
        lines.append(f"| Strength: {cell(title)} | `{s.code}` | — | {offsets(s.evidence)} |")
    lines += ["", input_note(c.meta.input_chars, c.meta.exclude_example)]
    return "\n".join(lines) + "\n"
