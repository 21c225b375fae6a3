"""A critique as markdown: summary, findings grouped by section, strengths."""

from __future__ import annotations

import re

from assistant.domain.critique import Critique, Finding

# '<' before a letter, '/', '!' or '?' could open an HTML tag or comment in a markdown viewer; as an entity it
# shows as '<'. ('<br>' is the renderers' own line break inside table cells.)
_HTML_OPEN = re.compile(r"<(?=[A-Za-z/!?])(?!br>)")


def escape_html(markdown: str) -> str:
    """Markdown in which HTML from the user's text (a <script> in a draft, say) shows as text."""
    return _HTML_OPEN.sub("&lt;", markdown)


SEVERITY_LABEL = {"must-fix": "Must fix (minimum record)", "consider": "Consider"}


def _quote(text: str, limit: int = 240) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1].rstrip() + "…"


def finding_markdown(f: Finding, *, with_sources: bool = True) -> list[str]:
    lines = [
        f"#### {f.title} `{f.code}`",
        "",
        f"*{SEVERITY_LABEL[f.severity]}* · section: {f.section}",
        "",
        f.message,
        "",
    ]
    for ev in f.evidence:
        lines.append(f"> “{_quote(ev.quote)}” (characters {ev.start}–{ev.end})")
    if f.evidence:
        lines.append("")
    for nr in f.national_reviews:
        lines.append(f"- **{nr.title}**: {nr.why}")
    if f.national_reviews:
        lines.append("")
    if with_sources:
        for g in f.guidance:
            lines.append(f"- Guidance ({g.id}): {g.text}")
        for c in f.panel_comments:
            lines.append(f"- Panel comment, Example {c.example}, '{c.section}': “{_quote(c.text, 300)}”")
        lines.append("")
    return lines


def critique_markdown(c: Critique) -> str:
    lines = ["# Panel-style feedback on the draft rapid review", "", c.summary, ""]
    for notice in c.meta.notices:
        lines += [f"> Note: {notice}", ""]
    if not c.meta.looks_like_rapid_review:
        return escape_html("\n".join(lines))
    must = sum(f.severity == "must-fix" for f in c.findings)
    lines += [f"**{len(c.findings)} finding(s)** ({must} must-fix) · **{len(c.strengths)} strength(s)**", ""]
    by_section: dict[str, list[Finding]] = {}
    for f in c.findings:
        by_section.setdefault(f.section, []).append(f)
    if c.findings:
        lines += ["## Findings", ""]
    for section, items in by_section.items():
        lines += [f"### {section}", ""]
        for f in items:
            lines += finding_markdown(f)
    if c.strengths:
        lines += ["## Strengths", ""]
        for s in c.strengths:
            lines += [f"### {s.title}", "", s.message, ""]
            lines += [f"> “{_quote(ev.quote)}”" for ev in s.evidence] + [""]
            if s.national_reviews:
                lines += ["Also relevant to this case:", ""]
                lines += [f"- *{nr.title}*: {nr.why}" for nr in s.national_reviews] + [""]
    meta = c.meta
    lines += [
        "---",
        f"Provider: {meta.provider}{f' ({meta.model})' if meta.model else ''} · "
        f"input {meta.input_chars} characters · offsets index into the analysed text"
        + (f" · Example {meta.exclude_example} left out of retrieval" if meta.exclude_example else ""),
    ]
    return escape_html("\n".join(lines).rstrip() + "\n")
