"""Redact personal data from rapid-review text before any of it reaches a model, and restore it after.

Why not Presidio: Microsoft Presidio's analyzer needs a spaCy NER model (en_core_web_lg, ~500 MB) that has
to be downloaded at install time, and this tool must run on machines that cannot fetch one. Its UK
recognisers are in any case pattern recognisers (regex + context words + checksums, e.g. UkNhsRecognizer)
plus spaCy for names. We keep that design and replace spaCy with rules that fit this one genre:

* patterns for emails, UK phones, NHS and National Insurance numbers, postcodes, dates, street addresses;
* "proper name + suffix" patterns for schools, GP practices and hospitals/children's centres;
* names from context (titles, "Mother:", "known as"), from runs of capitalised words scored against a
  shipped list of common UK first names and surnames and a list of ordinary words (data/*.txt), and
  finally by propagating every name found to its other mentions in the same document.

Role words ("mother", "Health Visitor", "Adult A"), labels already anonymised ("CHILD A", "[date]"),
agencies (Police, Children's Social Care, MASH, NHS Trust) and ordinary capitalised words stay.

Placeholders look like PERSON_1; the same original (ignoring case and spacing) always gets the same one.
The originals live only in a private attribute of `Redaction`, so they are never serialised, logged or
printed with the model; `Redaction.restore` puts them back into model output.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from assistant.errors import InputError


class EntityKind(StrEnum):
    PERSON = "PERSON"
    DATE = "DATE"
    ADDRESS = "ADDRESS"
    POSTCODE = "POSTCODE"
    NHS_NUMBER = "NHS_NUMBER"
    PHONE = "PHONE"
    EMAIL = "EMAIL"
    NI_NUMBER = "NI_NUMBER"
    SCHOOL = "SCHOOL"
    GP_PRACTICE = "GP_PRACTICE"
    ORG = "ORG"


_KINDS = "|".join(sorted((k.value for k in EntityKind), key=len, reverse=True))
# Placeholders must not touch a letter/digit/underscore before or a digit after, so PERSON_1 is never
# read inside PERSON_12 or xPERSON_1; detection refuses spans that would create such contacts.
PLACEHOLDER = re.compile(rf"(?<![A-Za-z0-9_])(?P<kind>{_KINDS})_(?P<n>[0-9]+)(?![0-9])")


class RedactedEntity(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    placeholder: str = Field(description="Text that replaced the original, e.g. PERSON_1.")
    kind: EntityKind = Field(description="What sort of identifier was removed.")
    count: int = Field(ge=1, description="How many times it occurred in the text.")


class Redaction(BaseModel):
    """Redacted text plus what was removed. Originals are private: never dumped, logged or shown."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(description="The input with identifiers replaced by placeholders.")
    entities: list[RedactedEntity] = Field(
        default_factory=list, description="One entry per placeholder, in order of first occurrence."
    )
    # placeholder -> surface form of each occurrence, in order (private: excluded from dumps and repr).
    _originals: dict[str, list[str]] = PrivateAttr(default_factory=dict)

    def originals(self) -> dict[str, list[str]]:
        """Placeholder → the original text of each occurrence. For local display only, never for sending."""
        return {placeholder: list(forms) for placeholder, forms in self._originals.items()}

    def restore(self, text: str) -> str:
        """Put the originals back into `text` (typically model output that used the placeholders).

        When a placeholder occurs as often as it did in the redacted text, occurrences get their own
        original spelling in order (so restore(redaction.text) is exact); otherwise each gets the first.
        Placeholders this redaction did not issue are left alone.
        """
        counts: dict[str, int] = defaultdict(int)
        for match in PLACEHOLDER.finditer(text):
            counts[match.group(0)] += 1
        seen: dict[str, int] = defaultdict(int)

        def put_back(match: re.Match[str]) -> str:
            placeholder = match.group(0)
            forms = self._originals.get(placeholder)
            if not forms:
                return placeholder
            index = seen[placeholder]
            seen[placeholder] += 1
            if counts[placeholder] == len(forms):
                return forms[index]
            # Model output mentions it a different number of times: use the fullest spelling.
            return max(forms, key=lambda form: len(form.split()))

        return PLACEHOLDER.sub(put_back, text)


# --------------------------------------------------------------------------------------------- word lists


