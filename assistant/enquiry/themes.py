"""Practice themes a chair looks for, and where the text shows them.

The text is read as units: for a chronology, the sentences of each entry's event (with the entry's agency);
for a draft review, the sentences of its prose. A theme hit is a unit whose words match the theme and pass
its filter (for example, parental mental health needs an adult named in the same sentence). Negated
mentions ('no concerns about domestic abuse') do not count.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate
from typing import NamedTuple

from assistant import textscan
from assistant.chronology.agencies import acting_agency, normalise_agency
from assistant.domain.drafting import Citation
from assistant.drafting.grounding import EntryText, Source, split_span, trusted_citation
from assistant.drafting.names import CHILD_ALIAS, PERSON, role_index
from assistant.drafting.roles import ROLE_SPECS
from assistant.lexicon import (
    AGENCY,
    DISABILITY,
    ETHNICITY_VALUE,
    EXPLOITATION,
    INFANT_WORDS,
    NEGATED,
    RACE,
    SCHOOL_AGE_WORDS,
    TICKED_BOX,
    UNTICKED_BOX,
)


def rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


class Unit(NamedTuple):
    """A sentence of the text, with the agency and entry it belongs to (chronology input). A named tuple:
    a long text has one for every sentence, and a tuple is the quickest immutable record to build."""

    cite: Citation
    agency: str | None
    entry: int | None


@dataclass
class Scan:
    """What the themes' filters need to know about the whole text."""

    child: str
    infant: bool
    units: list[Unit]
    child_labels: set[str] = field(default_factory=set)


# A box at the start of a line or list item, or alone in a table cell: '☐ no agency involvement', '| [ ] |'.
_LEADING_BOX = re.compile(
    r"(?:^|\|)[\s*>•·-]*(?:" + UNTICKED_BOX.pattern + "|" + TICKED_BOX.pattern + r")(?=\s|\||$)"
)


def unticked(text: str) -> bool:
    """A form line whose box is not ticked ('☐ the Panel has considered …'): it says nothing either way."""
    boxes = [m.group(0) for m in _LEADING_BOX.finditer(text)]
    return any(UNTICKED_BOX.search(b) for b in boxes) and not any(TICKED_BOX.search(b) for b in boxes)


def chronology_units(entries: list[EntryText]) -> list[Unit]:
    # The practitioner who acts in a sentence decides its agency: a nursery's row may record what the health
    # visitor saw there.
    read: dict[str, tuple[bool, str | None]] = {}  # (unticked, acting agency), once per distinct sentence
    units = []
    for e in entries:
        for s in e.sentences:
            text = s.citation.quote
            known = read.get(text)
            if known is None:
                known = read[text] = (unticked(text), acting_agency(text))
            if not known[0]:
                units.append(Unit(s.citation, known[1] or e.entry.agency, e.position))
    return units


_AGENCY_RX = rx(r"\b" + AGENCY + r"\b")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
# Sections and sentences the drafting tool writes for the author; their words are not evidence about the case.
GENERATED_SECTIONS = rx(r"^\s{0,3}#{1,6}\s+(?:analysis questions for the author|for the author:)")
GENERATED_LINE = rx(
    r"Not recorded — the Panel expects this|^\s*>\s*(?:Drafted from the chronology|Note:)|"
    r"^(?:Filled only from the chronology|People the chronology names|The chronology does not say who lived|"
    r"The chronology names no family|No entry in the chronology describes|The latest dated entries in the chronology|"
    r"The chronology gives no usable dates|All \d+ entries of the chronology|\d+ of the chronology's \d+ entries|"
    r"\d+ agencies appear in the chronology|The chronology does not record the arrangements|The table shows the first|"
    r"This draft sets out what the chronology records)"
)


