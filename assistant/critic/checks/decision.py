"""The LCSPR decision: is there one, with reasons, a scope when commissioning, and a clear review type."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from assistant.critic.checks import Result, check
from assistant.critic.checks.patterns import rx
from assistant.critic.context import Context, Match

REVIEW = r"(?:LCSPR|CSPR|local (?:child )?safeguarding practice review|child safeguarding practice review|practice review|further review|local review|a review)"
NEGATIVE = rx(
    r"\b(?:will|would|does|do|did|shall|should)\s+not\s+(?:proceed|be progressed|progress|commission|undertake|initiate|"
    r"recommend|carry out|instigate)\b[^.\n]{0,90}?"
    + REVIEW
    + r"|\bnot to (?:commission|undertake|initiate|proceed|carry out|instigate|recommend)\b[^.\n]{0,60}?"
    + REVIEW
    + r"|\bnot (?:necessary|required|needed|appropriate|proportionate) to (?:undertake|commission|carry out|initiate)\b[^.\n]{0,60}?"
    + REVIEW
    + r"|\b"
    + REVIEW
    + r"\s+(?:is|was|will)\s+not\s+(?:be\s+)?(?:needed|required|necessary|commissioned|undertaken|recommended)"
    r"|\b(?:does|do|did) not meet the criteria for an? (?:local|LCSPR|CSPR)"
    r"|\bno (?:need|requirement) (?:for|to undertake) an? " + REVIEW
)
POSITIVE = rx(
    r"\b(?:will|shall|agreed to|decided to|decision (?:is|was) to)\s+(?:proceed to|commission|undertake|initiate|carry out|"
    r"progress to)\b[^.\n]{0,60}?"
    + REVIEW
    + r"|\bas part of an? (?:LCSPR|CSPR|local child safeguarding practice review)"
    r"|\b(?:an? )?(?:LCSPR|CSPR|local child safeguarding practice review) (?:will|is to|should) be (?:commissioned|undertaken|carried out)"
    r"|\bagreed with the (?:decision|recommendation) to (?:carry out|undertake|commission)"
)
CRITERIA_MET = rx(
    r"\bcriteria\b[^.\n]{0,80}?\b(?:is|are|was|were|has been|have been|had been)\s+(not\s+)?met\b|\b(?:meets|met) the criteria\b"
)
FORM_OPTION = re.compile(r"^\s*(?:[-*•☐☑☒□■]\s*)?(?:\(?[a-j]\)|\[[ xX✓]?\])\s")
REASON = rx(
    r"\b(?:because|as (?:the|this|it|there|work|learning|a result|much|all|agencies)|given (?:that|the)|since|due to|"
    r"on (?:this|that) basis|for (?:that|this|these) reasons?|on the grounds|grounds|rationale|reasons?|would not "
    r"(?:identify|add|provide)|already (?:been )?(?:identified|undertaken|implemented|in place|being)|is being "
    r"(?:addressed|undertaken)|therefore|which (?:means|indicates)|evidence of|in (?:recognition|light) of|better served|"
    r"(?:will|would|can) be (?:better )?(?:served|addressed|achieved|met|taken forward) (?:by|through|via)|"
    r"(?:has|have|had) not identified (?:any )?(?:significant|new|further|additional)|no (?:significant|new|further|"
    r"additional) (?:learning|practice issues))\b"
)
CHECKLIST_ITEM = rx(
    r"highlights or may highlight|two or more (?:organisations|agencies)|Panel (?:have|has) considered|actions of a single agency|"
    r"no agency involvement|institutional settings|more than one local authority|[☐☑☒□■]|\[[ xX✓]\]"
)
SCOPE = rx(
    r"\b(?:terms of reference|scope|key lines of enquiry|lines of enquiry|KLOEs?|questions? (?:to be|for the review|the "
    r"review (?:will|should))|areas? of (?:practice|focus|exploration|enquiry|learning)|(?:will|to) (?:look to )?(?:review|"
    r"explore|consider|examine) the following|focus(?:es)? on)\b"
)
AMBIGUOUS = rx(
    r"\b(?:alternative (?:learning )?review|(?:local |partnership |practice |multi-agency )?learning review|"
    r"table[- ]?top (?:review|exercise)|thematic (?:learning )?review|appreciative inquiry|learning event instead)\b"
)
DECISION_CONTEXT = rx(
    r"\b(?:criteria|warrants?|instead|rather than|decid\w+|agreed|recommend\w*|decision|proceed)\b"
)


@dataclass(frozen=True)
class Decision:
    polarity: Literal["commission", "not_commission"] | None
    statement: Match | None


def decision(ctx: Context) -> Decision:
    if "decision" not in ctx.memo:
        ctx.memo["decision"] = _find_decision(ctx)
    return ctx.memo["decision"]  # type: ignore[return-value]


def _not_form_option(ctx: Context, m: Match) -> bool:
    return FORM_OPTION.match(ctx.line_at(m.start).text) is None


def _find_decision(ctx: Context) -> Decision:
    # The last clear statement wins: reviews often weigh the criteria before deciding.
    negatives = [m for m in ctx.find(NEGATIVE) if _not_form_option(ctx, m)]
    positives = [m for m in ctx.find(POSITIVE) if _not_form_option(ctx, m)]
    if negatives or positives:
        last_neg = negatives[-1].start if negatives else -1
        last_pos = positives[-1].start if positives else -1
        if last_neg > last_pos:
            return Decision("not_commission", ctx.sentence(negatives[-1].start))
        return Decision("commission", ctx.sentence(positives[-1].start))
    met = [m for m in ctx.find(CRITERIA_MET) if _not_form_option(ctx, m)]
    if met:
        # 'criteria are met' alone, with no statement about commissioning, is a finding on the criteria, not a decision
        return Decision(None, ctx.sentence(met[-1].start))
    return Decision(None, None)


@check("DECISION_MISSING")
def decision_missing(ctx: Context) -> Result:
    d = decision(ctx)
    if d.polarity is None:
        detail = (
            " The criteria are discussed, but not whether an LCSPR will be commissioned."
            if d.statement
            else ""
        )
        return Result(
            "DECISION_MISSING",
            gap=True,
            evidence=[d.statement] if d.statement else [],
            detail=detail,
            section=ctx.section_name(d.statement.start) if d.statement else "Whole document",
        )
    return Result("DECISION_MISSING", gap=False, evidence=[d.statement] if d.statement else [])


def _has_reasons(ctx: Context, statement: Match) -> bool:
    """Reasons in the decision's sentence, its paragraph, or the paragraphs either side."""
    start, end = ctx.paragraph_around(statement.start)
    before, _ = ctx.paragraph_around(max(0, start - 3))
    _, after = ctx.paragraph_around(min(len(ctx.text) - 1, end + 2))
    return REASON.search(ctx.text, before, after) is not None


