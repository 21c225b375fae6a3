"""The shared vocabulary: dates, roles, agencies, ethnicity, ages and the Panel's phrases.

One home for words that several layers read (critique, drafting, lines of enquiry, privacy), so a
phrase learned in one place is understood everywhere.
"""

from __future__ import annotations

import re
from typing import Literal


def rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


PLACEHOLDER = r"\[[^\]\n]{1,40}\]"
# The one month vocabulary: the chronology's date parser, the critique's date patterns and the redactor.
MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# The same calendar as words, for readers that must not take 'May' or 'Friday' for a name.
WEEKDAY_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
MONTH_WORDS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december", "sept", *MONTH_NUMBERS}
)  # fmt: skip
DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+" + MONTH + r"\.?\s+\d{4}|" + MONTH + r"\.?\s+\d{4}|" + PLACEHOLDER + ")"
)
NUMBER_WORD = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)"
# Family roles, as drafts and chronologies name them.
ROLE = (
    r"(?:mother|father|mum|dad|step-?father|step-?mother|stepfather|stepmother|partner|boyfriend|girlfriend|"
    r"grandmother|grandfather|grandparents?|aunt|uncle|siblings?|brothers?|sisters?|half[- ](?:brothers?|sisters?|siblings?)|"
    r"step[- ]?(?:brothers?|sisters?|siblings?)|carers?|guardians?|cousins?|parents?|MGM|MGF|PGM|PGF|SGF|"
    r"husband|wife|ex-partner|lodger)"
)
AGENCY = (
    r"(?:children'?s social care|social care|children'?s services|police|health visit\w*|midwi\w+|GP|general practi\w+|"
    r"school|college|education|hospital|emergency department|ambulance|CAMHS|mental health|probation|youth justice|YJS|"
    r"YOT|housing|early help|MASH|NHS|ICB|CCG|children'?s centre|paediatric\w*|substance misuse|adult social care|"
    r"fire (?:and rescue )?service|IDVA|ChiDVA|nursery)"
)
ETHNICITY_TERM = (
    r"(?:white(?: british| irish| other| european)?|black(?: british| african| caribbean| other)?|"
    r"asian(?: british)?|mixed(?: heritage| race| white and \w+)?|dual heritage|british (?:pakistani|indian|bangladeshi)|"
    r"pakistani|bangladeshi|indian|chinese|arab|gypsy|roma|traveller|irish traveller|eastern european|polish|"
    r"romanian|somali|kurdish|afghan|eritrean|any other (?:ethnic|white|mixed|asian|black) \w+)"
)
UNKNOWN_VALUE = re.compile(
    r"^\s*(?:unknown|not known|n/?k|not recorded|not stated|\?|-|—|tbc|to be confirmed)\s*$", re.I
)

# -- section roles (critique) ------------------------------------------------------------------------------
# Heading cues for the part a section plays in a rapid review, whatever the template calls it. A heading
# can match several; documents/roles.py weighs them with the section's text.
SECTION_CUES: dict[str, str] = {
    "case": (
        r"\b(?:case (?:information|details|background)|background information|key (?:details|information|facts)|"
        r"about (?!the (?:incident|review|report)\b)\w+|child(?:'s)? (?:details|information)|personal details|"
        r"demographic\w*|the child|the young person|subject child|genogram|introduction|background|profile)\b"
    ),
    "family": r"\b(?:family|families|household|significant (?:adults|people|others)|who'?s who|people involved)\b",
    "incident": (
        r"\b(?:incident|case summary|summary of (?:the )?(?:case|incident|events)|circumstances|facts|"
        r"what happened|serious (?:incident|harm)|reason for (?:the )?notification|notification)\b"
    ),
    "immediate": (
        r"\b(?:immediate (?:action|safeguarding|safety|arrangements|response|protective|steps)\w*|current "
        r"(?:situation|arrangements|position|safeguarding)|safety (?:plan|arrangements)|safeguarding "
        r"arrangements|keep(?:ing)? \w+ safe|safe now|protective (?:action|measures)|safeguarding since|"
        r"since the incident)\b"
    ),
    "agencies": (
        r"\b(?:agencies|contributors|participants|attendees|who took part|who contributed|organisations|"
        r"agency involvement|involvement of agencies|multi-agency involvement|previous involvement|"
        r"how this review was carried out|methodology|process)\b"
    ),
    "chronology": r"\b(?:chronolog\w*|key events|timeline|sequence of events)\b",
    "analysis": (
        r"\b(?:analysis|discussion|findings|what we found|issues (?:identified|for consideration)|themes?|"
        r"key practice episodes?|practice episodes?|reflections?|lived experience|daily life|voice|"
        r"what (?:are|were) we worried|worried about|what(?:'s| is| was) working well|went well|good practice|"
        r"race|culture|faith|identity|disability|health and|national (?:learning|reviews?)|early (?:life|history)|"
        r"experience|life was like|equality|diversity|inclusion)\b"
    ),
    "learning": r"\b(?:learning|learned|learnt|lessons|areas for (?:development|improvement))\b",
    "decision": (
        r"\b(?:decision|criteria|recommendations?|conclusion|lcspr|local (?:child )?safeguarding practice review|"
        r"rationale|further review|scope|lines of enquiry|terms of reference)\b"
    ),
    "actions": (
        r"\b(?:actions?|next steps|what needs to (?:happen|change)|what (?:we|agencies|partners) will do|action plan|"
        r"improvements?|sharing the learning|where we go from here)\b"
    ),
    "signoff": r"\b(?:sign[- ]?off|signed|approv\w+|endorse\w*|authoris\w+|executive|partners'? agreement)\b",
}

