"""The rest of the Panel's minimum record: safeguarding now, the incident, agencies, learning, sign-off."""

from __future__ import annotations

import re

from assistant.critic.checks import Result, check
from assistant.critic.context import UNSET, Context, Match, words
from assistant.lexicon import AGENCY, DATE, rx

IMMEDIATE = rx(
    r"\bimmediate (?:action|safeguarding|safety|protective)\w*|\bsafety plan\w*|\bcurrent (?:situation|arrangements|position)\b"
    r"|\b(?:placed|staying|remains?|remained|cared for|collected|moved|discharged)\b[^.\n]{0,60}\b(?:foster\w*|kinship|"
    r"grand\w+|wider family|family member|relatives?|hospital|care|aunt|uncle)\b"
    r"|\bchild protection plans?\b|\b(?:interim )?care orders?\b|\bsection 20\b|\bS20\b|\bbail conditions\b"
    r"|\bno (?:other )?(?:siblings|children)\b|\bprotective measures\b|\bsupervised contact\b|\bprivate fostering\b"
    r"|\bsupport (?:was |has been )?offered to the family\b|\bbereavement support\b"
    r"|\b(?:is|are) (?:now )?(?:safe|safely cared for|being cared for)\b"
)
IMMEDIATE_HEADING = rx(
    r"\b(?:immediate (?:action|safeguarding|safety|arrangements|response|protective|steps)\w*|current (?:situation|"
    r"arrangements|position|safeguarding)|safety (?:plan|arrangements)|safeguarding arrangements|keep \w+ safe|"
    r"what has been done|protective (?:action|measures)|safeguarding now|safety of (?:the )?(?:child|children|siblings))\b"
)
PLACEHOLDER_BODY = re.compile(
    r"(?i)^\s*(?:to (?:follow|be (?:completed|confirmed|added|agreed))|tbc|tbd|n/?a|none|not applicable|"
    r"pending|\[[^\]]*\]|-+)\s*\.?\s*$"
)
# 'was subject to a child protection plan in 2016' is history, not today's arrangements.
HISTORY = rx(
    r"\b(?:previous(?:ly)?|historic(?:al|ally)?|had been|in the past|formerly|earlier|stepped down|ended|closed|"
    r"(?:19|20)\d\d|years? (?:ago|before)|as a (?:baby|child|toddler)|when (?:she|he|they) was)\b"
)
INCIDENT_HEADING = rx(
    r"\b(?:incident|case summary|summary of (?:the )?(?:case|incident|events)|circumstances|facts|what happened|"
    r"serious (?:incident|harm)|background to the (?:incident|notification))\b"
)
INCIDENT_EVENT = rx(
    r"\b(?:died|death|found (?:unresponsive|dead|collapsed)|fatal\w*|injur\w+|fractur\w+|burn(?:s|ed|t)?|stab\w*|"
    r"raped?|sexual(?:ly)? assault\w*|assault\w*|admitted to hospital|conveyed to hospital|cardiac arrest|"
    r"overdose|drown\w*|head trauma|bleed\w*)\b"
)
DATE_RX = rx(DATE + r"|\b(?:on|in) \[?(?:date|time)\]?")
AGENCY_HEADING = rx(
    r"\b(?:agencies|contributors|participants|attendees|professionals present|documentation available|"
    r"information (?:was )?(?:received|provided|submitted)|sources of information|rapid review (?:process|panel|members)|"
    r"who contributed|organisations|agency involvement|involvement of agencies|multi-agency involvement)\b"
)
AGENCY_LIST_LEAD = rx(
    r"\b(?:agencies (?:involved|contributing|that contributed|who contributed|present|represented|consulted)|the following "
    r"(?:partner )?(?:agencies|organisations|services)|information (?:was )?(?:received|provided|requested|submitted) (?:from|by)|"
    r"list of (?:agencies|participants)|contributors\b|professionals present|participants in (?:the )?rapid review|"
    r"agency reports? (?:were|was) (?:received|provided))"
)
# 'Chronologies were received from Children's Social Care, Police, the GP ...' lists the agencies in a sentence.
AGENCY_SENTENCE_VERB = rx(
    r"\b(?:received|provided|submitted|contributed|attended|represented|consulted|took part|participated|"
    r"supplied|shared (?:their )?records)\b"
)
AGENCY_WORD = rx(r"\b" + AGENCY + r"\b")
AGENCY_OR_HEALTH = rx(
    r"\b(?:" + AGENCY + r"|health|local authority|council|ICB)\b"
)  # 'Police, Health and CSC'
# 'Learning: ...', '**Learning point 2:** ...' as a label at the start of a line
LEARNING_LABEL = re.compile(
    r"(?im)^[ \t]*(?:[-*•][ \t]*)?(?:\*\*|__)?(?:(?:single|multi)[- ]agency |immediate |key |partnership )?"
    r"(?:learning|lessons?)(?: points?| themes?)?[ \t]*\d*[ \t]*(?:\*\*|__)?[ \t]*[:\-–][ \t]*\S"
)
# Learning stated, not merely named: a learning section, a labelled learning point, or 'the learning is that'.
LEARNING = rx(
    r"\b(?:learning points?|learning themes?|single[- ]agency learning|multi[- ]agency learning|partnership learning|"
    r"immediate learning|key learning|(?:main|central|principal|emerging) learning|the learning (?:is|was|here is) that|"
    r"lessons? (?:learn\w+|identified|for)|areas? for (?:development|improvement)|what needs to (?:change|happen)|"
    r"learning (?:for|about) (?:the )?(?:partnership|agencies|practitioners|practice|all agencies|professionals)|"
    r"learning (?:identified|from this (?:case|review)) (?:is|was|includes?|included)|(?:emerging|practice) themes?)\b"
)
FINDINGS = rx(r"\b(?:findings|what we found|issues identified)\b")
FINDINGS_MIN_WORDS = 60
NO_LEARNING = rx(r"\b(?:no|not identified any|without any|nil) (?:\w+ ){0,2}?(?:learning|lessons)\b")
LEARNING_HEADING = rx(
    r"\b(?:learning|learned|learnt|lessons|areas for (?:development|improvement)|what needs to (?:change|happen)|"
    r"what we were worried)\b"
)
NOT_LEARNING_HEADING = rx(
    r"\blearning (?:disabilit\w*|difficult\w*|needs|mentor)\b|\bno learning\b|\bnational (?:learning|reviews?)\b"
)
DISSEMINATION = rx(
    r"\b(?:disseminat\w+|(?:share|sharing|cascade|cascading|circulate|circulating|communicate|communicating) (?:the |this |its |that )?"
    r"(?:learning|messages?|findings|lessons)|learning (?:will be|is being|to be|has been) (?:shared|circulated|cascaded|"
    r"communicated|embedded|disseminated)|7[- ]minute|seven[- ]minute|learning (?:event|summary|bulletin|lesson|review event|"
    r"briefing|brief)s?|newsletters?|practice (?:guidance|note)s? (?:will|to) be|summary will be sent|messages will be|"
    r"(?:public health |safer sleep |awareness )?campaign|raise awareness|awareness[- ]raising|"
    r"(?:will|to) (?:write to|remind|brief|inform) (?:all )?(?:practitioners|staff|agencies|partners|health visitors|"
    r"midwives|schools|GPs|professionals))\b"
)
# Words that disseminate only when the draft plans them ('training will be delivered'), not in the history
# ('the health visitor had attended training').
DISSEMINATION_WEAK = rx(
    r"\b(?:briefings?|training|workshops?|shared with (?:all )?(?:practitioners|agencies|partners|staff))\b"
)
PLANNED = rx(r"\b(?:will|shall|to be|is being|are being|planned|plans? to|going forward|in future)\b")
EXECUTIVE = rx(
    r"\b(?:(?:three|3|all) (?:statutory )?safeguarding partners|executive (?:responsibility|lead\w*|sign[- ]?off|group)|"
    r"signed[- ]off|sign[- ]off|senior (?:strategic )?(?:leads?|endorsement|sign[- ]?off)|endorsed by|strategic leads?|"
    r"chief (?:constable|nurse|executive|officer|superintendent|nursing officer)|assistant chief constable|"
    r"director (?:of|for) (?:children'?s services|people|nursing|safeguarding|quality)|partnership executive|"
    r"\bDCS\b|lead safeguarding partners?|delegated safeguarding partners?|accountable officer)\b"
)
PARTICIPANTS = rx(
    r"\b(?:participants|attendees|professionals present|present at the (?:meeting|rapid review)|panel members)\b"
)