def kept_lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) for each line that can carry evidence: not a heading, a table header or separator, or
    the drafting tool's own words."""
    raw_lines = text.splitlines(keepends=True)
    starts = list(accumulate(map(len, raw_lines), initial=0))
    out: list[tuple[int, str]] = []
    skip_level: int | None = None
    kinds: dict[str, tuple[int, bool, bool]] = {}  # per distinct line: a text repeats its lines
    separators: dict[str, bool] = {}
    # A blank line is never a heading, kept or a table separator: only the others are visited (a text of a
    # million blank lines is read in C).
    for i in [i for i, blank in enumerate(map(str.isspace, raw_lines)) if not blank]:
        body = raw_lines[i].rstrip("\r\n")
        kind = kinds.get(body)
        if kind is None:
            kind = kinds[body] = _line_kind(body)
        level, generated_section, dropped = kind
        if level:
            if skip_level is not None and level <= skip_level:
                skip_level = None
            if skip_level is None and generated_section:
                skip_level = level
            continue
        if skip_level is not None or dropped:
            continue
        if i + 1 < len(raw_lines):
            below = raw_lines[i + 1].rstrip("\r\n")
            separator = separators.get(below)
            if separator is None:
                separator = separators[below] = _TABLE_SEPARATOR.match(below) is not None
            if separator:
                continue  # a markdown table's header row
        out.append((starts[i], body))
    return out


def _line_kind(body: str) -> tuple[int, bool, bool]:
    """(heading level or 0, whether the heading opens the drafting tool's own section, whether a line that
    is not a heading is left out: the drafting tool's words, an unticked box, a table's separator)."""
    heading = _MD_HEADING.match(body)
    if heading is not None:
        return len(heading.group(1)), GENERATED_SECTIONS.match(body) is not None, False
    # an unticked box is not evidence for what its line says
    dropped = GENERATED_LINE.search(body.strip()) is not None or unticked(body)
    return 0, False, dropped or _TABLE_SEPARATOR.match(body) is not None


def draft_units(source: Source, kept: list[tuple[int, str]]) -> list[Unit]:
    """Sentences of a draft review's prose and table cells, leaving out headings and the drafting tool's notes
    (`kept`: the `kept_lines` of `source.text`)."""
    units: list[Unit] = []
    agencies: dict[str, str | None] = {}  # a sentence's agency, read once per distinct sentence
    # a line's or a cell's sentences (offsets from its start, quote, agency), read once per distinct text
    read: dict[str, list[tuple[int, int, str, str | None]]] = {}
    cells: dict[str, list[tuple[int, int, str, str | None]]] = {}
    for start, line_text in kept:
        line = source.line_of(start)
        sentences = read.get(line_text)
        if sentences is None:
            sentences = read[line_text] = []
            for m in _CELL.finditer(line_text):
                at = start + m.start()
                in_cell = cells.get(m.group(0))
                if in_cell is None:
                    in_cell = cells[m.group(0)] = []
                    c_start, c_end = source.trim(at, start + m.end())
                    for sentence in split_span(source, c_start, c_end, line) if c_end > c_start else []:
                        text = sentence.quote
                        if text in agencies:
                            agency = agencies[text]
                        else:
                            agency = agencies[text] = _unit_agency(text)
                        in_cell.append((sentence.start - at, sentence.end - at, text, agency))
                shift = at - start
                sentences.extend((shift + s, shift + e, text, agency) for s, e, text, agency in in_cell)
        for s_start, s_end, text, agency in sentences:
            units.append(Unit(trusted_citation(line, start + s_start, start + s_end, text), agency, None))
    return units


_CELL = re.compile(r"[^|\t]+")


def _unit_agency(text: str) -> str | None:
    # the acting practitioner first; a place the sentence names ('at nursery') only when none acts
    agency = acting_agency(text)
    if agency is None:
        agency_m = textscan.search(_AGENCY_RX, text)
        agency = normalise_agency(agency_m.group(0)) if agency_m else None
    return agency


def _not_negated(unit: Unit, m: re.Match[str]) -> bool:
    text = unit.cite.quote
    return not NEGATED.search(text, max(0, m.start() - 40), m.start())


