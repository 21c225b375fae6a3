"""Mapping the many ways authors name an agency onto one canonical name.

The original text is always kept by the caller; this module only decides the canonical label. An agency
it does not know is returned as written (tidied), never dropped or forced into a near miss.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant import textscan

CHILDRENS_SOCIAL_CARE = "Children's Social Care"
HEALTH_VISITING = "Health Visiting"
GP = "GP"
EMERGENCY_DEPARTMENT = "Emergency Department"
MASH = "MASH"
POLICE = "Police"
MIDWIFERY = "Midwifery"
EDUCATION = "Education"
CAMHS = "CAMHS"
AMBULANCE = "Ambulance Service"
PROBATION = "Probation"
YOUTH_JUSTICE = "Youth Justice"
ADULT_SOCIAL_CARE = "Adult Social Care"
HOUSING = "Housing"
DOMESTIC_ABUSE = "Domestic Abuse Service"
EARLY_HELP = "Early Help"
NHS_111 = "NHS 111"
HOSPITAL = "Hospital"
CHILDRENS_CENTRE = "Children's Centre"
PAEDIATRICS = "Paediatrics"
SUBSTANCE_MISUSE = "Substance Misuse Service"
MENTAL_HEALTH = "Mental Health"

_ALIASES: dict[str, list[str]] = {
    CHILDRENS_SOCIAL_CARE: [
        "csc",
        "childrens services",
        "childrens social care",
        "childrens social work",
        "children social care",
        "social care",
        "social worker",
        "social work",
        "sw",
        "childrens social care csc",
    ],
    HEALTH_VISITING: [
        "hv",
        "hvs",
        "health visitor",
        "health visiting",
        "health visiting service",
        "0-19 service",
    ],
    GP: ["gp", "gps", "gp practice", "gp surgery", "general practitioner", "general practice", "surgery"],
    EMERGENCY_DEPARTMENT: ["ed", "a&e", "a and e", "ae", "emergency department", "accident and emergency"],
    MASH: ["mash", "multi-agency safeguarding hub", "multi agency safeguarding hub"],
    POLICE: ["police", "pol", "constabulary"],
    MIDWIFERY: ["midwifery", "mw", "midwife", "community midwife", "maternity", "maternity services"],
    EDUCATION: ["school", "education", "nursery school", "primary school", "secondary school", "academy"],
    CAMHS: ["camhs", "child and adolescent mental health services", "cypmhs"],
    AMBULANCE: [
        "ambulance",
        "ambulance service",
        "emas",
        "nwas",
        "yas",
        "neas",
        "wmas",
        "swasft",
        "secamb",
        "scas",
        "eeast",
        "las",
    ],
    PROBATION: ["probation", "probation service", "nps", "crc"],
    YOUTH_JUSTICE: [
        "yjs",
        "yot",
        "youth justice",
        "youth justice service",
        "youth offending team",
        "youth offending",
    ],
    ADULT_SOCIAL_CARE: [
        "asc",
        "adult social care",
        "adult services",
        "adults services",
        "adult social services",
    ],
    HOUSING: ["housing", "housing provider", "housing association", "housing officer", "housing options"],
    DOMESTIC_ABUSE: [
        "da service",
        "idva",
        "domestic abuse service",
        "domestic abuse services",
        "idva service",
    ],
    EARLY_HELP: ["early help", "eh", "early help service", "early help team"],
    NHS_111: ["nhs 111", "111", "nhs111"],
    HOSPITAL: ["hospital", "acute hospital", "acute trust"],
    CHILDRENS_CENTRE: ["childrens centre", "children centre", "family hub"],
    PAEDIATRICS: ["paediatrics", "paediatrician", "paeds", "pediatrics", "community paediatrics"],
    SUBSTANCE_MISUSE: [
        "substance misuse service",
        "substance misuse",
        "drug and alcohol service",
        "drug and alcohol services",
        "drugs and alcohol service",
        "cgl",
    ],
    MENTAL_HEALTH: [
        "mental health",
        "mental health services",
        "cmht",
        "community mental health team",
        "perinatal mental health",
        "perinatal mental health team",
        "pmh",
    ],
}

# Fallback substring rules for fuller names ("East Midlands Ambulance Service", "St Anne's Primary School").
# Order matters: the more specific phrase must win ("adult social care" before "social care").
_CONTAINS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bcamhs\b|child and adolescent mental health"), CAMHS),
    (re.compile(r"emergency department|\ba ?& ?e\b|accident and emergency|\bed\b"), EMERGENCY_DEPARTMENT),
    (re.compile(r"ambulance"), AMBULANCE),
    (re.compile(r"\bpolice\b|constabulary"), POLICE),
    (re.compile(r"mental health|\bcmht\b"), MENTAL_HEALTH),
    (re.compile(r"adult social care|adult services"), ADULT_SOCIAL_CARE),
    (re.compile(r"health visit"), HEALTH_VISITING),
    (re.compile(r"midwi|maternity"), MIDWIFERY),
    (re.compile(r"childrens? (?:social care|services|social work)|\bsocial care\b"), CHILDRENS_SOCIAL_CARE),
    (re.compile(r"childrens? centre|family hub"), CHILDRENS_CENTRE),
    (re.compile(r"paediatric|pediatric"), PAEDIATRICS),
    (re.compile(r"\bschool\b(?! nurs)|\bacademy\b|\beducation\b"), EDUCATION),
    (re.compile(r"\bgp\b|medical (?:practice|centre)|\bsurgery\b"), GP),
    (re.compile(r"youth (?:justice|offending)"), YOUTH_JUSTICE),
    (re.compile(r"probation"), PROBATION),
    (re.compile(r"\bidva\b|domestic abuse|women'?s aid|refuge"), DOMESTIC_ABUSE),
    (re.compile(r"early help"), EARLY_HELP),
    (re.compile(r"\b111\b"), NHS_111),
    (re.compile(r"substance misuse|drugs? (?:and|&) alcohol"), SUBSTANCE_MISUSE),
    (re.compile(r"housing"), HOUSING),
    (re.compile(r"hospital|infirmary"), HOSPITAL),
]

CANONICAL_AGENCIES: tuple[str, ...] = tuple(_ALIASES)

_APOSTROPHES = str.maketrans({"’": "", "'": "", "‘": "", "`": "", ".": ""})
_PARENTHETICAL = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*")
_JOINT = re.compile(r"\s*(?:/|\+|,|&(?!e\b)|\band\b)\s*", re.I)
_STRONG_JOINT = re.compile(r"\s*[/+,]\s*")


def _key(text: str) -> str:
    lowered = text.lower().translate(_APOSTROPHES).replace("–", "-").replace("—", "-")
    return " ".join(lowered.split())


_LOOKUP: dict[str, str] = {
    _key(alias): canonical for canonical, aliases in _ALIASES.items() for alias in aliases
}
_LOOKUP.update({_key(canonical): canonical for canonical in _ALIASES})


# A chronology names the same few agencies on row after row, so each short name is worked out once (a long
# cell is not a name worth keeping in memory).
_CACHED_CHARS = 100


def known_agency(text: str) -> str | None:
    """Canonical name when `text` names a known agency (exactly, or a fuller name containing one)."""
    return _known_agency_cached(text) if len(text) <= _CACHED_CHARS else _known_agency(text)


def _known_agency(text: str) -> str | None:
    key = _key(text)
    if not key:
        return None
    if key in _LOOKUP:
        return _LOOKUP[key]
    without_brackets = _key(_PARENTHETICAL.sub(" ", text))
    if without_brackets in _LOOKUP:
        return _LOOKUP[without_brackets]
    for pattern, canonical in _CONTAINS:
        if pattern.search(key):
            return canonical
    return None


_known_agency_cached = lru_cache(maxsize=2048)(_known_agency)


def is_agency_alias(text: str) -> bool:
    """True only for an exact known name or abbreviation ("HV", "Police"), not a phrase that mentions one."""
    return _key(text) in _LOOKUP


def _tidy(text: str) -> str:
    # Capitalise only all-lowercase words so acronyms and names ("NSPCC", "Barnardo's") survive.
    words = text.split()
    return " ".join(word[0].upper() + word[1:] if word.islower() else word for word in words)


def normalise_agency(text: str) -> str | None:
    """Canonical agency for a cell's text; None only when the cell is empty.

    Joint entries ("Police / CSC") become "Police / Children's Social Care" when every part is known, so a
    joint visit is not credited to one agency only.
    """
    return _normalise_cached(text) if len(text) <= _CACHED_CHARS else _normalise(text)


def _normalise(text: str) -> str | None:
    stripped = text.strip()
    if not stripped:
        return None
    single = known_agency(stripped)
    if single is not None and _key(stripped) in _LOOKUP:
        return single
    parts = [part for part in _JOINT.split(stripped) if part]
    if len(parts) > 1:
        known = [known_agency(part) for part in parts]
        if all(name is not None for name in known):
            return " / ".join(dict.fromkeys(name for name in known if name is not None))
        # "Police / Fire Service": a slash or comma always lists agencies, so keep the unknown one too.
        # "and" alone does not ("Accident and Emergency Department"), so such a cell is read whole.
        strong = [part for part in _STRONG_JOINT.split(stripped) if part.strip()]
        if len(strong) > 1:
            names = [normalise_agency(part) for part in strong]
            return " / ".join(dict.fromkeys(name for name in names if name is not None))
    if single is not None:
        return single
    return _tidy(stripped)


_normalise_cached = lru_cache(maxsize=2048)(_normalise)


# -- who acted ---------------------------------------------------------------------------------------------
# Practitioners, by the agency they work for. The one who saw, noted or visited decides which agency a sentence
# is about, not a place it mentions: 'At nursery pick-up the health visitor saw a bruise' is Health Visiting's.
# Acronyms keep their case ('PC', 'SW'), so ordinary words are not read as roles.
NURSERY = "Nursery"
_PRACTITIONERS: dict[str, str] = {
    HEALTH_VISITING: r"health visitors?|(?-i:HVs?)",
    GP: r"(?-i:GPs?)|general practitioners?|family doctors?|practice nurses?",
    POLICE: r"police(?: officers?| constables?)?|(?-i:PCS?Os?)|(?-i:PC)(?= [A-Z])|detectives?",
    CHILDRENS_SOCIAL_CARE: r"social workers?|(?-i:SWs?)|(?-i:CSC)",
    EDUCATION: (
        r"(?:class |form |year |head ?)?teachers?|head of year|(?-i:DSL)|designated safeguarding leads?|"
        r"school staff|teaching assistants?"
    ),
    MIDWIFERY: r"(?:community )?midwi(?:fe|ves)",
    PAEDIATRICS: r"paediatricians?|pediatricians?",
    AMBULANCE: r"paramedics?|ambulance (?:crew|staff)",
    HOUSING: r"housing officers?",
    PROBATION: r"probation officers?",
    EARLY_HELP: r"early help (?:workers?|practitioners?)",
    CAMHS: r"(?-i:CAMHS) (?:workers?|clinicians?|practitioners?)",
    YOUTH_JUSTICE: r"(?-i:YOT|YJS) (?:workers?|officers?)|youth (?:justice|offending) (?:workers?|officers?)",
    NURSERY: r"nursery (?:staff|workers?|practitioners?|managers?|key ?workers?)",
}
_GROUP_AGENCY = {f"a{i}": agency for i, agency in enumerate(_PRACTITIONERS)}
_ROLE = "|".join(f"(?P<a{i}>{pattern})" for i, pattern in enumerate(_PRACTITIONERS.values()))
_ACTS = (
    r"saw|seen|sees|noted|notes|noticed|observed|visited|visits|recorded|reported|attended|examined|found|"
    r"identified|spoke|asked|referred|raised|completed|made|undertook|carried|called|contacted|telephoned|"
    r"phoned|rang|discussed|advised|told|informed|shared|assessed|checked|weighed|met|arranged|emailed|wrote|"
    r"documented|described|queried|questioned|explained|escalated|held|conducted|gave|offered|measured|"
    r"arrested|treated|concerned|worried|agreed|decided|closed|completed|photographed|challenged"
)
# '<the health visitor> (Ms J) had not <noted>', 'Police officers attended', 'the GP, Dr A, saw'
_ACTIVE = re.compile(
    r"\b(?:" + _ROLE + r")(?:\s*+\([^()\n]{0,40}\)|,\s*+(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.? \w+,)?"
    r"(?:\s++(?:was|were|had|has|have|did|also|then|not|again|later|promptly|immediately|subsequently)\b)*+"
    r"\s++(?:" + _ACTS + r")\b",
    re.I,
)
# 'seen at the children's centre by the social worker'
_PASSIVE = re.compile(
    r"\b(?:"
    + _ACTS
    + r")(?:\s++[^\s.;:]++){0,5}?\s++by\s++(?:the\s++|a\s++|an\s++|her\s++|his\s++|their\s++)?"
    r"(?:" + _ROLE + r")\b",
    re.I,
)


def acting_agency(sentence: str) -> str | None:
    """The agency of the practitioner who acts in the sentence (the first one), or None when none does."""
    # through textscan: a sentence can be a megabyte long, and both patterns can only start at a few words
    found = [
        m for m in (textscan.search(_ACTIVE, sentence), textscan.search(_PASSIVE, sentence)) if m is not None
    ]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    group = next(name for name, value in first.groupdict().items() if value is not None)
    return _GROUP_AGENCY[group]
