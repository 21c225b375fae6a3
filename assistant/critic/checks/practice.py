"""The Panel's important issues and recurring comments: lived experience, identity, balance, actions, language."""

from __future__ import annotations

import re

from assistant.critic.checks import Result, check
from assistant.critic.checks.decision import decision
from assistant.critic.checks.patterns import rx
from assistant.critic.context import Context, Match, words

LIVED = rx(
    r"\blived experience|\bvoice of (?:the )?(?:child|young person|children|baby)|\b(?:child|young person)'?s voice|"
    r"\b(?:his|her|their) voice\b|\bdaily li(?:fe|ves)\b|\bday[- ]to[- ]day (?:life|lives|experience)|\bwishes and feelings|"
    r"\bwhat (?:life|it) (?:was|is|might have been) like for|\b(?:from|through) the (?:child|young person)'?s (?:perspective|eyes)|"
    r"\b(?:child|young person)'?s (?:experience|perspective|views)|\bCHILD [A-Z]\b (?:said|told|disclosed|described|expressed|"
    r"reported|talked)|\bCHILD [A-Z]\b (?:has|had|have) (?:said|told|disclosed|described|expressed|talked)|"
    r"\b(?:she|he|they) (?:has |had )?(?:said|told|disclosed|described|expressed) (?:that|to)"
)
RACE = rx(
    r"\b(?:race|racism|racial\w*|cultur\w+|faith|religio\w+|ethnicity|ethnic\w*|heritage|interpreters?|first language|"
    r"language barriers?|adultification|unconscious bias|discriminat\w+|identity)\b"
)
HEALTH_DISABILITY = rx(
    r"\b(?:disabilit\w*|disabled|mental (?:health|ill-?ness|ill-?health)|physical health|learning (?:difficult\w*|disabilit\w*|"
    r"needs)|ADHD|autis\w+|SEND|special educational|health needs|diagnos\w+|bi-?polar|depress\w*|anxiety|PTSD|trauma|"
    r"neurodivers\w*|speech and language|SLCN|identity|post-?natal depression|perinatal mental health|substance misuse)\b"
)
GOOD_PRACTICE = rx(
    r"\bgood practice|\bwhat (?:worked|was working|went) well|\bworking well|\bstrengths\b|\bpositive (?:practice|work|"
    r"relationship|engagement)|\b(?:was|were) (?:positive|good|excellent|effective)\b|\bcommend\w*|\bexamples? of "
    r"(?:good|effective|timely)|\bwell[- ]coordinated|\btimely and appropriate|\bnotabl[ey] good"
)
ACTION_HEADING = rx(
    r"\b(?:actions?|recommendations?|next steps|action plan|response|what needs to happen|immediate learning)\b"
)
ACTION_ITEM = rx(
    r"\b(?:will|shall|to)\s+(?:be\s+)?(?:review\w*|develop\w*|implement\w*|deliver\w*|undertake\w*|establish\w*|"
    r"arrange\w*|provide\w*|share\w*|disseminat\w*|update\w*|consider\w*|ensure\w*|explore\w*|strengthen\w*|"
    r"include\w*|invite\w*|audit\w*|monitor\w*|report\w*|train\w*|brief\w*|agree\w*|create\w*|complete\w*|"
    r"introduce\w*|revis\w+|request\w*|promote\w*|take (?:this|forward))\b"
    r"|^\s*[-*•]?\s*(?:Arrange|Establish|Undertake|Develop|Review|Provide|Create|Complete|Ensure|Share|Deliver|Update|"
    r"Conduct|Implement|Agree|Consider|Request)\b"
)
BLAMING = rx(
    r"\bhard[- ]to[- ]reach\b|\b(?:putting|put|puts|placing|placed|places) (?:herself|himself|themselves|themself) "
    r"(?:at|in) (?:risk|danger|harm'?s way)|\b(?:lifestyle|life-?style) choices?\b|\bpromiscu\w+|\bchild prostitut\w*|"
    r"\bwilling(?:ly)? (?:participant|participated)|\bstreetwise\b|\bmaking (?:poor|bad|unwise) (?:choices|decisions)\b|"
    r"\bchose to (?:go missing|run away|associate)|\b(?:non-?compliant|uncooperative|manipulative) (?:child|young person|"
    r"teenager|girl|boy)|\bengaged in (?:risky|risk-taking) behaviour"
)
DATE_LED = re.compile(
    r"^\s*(?:[-*•]\s*)?(?:(?:on|in|by|from|during|between|at|early|late|mid|throughout)\s+(?:the\s+)?(?:\[(?:date|dates|time|month|year)\]|(?:date|dates)\b|\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|early|late|mid)|\[?date|\d{1,2}[/.]\d{1,2}|"
    r"\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))",
    re.I,
)
EXPLOITATION = rx(
    r"\b(?:exploit\w+|CSE|CCE|county lines|gangs?|serious youth violence|knife crime|stabb?\w*|grooming|trafficked|"
    r"missing (?:from|episodes?)|extra-?familial|contextual safeguarding|drug (?:running|dealing))\b"
)
EARLY_LIFE = rx(
    r"\bearly (?:life|years|childhood)|\bas a (?:baby|toddler|young child|infant)|\bwhen (?:she|he|they) was (?:a )?"
    r"(?:baby|toddler|young|little|small|infant)|\bfamily history|\b(?:historic|historical) (?:context|concerns|neglect|"
    r"involvement|information)|\bchildhood\b|\bACEs?\b|\badverse childhood|\bfrom birth|\bprevious(?:ly)? (?:subject to|"
    r"known to|open to)|\bhistory of (?:social care|involvement|neglect|abuse|domestic)|\bpre-?birth"
)


