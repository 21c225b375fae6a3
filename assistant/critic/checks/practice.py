"""The Panel's important issues and recurring comments: lived experience, identity, balance, actions, language."""

from __future__ import annotations

import re

from assistant.chronology.dates import match_date
from assistant.critic.checks import Result, check
from assistant.critic.checks.case_info import child_age_evidence, child_years
from assistant.critic.checks.decision import decision
from assistant.critic.checks.record import INCIDENT_HEADING
from assistant.critic.context import Context, Match, words
from assistant.lexicon import (
    ANALYSIS_CUE,
    CHILD_SAID,
    CHILD_WORLD,
    EARLY_LIFE,
    ETHNICITY_TERM,
    EXPLOITATION,
    GOOD_PRACTICE,
    HEALTH_DISABILITY,
    KEY_PRACTICE_EPISODES,
    LIVED,
    MONTH,
    NOT_HEALTH,
    NOT_RACE,
    RACE,
    life_stage,
    rx,
)

ANALYSIS = rx(ANALYSIS_CUE)
FACT_ONLY_ROLES = ("agencies", "chronology", "incident", "immediate", "case", "family")
LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s")
ANALYSIS_REACH = 700  # characters either side of a mention, within its paragraph, where its analysis may lie
MAX_MENTIONS = 200  # enough to find one that is analysed; a huge draft need not be read to the end
FIELD = re.compile(r"^\s*(?:[-*•|]\s*)?[^:\n]{1,40}:\s*\S[^.\n]{0,60}$")
NOT_GOOD = rx(r"\b(?:no|not|without|lack of|absence of|little)\b[^.\n]{0,25}$")
ACTION_HEADING = rx(
    r"\b(?:actions?|recommendations?|next steps|action plan|response|what needs to happen|immediate learning|"
    r"learning|improvements?)\b"
)
ACTION_ITEM = rx(
    r"\b(?:will|shall|is to|are to)\s+(?:now\s+|also\s+|urgently\s+|jointly\s+)?(?:be\s+)?[a-z]{3,}\w*"
    r"|^\s*(?:[-*•]|\d{1,2}[.)])?\s*(?:Arrange|Establish|Undertake|Develop|Review|Provide|Create|Complete|Ensure|Share|"
    r"Deliver|Update|Conduct|Implement|Agree|Consider|Request|Introduce|Revise|Audit|Train|Brief|Write|Hold|Set up|"
    r"Commission|Strengthen|Embed|Monitor|Explore|Run|Publish|Add)\b"
)
NOT_ACTION = rx(r"\b(?:will|shall)\s+(?:not|be unlikely|have|be able)\b")
AGENCY_SUBJECT = (
    r"(?:partnership|partners|agenc(?:y|ies)|service|team|trust|police|school|council|board|department|authority|"
    r"practice|ICB|CCG|Children'?s Social Care|CSC|we|group|hospital|unit|provider|health visit\w*|midwifery)"
)
ACTION_SENTENCE = rx(
    r"\b"
    + AGENCY_SUBJECT
    + r"s?\s+(?:will|shall|is to|are to|has agreed to|have agreed to|will now)\s+(?:now\s+|also\s+)?"
    r"(?!not\b|be unlikely\b)[a-z]{3,}\w*"
)
MAX_ACTIONS = 12
ACTION_CELL_WORDS = 4
OWNER_NOUN = (
    r"(?:managers?|leads?|teams?|services?|officers?|workers?|panels?|groups?|nurses?|partnership|trusts?|boards?|"
    r"units?|providers?|practices?|practitioners?|agencies|heads?|designated|safeguarding|named|doctors?|midwives|"
    r"visitors?|health|social|care|police|schools?|council|commissioning|commissioners?)"
)
# 'Business Manager to submit the rapid review to the Panel': a step in the review's own process, not an action
PROCESS_STEP = rx(
    r"\b(?:submit|send|forward|present|lead|arrange|convene|chair|finalise|finalize|circulate|sign)\w*\b[^.\n]{0,40}?"
    r"\b(?:rapid review|this review|the review|learning review|report|meeting|the panel)\b"
)
# '- CSC to ensure that a MACE meeting is held (Head of Service, immediately).': an owner, then what they are to do
OWNED_ACTION = re.compile(
    # the owner: capitalised words joined by 'of', 'and', 'for' ('Head of MASH', 'Police and CSC'), never a clause
    # ('Mother was hard to reach' is not an owner and an action)
    r"^\s*(?:[-*•]|\(?\d{1,2}[.)]|\(?[a-z][.)])?\s*((?:the\s+)?[A-Z\[][\w&'’\[\]/-]*"
    r"(?:\s+(?:of|and|&|for|the|[A-Z0-9\[][\w&'’\[\]/-]*|" + OWNER_NOUN + r")){0,6})\s+to\s+"
    # 'Agencies to reflect on the learning' asks for thought, not a change anyone can check
    r"(?!be\b|reflect\b|consider\b|note\b|think\b|remember\b|bear\b|be aware\b)[a-z]{3,}"
)
# Under 'Recommendations' or 'Action plan', 'That the partnership reviews ...' and '... should audit ...' are actions.
RECOMMEND_HEADING = rx(r"\b(?:actions?|recommendations?|next steps|action plan|what needs to happen)\b")
RECOMMENDATION_ITEM = rx(
    r"^\s*(?:[-*•]|\(?\d{1,2}[.)]|\(?[a-z][.)]|[ivx]{1,4}[.)])?\s*that\s+\S|\b(?:should|must|needs? to|to be)\s+[a-z]{3,}"
)
COMMISSIONING = rx(
    r"\b(?:commission|undertake|initiate|proceed to)\b[^.\n]{0,40}\b(?:LCSPR|CSPR|practice review)\b"
)
FUTURE_VERB = rx(
    r"\b(?:will|shall|is to|are to|agreed to)\s+(?!not\b|be unlikely\b)(?:now\s+|also\s+)?[a-z]{3,}"
)
BLAMING = rx(
    r"\bhard[- ]to[- ]reach\b|\b(?:putting|put|puts|placing|placed|places) (?:herself|himself|themselves|themself)(?: and \w+(?: \w+)?)? "
    r"(?:at|in) (?:risk|danger|harm'?s way)|\b(?:lifestyle|life-?style) choices?\b|\bpromiscu\w+|\bchild prostitut\w*|"
    r"\bwilling(?:ly)? (?:participant|participated)|\bstreetwise\b|\bmaking (?:poor|bad|unwise) (?:choices|decisions)\b|"
    r"\bchose to (?:go missing|run away|associate|engage in|leave|stay out)|\b(?:non-?compliant|uncooperative|manipulative) "
    r"(?:child|young person|teenager|girl|boy)|\bengaged in (?:risky|risk-taking) behaviour|\bself[- ]placing\b|"
    r"\bconsensual (?:sexual )?relationship with (?:an? )?(?:older|adult)|\bsexually active with (?:older|adult)|"
    r"\battention[- ]seeking\b|\b(?:refused|refuses|refusing) to engage\b"
)
# The draft naming a term in order to avoid or criticise it: 'terms such as "hard to reach"'.
DISTANCED = rx(
    r"(?:such as|terms? like|language (?:like|such as)|avoid\w*|rather than|instead of|phrase|term)\s*[\"'“‘]?\s*$"
)
QUOTES = "\"'“”‘’"
HARD_TO_REACH = rx(r"hard[- ]to[- ]reach")
CHILD_PRONOUN = rx(r"\b(?:she|he|her|him|his|herself|himself)\b")
CONTRAST_AFTER = re.compile(r"[\s,\"'”’]*(?:rather than|instead of|and not as|not as)\b", re.I)
DATE_LED = re.compile(
    r"^\s*(?:[-*•]\s*)?(?:(?:on|in|by|from|during|between|at|early|late|mid|throughout)\s+(?:the\s+)?(?:\[(?:date|dates|time|month|year)\]|(?:date|dates)\b|\d|"
    + MONTH
    + r"|early|late|mid)|\[?date|\d{1,2}/\d{1,2}|\d{1,2}\.\d{1,2}\.\d{2,4}|"
    r"\d{1,2}(?:st|nd|rd|th)? " + MONTH + ")",
    re.I,
)
HISTORY_HEADING = rx(r"\b(?:early life|family history|childhood|history|early years)\b")
BACKGROUND_HEADING = rx(r"\bbackground\b")