@check("IMMEDIATE_SAFEGUARDING_MISSING")
def immediate_safeguarding(ctx: Context) -> Result:
    for s in ctx.doc.sections:
        body = ctx.text[s.body_start : s.end]
        if IMMEDIATE_HEADING.search(s.heading) and words(body) >= 3 and not PLACEHOLDER_BODY.match(body):
            return Result(
                "IMMEDIATE_SAFEGUARDING_MISSING",
                gap=False,
                evidence=[ctx.sentence(_first_text(ctx, s.body_start, s.end))],
            )
    for found in ctx.find(IMMEDIATE):
        sentence = ctx.sentence(found.start)
        section = ctx.section_at(found.start)
        if section.heading and section.start <= found.start < section.body_start:
            continue  # the heading 'Immediate safeguarding' is not itself an arrangement
        if HISTORY.search(sentence.text) or PLACEHOLDER_BODY.match(sentence.text):
            continue
        return Result("IMMEDIATE_SAFEGUARDING_MISSING", gap=False, evidence=[sentence])
    return Result("IMMEDIATE_SAFEGUARDING_MISSING", gap=True, section="Whole document")


def _first_text(ctx: Context, start: int, end: int) -> int:
    """Offset of the first non-space character in [start, end)."""
    body = ctx.text[start:end]
    return start + (len(body) - len(body.lstrip()))