# -- people in chronologies (drafting, lines of enquiry) ----------------------------------------------------
# Ages with their units ("aged 7 months" is 7 months, not 7), pseudonyms ("Ms Y", "Mr Q") and the labels
# chronologies give children and adults ("CHILD X", "Baby Z", "Adult A").
AGE_UNIT = (
    r"(?:years?|yrs?|y/o|y\.o\.|yo|(?:calendar |completed )?months?|mo?nths?|mths?|mos?|weeks?|wks?|days?)"
)
AGE_UNIT_SHORT = r"(?:y|m|w|d)"  # written straight after the number: "3y 3m"
# A number of units: '7', '7.5', '7½', 'seven'.
AGE_NUMBER = r"(?:" + NUMBER_WORD + r")(?:\.\d|\s?[½¼¾])?"
# One age: "7", "7 months", "7-months", "14 yrs 2 months", "3y 3m", "one year seven months".
AGE_VALUE = (
    AGE_NUMBER + r"(?:(?:\s*|-)" + AGE_UNIT + r"|" + AGE_UNIT_SHORT + r"(?![\w]))?"
    r"(?:,?\s+(?:and\s+)?" + AGE_NUMBER + r"(?:(?:\s*|-)" + AGE_UNIT + r"|" + AGE_UNIT_SHORT + r"(?![\w])))?"
)
# A date of birth as chronologies write one: a date, a month and year, a year, or a placeholder before them.
BIRTH_DATE = r"(?:" + PLACEHOLDER + r"\s+)?(?:" + DATE + r"|(?:19|20)\d{2}\b)"
PERSON_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx)"
CHILD_LABEL_WORD = r"(?:CHILD|Child|BABY|Baby|SIBLING|Sibling|YOUNG PERSON|Young Person|YP)"
ADULT_LABEL_WORD = r"(?:ADULT|Adult)"
LABEL_LETTERS = r"(?:[A-Z]{1,2}\d?|\d{1,2})"

# -- analysis (critique) -----------------------------------------------------------------------------------
# Words with which a review weighs a fact's effect on the child or on practice ('her autism meant that ...',
# 'the review considered whether his faith affected ...'), as opposed to recording it ('Disability: autism').
ANALYSIS_CUE = (
    r"\b(?:affect\w*|impact\w*|influenc\w*|effect(?:s|ed)? (?:on|of)|meant|means that|may (?:have|not have|also)|"
    r"might have|could (?:have|not)|would have|led to|lead to|contribut\w+|because|as a result|so that|consider\w*|"
    r"explor\w+|understand\w*|understood|assum\w+|bias\w*|vulnerab\w+|barriers?|access\w*|overlook\w*|"
    r"not (?:asked|explored|considered|recognised|recognized|identified|understood|linked|discussed)|no evidence that|"
    r"recognis\w+|recogniz\w+|attention|shaped|made (?:it|him|her|them) (?:harder|easier|more|less)|"
    r"increas\w+ (?:the )?(?:risk|vulnerab\w+)|at greater risk|sensitiv\w+|reflect\w*|question\w*|curious|curiosity|"
    r"needs? (?:were|was) not|adapt\w+|adjust\w+|communicat\w+ needs|(?:felt|feel|feels) (?:that|unable|she|he)|"
    r"reduc\w+|limit\w+|prevent\w+|hinder\w+|undermin\w+|compromis\w+|capacity|ability to|unable to|"
    r"made (?:home|life|it|him|her|them|things|family life)\b|unpredictab\w+|chaotic|(?:a|the|one) (?:\w+ )?factor)\b"
)