def _fold(word: str) -> str:
    """Lowercase without accents, so Chloë, CHLOE and chloe look the same to the lists."""
    decomposed = unicodedata.normalize("NFKD", word.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@cache
def _wordlist(name: str) -> frozenset[str]:
    text = resources.files("assistant.privacy").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return frozenset(_fold(line.strip()) for line in text.splitlines() if line.strip() and line[0] != "#")


def first_names() -> frozenset[str]:
    return _wordlist("first_names.txt")


def surnames() -> frozenset[str]:
    return _wordlist("surnames.txt")


def common_words() -> frozenset[str]:
    return _wordlist("common_words.txt")


# First names that are too often something else (a month, a RAG rating, a place, a verb) to be taken as a
# name on their own; they still count next to a surname, after a title or label, or once seen as a name.
NEVER_ALONE = frozenset(
    [
        "amber",
        "austin",
        "chelsea",
        "dale",
        "dean",
        "eden",
        "faith",
        "florence",
        "georgia",
        "hope",
        "jan",
        "jordan",
        "joy",
        "june",
        "may",
        "summer",
        "sydney",
        "victoria",
        "will",
    ]
)
# Names that are ordinary words mainly at the start of a sentence ("Mark the date", "Grace period").
NOT_AT_SENTENCE_START = frozenset(["mark", "grace", "blessing", "harper", "brooke", "paige", "frank", "dawn"])
# Values after a label that are roles or anonymised labels, not names.
NON_VALUES = frozenset(
    [
        "unknown",
        "none",
        "not",
        "redacted",
        "withheld",
        "tbc",
        "n",
        "a",
        "the",
        "deceased",
        "child",
        "adult",
        "mother",
        "father",
        "sibling",
        "baby",
        "young",
        "person",
        "subject",
        "name",
    ]
)
# Leading words a "Name + suffix" pattern may swallow at the start of a sentence.
LEADING_NOISE = frozenset(
    [
        "the",
        "a",
        "an",
        "at",
        "to",
        "from",
        "in",
        "on",
        "by",
        "with",
        "both",
        "and",
        "or",
        "when",
        "while",
        "after",
        "before",
        "during",
        "attended",
        "attending",
        "contacted",
        "informed",
        "visited",
        "joined",
        "left",
        "moved",
        "staff",
        "teachers",
        "pupils",
        "of",
        "near",
        "via",
    ]
)
# Qualifiers that make "X School", "X Surgery", "X Hospital" a kind of place rather than a named one.
GENERIC_QUALIFIERS = frozenset(
    [
        "virtual",
        "special",
        "local",
        "mainstream",
        "secondary",
        "primary",
        "high",
        "junior",
        "infant",
        "infants",
        "nursery",
        "forest",
        "sunday",
        "boarding",
        "independent",
        "residential",
        "free",
        "faith",
        "catholic",
        "church",
        "england",
        "c",
        "of",
        "e",
        "ce",
        "rc",
        "sixth",
        "form",
        "further",
        "education",
        "royal",
        "general",
        "gp",
        "good",
        "best",
        "day",
        "dental",
        "keyhole",
        "clinical",
        "social",
        "work",
        "safeguarding",
        "child",
        "children's",
        "childrens",
        "professional",
        "reflective",
        "poor",
        "current",
        "previous",
        "new",
        "old",
        "former",
        "practice",
        "medical",
        "health",
        "community",
        "district",
        "acute",
        "teaching",
        "maternity",
        "psychiatric",
        "mental",
        "specialist",
        "the",
        "a",
        "new",
        "police",
        "football",
        "sports",
        "city",
        "county",
        "national",
        "family",
        "hub",
        "centre",
        "centres",
        "multi",
        "agency",
        "partnership",
        "a&e",
        "walk-in",
        "walk",
        "in",
        "urgent",
        "care",
    ]
)


# --------------------------------------------------------------------------------------------- spans


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: EntityKind
    key: str


_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_MONTH_NUMBER = {
    name: index
    for index, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_DAY = r"(?:0?[1-9]|[12][0-9]|3[01])"
_WEEKDAY = r"(?:(?:Mon|Tues|Tue|Wednes|Wed|Thurs|Thu|Fri|Satur|Sat|Sun)(?:day)?,?\s+)?"

_DATE_PATTERNS: list[re.Pattern[str]] = [
    re.compile(
        rf"(?<![\w/.-]){_DAY}[/.-](?:0?[1-9]|1[0-2])[/.-](?:(?:19|20)[0-9]{{2}}|[0-9]{{2}})(?![\w/-])"
    ),
    re.compile(r"(?<![\w/.-])(?:19|20)[0-9]{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])(?![\w-])"),
    re.compile(
        rf"\b{_WEEKDAY}(?:the\s+)?{_DAY}(?:st|nd|rd|th)?(?:\s+of)?\s+(?:{_MONTHS})\b\.?(?:,?\s+(?:19|20)[0-9]{{2}}\b)?",
    ),
    re.compile(
        rf"\b{_WEEKDAY}(?:{_MONTHS})\.?\s+{_DAY}(?:st|nd|rd|th)?\b(?:,?\s+(?:19|20)[0-9]{{2}}\b)?",
    ),
]
# Month-and-year or a bare year is only a personal date next to a birth label.
_DOB = re.compile(
    rf"\b(?:DOB|D\.O\.B\.?|date of birth|born(?:\s+(?:on|in))?)\s*[:\-–]?\s*"
    rf"(?P<date>(?:{_MONTHS})\.?\s+(?:19|20)[0-9]{{2}}|(?:0?[1-9]|1[0-2])[/.-](?:19|20)[0-9]{{2}}|(?:19|20)[0-9]{{2}})\b",
    re.IGNORECASE,
)

_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
_PHONE = re.compile(
    r"(?<![\w+])(?:"
    r"\(0[0-9]{2,4}\)\s?[0-9]{3,4}[\s-]?[0-9]{3,4}"
    r"|(?:\+44 ?(?:\(0\) ?)?|0)[1-9](?:[ -]?[0-9]){8,9}"
    r")(?![0-9])"
)
_NHS = re.compile(r"(?<![\w-])[1-9][0-9]{2}[ -]?[0-9]{3}[ -]?[0-9]{4}(?![\w-])")
_NI = re.compile(r"\b[A-Z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D]\b")
_POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR) ?[0-9][ABD-HJLNP-UW-Z]{2}\b")

_STREET_TYPES = (
    "Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Way|Crescent|Cres|Court|Ct|Place|Gardens|Gdns|"
    "Grove|Terrace|Walk|Hill|Park|Row|Mews|Square|Sq|Rise|View|Green|Parade|Vale|Wharf|Yard|Boulevard|"
    "Meadow|Meadows|Fields|Heights|Chase|Croft|Approach|Way"
)
_FLAT = r"(?:Flat|Apartment|Apt\.?) +[0-9]+[A-Za-z]?"
_ADDRESS_NUMBERED = re.compile(
    rf"\b(?:{_FLAT},? +)?[0-9]{{1,4}}[A-Za-z]?,? +(?:[A-Z][A-Za-z'’-]+ +){{1,3}}(?:{_STREET_TYPES})\b"
)
_ADDRESS_NAMED = re.compile(
    r"\b(?:[A-Z][a-z'’-]+ +){1,2}(?:Road|Street|Avenue|Lane|Close|Drive|Crescent|Gardens|Grove|Terrace|Mews)\b"
)
_FLAT_ONLY = re.compile(rf"\b{_FLAT}\b")

_PROPER = r"[A-Z][\w'’&.-]*"
_NAME_PART = rf"(?P<name>{_PROPER}(?:[ \t]+(?:{_PROPER}|of|the|and|&|de|upon|on))*?)"
_SUFFIXED: list[tuple[EntityKind, re.Pattern[str]]] = [
    (
        EntityKind.SCHOOL,
        re.compile(
            rf"{_NAME_PART}[ \t]+(?P<suffix>(?:Primary|Infant|Infants|Junior|Nursery|Secondary|High|Grammar|"
            rf"Community|Special|Free|Prep|Preparatory)\s+School|School|Academy|College|Sixth Form|"
            rf"Pupil Referral Unit|PRU|Day Nursery|Nursery|Pre-School|Preschool|Primary|Infants|Juniors)\b"
        ),
    ),
    (
        EntityKind.GP_PRACTICE,
        re.compile(
            rf"{_NAME_PART}[ \t]+(?P<suffix>Surgery|Medical Centre|Medical Practice|Health Centre|"
            rf"Medical Group|Group Practice|Family Practice|Practice)\b(?!\s+Review)"
        ),
    ),
    (
        EntityKind.ORG,
        re.compile(
            rf"{_NAME_PART}[ \t]+(?P<suffix>Hospital|Infirmary|Children['’]?s Centre|Family Hub|Family Centre)\b"
        ),
    ),
]

_TITLE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame)\.?\s+"
    r"(?P<name>(?:[A-Z]\.?\s+)?[A-Z][^\W\d_]+(?:[-'’][A-Z][^\W\d_]+)*(?:\s+[A-Z][^\W\d_]+(?:[-'’][A-Z][^\W\d_]+)*){0,2})"
)
_LABEL = re.compile(
    r"(?im)(?:^|(?<=[\s(;,]))(?:full\s+name|name|child's\s+name|forenames?|first\s+name|surname|alias|nickname|"
    r"known\s+as|mother|father|mum|dad|step-?father|step-?mother|partner|sibling|brother|sister|"
    r"grandmother|grandfather|carer)\s*[:=–-]\s*"
    r"(?P<name>[^\W\d_][^\W\d_'’-]*(?:[-'’][^\W\d_]+)*(?:[ \t]+[^\W\d_][^\W\d_'’-]*(?:[-'’][^\W\d_]+)*){0,3})"
)
_KNOWN_AS = re.compile(
    r"(?i:\b(?:also\s+known\s+as|known\s+as|a\.?k\.?a\.?|nickname[ds]?|goes\s+by|"
    r"call(?:s|ed|ing)?\s+(?:him|her|them)(?:self|selves)?|referred\s+to\s+as))"
    r"\s+[\"'“‘]?(?P<name>[A-Z][^\W\d_]+(?:[-'’][A-Z][^\W\d_]+)*(?:\s+[A-Z][^\W\d_]+(?:[-'’][A-Z][^\W\d_]+)*)?)"
)
_RELATIONS = (
    "mother|mum|mummy|father|dad|daddy|step-?father|step-?dad|step-?mother|step-?mum|partner|ex-partner|"
    "boyfriend|girlfriend|husband|wife|brother|sister|half-brother|half-sister|sibling|son|daughter|aunt|"
    "auntie|aunty|uncle|cousin|nephew|niece|grandmother|grandfather|grandma|grandad|granddad|nan|nana|"
    "nanna|granny|friend|neighbour|baby|carer|lodger"
)
_CAP_WORD = r"[A-Z][^\W\d_]+(?:[-'’][A-Z][^\W\d_]+)*"
# "partner Dwayne", "Maternal aunt Shanice", "Mother (Rebecca Lewis)", "his father, Lee".
_RELATION_NAME = re.compile(
    rf"(?i:\b(?:{_RELATIONS})(?:['’]s)?)[ \t]*[,(]?[ \t]*(?P<name>{_CAP_WORD}(?:[ \t]+{_CAP_WORD})?)"
)
# "Sibling 1 (Kai)", "CHILD L (Harrison, 6)": a name given in brackets after an anonymised label.
_LABEL_BRACKET = re.compile(
    rf"\b(?:CHILD|Child|Sibling|SIBLING|Adult|ADULT|Baby|BABY|Young Person|YP)[ \t]+[A-Z0-9]{{1,2}}[ \t]*\("
    rf"[ \t]*(?P<name>{_CAP_WORD}(?:[ \t]+{_CAP_WORD})?)"
)
# A word token; a possessive 's is left outside so "Jayden's" yields "Jayden".
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’](?![sS]\b)[^\W\d_]+)*")