# Pseudonyms ('Ms Y', 'Mr Q') are adults; 'Mr' says a man.
_ADULT_IDS = {s.id for s in ROLE_SPECS if s.role in ("parent", "carer", "relative", "adult")} | {
    "title",
    "title-male",
}
_MALE_IDS = {s.id for s in ROLE_SPECS if s.male and s.role != "child"} | {"partner", "title-male"}
_ADULT_AGENCIES = {
    "Mental Health",
    "Adult Social Care",
    "Substance Misuse Service",
    "Probation",
    "Domestic Abuse Service",
}


def people_in(text: str) -> list[tuple[str, str]]:
    """(person id, words as written) for each person a sentence names."""
    out = []
    for m in textscan.finditer(PERSON, text):
        if m.group("child"):
            out.append(("child-label", m.group(0)))
        elif m.group("adult"):
            out.append(("adult-label", m.group(0)))
        elif m.group("title"):
            out.append(("title-male" if m.group(0).startswith("Mr") else "title", m.group(0)))
        else:
            index = role_index(m)
            assert index is not None
            out.append((ROLE_SPECS[index].id, m.group(0)))
    return out


def _adult_named(unit: Unit, scan: Scan) -> bool:
    return any(pid in _ADULT_IDS or pid == "adult-label" for pid, _ in people_in(unit.cite.quote)) or (
        unit.agency in _ADULT_AGENCIES
    )


def _child_named(unit: Unit, scan: Scan) -> bool:
    text = unit.cite.quote
    if unit.agency == "CAMHS":
        return True
    if any(pid == "child-label" for pid, _ in people_in(text)) or textscan.search(CHILD_ALIAS, text):
        return not any(pid in _ADULT_IDS for pid, _ in people_in(text))
    return False


def _infant(unit: Unit, scan: Scan) -> bool:
    return scan.infant


@dataclass(frozen=True)
class ThemeDef:
    id: str
    title: str
    patterns: tuple[re.Pattern[str], ...]
    question: str
    why: str
    national: tuple[str, ...] = ()
    unit_filter: Callable[[Unit, Scan], bool] | None = None
    exclude: re.Pattern[str] | None = None
    reject: frozenset[str] = frozenset()  # matched words that do not count for this theme

    def matches(self, unit: Unit, scan: Scan) -> re.Match[str] | None:
        text = unit.cite.quote
        if self.exclude is not None and textscan.search(self.exclude, text):
            return None
        for pattern in self.patterns:
            for m in textscan.finditer(pattern, text):
                if m.group(0).lower() in self.reject:
                    continue
                if _not_negated(unit, m):
                    if self.unit_filter is not None and not self.unit_filter(unit, scan):
                        return None
                    return m
        return None


MENTAL_HEALTH = rx(
    r"\b(?:mental (?:health|ill-?ness|ill-?health)|low mood|depress\w+|anxi\w+|post-?natal depression|perinatal|"
    r"psychosis|psychotic|psychiatr\w+|bi-?polar|personality disorder|self-?harm\w*|suicid\w+|overdose|sertraline|"
    r"antidepressants?|fluoxetine|citalopram|mirtazapine|poor sleep|emotional wellbeing)\b"
)
SUBSTANCE = rx(
    r"\b(?:alcohol\w*|drunk|intoxicat\w+|drink(?:ing)?|drug use|substance (?:mis)?use|cannabis|cocaine|heroin|"
    r"methadone|crack|under the influence)\b"
)
MALE_CARERS = rx(
    "|".join(f"(?:{s.pattern})" for s in ROLE_SPECS if s.id in _MALE_IDS)
    + r"|male carers?|\bmen\b|(?-i:\bMr\.?\s+[A-Z]\w*)"
)

