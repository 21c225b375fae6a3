"""A draft as markdown: the factual sections, then what the chronology does not say and what to check.

Facts carry the chronology line they come from, which the author can find; gap codes (and, with the
critique, its codes, guidance ids and offsets) are for evaluators only: the JSON output and the collapsed
section at the end."""

from __future__ import annotations

from assistant.domain.drafting import Draft, DraftBlock, DraftSection, DraftTable
from assistant.render.critique_markdown import EVALUATORS_WHAT as CRITIQUE_EVALUATORS_WHAT
from assistant.render.critique_markdown import critique_body_markdown, evaluators_markdown, notice_markdown
from assistant.render.deadline_text import timing_markdown
from assistant.render.evaluators import cell, escape_html, evaluators_details

DRAFT_TITLE = "Rapid review: draft factual sections from the multi-agency chronology"
DRAFT_PREAMBLE = (
    "Drafted from the chronology. Every fact is quoted (“…”) with the chronology line it comes from; "
    "nothing else about the child or family is added. Check each one before you submit."
)


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "\n").replace("\n", "<br>") or " "


def table_markdown(table: DraftTable) -> list[str]:
    lines = [
        "| " + " | ".join(_cell(c) for c in table.columns) + " |",
        "|" + "|".join("---" for _ in table.columns) + "|",
    ]
    for row in table.rows:
        lines.append("| " + " | ".join(_cell(c.text) for c in row.cells) + " |")
    return lines


def blocks_markdown(blocks: list[DraftBlock]) -> str:
    out: list[str] = []
    for block in blocks:
        text = " ".join(s.text for s in block.sentences)
        if block.kind == "heading":
            out += [f"### {text}", ""]
        elif block.kind == "paragraph":
            out += [text, ""]
        elif block.kind == "bullet":
            # Consecutive bullets form one list.
            if out and out[-1] == "" and len(out) >= 2 and out[-2].startswith("- "):
                out.pop()
            out += [f"- {text}", ""]
        elif block.table is not None:
            out += [*table_markdown(block.table), ""]
    return "\n".join(out).strip() + "\n"


def section_markdown(section: DraftSection) -> str:
    return f"## {section.title}\n\n{section.markdown}"


QUESTIONS_SECTION = "analysis_questions"


def draft_body_markdown(draft: Draft, *, with_questions: bool = True) -> str:
    """Title and sections only: the text an author would paste into the rapid review.

    Without the questions for the author it is what `draft --critique` critiques: the questions are prompts,
    not analysis, and must not count as the draft considering the child's lived experience or race."""
    chosen = [s for s in draft.sections if with_questions or s.id != QUESTIONS_SECTION]
    parts = [f"# {DRAFT_TITLE}", "", *(section_markdown(s) for s in chosen)]
    return "\n".join(parts).rstrip() + "\n"


def draft_markdown(draft: Draft) -> str:
    lines = [f"# {DRAFT_TITLE}", "", f"> {DRAFT_PREAMBLE}", ""]
    for notice in draft.meta.notices:
        lines += [notice_markdown(notice), ""]
    lines += timing_markdown(draft.deadline)
    for section in draft.sections:
        lines += [section_markdown(section).rstrip(), ""]
    lines += ["## For the author: what the chronology does not say", ""]
    if draft.gap_details:
        for gap in draft.gap_details:
            lines.append(f"- **{gap.title}**: {gap.detail}")
    else:
        lines.append("- Nothing the checks look for is missing.")
    lines += ["", "## For the author: chronology checks", ""]
    counts = draft.meta.counts
    lines.append(
        f"{counts.get('entries', 0)} entries read from {counts.get('lines', 0)} lines "
        f"({counts.get('dated', 0)} dated, {counts.get('undated', 0)} undated, "
        f"{counts.get('unparsed', 0)} lines not read); format: {draft.meta.detected_format}."
    )
    lines.append("")
    if draft.issues:
        lines += ["### Issues to check", ""]
        lines += [f"- {issue.message}" for issue in draft.issues]
        lines.append("")
    if draft.unparsed:
        lines += ["### Lines that could not be read", ""]
        for u in draft.unparsed:
            shown = " ".join(u.text.split())
            lines.append(f"- line {u.line}: “{shown}” — {u.reason}")
        lines.append("")
    lines += ["---", draft.decision_note, ""]
    if draft.critique is not None:
        body = critique_body_markdown(draft.critique).replace("\n# ", "\n## ")
        if body.startswith("# "):
            body = "#" + body
        lines += [body.rstrip(), ""]
    body = escape_html("\n".join(lines).rstrip() + "\n")
    return f"{body}{_evaluators(draft)}"


def _evaluators(draft: Draft) -> str:
    """One collapsed section at the end: the gaps' codes, and the critique's codes, ids and offsets."""
    lines = (
        ["| What the chronology does not say | Code |", "|---|---|"] if draft.gap_details else ["No gaps."]
    )
    lines += [f"| {cell(g.title)} | `{g.code}` |" for g in draft.gap_details]
    lines += ["", "Each quote's character offsets in the chronology are in the JSON output."]
    what = "gap codes"
    critique = draft.critique
    if critique is not None and critique.meta.looks_like_rapid_review:
        lines += ["", "### Panel-style feedback on this draft", "", evaluators_markdown(critique)]
        what = f"gap codes, {CRITIQUE_EVALUATORS_WHAT}"
    return evaluators_details(what, "\n".join(lines).rstrip() + "\n")