def _mentions(ctx: Context, pattern: re.Pattern[str], exclude: re.Pattern[str]) -> list[Match]:
    """Mentions outside the case information, tables and headings, and not in another sense
    ('organisational culture') or a repeated field ('Ethnicity: White British')."""
    out = []
    for m in ctx.find(pattern):
        if ctx.in_upfront(m.start) or ctx.in_table(m.start):
            continue  # case-information fields and tables record facts; they do not consider them
        section = ctx.section_at(m.start)
        if section.heading and section.start <= m.start < section.body_start:
            continue  # a heading names the topic; the text under it has to discuss it
        line = ctx.line_at(m.start)
        local = ctx.text[max(line.start, m.start - 40) : min(line.end, m.end + 30)]
        if any(
            x.start() <= m.start - max(line.start, m.start - 40) < x.end() for x in exclude.finditer(local)
        ):
            continue
        if FIELD.match(line.text):
            continue
        out.append(m)
        if len(out) >= MAX_MENTIONS:
            break
    return out


def _considered(
    ctx: Context, pattern: re.Pattern[str], exclude: re.Pattern[str]
) -> tuple[Match | None, Match | None]:
    """(a mention the draft analyses, the first mention at all).

    Analysed: the paragraph with the mention weighs its effect on the child or on practice ('Her autism
    meant that changes of routine ...', 'The meeting considered whether his background affected practice');
    a date-led chronology line that only reports it ('[date] GP: low mood') is not analysis."""
    mentions = _mentions(ctx, pattern, exclude)
    for m in mentions:
        if ctx.section_role_at(m.start) == "chronology" or DATE_LED.match(ctx.line_at(m.start).text):
            continue
        start, end = ctx.paragraph_around(m.start)
        line = ctx.line_at(m.start)
        if LIST_ITEM.match(line.text):
            start, end = line.start, line.end  # each item of a list is its own statement
        if ANALYSIS.search(ctx.text, max(start, m.start - ANALYSIS_REACH), min(end, m.end + ANALYSIS_REACH)):
            return m, mentions[0]
    return None, (mentions[0] if mentions else None)


