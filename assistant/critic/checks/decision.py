"""The LCSPR decision: is there one, with reasons, a scope when commissioning, and a clear review type."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from assistant.critic.checks import Result, check
from assistant.critic.context import UNSET, Context, Match, words
from assistant.lexicon import rx

REVIEW = (
    r"(?:LCSPR|CSPR|local (?:child )?safeguarding practice review|child safeguarding practice review|practice review|"
    r"further review|local review|a review)"
)
LOCAL_REVIEW = r"(?:an? )?(?:LCSPR|local CSPR|local (?:child )?safeguarding practice review)"
# 'decided to commission one', 'that one should be commissioned': the review named a few words before.
ONE_NOT = (
    r"|\b(?:decided|agreed|resolved|decision (?:is|was))\s+not\s+to\s+(?:commission|undertake|carry out)\s+one\b"
    r"|\bthat one (?:should|would|will) not be (?:commissioned|undertaken)"
)
ONE_YES = (
    r"|\b(?:decided|agreed|resolved|decision (?:is|was))\s+to\s+(?:commission|undertake|carry out)\s+one\b"
    r"|\bthat one (?:should|would|will|is to) be (?:commissioned|undertaken)"
)
NEGATIVE = rx(
    r"\b(?:will|would|does|do|did|shall|should)\s+not\s+(?:proceed|be progressed|progress|commission|undertake|initiate|"
    r"recommend|carry out|instigate|be commissioning|be undertaking)\b[^.\n]{0,90}?"
    + REVIEW
    + r"|\bnot to (?:commission|undertake|initiate|proceed|carry out|instigate|recommend|progress)\b[^.\n]{0,60}?"
    + REVIEW
    + r"|\bnot (?:necessary|required|needed|appropriate|proportionate) to (?:undertake|commission|carry out|initiate)\b[^.\n]{0,60}?"
    + REVIEW
    + r"|\b"
    + REVIEW
    + r"\s+(?:is|was|will|would|should)\s+not\s+(?:be\s+)?(?:needed|required|necessary|commissioned|undertaken|"
    r"recommended|proportionate|appropriate|initiated|carried out)"
    r"|\b(?:does|do|did) not meet the (?:criteria|threshold) for (?:an? )?(?:local|LCSPR|CSPR|child safeguarding)"
    r"|\bno (?:need|requirement) (?:for|to undertake|to commission) an? "
    + REVIEW
    + r"|\bno (?:further )?(?:LCSPR|CSPR|local (?:child )?safeguarding practice review)\b(?! (?:is|was|has been) (?:\w+ )?"
    r"(?:not )?(?:yet )?(?:possible|ruled))"
    r"|\b(?:criteria|threshold) for (?:an? )?(?:LCSPR|CSPR|local (?:child )?safeguarding practice review)[^.\n]{0,40}?"
    r"\b(?:are|is|were|was|have|has)\s+not\s+(?:been\s+)?met"
    r"|\b(?:decision|recommendation|outcome)\s*[:\-–]\s*no (?:further )?(?:review|LCSPR|CSPR|local review)\b"
    r"|\bcriteria\b[^.\n]{0,60}?\bnot (?:been )?met\b[^.\n]{0,40}?\b(?:LCSPR|CSPR|local (?:child )?safeguarding practice review)"
    r"|\b(?:do|does|did) not (?:consider|think|believe) that the criteria[^.\n]{0,60}?(?:are|were|have been) met"
    + ONE_NOT
)
POSITIVE = rx(
    r"\b(?:will|shall|would|agreed to|decided to|decision (?:is|was) to|recommends? (?:to|that we)|resolved to)\s+"
    r"(?:therefore\s+|now\s+|also\s+|accordingly\s+)?(?:proceed to|"
    r"commission|undertake|initiate|carry out|progress to|instigate)\b[^.\n]{0,60}?"
    + REVIEW
    # 'will look to review the following as part of an LCSPR' commits to one; 'was considered as part of an
    # LCSPR in 2019' does not
    + r"|\b(?:will|shall|is to|are to)\b[^.\n]{0,80}?\bas part of an? (?:LCSPR|CSPR|local child safeguarding practice review)"
    r"|\b"
    + LOCAL_REVIEW
    + r" (?:will|is to|should|would|shall|must) be (?:commissioned|undertaken|carried out|initiated|"
    r"conducted|completed)"
    r"|\brecommend(?:s|ed|ation is)?(?: to the safeguarding partners)? that "
    + LOCAL_REVIEW
    + r" (?:is|be|should be) (?:commissioned|undertaken|carried out|initiated)"
    r"|\bagreed with the (?:decision|recommendation) to (?:carry out|undertake|commission)"
    r"|\b(?:is|are|will be|were) (?:commissioning|undertaking|proceeding (?:with|to)|progressing to)\b[^.\n]{0,30}?"
    + LOCAL_REVIEW
    + r"|\bwill be the subject of "
    + LOCAL_REVIEW
    + r"|\b(?:decision|recommendation|outcome)\s*[:\-–]\s*(?:to )?(?:commission|undertake|proceed to|carry out) "
    + LOCAL_REVIEW
    + r"|\b(?:decision|recommendation|outcome)\s*[:\-–]\s*"
    + LOCAL_REVIEW
    + r" (?:to be|will be) (?:commissioned|undertaken)"
    + ONE_YES
)
CRITERIA_MET = rx(
    r"\bcriteria\b[^.\n]{0,80}?\b(?:is|are|was|were|has been|have been|had been)\s+(not\s+)?met\b|\b(?:meets|met) the criteria\b"
)
# A form's options: '☐ No further action', '(c) Does not meet the criteria', '[x] Meets the criteria'.
TICKED = r"[☑☒✓✔■]|\[[xX✓✔]\]"
UNTICKED = r"[☐□]|\[ ?\]"
FORM_OPTION = re.compile(
    r"^\s*(?:[-*•]\s*)?(?:" + TICKED + "|" + UNTICKED + r"|\(?[a-j]\)|\(?[ivx]{1,4}\))\s"
)
TICKED_OPTION = re.compile(r"^\s*(?:[-*•]\s*)?(?:" + TICKED + r")\s")
TICKED_BOX = re.compile(TICKED)
OPTION_COMMISSION = rx(
    r"\b(?:meets the criteria for|commission|undertake|proceed to)\b[^\n]{0,40}?\b(?:local|LCSPR|CSPR|child safeguarding practice review)"
)
OPTION_NOT = rx(
    r"\b(?:does not meet|not meet|no further action|no LCSPR|not (?:to )?commission|learning (?:has been|that has been) "
    r"acted upon|obviating)\b"
)
# Why: the connectives and phrases that give grounds for a decision.
REASON = rx(
    r"\b(?:because|given (?:that|the)|due to|owing to|on (?:this|that|these) basis|for (?:that|this|these) reasons?|"
    r"on the grounds|grounds|rationale|reasons? (?:for|is|are|being)|the reason|would not (?:identify|add|provide|"
    r"produce|result)|(?:would|will|is) (?:be )?unlikely to (?:add|identify|produce|provide|yield)|already (?:been )?"
    r"(?:identified|undertaken|implemented|in place|being|clear|known|addressed|acted)|is being (?:addressed|undertaken)|"
    r"therefore|thus|which (?:means|indicates)|in (?:recognition|light) of|better served|as a result|"
    r"(?:will|would|can) be (?:better )?(?:served|addressed|achieved|met|taken forward) (?:by|through|via)|"
    r"(?:has|have|had) not identified (?:any )?(?:significant|new|further|additional)|no (?:significant|new|further|"
    r"additional) (?:learning|practice issues|concerns)|no evidence (?:of|that)|the learning (?:\w+ ){0,3}?(?:is|has been|was) "
    r"(?:already )?(?:clear|identified|known|captured|understood|being acted)|(?:has|have) (?:been )?(?:suffered|seriously harmed|died)|"
    r"(?:abuse|neglect) (?:is|was) (?:known|suspected)|is (?:known|suspected) to have)\b"
    # reasons for commissioning or not, as partners write them
    r"|\b(?:for these reasons|their reasons|the reasons|reasons are|(?:is|are) needed to (?:answer|understand|explain|"
    r"explore|establish)|needs? (?:conversations|practitioners'?|the family'?s?)|cannot (?:yet )?(?:explain|establish|"
    r"answer)|could not establish|only (?:a|an) (?:fuller|full|local|further|independent) (?:review|LCSPR)|"
    r"would (?:repeat|duplicate|cover the same)|already (?:commissioned|published|under ?way)|"
    r"(?:best|only) way to (?:understand|learn|establish)|to understand why|"
    r"(?:case|review|it) (?:may |might |could |does |will )?(?:highlights?|highlighted|shows?|showed|raises?|raised|"
    r"reflects?|reflected|demonstrates?|presents?|presented) (?:\w+ ){0,4}?(?:improvements?|concerns?|themes?|issues)|"
    r"(?:held|had|holding) (?:only )?(?:a |one )?part of the picture|(?:the )?whole (?:of the )?picture|"
    r"not (?:yet )?"
    r"(?:confident|understand)|do not (?:yet )?understand)\b"
)
# A causal 'as' or 'since' only counts inside the decision sentence itself ('not to commission an LCSPR as
# the learning has been identified'); elsewhere they are as often about time.
CAUSAL_IN_SENTENCE = rx(
    r"(?<!such )\b(?:as(?! per\b| part\b| well\b| soon\b| set out\b| follows?\b| above\b| below\b)|since|so)\b"
)
CHECKBOX = re.compile(r"[☐☑☒□■]|\[[ xX✓]\]")
CHECKLIST_ITEM = rx(
    r"highlights or may highlight|two or more (?:organisations|agencies)|Panel (?:have|has) considered|actions of a single agency|"
    r"no agency involvement|institutional settings|more than one local authority|[☐☑☒□■]|\[[ xX✓]\]"
)
SCOPE = rx(
    r"\b(?:terms of reference|key lines of enquiry|lines of enquiry|KLOEs?|key questions|questions? (?:to be|for the review|"
    r"the (?:review|LCSPR) (?:will|should|must))|areas? of (?:practice|focus|exploration|enquiry|learning)|"
    r"(?:will|to|should) (?:look to )?(?:review|explore|consider|examine|look at|focus on|address)(?: the following)?\s*:|"
    r"(?:review|LCSPR|CSPR) will (?:explore|consider|examine|look at|focus on|address|seek to|ask)|"
    r"(?:scope|focus) of the (?:LCSPR|CSPR|local (?:child )?safeguarding practice review|review will)|will focus on)\b"
)
RAPID_REVIEW_SCOPE = rx(
    r"\b(?:scope of (?:this|the) rapid review|scoping period|rapid review (?:will|has) (?:focus|look))"
)
AMBIGUOUS = rx(
    r"\b(?:alternative (?:learning )?review|(?:local |partnership |practice |multi-agency )?learning review|"
    r"table[- ]?top (?:review|exercise)|thematic (?:learning )?review|appreciative inquiry|learning event instead)\b"
)
SINGLE_AGENCY_REVIEW = rx(
    r"\b(?:single[- ]agency|internal|critical|serious incident|YJS|health|police|NHS)\b[^.\n]{0,20}$"
)
PAST_REVIEW = rx(
    r"\b(?:completed|published|undertook|undertaken|carried out|conducted|previous(?:ly)?|recent(?:ly)?|earlier|"
    r"last year|in (?:19|20)\d\d)\b[^.\n]{0,50}$"
)
DECISION_CONTEXT = rx(
    r"\b(?:criteria|warrants?|instead|rather than|decid\w+|agreed|recommend\w*|decision|proceed)\b"
)


@dataclass(frozen=True)
class Decision:
    polarity: Literal["commission", "not_commission"] | None
    statement: Match | None


def decision(ctx: Context) -> Decision:
    if ctx.facts.decision is UNSET:
        ctx.facts.decision = _find_decision(ctx)
    return ctx.facts.decision


# an open 'whether ...' with no decision after it before the match
QUESTION_OPEN = rx(r"\bwhether\b(?![^.\n]*\b(?:decided|agreed|concluded|resolved|determined)\b)")
CONDITIONAL = rx(r"^(?:if|should|unless|where|in the event)\b|\bif (?:further|new|more|any)\b")
HARM_GROUNDS = rx(
    r"\b(?:(?:has|have|had) (?:been )?(?:suffered|seriously harmed|died)|(?:abuse|neglect) (?:is|was) (?:known|suspected)|"
    r"is (?:known|suspected) to have|seriously (?:harmed|injured))\b"
)
RATIONALE_HEADING = rx(r"\b(?:reasons?|rationale|why|justification|grounds)\b")


def _option_line(ctx: Context, m: Match) -> tuple[bool, bool]:
    """(is a form option, is ticked) for the line holding `m`."""
    line = ctx.line_at(m.start).text
    return FORM_OPTION.match(line) is not None, TICKED_OPTION.match(line) is not None


def _not_form_option(ctx: Context, m: Match) -> bool:
    return not _option_line(ctx, m)[0]


def _statements(ctx: Context, pattern: re.Pattern[str]) -> list[Match]:
    out = []
    for m in ctx.find_plain(pattern):
        option, ticked = _option_line(ctx, m)
        if option and not ticked:
            continue  # an unticked option is not the partners' decision
        sentence = ctx.line_at(m.start) if option else ctx.sentence(m.start)
        if CONDITIONAL.search(ctx.text[sentence.start : m.start]) or CONDITIONAL.search(sentence.text[:40]):
            continue
        if QUESTION_OPEN.search(ctx.text, sentence.start, m.end):
            continue  # 'discussed whether an LCSPR should be undertaken' asks; it does not decide
        out.append(sentence)
    return out


def _ticked_options(ctx: Context) -> list[tuple[str, Match]]:
    out: list[tuple[str, Match]] = []
    for line in ctx.lines_with(TICKED_BOX):  # a ticked option has a ticked box on its line
        if TICKED_OPTION.match(line.text):
            if OPTION_NOT.search(line.text):
                out.append(("not_commission", ctx.line_at(line.start)))
            elif OPTION_COMMISSION.search(line.text):
                out.append(("commission", ctx.line_at(line.start)))
    return out


def _find_decision(ctx: Context) -> Decision:
    # The last clear statement wins: reviews often weigh the criteria before deciding.
    found: list[tuple[int, str, Match]] = [(m.start, "not_commission", m) for m in _statements(ctx, NEGATIVE)]
    found += [(m.start, "commission", m) for m in _statements(ctx, POSITIVE)]
    found += [(m.start, polarity, m) for polarity, m in _ticked_options(ctx)]
    if found:
        _, polarity, statement = max(found, key=lambda f: f[0])
        return Decision(polarity, statement)  # type: ignore[arg-type]
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


# 'Rationale: As per criteria in Section L.': a label with nothing behind it
EMPTY_REASON = re.compile(
    r"(?i)\s*+(?:[:\-–]\s*+)?(?:as per|see (?:above|below|section)|n/?a\b|tbc\b|to follow|none\b|-|\[)"
)
LABELLED_REASON = rx(r"^(?:rationale|reasons?|grounds)$")


def _prose(text: str) -> str:
    """The text without a criteria form's option lines ('[ ] the case may raise issues ...'): the statutory
    wording of an option is not the partners' reasons."""
    return "\n".join(
        line for line in text.splitlines() if not (FORM_OPTION.match(line) or CHECKBOX.search(line))
    )