# 'Key practice episodes': the Panel's 2022 comment on Example 5 and its 2025 guidance ask a rapid review for an
# analysis of the episodes that matter for learning, rather than a chronology.
KEY_PRACTICE_EPISODES = rx(r"\bkey (?:practice )?episodes?\b|\bpractice episodes?\b")

# -- the child's stage of life (critique, drafting, lines of enquiry) --------------------------------------
# One rule for 'a baby', 'a school-age child' and 'an adolescent', whether from an age or from the words used.
SCHOOL_AGE_WORDS = rx(
    r"\b(?:teenager|teenage|adolescen\w+|young person|secondary school|primary school|year (?:[1-9]|1[0-3])\b|"
    r"GCSEs?|sixth form|pupil|aged? (?:[5-9]|1[0-7])\b|(?:[5-9]|1[0-7])[- ]years?[- ]old)"
)
INFANT_WORDS = rx(
    r"\b(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven)[- ](?:day|week|month)s?[- ]old\b"
    r"|\b(?:newborn|baby|infant|neonat\w+|toddler)\b"
)
SCHOOL_AGE_YEARS = (4, 17)
ADOLESCENT_MIN_YEARS = (
    11  # secondary school age: the age at which the Panel's exploitation and adolescent-harm learning applies
)

LifeStage = Literal["infant", "child", "adolescent", "adult"]


def life_stage(years: int | None) -> LifeStage | None:
    """'infant' under 1 ... 'adolescent' from ADOLESCENT_MIN_YEARS to 17; None when the age is unknown."""
    if years is None:
        return None
    if years < 1:
        return "infant"
    if years >= 18:
        return "adult"
    return "adolescent" if years >= ADOLESCENT_MIN_YEARS else "child"


# -- themes the critique, drafting and lines of enquiry all read -----------------------------------------
LIVED = rx(
    r"\blived experience|\bvoice of (?:the )?(?:child|young person|children|baby)|\b(?:child|young person|baby)'?s voice|"
    r"(?<!raised )(?<!raising )(?<!raises )(?<!raise )\b(?:his|her|their) voice\b|\bdaily li(?:fe|ves)\b|\bday[- ]to[- ]day (?:life|lives|experience|care)|\bwishes and feelings|"
    r"\bwhat (?:life|it|(?:a |an )?(?:typical|ordinary|normal) day) (?:was|is|had been|has been|might have been|would have been) like for|"
    r"\b(?:from|through) the (?:child|young person|baby)'?s (?:perspective|eyes|point of view)|\bthrough (?:his|her|their) eyes|"
    r"\b(?:child|young person|baby)'?s (?:experience|perspective|views|world|routine)|\bwhat it was like to be\b|"
    r"\bwhat was (?:life|it|home|a typical day) like for|\bthrough the eyes of|\ba day in the life|"
    r"\bhow (?:he|she|they) (?:experienced|would have experienced)"
)

# The child by name: 'CHILD S told her teacher', 'Baby N's experience of being cared for'.
CHILD_SAID = r"(?:\s+(?:has|had|have)\s+)?\s*(?:said|told|disclosed|described|expressed|reported|talked|spoke|explained|asked)\b"

CHILD_WORLD = r"'?s (?:daily |everyday |lived |own )?(?:experience|life|world|routine|day|perspective|views|feelings|wishes|voice)\b"

RACE = rx(
    r"\b(?:race|racism|racial\w*|cultur\w+|faith|religio\w+|ethnicity|ethnic\w*|heritage|interpreters?|first language|"
    r"language barriers?|adultification|unconscious bias|discriminat\w+|identity|minorit\w+|Muslim|Christian|Jewish|"
    r"Hindu|Sikh|mosque|church|diversity|equalit(?:y|ies)|protected characteristics?|"
    # the Panel's 2025 guidance: 'how racism and other inequalities (including disability) may have influenced'
    r"inequalit(?:y|ies)|racis[mt]s?|anti-racis\w+|disablis[mt]|ableis[mt]|intersectional\w*)\b"
)

# 'organisational culture', 'in good faith', 'the identity of the driver', 'Ethnicity: White British'
NOT_RACE = rx(
    r"\b(?:organisational|organizational|team|work(?:ing|place)?|safeguarding|learning|blame|practice|service|professional|"
    r"drinking|drug|gang|knife|youth) cultures?\b|\bcultures? of (?:the )?(?:team|service|organisation|practice|"
    r"agency|agencies|blame|learning|drinking)|\bin good faith\b|\bidentity of\b|\bidentity (?:document|card|theft)s?\b"
    r"|\bcultured?\b(?= (?:swab|test|result))"
)

