"""The rest of the Panel's minimum record: safeguarding now, the incident, agencies, learning, sign-off."""

from __future__ import annotations

import re

from assistant.critic.checks import Result, check
from assistant.critic.checks.patterns import AGENCY, DATE, rx
from assistant.critic.context import Context, Match, words

IMMEDIATE = rx(
    r"\bimmediate (?:action|safeguarding|safety|protective)\w*|\bsafety plan\w*|\bcurrent (?:situation|arrangements|position)\b"
    r"|\b(?:placed|staying|remains?|remained|living|cared for|collected)\b[^.\n]{0,60}\b(?:foster\w*|kinship|grand\w+|"
    r"wider family|family member|relatives?|hospital|care|aunt|uncle)\b"
    r"|\bchild protection plans?\b|\b(?:interim )?care orders?\b|\bsection 20\b|\bS20\b|\bbail conditions\b"
    r"|\bno (?:other )?(?:siblings|children)\b|\bprotective measures\b|\bsupervised contact\b|\bprivate fostering\b"
    r"|\bsupport (?:was |has been )?offered to the family\b|\bbereavement support\b"
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
    r"information (?:was )?(?:received|provided|submitted)|sources of information|rapid review (?:process|panel|members))\b"
)
AGENCY_LIST_LEAD = rx(
    r"\b(?:agencies (?:involved|contributing|that contributed|who contributed|present|represented)|the following "
    r"(?:partner )?agencies|information (?:was )?(?:received|provided|requested) from|list of (?:agencies|participants)|"
    r"contributors\b|professionals present|participants in (?:the )?rapid review|agency reports? (?:were|was) (?:received|provided))"
)
AGENCY_WORD = rx(r"\b" + AGENCY + r"\b")
LEARNING = rx(
    r"\b(?:learning (?:points?|identified|for|from|is|was|has|will|themes?)|single[- ]agency learning|multi[- ]agency learning|"
    r"immediate learning|key learning|lessons? (?:learn\w+|identified)|areas? for (?:development|improvement)|"
    r"what needs to (?:change|happen)|(?:emerging|practice) themes?)\b"
)
LEARNING_HEADING = rx(r"\b(?:learning|lessons|areas for (?:development|improvement)|what needs to)\b")
DISSEMINATION = rx(
    r"\b(?:disseminat\w+|share (?:the |this )?learning|learning (?:will be|is being|to be) (?:shared|circulated|"
    r"cascaded)|shared with (?:all )?(?:practitioners|agencies|partners|staff)|briefings?|newsletters?|training|"
    r"7[- ]minute|seven[- ]minute|learning (?:event|summary|bulletin|lesson|review event)|cascade\w*|workshops?|"
    r"raise awareness|awareness[- ]raising|practice (?:guidance|note) (?:will|to) be|summary will be sent|"
    r"messages will be|promote safety|public health campaign|communicat\w+ (?:to|with) (?:staff|practitioners))\b"
)
EXECUTIVE = rx(
    r"\b(?:(?:three|3|all) (?:statutory )?safeguarding partners|executive (?:responsibility|lead\w*|sign[- ]?off|group)|"
    r"signed[- ]off|sign[- ]off|senior (?:strategic )?(?:leads?|endorsement|sign[- ]?off)|endorsed by|strategic leads?|"
    r"chief (?:constable|nurse|executive|officer)|director (?:of|for) (?:children'?s services|people|nursing)|"
    r"\bDCS\b|lead safeguarding partner|accountable officer)\b"
)
PARTICIPANTS = rx(
    r"\b(?:participants|attendees|professionals present|present at the (?:meeting|rapid review)|panel members)\b"
)


@check("IMMEDIATE_SAFEGUARDING_MISSING")
def immediate_safeguarding(ctx: Context) -> Result:
    found = ctx.first(IMMEDIATE)
    if found is None:
        return Result("IMMEDIATE_SAFEGUARDING_MISSING", gap=True, section="Whole document")
    return Result("IMMEDIATE_SAFEGUARDING_MISSING", gap=False, evidence=[ctx.sentence(found.start)])


@check("INCIDENT_SUMMARY_MISSING")
def incident_summary(ctx: Context) -> Result:
    for s in ctx.doc.sections:
        if INCIDENT_HEADING.search(s.heading):
            body = ctx.text[s.body_start : s.end]
            event = INCIDENT_EVENT.search(body)
            if event is None and words(body) < 15:
                continue
            first = ctx.sentence(s.body_start + (event.start() if event else len(body) - len(body.lstrip())))
            concise = 40 <= words(body) <= 700
            return Result(
                "INCIDENT_SUMMARY_MISSING",
                gap=False,
                evidence=[first],
                strength="CLEAR_INCIDENT_SUMMARY" if concise else None,
            )
    # No incident heading: accept a paragraph early on that reports the event with a date.
    limit = max(2000, len(ctx.text) // 2)
    for event in ctx.find(INCIDENT_EVENT, 0, limit):
        start, end = ctx.paragraph_around(event.start)
        if DATE_RX.search(ctx.text, start, end):
            return Result("INCIDENT_SUMMARY_MISSING", gap=False, evidence=[ctx.sentence(event.start)])
    return Result("INCIDENT_SUMMARY_MISSING", gap=True, section="Whole document")


def _agency_list(ctx: Context) -> Match | None:
    lead = ctx.first(AGENCY_LIST_LEAD)
    if lead is not None:
        return ctx.line_at(lead.start)
    for s in ctx.doc.sections:
        if AGENCY_HEADING.search(s.heading):
            return ctx.line_at(s.start)
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
    return None


@check("AGENCIES_MISSING")
def agencies(ctx: Context) -> Result:
    found = _agency_list(ctx)
    if found is None:
        return Result("AGENCIES_MISSING", gap=True, section="Whole document")
    return Result("AGENCIES_MISSING", gap=False, evidence=[found])


def learning_evidence(ctx: Context) -> Match | None:
    for s in ctx.doc.sections:
        if LEARNING_HEADING.search(s.heading):
            return ctx.line_at(s.start)
    found = ctx.first(LEARNING)
    return ctx.sentence(found.start) if found else None


@check("LEARNING_MISSING")
def learning(ctx: Context) -> Result:
    found = learning_evidence(ctx)
    if found is None:
        return Result("LEARNING_MISSING", gap=True, section="Whole document")
    by_agency = len(re.findall(r"(?i)single[- ]agency learning", ctx.text)) >= 3
    return Result(
        "LEARNING_MISSING", gap=False, evidence=[found], strength="LEARNING_BY_AGENCY" if by_agency else None
    )


@check("DISSEMINATION_MISSING")
def dissemination(ctx: Context) -> Result | None:
    if learning_evidence(ctx) is None:
        return None  # LEARNING_MISSING covers it
    found = ctx.first(DISSEMINATION)
    if found is None:
        return Result("DISSEMINATION_MISSING", gap=True, section="Whole document")
    return Result(
        "DISSEMINATION_MISSING",
        gap=False,
        evidence=[ctx.sentence(found.start)],
        strength="LEARNING_DISSEMINATED",
    )


@check("EXECUTIVE_SIGNOFF_MISSING")
def executive_signoff(ctx: Context) -> Result:
    found = ctx.first(EXECUTIVE)
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