@check("INCIDENT_SUMMARY_MISSING")
def incident_summary(ctx: Context) -> Result:
    for s in ctx.doc.sections:
        if INCIDENT_HEADING.search(s.heading):
            body = ctx.text[s.body_start : s.end]
            event = INCIDENT_EVENT.search(body)
            if event is None and words(body) < 15:
                continue
            first = ctx.sentence(_first_text(ctx, s.body_start, s.end))  # the summary's opening sentence
            concise = 40 <= words(body) <= 700
            return Result(
                "INCIDENT_SUMMARY_MISSING",
                gap=False,
                evidence=[first],
                strength="CLEAR_INCIDENT_SUMMARY" if concise else None,
            )
    # No incident heading: accept a paragraph early on that reports the event with a date.
    limit = max(2000, len(ctx.text) // 2)
    seen: set[int] = set()
    for ev in ctx.find(INCIDENT_EVENT, 0, limit):
        start, end = ctx.paragraph_around(ev.start)
        if start in seen:
            continue
        seen.add(start)
        # a date near the event, in the same paragraph (bounded, so a draft with no paragraph breaks stays linear)
        if DATE_RX.search(ctx.text, max(start, ev.start - 600), min(end, ev.end + 600)):
            return Result("INCIDENT_SUMMARY_MISSING", gap=False, evidence=[ctx.sentence(ev.start)])
    return Result("INCIDENT_SUMMARY_MISSING", gap=True, section="Whole document")


# 'Who took part', 'Contributors', 'Agencies at the meeting': a section naming who contributed to the review
CONTRIBUTORS_HEADING = rx(
    r"\b(?:who took part|took part|contributors?|contributing|participants?|attendees|attendance|present|"
    r"panel members|membership|at the (?:meeting|rapid review)|involved in (?:the|this) (?:rapid )?review)\b"
)
MIN_LISTED_AGENCIES = 3


def _agency_list(ctx: Context) -> Match | None:
    lead = ctx.first(AGENCY_LIST_LEAD)
    if lead is not None:
        return ctx.line_at(lead.start)
    for s in ctx.sections_with_role("agencies"):
        if CONTRIBUTORS_HEADING.search(s.heading):
            named = {m.group(0).lower() for m in AGENCY_OR_HEALTH.finditer(ctx.text, s.body_start, s.end)}
            if len(named) >= MIN_LISTED_AGENCIES:
                return ctx.line_at(s.start)
    for s in ctx.doc.sections:
        if AGENCY_HEADING.search(s.heading) and words(ctx.text[s.body_start : s.end]) >= 2:
            return ctx.line_at(s.start)
    for t in ctx.doc.tables:
        col = t.column("agency", "agencies", "organisation", "service")
        if col is not None and t.header is not None and len(t.rows) >= 2:
            return Match(t.header[col].start, t.header[col].end, t.header[col].text)
    # A bullet list naming three or more agencies, one a line.
    run: list[Match] = []
    for line in ctx.doc.lines:
        stripped = line.text.strip()
        if re.match(r"^[-*•]\s", stripped) and AGENCY_WORD.search(stripped) and words(stripped) <= 12:
            run.append(ctx.line_at(line.start))
            if len(run) >= 3:
                return run[0]
        elif stripped:
            run = []
    # A sentence naming three or more agencies as contributors.
    for verb in ctx.find(AGENCY_SENTENCE_VERB):
        sentence = ctx.sentence(verb.start)
        if len({m.group(0).lower() for m in AGENCY_OR_HEALTH.finditer(sentence.text)}) >= 3:
            return sentence
    return None


@check("AGENCIES_MISSING")
def agencies(ctx: Context) -> Result:
    found = _agency_list(ctx)
    if found is None:
        return Result("AGENCIES_MISSING", gap=True, section="Whole document")
    return Result("AGENCIES_MISSING", gap=False, evidence=[found])


def learning_evidence(ctx: Context) -> Match | None:
    if ctx.facts.learning is not UNSET:
        return ctx.facts.learning
    found: Match | None = None
    for s in ctx.doc.sections:
        body = ctx.text[s.body_start : s.end]
        if (
            LEARNING_HEADING.search(s.heading)
            and not NOT_LEARNING_HEADING.search(s.heading)
            and words(body) >= 8
            and not NO_LEARNING.match(body.strip())
        ):
            found = ctx.sentence(_first_text(ctx, s.body_start, s.end))
            break
    if found is None:
        # findings set out as analysis ('6. Analysis' with a 'Theme | Findings' table, 'What we found') are the
        # learning, however the template names them
        for s in ctx.sections_with_role("learning", "analysis"):
            body = ctx.text[s.body_start : s.end]
            if words(body) >= FINDINGS_MIN_WORDS and (
                FINDINGS.search(s.heading) or FINDINGS.search(body[:400])
            ):
                found = ctx.sentence(_first_text(ctx, s.body_start, s.end))
                break
    if found is None:
        for m in [*ctx.find(LEARNING), *ctx.find(LEARNING_LABEL)]:
            sentence = ctx.sentence(m.start)
            if NO_LEARNING.search(sentence.text):
                continue
            found = sentence
            break
    ctx.facts.learning = found
    return found


@check("LEARNING_MISSING")
def learning(ctx: Context) -> Result:
    found = learning_evidence(ctx)
    if found is None:
        return Result("LEARNING_MISSING", gap=True, section="Whole document")
    by_agency = len(re.findall(r"(?i)single[- ]agency learning", ctx.text)) >= 3
    return Result(
        "LEARNING_MISSING", gap=False, evidence=[found], strength="LEARNING_BY_AGENCY" if by_agency else None
    )


def _dissemination(ctx: Context) -> Match | None:
    found = ctx.first(DISSEMINATION)
    if found is not None:
        return ctx.sentence(found.start)
    for m in ctx.find(DISSEMINATION_WEAK):
        sentence = ctx.sentence(m.start)
        if PLANNED.search(sentence.text):
            return sentence
    return None


@check("DISSEMINATION_MISSING")
def dissemination(ctx: Context) -> Result | None:
    if learning_evidence(ctx) is None:
        return None  # LEARNING_MISSING covers it
    found = _dissemination(ctx)
    if found is None:
        return Result("DISSEMINATION_MISSING", gap=True, section="Whole document")
    return Result("DISSEMINATION_MISSING", gap=False, evidence=[found], strength="LEARNING_DISSEMINATED")


def _in_heading(ctx: Context, at: int) -> bool:
    section = ctx.section_at(at)
    return bool(section.heading) and section.start <= at < section.body_start


@check("EXECUTIVE_SIGNOFF_MISSING")
def executive_signoff(ctx: Context) -> Result:
    # a 'Sign-off' heading names the place for it; the partners who signed have to be in the text
    found = next((m for m in ctx.find(EXECUTIVE) if not _in_heading(ctx, m.start)), None)
    if found is not None:
        return Result("EXECUTIVE_SIGNOFF_MISSING", gap=False, evidence=[ctx.sentence(found.start)])
    participants = ctx.first(PARTICIPANTS)
    detail = (
        " Those who took part are listed, but not who holds executive responsibility." if participants else ""
    )
    return Result(
        "EXECUTIVE_SIGNOFF_MISSING",
        gap=True,
        detail=detail,
        evidence=[ctx.line_at(participants.start)] if participants else [],
        section="Whole document",
    )