@check("DECISION_RATIONALE_MISSING")
def decision_rationale(ctx: Context) -> Result | None:
    d = decision(ctx)
    if d.polarity is None or d.statement is None:
        return None  # DECISION_MISSING covers it
    if _has_reasons(ctx, d.statement):
        return Result(
            "DECISION_RATIONALE_MISSING",
            gap=False,
            evidence=[d.statement],
            strength="CLEAR_DECISION_WITH_REASONS",
        )
    return Result(
        "DECISION_RATIONALE_MISSING",
        gap=True,
        evidence=[d.statement],
        section=ctx.section_name(d.statement.start),
    )


@check("LCSPR_SCOPE_MISSING")
def lcspr_scope(ctx: Context) -> Result | None:
    d = decision(ctx)
    if d.polarity != "commission" or d.statement is None:
        return None
    section = ctx.doc.section_at(d.statement.start)
    found = ctx.first(SCOPE, section.start) or ctx.first(SCOPE)
    if found is None:
        return Result(
            "LCSPR_SCOPE_MISSING",
            gap=True,
            evidence=[d.statement],
            section=ctx.section_name(d.statement.start),
        )
    return Result("LCSPR_SCOPE_MISSING", gap=False, evidence=[ctx.sentence(found.start)])


@check("CRITERIA_CHECKLIST_ONLY")
def criteria_checklist(ctx: Context) -> Result | None:
    items = [ctx.line_at(line.start) for line in ctx.doc.lines if CHECKLIST_ITEM.search(line.text)]
    if len(items) < 3:
        return None
    d = decision(ctx)
    if d.statement is not None and _has_reasons(ctx, d.statement):
        return Result("CRITERIA_CHECKLIST_ONLY", gap=False, evidence=[d.statement])
    return Result(
        "CRITERIA_CHECKLIST_ONLY",
        gap=True,
        evidence=items[:3],
        section=ctx.section_name(items[0].start),
        detail=f" {len(items)} criteria lines are listed without text explaining which apply and why.",
    )


@check("AMBIGUOUS_REVIEW_TYPE")
def ambiguous_review_type(ctx: Context) -> Result | None:
    hits = []
    for m in ctx.find(AMBIGUOUS):
        sentence = ctx.sentence(m.start)
        if DECISION_CONTEXT.search(sentence.text) or FORM_OPTION.match(ctx.line_at(m.start).text):
            hits.append((m, sentence))
    if not hits:
        return None
    m, sentence = hits[0]
    return Result(
        "AMBIGUOUS_REVIEW_TYPE",
        gap=True,
        evidence=[s for _, s in hits[:3]],
        detail=f"the review refers to '{m.text}'",
        section=ctx.section_name(m.start),
    )