def _outside_upfront_and_tables(ctx: Context, pattern: re.Pattern[str]) -> Match | None:
    _, upfront_end = ctx.upfront
    for m in ctx.find(pattern, upfront_end):
        if not ctx.in_table(m.start):
            return m
    return None


@check("LIVED_EXPERIENCE_MISSING")
def lived_experience(ctx: Context) -> Result:
    found = ctx.first(LIVED)
    if found is None:
        return Result("LIVED_EXPERIENCE_MISSING", gap=True, section="Whole document")
    return Result(
        "LIVED_EXPERIENCE_MISSING",
        gap=False,
        evidence=[ctx.sentence(found.start)],
        strength="LIVED_EXPERIENCE_CONSIDERED",
    )


@check("RACE_CULTURE_NOT_CONSIDERED")
def race_culture(ctx: Context) -> Result:
    found = _outside_upfront_and_tables(ctx, RACE)
    if found is None:
        recorded = ctx.first(rx(r"\bethnic\w*|\bheritage\b"))
        detail = (
            " Ethnicity is recorded, but how it bore on the child's experience or on practice is not discussed."
            if recorded
            else ""
        )
        return Result("RACE_CULTURE_NOT_CONSIDERED", gap=True, detail=detail, section="Whole document")
    return Result("RACE_CULTURE_NOT_CONSIDERED", gap=False, evidence=[ctx.sentence(found.start)])


@check("DISABILITY_HEALTH_NOT_CONSIDERED")
def disability_health(ctx: Context) -> Result:
    found = _outside_upfront_and_tables(ctx, HEALTH_DISABILITY)
    if found is None:
        return Result("DISABILITY_HEALTH_NOT_CONSIDERED", gap=True, section="Whole document")
    return Result("DISABILITY_HEALTH_NOT_CONSIDERED", gap=False, evidence=[ctx.sentence(found.start)])


@check("GOOD_PRACTICE_MISSING")
def good_practice(ctx: Context) -> Result:
    found = ctx.first(GOOD_PRACTICE)
    if found is None:
        return Result("GOOD_PRACTICE_MISSING", gap=True, section="Whole document")
    return Result(
        "GOOD_PRACTICE_MISSING",
        gap=False,
        evidence=[ctx.sentence(found.start)],
        strength="GOOD_PRACTICE_IDENTIFIED",
    )