def _child_voice(ctx: Context) -> Match | None:
    """'CHILD S told her teacher', 'Baby N's experience of ...': the child's own words or world, where the
    review reflects on them (a disclosure reported in the incident summary is a fact of the incident)."""
    said = re.compile(f"(?:{ctx.child_ref_source})(?:{CHILD_SAID}|{CHILD_WORLD})", re.I)
    for m in ctx.find(said):
        heading = ctx.section_at(m.start).heading
        if ctx.section_role_at(m.start) in FACT_ONLY_ROLES or DATE_LED.match(ctx.line_at(m.start).text):
            continue  # what the child said in the history or on the day is a fact of the case, not reflection on it
        if not ctx.in_upfront(m.start) and not (heading and INCIDENT_HEADING.search(heading)):
            return m
    return None


@check("LIVED_EXPERIENCE_MISSING")
def lived_experience(ctx: Context) -> Result:
    found = ctx.first(LIVED) or _child_voice(
        ctx
    )  # reflection on the child's experience first, then their words
    if found is None:
        return Result("LIVED_EXPERIENCE_MISSING", gap=True, section="Whole document")
    return Result(
        "LIVED_EXPERIENCE_MISSING",
        gap=False,
        evidence=[ctx.quote_at(found.start)],
        strength="LIVED_EXPERIENCE_CONSIDERED",
    )