HEALTH_DISABILITY = rx(
    r"\b(?:disabilit\w*|disabled|mental (?:health|ill-?ness|ill-?health)|physical health|learning (?:difficult\w*|disabilit\w*|"
    r"needs)|ADHD|autis\w+|(?-i:SEND)|special educational|health needs|diagnos\w+|bi-?polar|depress\w*|anxiety|PTSD|trauma\w*|"
    r"neurodivers\w*|speech and language|SLCN|(?:gender|sexual) identity|identity issues|sexuality|LGBT\w*|transgender|post-?natal depression|perinatal mental health|substance misuse|"
    r"low mood|self[- ]harm\w*|suicid\w+|alcohol\w*|drinking|drug (?:use|misuse)|dyslexi\w+|"
    r"cerebral palsy|chronic (?:illness|pain|condition)|long[- ]term (?:illness|condition)|sickle cell|epilep\w+|"
    r"diabet\w+|asthma|cancer|strokes?|Down'?s? syndrome|prematur\w+|low birth ?weight|illness|medical conditions?|"
    r"medication|(?:his|her|their|maternal|paternal|parental|parents'?|mother'?s|father'?s)(?: own)? "
    r"(?:physical |mental |emotional )?(?:health|wellbeing))\b"
)

NOT_HEALTH = rx(
    r"\b(?:head|abusive head|blunt force|physical) trauma\b|\btrauma(?:tic)? (?:injur\w+|brain)|\bmajor trauma\b|"
    r"\b(?:mental health|(?-i:SEND)|learning disabilit\w*) (?:services?|team|trust|nurse|practitioner|hub|unit|provider|worker)s?$"
)

GOOD_PRACTICE = rx(
    r"\bgood practice|\bwhat (?:worked|was working|went) well|\bworking well|\bstrengths\b|\bpositive (?:practice|work|"
    r"relationship|engagement)|\b(?:was|were) (?:positive|good|excellent|effective|exemplary|thorough)\b|\bcommend\w*|"
    r"\bexamples? of (?:good|effective|timely)|\bwell[- ]coordinated|\btimely and appropriate|\bnotabl[ey] good|"
    r"\b(?:acted|responded|intervened|referred) (?:promptly|quickly|swiftly|appropriately|decisively|well)\b|"
    r"\bthorough\b|\bof a (?:good|high) standard\b|\bwent above and beyond\b|\bprompt (?:and \w+ )?(?:response|referral|action)|"
    r"\b(?:was|were) (?:\w+ )?(?:timely|prompt|persistent|sensitive|child[- ]focused|proactive|tenacious|robust|"
    r"well[- ]judged|well[- ]coordinated)\b"
)

EXPLOITATION = rx(
    r"\b(?:exploit(?:ed|ation|ing|ative)|CSE|CCE|county lines|gangs?|serious youth violence|knife crime|stab|stabb(?:ed|ing)|"
    r"stab wounds?|grooming|groomed|trafficked|trafficking|missing (?:from (?:home|care)|episodes?)|extra-?familial|"
    r"contextual safeguarding|drug (?:running|dealing|debts?)|National Referral Mechanism)\b"
)

EARLY_LIFE = rx(
    r"\bearly (?:life|years|childhood)|\bas a (?:baby|toddler|young child|infant)|\bwhen (?:she|he|they) was (?:a )?"
    r"(?:baby|toddler|young|little|small|infant|\d|one|two|three|four|five|six|seven|eight)\b|\bfamily history|"
    r"\b(?:historic|historical) (?:context|concerns|neglect|involvement|information)|\bchildhood\b|\bACEs?\b|"
    r"\badverse childhood|\bfrom birth|\bprevious(?:ly)? (?:subject to|known to|open to)|\bhistory of (?:social care|"
    r"involvement|neglect|abuse|domestic)|\bpre-?birth|\bprimary school"
)