def _action_items(ctx: Context) -> list[Match]:
    items: list[Match] = []
    for s in ctx.doc.sections:
        if not ACTION_HEADING.search(s.heading):
            continue
        for line in ctx.doc.lines:
            if s.body_start <= line.start < s.end and ACTION_ITEM.search(line.text):
                items.append(ctx.line_at(line.start))
    if len(items) < 2:
        # Actions written into learning paragraphs: 'The Trust will strengthen...'
        for m in ctx.find(
            rx(
                r"\b(?:will|is to|are to)\s+(?:be\s+)?(?:review|develop|implement|deliver|undertake|establish|"
                r"arrange|provide|share|disseminat|update|strengthen|invite|audit|monitor|train|brief|create|"
                r"introduce|revise|include)\w*"
            )
        ):
            items.append(ctx.sentence(m.start))
            if len(items) >= 6:
                break
    return items


@check("ACTIONS_MISSING")
def actions(ctx: Context) -> Result:
    items = _action_items(ctx)
    if len(items) >= 2:
        return Result(
            "ACTIONS_MISSING",
            gap=False,
            evidence=items[:2],
            strength="ACTIONS_SET_OUT" if len(items) >= 3 else None,
        )
    no_lcspr = decision(ctx).polarity == "not_commission"
    return Result(
        "ACTIONS_MISSING",
        gap=True,
        evidence=items,
        section="Whole document",
        detail=", which matters all the more as no LCSPR is proposed" if no_lcspr else "",
    )


@check("BLAMING_LANGUAGE")
def blaming_language(ctx: Context) -> Result | None:
    hits = list(ctx.find(BLAMING))
    if not hits:
        return None
    quoted = ", ".join(f"'{h.text}'" for h in hits[:3])
    return Result(
        "BLAMING_LANGUAGE",
        gap=True,
        evidence=hits[:5],
        detail=quoted,
        section=ctx.section_name(hits[0].start),
    )


@check("CHRONOLOGY_NOT_ANALYSIS")
def chronology_not_analysis(ctx: Context) -> Result | None:
    worst: tuple[int, list[Match], str] | None = None
    for s in ctx.doc.sections:
        body = ctx.text[s.body_start : s.end]
        heading = s.heading.lower()
        if words(body) < 500 or (
            re.search(r"chronolog|key events|timeline", heading) and "summary" not in heading
        ):
            continue  # a chronology or key-events table is meant to read as one; a summary is not
        paragraphs = [
            m
            for m in re.finditer(r"[^\n]+", body)
            if m.group(0).strip() and not ctx.in_table(s.body_start + m.start())
        ]
        led = [m for m in paragraphs if DATE_LED.match(m.group(0))]
        if len(led) >= 6 and len(led) >= 0.35 * len(paragraphs) and (worst is None or len(led) > worst[0]):
            worst = (len(led), [ctx.sentence(s.body_start + m.start()) for m in led[:3]], s.heading)
    if worst is None:
        return None
    count, evidence, heading = worst
    return Result(
        "CHRONOLOGY_NOT_ANALYSIS",
        gap=True,
        evidence=evidence,
        section=heading or "Opening text",
        detail=f" {count} paragraphs of this section open with a date.",
    )


@check("EARLY_LIFE_HISTORY_MISSING")
def early_life(ctx: Context) -> Result | None:
    trigger = ctx.first(EXPLOITATION)
    if trigger is None:
        return None
    signals = {m.text.lower() for m in ctx.find(EARLY_LIFE)}
    history_section = next(
        (s for s in ctx.doc.sections if re.search(r"(?i)histor|early life|background", s.heading)), None
    )
    if history_section is not None or len(signals) >= 2:
        where = (
            ctx.line_at(history_section.start)
            if history_section
            else ctx.sentence(ctx.first(EARLY_LIFE).start)
        )  # type: ignore[union-attr]
        return Result("EARLY_LIFE_HISTORY_MISSING", gap=False, evidence=[where])
    return Result(
        "EARLY_LIFE_HISTORY_MISSING",
        gap=True,
        evidence=[ctx.sentence(trigger.start)],
        section="Whole document",
    )