@check("RACE_CULTURE_NOT_CONSIDERED")
def race_culture(ctx: Context) -> Result:
    found, mentioned = _considered(ctx, RACE, NOT_RACE)
    if found is None:
        recorded = ctx.first(rx(r"\bethnic\w*|\bheritage\b|\b" + ETHNICITY_TERM + r"\b"))
        detail = (
            " Race, culture or faith is mentioned, but how it bore on the child's experience or on practice is not"
            " analysed."
            if mentioned
            else " Ethnicity is recorded, but how it bore on the child's experience or on practice is not discussed."
            if recorded
            else ""
        )
        return Result(
            "RACE_CULTURE_NOT_CONSIDERED",
            gap=True,
            evidence=[ctx.sentence(mentioned.start)] if mentioned else [],
            detail=detail,
            section=None if mentioned else "Whole document",
        )
    return Result("RACE_CULTURE_NOT_CONSIDERED", gap=False, evidence=[ctx.sentence(found.start)])


@check("DISABILITY_HEALTH_NOT_CONSIDERED")
def disability_health(ctx: Context) -> Result:
    found, mentioned = _considered(ctx, HEALTH_DISABILITY, NOT_HEALTH)
    if found is None:
        return Result(
            "DISABILITY_HEALTH_NOT_CONSIDERED",
            gap=True,
            evidence=[ctx.sentence(mentioned.start)] if mentioned else [],
            detail=" Health or disability is mentioned, but how it bore on the child's experience or on practice"
            " is not analysed."
            if mentioned
            else "",
            section=None if mentioned else "Whole document",
        )
    return Result("DISABILITY_HEALTH_NOT_CONSIDERED", gap=False, evidence=[ctx.sentence(found.start)])


@check("GOOD_PRACTICE_MISSING")
def good_practice(ctx: Context) -> Result:
    for m in ctx.find(GOOD_PRACTICE):
        line = ctx.line_at(m.start)
        if NOT_GOOD.search(ctx.text[max(line.start, m.start - 30) : m.start]):
            continue  # 'there was no good practice', 'not thorough'
        return Result(
            "GOOD_PRACTICE_MISSING",
            gap=False,
            evidence=[ctx.quote_at(m.start)],
            strength="GOOD_PRACTICE_IDENTIFIED",
        )
    return Result("GOOD_PRACTICE_MISSING", gap=True, section="Whole document")


def _action_items(ctx: Context) -> list[Match]:
    """Distinct actions: commitments under an actions, recommendations or learning heading, and elsewhere
    sentences in which an agency or the partnership 'will' do something."""
    items: list[Match] = []
    seen: set[int] = set()

    def add(offset: int) -> None:
        if offset not in seen:
            seen.add(offset)
            items.append(ctx.sentence(offset))

    for s, role in zip(ctx.doc.sections, ctx.roles, strict=True):
        recommending = RECOMMEND_HEADING.search(s.heading) is not None
        if not (ACTION_HEADING.search(s.heading) or role == "actions") or re.search(
            r"(?i)immediate (?:action|safeguarding)", s.heading
        ):
            continue
        # an action plan table: every row whose action cell says something is an action
        for t in ctx.tables_in(s.start, s.end):
            col = t.column("action", "recommendation", "what will", "what we will")
            if col is None:
                continue
            for row in t.rows:
                if col < len(row) and len(row[col].text.split()) >= ACTION_CELL_WORDS:
                    add(row[col].start)
        for line in ctx.doc.lines[ctx.line_index(s.body_start) :]:
            if line.start >= s.end:
                break
            if line.start < s.body_start:
                continue
            if (owned := OWNED_ACTION.match(line.text)) is not None and not PROCESS_STEP.search(line.text):
                add(line.start + owned.start(1))
            for m in ACTION_ITEM.finditer(line.text):
                if not NOT_ACTION.match(m.group(0)):
                    add(line.start + m.start())
            rec = RECOMMENDATION_ITEM.search(line.text) if recommending else None
            if rec is not None:
                add(line.start + rec.start())
        if len(items) >= MAX_ACTIONS:
            return items  # enough to judge; a draft with thousands of actions need not be read to the end
    for hit in ctx.find(ACTION_SENTENCE):
        sentence = ctx.sentence(hit.start)
        if ctx.in_upfront(hit.start) or COMMISSIONING.search(sentence.text):
            continue  # 'the partners will commission an LCSPR' is the decision, not an action
        # 'The partnership will write to all health visitors and will run a campaign' commits to two things
        for verb in FUTURE_VERB.finditer(ctx.text, hit.start, sentence.end):
            add(verb.start())
        if len(items) >= MAX_ACTIONS:
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