def _norm(text: str) -> str:
    return " ".join(_fold(text).split())


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _date_key(text: str) -> str:
    lowered = _norm(text).replace(",", " ")
    numeric = re.fullmatch(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{2,4})", lowered)
    if numeric:
        day, month, year = numeric.groups()
        full_year = year if len(year) == 4 else ("20" if int(year) < 50 else "19") + year
        return f"{full_year}-{int(month):02d}-{int(day):02d}"
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", lowered):
        return lowered
    words = re.findall(r"[a-z]+|[0-9]+", lowered)
    month = next((_MONTH_NUMBER[w] for w in words if w in _MONTH_NUMBER), None)
    numbers = [w for w in words if w.isdigit()]
    day = next((int(n) for n in numbers if len(n) <= 2), None)
    year = next((n for n in numbers if len(n) == 4), None)
    if month and day:
        return f"{year or '????'}-{month:02d}-{day:02d}"
    return lowered


def _phone_key(text: str) -> str:
    digits = _digits(text)
    if text.lstrip().startswith("+44"):
        # +44 (0)161 ... and 0161 ... are the same number.
        digits = "0" + digits[2:].lstrip("0")
    return digits


def _is_sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘(*•·–-":
        i -= 1
    if i < 0 or text[i] in ".!?:;\n\r":
        return True
    # Numbered list items: "3. Jayden" or "(a) Grace".
    return bool(re.search(r"(?:^|\n)\s*(?:[0-9]+|[a-z])[.)]\s*$", text[max(0, start - 8) : start]))


def _is_name_token(token: str) -> bool:
    return token[:1].isupper() and any(c.islower() for c in token)


@dataclass
class _Tok:
    start: int
    end: int
    text: str
    cls: str  # FIRST, AMBIG, SURNAME, UNKNOWN, COMMON, INITIAL, CAPS_NAME


def _classify(token: str) -> str:
    folded = _fold(token)
    if len(token) == 1 and token.isupper():
        return "INITIAL"
    parts = [p for p in re.split(r"[-']", folded) if p]
    if token.isupper():
        # All-caps words are acronyms (MASH, CAMHS, CHILD A) unless they spell a listed name.
        return "CAPS_NAME" if folded in first_names() or folded in surnames() else "COMMON"
    if not _is_name_token(token):
        return "COMMON"
    if folded in first_names() or any(p in first_names() for p in parts if len(parts) > 1):
        return "AMBIG" if folded in NEVER_ALONE or folded in NOT_AT_SENTENCE_START else "FIRST"
    if folded in common_words() or all(p in common_words() for p in parts):
        return "COMMON"
    if folded in surnames() or any(p in surnames() for p in parts):
        return "SURNAME"
    if len(folded) >= 7 and folded.endswith(_WORD_ENDINGS):
        return "COMMON"
    return "UNKNOWN"


# Endings English names almost never have but abstract nouns and adjectives do ("Abduction", "Notices"),
# so an unlisted capitalised word with one is a term in a heading, not a person.
_WORD_ENDINGS = (
    "tion", "sion", "ment", "ness", "ity", "ship", "ism", "ology", "ical", "ive", "ous", "ful", "less",
    "ities", "ated", "ised", "ized", "ising", "izing", "ices", "ments", "ational",
)  # fmt: skip


_NAMEISH = frozenset({"FIRST", "AMBIG", "SURNAME", "UNKNOWN", "CAPS_NAME"})


def _runs(text: str) -> list[list[_Tok]]:
    """Maximal runs of capitalised tokens separated only by spaces (or an initial's full stop)."""
    runs: list[list[_Tok]] = []
    current: list[_Tok] = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if not (token[:1].isupper()):
            if current:
                runs.append(current)
            current = []
            continue
        tok = _Tok(match.start(), match.end(), token, _classify(token))
        if current:
            gap = text[current[-1].end : tok.start]
            # Spaces only: a tab or newline is a table cell or line break, not the middle of a name.
            joined = re.fullmatch(r"[ \u00a0]{1,2}", gap) or (
                current[-1].cls == "INITIAL" and re.fullmatch(r"\.[ \u00a0]?", gap)
            )
            if not joined:
                runs.append(current)
                current = []
        current.append(tok)
    if current:
        runs.append(current)
    return runs


def _weak_surname(word: str, cls: str) -> bool:
    """A listed surname that is also an ordinary word (Wood, Green): a name only next to another name."""
    return cls == "COMMON" and _fold(word) in surnames() and _is_name_token(word)


def _names_from_runs(text: str) -> list[_Span]:
    spans: list[_Span] = []
    for run in _runs(text):
        i = 0
        while i < len(run):
            tok = run[i]
            starts_segment = tok.cls in _NAMEISH or (
                tok.cls == "INITIAL"
                and i + 1 < len(run)
                and run[i + 1].cls in {"SURNAME", "UNKNOWN", "FIRST"}
                and text[tok.end : tok.end + 1] == "."
            )
            if not starts_segment:
                i += 1
                continue
            j = i + 1
            while j < len(run) and j - i < 4:
                nxt = run[j]
                if nxt.cls in _NAMEISH or (
                    _weak_surname(nxt.text, nxt.cls)
                    and run[j - 1].cls in {"FIRST", "AMBIG", "INITIAL", "CAPS_NAME"}
                ):
                    j += 1
                else:
                    break
            segment = run[i:j]
            if _segment_is_name(text, segment):
                spans.append(_Span(segment[0].start, segment[-1].end, EntityKind.PERSON, ""))
            i = j
    return spans


def _segment_is_name(text: str, segment: list[_Tok]) -> bool:
    classes = [t.cls for t in segment]
    if len(segment) >= 2:
        if classes == ["INITIAL", "UNKNOWN"]:
            return True
        if all(c == "CAPS_NAME" for c in classes):
            return True
        strong = sum(c in {"SURNAME", "UNKNOWN", "FIRST", "CAPS_NAME"} for c in classes)
        return "FIRST" in classes or "AMBIG" in classes or strong >= 2
    tok = segment[0]
    if tok.cls == "FIRST":
        return True
    if tok.cls == "SURNAME":
        return True
    if tok.cls == "AMBIG":
        folded = _fold(tok.text)
        return folded in NOT_AT_SENTENCE_START and not _is_sentence_start(text, tok.start)
    return False


def _name_tokens_valid(name: str) -> bool:
    tokens = _TOKEN.findall(name)
    if not tokens:
        return False
    folded = [_fold(t) for t in tokens]
    if all(f in NON_VALUES or len(f) == 1 for f in folded):
        return False
    # "Adult A", "Child F", "Sibling 2": a role word followed by a letter is an anonymised label.
    return not (len(tokens) == 2 and folded[0] in NON_VALUES | {"sibling", "adult"} and len(tokens[1]) == 1)


def _trim_value(text: str, start: int, name: str) -> tuple[int, int] | None:
    """Cut a label's value down to its name tokens (stop at role words) and return its span."""
    tokens = list(_TOKEN.finditer(name))
    kept: list[re.Match[str]] = []
    for index, match in enumerate(tokens):
        word = match.group(0)
        folded = _fold(word)
        if folded in NON_VALUES or len(word) == 1:
            break
        if (
            index > 0
            and (not word[:1].isupper() or _classify(word) == "COMMON")
            and not _weak_surname(word, "COMMON")
        ):
            break
        kept.append(match)
    if not kept or not kept[0].group(0)[:1].isupper():
        return None
    return start + kept[0].start(), start + kept[-1].end()


def _followed_by_common_word(text: str, end: int) -> bool:
    following = re.match(r"[ \u00a0]+([A-Z][^\W\d_]+)", text[end : end + 40])
    return following is not None and _classify(following.group(1)) == "COMMON"


def _context_names(text: str) -> list[_Span]:
    spans: list[_Span] = []
    for match in _TITLE.finditer(text):
        name = match.group("name")
        tokens = list(_TOKEN.finditer(name))
        if not _name_tokens_valid(name):
            continue
        # Keep further tokens only while they still look like names ("Dr Patel Consultant" stops).
        end_index = 0
        for index, tok in enumerate(tokens[1:], start=1):
            cls = _classify(tok.group(0))
            if cls in _NAMEISH or _weak_surname(tok.group(0), cls):
                end_index = index
            else:
                break
        if len(tokens[0].group(0)) == 1 and end_index == 0:  # "Mrs A" is an anonymised label
            continue
        base = match.start("name")
        spans.append(_Span(base + tokens[0].start(), base + tokens[end_index].end(), EntityKind.PERSON, ""))
    for pattern in (_RELATION_NAME, _LABEL_BRACKET):
        for match in pattern.finditer(text):
            tokens = list(_TOKEN.finditer(match.group("name")))
            classes = [_classify(t.group(0)) for t in tokens]
            if not tokens or classes[0] not in _NAMEISH:
                continue
            # "Father's Personal Assistant": an unlisted word followed by a common one is a job title.
            if classes[0] == "UNKNOWN" and _followed_by_common_word(
                text, match.start("name") + tokens[0].end()
            ):
                continue
            last = 0
            if len(tokens) > 1 and (classes[1] in _NAMEISH or _weak_surname(tokens[1].group(0), classes[1])):
                last = 1
            base = match.start("name")
            spans.append(_Span(base + tokens[0].start(), base + tokens[last].end(), EntityKind.PERSON, ""))
    for pattern in (_LABEL, _KNOWN_AS):
        for match in pattern.finditer(text):
            if not _name_tokens_valid(match.group("name")):
                continue
            trimmed = _trim_value(text, match.start("name"), match.group("name"))
            if trimmed:
                spans.append(_Span(trimmed[0], trimmed[1], EntityKind.PERSON, ""))
    return spans


_CONNECTORS = frozenset({"of", "the", "and", "de", "upon", "on"})


def _bare(word: str) -> str:
    folded = _fold(word)
    return folded[:-2] if folded.endswith("'s") else folded


def _suffixed_names(text: str) -> list[_Span]:
    spans: list[_Span] = []
    for kind, pattern in _SUFFIXED:
        for match in pattern.finditer(text):
            base = match.start("name")
            tokens = list(_TOKEN.finditer(match.group("name")))
            # Drop sentence glue swallowed at the front ("The", "At", "Attended").
            while tokens and _fold(tokens[0].group(0)) in LEADING_NOISE:
                tokens.pop(0)
            if not tokens:
                continue
            words = [_bare(t.group(0)) for t in tokens]
            # "Health Professional and School" is a list of agencies, not a school's name.
            if words[-1] in _CONNECTORS:
                continue
            words = [w for w in words if w not in _CONNECTORS]
            if all(w in GENERIC_QUALIFIERS for w in words):
                continue
            if match.group("suffix") == "Practice" and all(
                w in common_words() or w in GENERIC_QUALIFIERS for w in words
            ):
                continue
            start = base + tokens[0].start()
            spans.append(_Span(start, match.end(), kind, _norm(text[start : match.end()])))
    return spans


def _address_spans(text: str) -> list[_Span]:
    spans: list[_Span] = []
    for match in _ADDRESS_NUMBERED.finditer(text):
        spans.append(_Span(match.start(), match.end(), EntityKind.ADDRESS, _norm(match.group(0))))
    for match in _ADDRESS_NAMED.finditer(text):
        words = match.group(0).split()
        lead = 0
        while lead < len(words) - 1 and _fold(words[lead]) in LEADING_NOISE:
            lead += 1
        if lead == len(words) - 1 or all(_fold(w) in GENERIC_QUALIFIERS | {"high"} for w in words[lead:-1]):
            continue
        start = match.start() + match.group(0).find(words[lead]) if lead else match.start()
        spans.append(_Span(start, match.end(), EntityKind.ADDRESS, _norm(text[start : match.end()])))
    for match in _FLAT_ONLY.finditer(text):
        spans.append(_Span(match.start(), match.end(), EntityKind.ADDRESS, _norm(match.group(0))))
    return spans


def _pattern_spans(text: str) -> list[_Span]:
    spans: list[_Span] = []
    for match in _EMAIL.finditer(text):
        spans.append(_Span(match.start(), match.end(), EntityKind.EMAIL, match.group(0).casefold()))
    for match in _PHONE.finditer(text):
        key = _phone_key(match.group(0))
        if len(key) in (10, 11):
            spans.append(_Span(match.start(), match.end(), EntityKind.PHONE, key))
    for match in _NHS.finditer(text):
        spans.append(_Span(match.start(), match.end(), EntityKind.NHS_NUMBER, _digits(match.group(0))))
    for match in _NI.finditer(text):
        spans.append(_Span(match.start(), match.end(), EntityKind.NI_NUMBER, "".join(match.group(0).split())))
    for match in _POSTCODE.finditer(text):
        key = "".join(match.group(0).split()).upper()
        spans.append(_Span(match.start(), match.end(), EntityKind.POSTCODE, key))
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            spans.append(_Span(match.start(), match.end(), EntityKind.DATE, _date_key(match.group(0))))
    for match in _DOB.finditer(text):
        spans.append(
            _Span(match.start("date"), match.end("date"), EntityKind.DATE, _date_key(match.group("date")))
        )
    return spans


# Longer spans win; on equal length the more specific kind wins.
_PRIORITY = {
    EntityKind.EMAIL: 0,
    EntityKind.NHS_NUMBER: 1,
    EntityKind.NI_NUMBER: 1,
    EntityKind.PHONE: 1,
    EntityKind.POSTCODE: 2,
    EntityKind.DATE: 3,
    EntityKind.ADDRESS: 4,
    EntityKind.SCHOOL: 5,
    EntityKind.GP_PRACTICE: 5,
    EntityKind.ORG: 6,
    EntityKind.PERSON: 7,
}


def _safe_edges(text: str, span: _Span) -> bool:
    before = text[span.start - 1] if span.start > 0 else ""
    after = text[span.end] if span.end < len(text) else ""
    return not (before and (before.isalnum() or before == "_")) and not (after and after.isdigit())


def _select(text: str, candidates: list[_Span]) -> list[_Span]:
    chosen: list[_Span] = []
    taken: list[tuple[int, int]] = []
    ordered = sorted(candidates, key=lambda s: (-(s.end - s.start), _PRIORITY[s.kind], s.start))
    for span in ordered:
        if span.end <= span.start or not _safe_edges(text, span):
            continue
        # Touching spans would glue two placeholders together (DATE_1PERSON_2), so they count as overlap.
        if any(span.start <= end and start <= span.end for start, end in taken):
            continue
        chosen.append(span)
        taken.append((span.start, span.end))
    return sorted(chosen, key=lambda s: s.start)


def _propagate_names(text: str, spans: list[_Span]) -> list[_Span]:
    """Find the other mentions of every name already found, even where no rule fires on its own."""
    names = {text[s.start : s.end] for s in spans if s.kind is EntityKind.PERSON}
    needles: set[str] = set()
    for name in names:
        tokens = _TOKEN.findall(name)
        needles.add(" ".join(tokens))
        for token in tokens:
            cls = _classify(token)
            if len(token) >= 3 and (cls in _NAMEISH or _weak_surname(token, cls)):
                needles.add(token)
    extra: list[_Span] = []
    for needle in sorted(needles, key=len, reverse=True):
        words = [re.escape(w) for w in needle.split()]
        body = r"\s+".join(words)
        # Case-sensitive for one word (so "Wood" does not hit "wood"); any case for full names and CAPS.
        patterns = [re.compile(rf"(?<![\w'’-]){body}(?![\w-]|['’][^\W\ds])")]
        if len(words) > 1:
            patterns.append(re.compile(rf"(?<![\w'’-]){body}(?![\w-]|['’][^\W\ds])", re.IGNORECASE))
        else:
            patterns.append(re.compile(rf"(?<![\w'’-]){re.escape(needle.upper())}(?![\w-])"))
        for pattern in patterns:
            for match in pattern.finditer(text):
                extra.append(_Span(match.start(), match.end(), EntityKind.PERSON, ""))
    return extra


def _person_keys(text: str, spans: list[_Span]) -> list[_Span]:
    """Key names so a lone first name joins the one full name it belongs to (Jayden → Jayden Smith)."""
    full: dict[str, set[str]] = defaultdict(set)
    for span in spans:
        if span.kind is EntityKind.PERSON:
            key = _norm(" ".join(_TOKEN.findall(text[span.start : span.end])))
            parts = key.split()
            if len(parts) > 1:
                full[parts[0]].add(key)
    keyed: list[_Span] = []
    for span in spans:
        if span.kind is not EntityKind.PERSON:
            keyed.append(span)
            continue
        key = _norm(" ".join(_TOKEN.findall(text[span.start : span.end])))
        owners = full.get(key, set())
        if " " not in key and len(owners) == 1:
            key = next(iter(owners))
        keyed.append(_Span(span.start, span.end, span.kind, key))
    return keyed


def find_spans(text: str) -> list[_Span]:
    structured = _select(text, _pattern_spans(text) + _address_spans(text) + _suffixed_names(text))
    # Names are looked for with the structured finds blanked out, so "Kelly Smith Oakfield Primary
    # School" yields a person and a school rather than the longer match swallowing the name.
    masked = list(text)
    for span in structured:
        masked[span.start : span.end] = "#" * (span.end - span.start)
    masked_text = "".join(masked)
    names = _context_names(masked_text) + _names_from_runs(masked_text)
    selected = _select(text, structured + names)
    selected = _select(text, selected + _propagate_names(text, selected))
    return _person_keys(text, selected)


def redact(text: str) -> Redaction:
    """Replace personal identifiers in `text` with placeholders. Never raises on any str input."""
    spans = find_spans(text)
    # Placeholder-like words already in the input keep their meaning: we never issue those numbers.
    reserved = {match.group(0) for match in PLACEHOLDER.finditer(text)}
    assigned: dict[tuple[EntityKind, str], str] = {}
    next_number: dict[EntityKind, int] = defaultdict(int)
    originals: dict[str, list[str]] = defaultdict(list)
    pieces: list[str] = []
    cursor = 0
    for span in spans:
        identity = (span.kind, span.key)
        if identity not in assigned:
            while True:
                next_number[span.kind] += 1
                candidate = f"{span.kind.value}_{next_number[span.kind]}"
                if candidate not in reserved:
                    break
            assigned[identity] = candidate
        placeholder = assigned[identity]
        originals[placeholder].append(text[span.start : span.end])
        pieces.append(text[cursor : span.start])
        pieces.append(placeholder)
        cursor = span.end
    pieces.append(text[cursor:])
    entities = [
        RedactedEntity(placeholder=placeholder, kind=kind, count=len(originals[placeholder]))
        for (kind, _), placeholder in assigned.items()
    ]
    redaction = Redaction(text="".join(pieces), entities=entities)
    redaction._originals.update(originals)
    return redaction


def check_redacted(text: str) -> None:
    """Raise InputError if `text` still contains something `redact` would remove (names no originals)."""
    found = find_spans(text)
    if found:
        kinds: dict[str, int] = defaultdict(int)
        for span in found:
            kinds[span.kind.value] += 1
        summary = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
        raise InputError(
            f"text meant for a model still contains personal data ({summary})",
            fix="pass it through assistant.privacy.redact() and send Redaction.text",
        )