def _reason_in(text: str, polarity: str | None) -> re.Match[str] | None:
    for m in REASON.finditer(text):
        # 'CHILD A was seriously harmed' is a ground for commissioning a review, not a reason for not doing so
        if polarity == "not_commission" and HARM_GROUNDS.fullmatch(m.group(0)):
            continue
        if LABELLED_REASON.match(m.group(0)) and EMPTY_REASON.match(text, m.end()):
            continue
        return m
    return None


def _has_reasons(ctx: Context, statement: Match, polarity: str | None = None) -> bool:
    """Reasons in the decision's sentence, its paragraph and those either side within its section, or in a
    section of their own ('Reasons for recommendation', 'Rationale')."""
    if _reason_in(statement.text, polarity) or CAUSAL_IN_SENTENCE.search(statement.text):
        return True
    section = ctx.section_at(statement.start)
    start, end = ctx.paragraph_around(statement.start)
    if (
        statement.end < end
    ):  # the next sentence of the paragraph: 'An LCSPR is not required. The criteria are not met, as ...'
        following = ctx.sentence(min(end - 1, statement.end + 1))
        if following.start >= statement.end and CAUSAL_IN_SENTENCE.search(following.text):
            return True
    before, _ = ctx.paragraph_around(max(section.body_start, start - 2))
    _, after = ctx.paragraph_around(min(max(section.end - 1, 0), end + 1))
    before, after = max(before, section.body_start), min(after, section.end)
    if before < after and _reason_in(_prose(ctx.text[before:after]), polarity):
        return True
    # the decision section's own text ('Their reasons are: ...'), or a criteria table with a reason column
    for s in [section, *ctx.sections_with_role("decision")]:
        if s.heading and ctx.section_role_at(s.start) == "decision":
            if _reason_in(_prose(ctx.text[s.body_start : s.end]), polarity):
                return True
            for t in ctx.tables_in(s.start, s.end):
                col = t.column("reason", "rationale", "why", "evidence")
                if (
                    col is not None
                    and sum(1 for r in t.rows if col < len(r) and words(r[col].text) >= 5) >= 2
                ):
                    return True
    for s in ctx.doc.sections:
        # a section of its own for the reasons ('Reasons for recommendation'); the decision's own section
        # ('Decision and rationale') has to give them in its text
        if (
            s is not section
            and RATIONALE_HEADING.search(s.heading)
            and ctx.section_role_at(s.start) in ("decision", "other")  # not 'Reason for notification'
            and words(ctx.text[s.body_start : s.end]) >= 10
        ):
            return True
    return False