def _distanced(ctx: Context, m: Match) -> bool:
    """The term is quoted, or named in order to be avoided or criticised."""
    before = ctx.text[max(0, m.start - 40) : m.start]
    after = ctx.text[m.end : m.end + 1]
    quoted = before[-1:] in QUOTES and after != "" and after in QUOTES
    # '... her drug use as a lifestyle choice rather than exploitation': the draft challenges the view
    contrasted = CONTRAST_AFTER.match(ctx.text, m.end, m.end + 30) is not None
    # 'described the home education as a lifestyle choice': about the family's choices, not the child
    sentence = ctx.sentence(m.start)
    # 'hard to reach' blames a family as readily as a child, and the Panel names it either way
    about_child = (
        ctx.child_ref.search(sentence.text)
        or CHILD_PRONOUN.search(sentence.text)
        or HARD_TO_REACH.match(m.text)
    )
    return quoted or contrasted or not about_child or DISTANCED.search(before) is not None


@check("BLAMING_LANGUAGE")
def blaming_language(ctx: Context) -> Result | None:
    hits = [h for h in ctx.find(BLAMING) if not _distanced(ctx, h)]
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


CHRONOLOGY_MIN_ENTRIES = 8  # a dated account this long, outweighing the analysis, is the review's substance
ENTRY_PREFIX = re.compile(r"^\s*(?:[-*•]\s*|\|\s*)?")
EPISODES_MIN_WORDS = 40  # enough to analyse at least one episode


def _about_episodes(ctx: Context, start: int, end: int, heading: str) -> bool:
    """A section that sets out key practice episodes (its heading, or its opening, says so)."""
    return bool(
        KEY_PRACTICE_EPISODES.search(heading)
        or KEY_PRACTICE_EPISODES.search(ctx.text, start, min(end, start + 400))
    )


def _episode_analysis(ctx: Context, at: int, text: str) -> bool:
    """A dated paragraph of a key-practice-episodes section that weighs what happened ('[date] The health
    visitor's visit: this was a missed opportunity because ...') analyses an episode; it is not a chronology."""
    section = ctx.section_at(at)
    return bool(ANALYSIS.search(text)) and _about_episodes(
        ctx, section.body_start, section.end, section.heading
    )


def _dated_entries(ctx: Context) -> list[Match]:
    """Lines that open with a date: chronology rows and bullets, in any section, table or not (episodes that
    are analysed excepted)."""
    out = []
    seen: dict[str, bool] = {}  # a line repeated a thousand times is read once
    for line in ctx.doc.lines:
        text = line.text
        if not text or text.isspace():
            continue  # a date needs a digit, a word or a bracket
        dated = seen.get(text)
        if dated is None:
            lead = ENTRY_PREFIX.match(text)
            at = lead.end() if lead else 0
            dated = seen[text] = bool(
                DATE_LED.match(text) or match_date(text, at, allow_year=True) is not None
            )
        if dated and not _episode_analysis(ctx, line.start, text):
            out.append(ctx.line_at(line.start))
    return out