THEMES: tuple[ThemeDef, ...] = (
    ThemeDef(
        "domestic_abuse",
        "Domestic abuse",
        (
            rx(
                r"\b(?:domestic (?:abuse|violence|incident)|coercive|controlling behaviour|MARAC|DASH|IDVA|"
                r"shouting|argument|non-?molestation|DVPN|DVPO|Clare'?s law|assaulted (?:by )?(?:her|his) "
                r"(?:partner|husband|wife|boyfriend))\b"
            ),
        ),
        "What did {agencies} know about domestic abuse affecting {child}, how was the risk assessed and shared, "
        "and how did it shape the plans for {child}?",
        "The Panel asks reviews to say what kind of domestic abuse it was and what it meant for the child.",
        ("domestic-abuse-2022",),
    ),
    ThemeDef(
        "male_carers",
        "Men in the child's life",
        (MALE_CARERS,),
        "How well did {agencies} know, see and assess {men}: their part in caring for {child}, their history, "
        "and any risk they posed?",
        "Men in a child's household are often unseen by services and their history goes unchecked.",
        ("invisible-men-2021",),
    ),
    ThemeDef(
        "missed_contact",
        "Missed appointments, no-access visits and engagement",
        (
            rx(
                r"\b(?:was not brought|not brought|DNA|did not attend|not attended|missed (?:appointments?|visits?|"
                r"appointment)|second missed|no access|no reply|not at home|(?:could|did) not gain access|"
                r"cancell?ed|failed (?:to attend|appointment|visit)|declined|disengag\w+|did not engage|"
                r"not engag\w+)\b"
            ),
        ),
        "When {child} was not brought to appointments, or practitioners could not see {child} or the family, what "
        "did {agencies} do, and was the pattern recognised and shared?",
        "Working with families whose engagement is reluctant or sporadic is one of the Panel's stubborn themes.",
        ("annual-report-2020",),
    ),
    ThemeDef(
        "info_sharing",
        "Information sharing between agencies",
        (
            rx(
                r"\b(?:not (?:been )?shared|was(?:n't| not) shared|did(?:n't| not) share|not (?:passed on|communicated|forwarded)|"
                r"no (?:information|record) (?:was )?shared|not (?:informed|told|notified)|unaware|no referral|"
                r"not referred|no strategy discussion|not (?:escalated|followed up)|not completed within)\b"
            ),
        ),
        "What did each agency know that others did not, and why was it not shared, referred or acted on together?",
        "Information poorly shared and sought is a finding of the national review into child protection in England.",
        ("child-protection-in-england-2022",),
    ),
    ThemeDef(
        "curiosity",
        "Professional curiosity and challenge",
        (
            rx(
                r"\b(?:not revisited|no enquiry|not (?:asked|explored|questioned|challenged|considered)|"
                r"explanation (?:given )?(?:was )?not consistent|inconsistent explanation|accepted (?:the |her |his "
                r"|their )?explanation|no (?:further )?questions|not seen alone|not spoken to (?:alone|separately)|"
                r"answered (?:most|all|the) questions|considered but not made|left the room)\b"
            ),
        ),
        "Where explanations were accepted or questions not pursued, what got in the way of professional curiosity "
        "and challenge?",
        "Critical thinking and challenge are among the Panel's stubborn and perennial practice themes.",
        ("annual-report-2020", "child-protection-in-england-2022"),
    ),
    ThemeDef(
        "exclusion",
        "Education, attendance and exclusion",
        (
            rx(
                r"\b(?:exclu(?:ded|sion)|suspen(?:ded|sion)|pupil referral|PRU|alternative provision|managed move|"
                r"off-?rolled|reduced timetable|part-?time timetable|attendance (?:dropped|fell|fallen|declin\w+|low|"
                r"poor)|poor attendance|low attendance|persistent(?:ly)? absen\w+|absent from school|not in school|"
                r"missing education)\b"
            ),
        ),
        "What did {agencies} know about {child}'s attendance and exclusion from school, and was it understood as a "
        "sign of risk?",
        "Exclusion from school is a critical moment at which risk of exploitation rises sharply.",
        ("criminal-exploitation-2020",),
    ),
    ThemeDef(
        "exploitation",
        "Exploitation and serious youth violence",
        (
            EXPLOITATION,
            rx(
                r"\b(?:NRM|National Referral Mechanism|older (?:males|men|boys|youths)|£\s?\d+\s*(?:in )?cash|"
                r"(?:two|several|multiple) (?:mobile )?phones|Class A|cannabis and cash|drugs? (?:found|seized)|"
                r"knife|bladed|weapon|stab wound|exploitation panel|disruption|another county|trap house|cuckoo\w*)\b"
            ),
        ),
        "How were the signs that {child} was being exploited recognised and acted on by {agencies}, including the "
        "National Referral Mechanism, disruption and contextual safeguarding?",
        "Criminal exploitation is hard to escape; trusted relationships with practitioners are central to safety.",
        ("criminal-exploitation-2020",),
    ),
    ThemeDef(
        "missing",
        "Going missing",
        (
            rx(
                r"\b(?:reported missing|went missing|missing (?:again|from|episodes?|overnight)|absconded|return home "
                r"interviews?|RHI|ran away|runaway|found the next (?:day|morning)|located (?:\w+ )?(?:days?|hours?) later)\b"
            ),
        ),
        "How did {agencies} respond each time {child} went missing, including return home interviews, and what did "
        "they learn about where {child} went and with whom?",
        "Going missing is a common sign of exploitation; return home interviews are the chance to find out why.",
        ("criminal-exploitation-2020",),
    ),
    ThemeDef(
        "safe_sleep",
        "Safe sleep",
        (
            rx(
                r"\b(?:co-?sle\w+|co-?slept|bed[- ]shar\w+|safe(?:r)? sleep|sofa|settee|overlay|moses basket|cot|"
                r"sleeping arrangements?|slept (?:with|on|in))\b"
            ),
        ),
        "What safe sleep advice did the family get, and how did {agencies} understand where and how {child} slept, "
        "including when adults had used alcohol or drugs?",
        "Most sudden unexpected infant deaths in families known to services followed co-sleeping, often after "
        "alcohol or drug use.",
        ("sudi-2020",),
        unit_filter=_infant,
    ),
    ThemeDef(
        "infant_injury",
        "Injuries and bruising in a baby",
        (rx(r"\b(?:bruis\w+|marks? on|injur\w+|fractur\w+|swelling|swollen)\b"),),
        "When {agencies} saw bruising or injuries on {child}, were they assessed under the bruising protocol for "
        "non-mobile babies, explained, and shared with other agencies?",
        "Any bruise on a baby who is not independently mobile needs expert assessment informed by multi-agency "
        "information.",
        ("bruising-non-mobile-2022", "invisible-men-2021"),
        unit_filter=_infant,
    ),
    ThemeDef(
        "parental_mental_health",
        "Parents' and carers' mental health",
        (MENTAL_HEALTH,),
        "How was the mental health of {adults} understood by {agencies}, considered in assessing the care of "
        "{child}, and shared between adult and children's services?",
        "Adult services and children's services often hold different parts of the picture.",
        unit_filter=_adult_named,
    ),
    ThemeDef(
        "child_mental_health",
        "The child's mental health and emotional wellbeing",
        (MENTAL_HEALTH, rx(r"\bCAMHS\b|\bwaiting list\b")),
        "How were {child}'s mental health and emotional wellbeing understood and met by {agencies}, including "
        "waiting times and missed appointments?",
        "A child's emotional wellbeing is part of their lived experience and of the risk they face.",
        unit_filter=_child_named,
    ),
    ThemeDef(
        "substance_misuse",
        "Adults' drug and alcohol use",
        (SUBSTANCE,),
        "What did {agencies} know about drug or alcohol use by {adults}, and how was it considered in assessing the "
        "care of {child}?",
        "Parental substance use alongside other adversity raises the risk to children, especially babies.",
        ("sudi-2020",),
        unit_filter=_adult_named,
    ),
    ThemeDef(
        "disability",
        "Disability and additional needs",
        (DISABILITY,),
        "How did disability or additional needs affect {child}'s experiences, how {child} could communicate, and "
        "the response of {agencies}?",
        "Disabled children are less visible to services and their communication needs are often missed.",
        ("disabled-children-residential-2022",),
        unit_filter=lambda unit, scan: _child_named(unit, scan) or not _adult_named(unit, scan),
        reject=frozenset(
            {"mental health", "physical health", "healthy", "well and healthy", "diagnosis", "diagnosed"}
        ),
    ),
    ThemeDef(
        "race_culture",
        "Race, culture and identity",
        (
            RACE,
            ETHNICITY_VALUE,
            rx(
                r"\b(?:interpreters?|first language|English as an additional language|EAL|asylum|refugee|"
                r"immigration|no recourse to public funds|NRPF|mosque|church|temple|gurdwara)\b"
            ),
        ),
        "How did race, culture, faith, language and identity shape {child}'s experiences and the response of "
        "{agencies}?",
        "Race, ethnicity, culture and faith get little attention in practice and in reviews.",
        ("race-racism-2025",),
        exclude=rx(r"\b(?:white|black) (?:van|car|vehicle|eye|clothing|top|hoodie)\b"),
    ),
    ThemeDef(
        "step_down",
        "Thresholds, no further action, step-down and closure",
        (
            rx(
                r"\b(?:no further action|NFA|step(?:ped)?[- ]down|case closed|closed (?:the case|involvement|to)|"
                r"closed|screened out|screened as|discharged (?:back )?to (?:the )?GP|discharged after|discharged "
                r"from (?:the )?(?:service|caseload)|did not meet (?:the )?threshold|below threshold|"
                r"early help to continue|risk rated as (?:low|medium|standard))\b"
            ),
        ),
        "Why were concerns about {child} screened out, stepped down or closed by {agencies}, and on what evidence "
        "about {child}'s circumstances?",
        "Failures to start statutory processes and decisions made without the full picture recur in national reviews.",
        ("child-protection-in-england-2022",),
    ),
    ThemeDef(
        "neglect",
        "Neglect and home conditions",
        (
            rx(
                r"\b(?:neglect\w*|home conditions|(?:dirty|unkempt|cluttered|unhygienic|squalid|poor) (?:home|house|"
                r"flat|conditions|hygiene|clothing)|hygiene|nappy rash|soiled|no food|hungry|underweight|faltering "
                r"growth|failure to thrive|head lice|dental decay|unclean|rent arrears|eviction|overcrowd\w+)\b"
            ),
        ),
        "What did {agencies} see of {child}'s care and home conditions over time, and how was neglect recognised "
        "and assessed?",
        "Neglect builds over time; single snapshots miss the pattern.",
    ),
)
THEME_BY_ID = {t.id: t for t in THEMES}