@check("DECISION_RATIONALE_MISSING")
def decision_rationale(ctx: Context) -> Result | None:
    d = decision(ctx)
    if d.polarity is None or d.statement is None:
        return None  # DECISION_MISSING covers it
    if _has_reasons(ctx, d.statement, d.polarity):
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


SCOPE_HEADING = rx(
    r"\b(?:terms of reference|lines of enquiry|key questions|questions for the (?:review|LCSPR)|scope of the "
    r"(?:LCSPR|CSPR|review)|LCSPR scope|areas? (?:of|for) (?:focus|exploration|enquiry))\b"
)


# 'Terms of reference will be agreed by the sub-group at its next meeting': a scope promised, not set out.
DEFERRED = rx(
    r"\b(?:will|are to|is to|yet to|have not yet|has not yet|still to|to)\s+(?:be\s+|been\s+)?(?:\w+\s+)?"
    r"(?:agreed|set|decided|developed|confirmed|drafted|finalised|finalized|determined|written|appointed)\b"
    r"|\bto follow\b|\bTBC\b|\bnot yet (?:agreed|set|decided|known)\b"
)


def _sets_out_scope(text: str) -> bool:
    """Some line or sentence of at least five words that is not a promise to agree the scope later."""
    for piece in re.split(r"(?<=[.?!])\s+|\n+", text):
        if len(piece.split()) >= 5 and not DEFERRED.search(piece):
            return True
    return False


