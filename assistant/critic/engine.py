"""The deterministic critique: run every check, then dress each result as the Panel would say it."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from assistant import textscan
from assistant.corpus import load_corpus
from assistant.critic.checks import Result, load_all
from assistant.critic.context import Context, Match
from assistant.critic.similar import on_topic
from assistant.critic.taxonomy import load_codes, load_templates
from assistant.domain.critique import (
    Critique,
    CritiqueMeta,
    Finding,
    GuidanceRef,
    PanelCommentRef,
    SectionSummary,
    Strength,
)

# Words that any rapid review uses; a text with almost none of them is not one.
DOMAIN_TERMS = re.compile(
    r"(?i)\b(child|children|baby|infant|young person|safeguard\w*|social care|social worker|police|health visit\w*|"
    r"midwi\w+|school|GP|agenc\w+|rapid review|incident|mother|father|LCSPR|CSPR|MASH|strategy|child protection|"
    r"neglect|abuse|injur\w+|hospital|practitioner\w*|partnership|learning)\b"
)
MIN_DISTINCT_TERMS = 5

ORDER = {"must-fix": 0, "consider": 1}
Retriever = Callable[[str, int | None], list[PanelCommentRef]]


def looks_like_rapid_review(text: str) -> bool:
    found = {m.group(0).lower() for m in textscan.finditer(DOMAIN_TERMS, text[:200_000])}
    return len(found) >= MIN_DISTINCT_TERMS


def run_checks(ctx: Context) -> list[Result]:
    results = []
    for fn in load_all().values():
        r = fn(ctx)
        if r is not None:
            results.append(r)
    return results


def _section_for(ctx: Context, r: Result) -> str:
    if r.section:
        return r.section
    return ctx.section_name(r.evidence[0].start) if r.evidence else "Whole document"


def _dedupe(evidence: list[Match]) -> list[Match]:
    seen: set[tuple[int, int]] = set()
    out = []
    for m in evidence:
        if (m.start, m.end) not in seen and m.text:
            seen.add((m.start, m.end))
            out.append(m)
    return out


def build_findings(
    ctx: Context, results: list[Result], retrieve: Retriever | None, exclude: int | None
) -> list[Finding]:
    codes, templates = load_codes(), load_templates()
    corpus = load_corpus()
    findings = []
    for r in results:
        if not r.gap:
            continue
        code, template = codes[r.code], templates.findings[r.code]
        findings.append(
            Finding(
                code=r.code,
                title=code.title,
                severity=code.severity,
                section=_section_for(ctx, r),
                evidence=[m.evidence() for m in _dedupe(r.evidence)],
                message=template.render(r.code, r.detail),
                guidance=[GuidanceRef(id=g, text=corpus.guidance_by_id(g).text) for g in template.guidance],
                panel_comments=on_topic(r.code, retrieve(template.query, exclude)) if retrieve else [],
                national_reviews=r.national_reviews,
            )
        )
    findings.sort(key=lambda f: ORDER[f.severity])
    return findings


def build_strengths(ctx: Context, results: list[Result]) -> list[Strength]:
    templates = load_templates().strengths
    out = []
    for r in results:
        if r.gap or not r.strength or not r.evidence:
            continue
        t = templates[r.strength]
        out.append(
            Strength(
                code=r.strength,
                title=t.title,
                section=_section_for(ctx, r),
                evidence=[m.evidence() for m in _dedupe(r.evidence)[:2]],
                message=t.message,
                national_reviews=r.national_reviews,
            )
        )
    return out


def _summary(findings: list[Finding], strengths: list[Strength]) -> str:
    must = [f for f in findings if f.severity == "must-fix"]
    parts = []
    if strengths:
        parts.append("Strengths: " + "; ".join(s.title[0].lower() + s.title[1:] for s in strengths[:3]) + ".")
    if must:
        parts.append(
            f"{len(must)} point(s) of the Panel's minimum record need attention: "
            + ", ".join(f.title[0].lower() + f.title[1:] for f in must[:4])
            + ("…" if len(must) > 4 else "")
            + "."
        )
    else:
        parts.append("The Panel's minimum record appears to be covered.")
    consider = len(findings) - len(must)
    if consider:
        parts.append(f"{consider} further point(s) to consider before submission.")
    return " ".join(parts)


def critique_text(
    text: str,
    *,
    retrieve: Retriever | None = None,
    exclude_example: int | None = None,
    provider: str = "offline",
) -> Critique:
    ctx = Context(text)
    meta = dict(
        provider=provider,
        input_chars=len(text),
        input_sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        exclude_example=exclude_example,
    )
    if not looks_like_rapid_review(text):
        return Critique(
            summary=(
                "This text does not look like a rapid review: it has almost none of the words a rapid review uses "
                "(the child, the family, agencies, the incident, the decision). No feedback was generated."
            ),
            findings=[],
            strengths=[],
            sections=[],
            meta=CritiqueMeta(looks_like_rapid_review=False, **meta),
        )
    results = run_checks(ctx)
    findings = build_findings(ctx, results, retrieve, exclude_example)
    strengths = build_strengths(ctx, results)
    per_section: dict[str, int] = {}
    for f in findings:
        per_section[f.section] = per_section.get(f.section, 0) + 1
    sections = [
        SectionSummary(
            heading=s.heading or "Opening text",
            start=s.start,
            end=s.end,
            findings=per_section.get(s.heading or "Opening text", 0),
        )
        for s in ctx.doc.sections
    ]
    return Critique(
        summary=_summary(findings, strengths),
        findings=findings,
        strengths=strengths,
        sections=sections,
        meta=CritiqueMeta(looks_like_rapid_review=True, **meta),
    )