@dataclass
class ThemeHits:
    theme: ThemeDef
    units: list[Unit]
    words: list[str]  # the matched words, in order


def detect_themes(scan: Scan) -> list[ThemeHits]:
    # A theme's verdict on a unit depends only on its words and agency (and on the scan): a text that
    # repeats a sentence is read once per distinct sentence, not once per repeat.
    verdicts: dict[tuple[str, str | None], list[tuple[int, re.Match[str]]]] = {}
    units: list[list[Unit]] = [[] for _ in THEMES]
    words: list[list[str]] = [[] for _ in THEMES]
    for unit in scan.units:
        key = (unit.cite.quote, unit.agency)
        hits = verdicts.get(key)
        if hits is None:
            hits = verdicts[key] = [
                (i, m) for i, theme in enumerate(THEMES) if (m := theme.matches(unit, scan)) is not None
            ]
        for i, m in hits:
            units[i].append(unit)
            words[i].append(m.group(0))
    return [ThemeHits(theme, units[i], words[i]) for i, theme in enumerate(THEMES) if units[i]]


def distinct_texts(units: list[Unit]) -> list[str]:
    """The units' words, each once (in first-seen order): enough for any question about whether some unit
    says something, and a repeated sentence is then read once."""
    return list(dict.fromkeys(u.cite.quote for u in units))


def is_infant_case(units: list[Unit]) -> bool:
    """A baby's case, as far as the words show: baby words and no school-age words (as the drafting reads it)."""
    texts = distinct_texts(units)
    infant = any(textscan.search(INFANT_WORDS, t) for t in texts)
    return infant and not any(textscan.search(SCHOOL_AGE_WORDS, t) for t in texts)