def _scope(ctx: Context, after: int) -> Match | None:
    for s in ctx.doc.sections:
        body = ctx.text[s.body_start : s.end]
        heading_says_scope = SCOPE_HEADING.search(s.heading) or (
            re.search(r"(?i)\bscope\b", s.heading) and s.start >= after
        )
        if heading_says_scope and _sets_out_scope(body):
            return ctx.line_at(s.start)
    for m in ctx.find(SCOPE, after):
        sentence = ctx.sentence(m.start)
        # the clause, not the sentence: 'ToR will be agreed later; the key lines of enquiry are ...' sets one out
        at = m.start - sentence.start
        clause_start = sentence.text.rfind(";", 0, at) + 1
        clause_end = sentence.text.find(";", at)
        clause = sentence.text[clause_start : clause_end if clause_end >= 0 else len(sentence.text)]
        if not RAPID_REVIEW_SCOPE.search(sentence.text) and not DEFERRED.search(clause):
            return sentence
    return None


@check("LCSPR_SCOPE_MISSING")
def lcspr_scope(ctx: Context) -> Result | None:
    d = decision(ctx)
    if d.polarity != "commission" or d.statement is None:
        return None
    found = _scope(ctx, ctx.section_at(d.statement.start).start)
    if found is None:
        return Result(
            "LCSPR_SCOPE_MISSING",
            gap=True,
            evidence=[d.statement],
            section=ctx.section_name(d.statement.start),
        )
    return Result("LCSPR_SCOPE_MISSING", gap=False, evidence=[found])


@check("CRITERIA_CHECKLIST_ONLY")
def criteria_checklist(ctx: Context) -> Result | None:
    # (a checklist item never crosses a line break, so its lines are those where a match over the draft starts)
    items = [
        ctx.line_at(line.start) for line in ctx.lines_with(CHECKLIST_ITEM) if CHECKLIST_ITEM.search(line.text)
    ]
    if len(items) < 3:
        return None
    d = decision(ctx)
    if d.statement is not None and _has_reasons(ctx, d.statement, d.polarity):
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
        option, ticked = _option_line(ctx, m)
        if option and not ticked and _ticked_options(ctx):
            continue  # an option the partners did not choose
        if SINGLE_AGENCY_REVIEW.search(ctx.text[max(0, m.start - 40) : m.start]):
            continue  # a single agency's own review alongside the rapid review
        if PAST_REVIEW.search(ctx.text[max(0, m.start - 60) : m.start]):
            continue  # 'the partnership recently completed a thematic review of ...' is history, not the choice
        sentence = ctx.line_at(m.start) if option else ctx.sentence(m.start)
        if option or DECISION_CONTEXT.search(sentence.text) or ctx.section_role_at(m.start) == "decision":
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