# Neglect as a feature of the case, and the signs of it in a child's life (national-review linking: the
# Panel's thematic analysis of child neglect, 2026). 'abused or neglected' is the statutory notification
# test that every draft may quote, not a fact of this case, so it does not count.
NEGLECT_TERMS: tuple[str, ...] = (
    r"\bneglect(?:ed|ful)?\b(?<!abuse or neglect)(?<!abuse and neglect)(?<!abused or neglected)"
    r"(?<!abuse or neglected)(?<!abuse and/or neglect)",
)
NEGLECT_SIGNS: tuple[str, ...] = (
    r"\bhome conditions", r"\bstate of the (?:home|house|flat|property)", r"\bhygiene", r"\bunkempt",
    r"\bdirty\b", r"\bsoiled\b", r"\bhead lice", r"\bsqualid", r"\bhoard\w*", r"\bmalnutrition",
    r"\bmalnourish\w*", r"\bunderweight", r"\bweight (?:loss|faltering)", r"\blost weight", r"\bfaltering growth",
    r"\bfailure to thrive", r"\bdental (?:decay|neglect)", r"\btooth decay", r"\bhungry", r"\bno food",
    r"\bmissed (?:\w+ )?appointments?", r"\bwas not brought", r"\bwere not brought", r"\bnot brought to",
    r"\bunmet (?:health )?needs", r"\buntreated", r"\b(?:school|poor|low|irregular) attendance",
    r"\bpersistent(?:ly)? absen\w*", r"\bmedical neglect", r"\black of supervision", r"\bunsupervised",
    r"\bleft (?:home )?alone",
)  # fmt: skip
NEGLECT = rx("|".join(NEGLECT_TERMS))


# -- the child's record (critique, drafting) -------------------------------------------------------------
ETHNICITY_LABEL = rx(
    r"\b(?:ethnicity|ethnic (?:origin|background|group)|heritage)\s*[:\-–]\s*([^\n\r\t|]{1,60})"
)

ETHNICITY_VALUE = rx(r"\b" + ETHNICITY_TERM + r"\b(?! (?:service|team|community group|organisation))")

DISABILITY = rx(
    r"\b(?:disabilit\w*|disabled|(?-i:SEND)|special educational needs|EHCP|education,? health and care plan|"
    r"learning (?:difficult\w*|disabilit\w*)|additional needs|complex (?:health )?needs|no known (?:health|disability|"
    r"medical)|health needs|medical conditions?|diagnos\w+|autis\w+|ADHD|cerebral palsy|neurodivers\w*|"
    r"(?:physical|mental) health|(?:fit|well) and healthy|(?:is|was|were|been) (?:a )?healthy|"
    r"healthy (?:baby|child|boy|girl|toddler|infant))"
)


# -- where a child lives (critique, lines of enquiry) -----------------------------------------------------
# A residential setting the child is placed in. Not a parent-and-baby residential assessment, nor an address.
RESIDENTIAL_SETTING = rx(
    r"\bresidential (?:special )?(?:schools?|settings?|placements?|homes?|care|provision|units?|colleges?|"
    r"short breaks?|respite)\b|\bchildren'?s homes?\b|\b(?:placed|lived|living|lives|resided) (?:in|at) "
    r"(?:a |an |the )?(?:residential|secure|specialist) (?:school|setting|placement|home|unit|college)\b"
)


# -- tick boxes (lines of enquiry) -------------------------------------------------------------------------
# A form's boxes: a ticked box says the line applies; an unticked one says nothing, so it is never evidence.
UNTICKED_BOX = re.compile(r"[☐□❏❑❒▢]|\[ ?\]")
TICKED_BOX = re.compile(r"[☒☑✓✔⊠]|\[[xX✓✔]\]")


# -- negation before a case feature ----------------------------------------------------------------------
NEGATED = re.compile(
    r"(?i)\b(?:no|not|nil|without|denied|denies|neither|nor|never|ruled out|no apparent|no evidence of|no signs? of|"
    r"free of|absence of)\b[^.;\n]{0,25}$"
)


# -- gender, schooling and the household (critique, drafting) --------------------------------------------
GENDER_WORD = r"(?:male|female|boy|girl|son|daughter|non-binary|transgender|trans (?:boy|girl))"

GENDER = rx(r"\b(?:gender|sex)\s*[:\-–]\s*\w+|\b" + GENDER_WORD + r"\b")

EDUCATION = rx(
    r"\b(?:school|college|education\w*|EHCP|attendance|excluded|exclusion|alternative provision|pupil referral|PRU|"
    r"tuition|home[- ]educated|NEET|apprenticeship|nursery|teacher|designated safeguarding lead|DSL|year \d{1,2})\b"
)

HOUSEHOLD_SENTENCE = rx(
    r"\b(?:lived|lives|living|resided|resides|was living|were living|stays|stayed) with:?\s+(?:(?:his|her|their|the|both)\s+)?"
    r"(?:(?:maternal|paternal|birth|two|three|older|younger) )?"
    + ROLE
    + r"|\bhousehold (?:comprised|consisted|included|was made up|is made up)|\b(?:no|has no|had no) (?:other )?"
    r"(?:siblings|children|brothers or sisters)\b|\bonly child\b|\bsingle parent\b|\bfamily (?:composition|structure|tree)\b"
    r"|\bgenogram\b"
)