def _episodes_strength(ctx: Context) -> Result | None:
    """The draft analyses key practice episodes, as the Panel's 2025 guidance asks."""
    for s in ctx.doc.sections:
        if not _about_episodes(ctx, s.body_start, s.end, s.heading):
            continue
        body = ctx.text[s.body_start : s.end]
        weighed = ctx.first(ANALYSIS, s.body_start, s.end)
        if words(body) >= EPISODES_MIN_WORDS and weighed is not None:
            # the evidence is where an episode is weighed, not where it is only told
            return Result(
                "CHRONOLOGY_NOT_ANALYSIS",
                gap=False,
                evidence=[ctx.sentence(weighed.start)],
                strength="KEY_PRACTICE_EPISODES_ANALYSED",
            )
    return None


def _chronology_outweighs_analysis(ctx: Context) -> Result | None:
    """The whole draft reads as a chronology: many dated entries, more words in them than in its analysis."""
    entries = _dated_entries(ctx)
    if len(entries) < CHRONOLOGY_MIN_ENTRIES:
        return None
    dated_words = sum(words(m.text) for m in entries)
    analysis_words = sum(
        words(ctx.text[s.body_start : s.end]) for s in ctx.sections_with_role("analysis", "learning")
    )
    if dated_words <= analysis_words:
        return None
    return Result(
        "CHRONOLOGY_NOT_ANALYSIS",
        gap=True,
        evidence=entries[:3],
        section=ctx.section_name(entries[0].start),
        detail=f" {len(entries)} dated entries ({dated_words} words) outweigh the analysis ({analysis_words} words).",
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
        tables = bool(ctx.doc.tables)
        paragraphs = [
            m
            for m in re.finditer(r"[^\r\n]+", body)
            if m.group(0).strip() and not (tables and ctx.in_table(s.body_start + m.start()))
        ]
        episodes = _about_episodes(ctx, s.body_start, s.end, s.heading)
        opens: dict[str, bool] = {}  # each distinct paragraph is read once
        led = []
        for m in paragraphs:
            p = m.group(0)
            opened = opens.get(p)
            if opened is None:
                opened = opens[p] = bool(DATE_LED.match(p)) and not (episodes and ANALYSIS.search(p))
            if opened:
                led.append(m)
        if len(led) >= 6 and len(led) >= 0.35 * len(paragraphs) and (worst is None or len(led) > worst[0]):
            worst = (len(led), [ctx.sentence(s.body_start + m.start()) for m in led[:3]], s.heading)
    if worst is None:
        return _chronology_outweighs_analysis(ctx) or _episodes_strength(ctx)
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
    # Exploitation, or any serious harm to an adolescent; a younger child's early life is the whole story.
    stage = life_stage(child_years(ctx))
    if stage in ("infant", "child"):
        return None
    trigger = ctx.first(EXPLOITATION) or (child_age_evidence(ctx) if stage == "adolescent" else None)
    if trigger is None:
        return None
    for s in ctx.doc.sections:
        body = ctx.text[s.body_start : s.end]
        about_history = HISTORY_HEADING.search(s.heading) or (
            BACKGROUND_HEADING.search(s.heading) and EARLY_LIFE.search(body)
        )
        if about_history and words(body) >= 20:
            return Result("EARLY_LIFE_HISTORY_MISSING", gap=False, evidence=[ctx.line_at(s.start)])
    # a chronology row that starts when the child was eleven is not their early life
    signals = [
        m
        for m in ctx.find(EARLY_LIFE)
        if not ctx.in_table(m.start) and ctx.section_role_at(m.start) != "chronology"
    ]
    if len({m.text.lower() for m in signals}) >= 2:
        return Result("EARLY_LIFE_HISTORY_MISSING", gap=False, evidence=[ctx.sentence(signals[0].start)])
    return Result(
        "EARLY_LIFE_HISTORY_MISSING",
        gap=True,
        evidence=[ctx.sentence(trigger.start)],
        section="Whole document",
    )
