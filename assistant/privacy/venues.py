"""Places named by a head word before them, written care-of, in a police log's capitals, or with their town.

Each finder here starts at a fixed word ("c/o", "University of", "HMP"), a line in capitals that holds a
street, house or school word, or a span already found, so none scans a long text more than once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from assistant.lexicon import MONTH_WORDS, WEEKDAY_WORDS
from assistant.privacy.kinds import MASK, EntityKind, Span
from assistant.privacy.names import classify
from assistant.privacy.normalise import has_word, joined_before, matches_near, same_length_lower
from assistant.privacy.places import place_at
from assistant.privacy.words import (
    COMPASS_WORDS,
    FUNCTION_WORDS,
    HOUSE_TYPES,
    INSTITUTION_WORDS,
    NATIONALITIES,
    ROLE_WORDS,
    STREET_TYPES,
    chat_words,
    common_words,
    data_lines,
    fold,
    is_vocabulary,
    norm,
    ordinary_word_towns,
    place_names,
    public_names,
    trie,
    trie_not_after,
    word_set,
)

# A named institution whose head comes first: the name after it is a place's or a founder's, never
# generic ("University of Calderbridge", "Diocese of Wenmoor", "Sure Start Harwick North"). Prisons are
# where someone lives, so they are addresses ("HMP Wealdmoor", "HMYOI Haverigg Moss", "HMP & YOI Sherbrook").
_HEADED = re.compile(
    r"(?=[UDASHYLRMB])\b(?P<head>University[ ]of|University[ ]Hospitals?(?:[ ]of)?|Diocese[ ]of|Archdiocese[ ]of|"
    r"Sure[ ]Start|HMP(?:[ ](?:&|and)[ ]YOI|/YOI)?|HMYOI|HM[ ]Prison|HM[ ]YOI|(?:London[ ]|Royal[ ]|Metropolitan[ ])?Borough[ ]of)"
    r"[ ](?P<name>[A-Z][a-z'\-]{2,30}(?:[ ](?:and[ ])?[A-Z][a-z'\-]{2,30}){0,2})(?![\w'\-])"
)
# After these heads only a place can follow, even one named with ordinary words ("London Borough of Tower
# Hamlets"; "Royal Borough of Kingston upon Thames" is cut at "upon", which is enough to hide it). A bare
# "Borough of" may be an award's ("Borough of Culture").
_PLACE_HEADS = (
    "London Borough of",
    "Royal Borough of",
    "Metropolitan Borough of",
    "University Hospital of",
    "University Hospitals of",
)
_DIRECTION = frozenset({"north", "south", "east", "west", "central", "upper", "lower"})

# "c/o 4 Sycamore Drive, Thornbury Vale", "c/o Foyer, 1-3 Northgate, Harwick": whatever follows care-of is an
# address, up to six comma-separated parts of numbers and capitalised words.
_WORD = r"[A-Z][A-Za-z'\-]*+(?![0-9])"  # not a postcode's letters ("Harwick HW1 9DF")
_PART = (
    rf"(?:[0-9]{{1,4}}[A-Za-z]?(?:-[0-9]{{1,4}})?[ ])?{_WORD}(?:[ ](?:{_WORD}|[0-9]{{1,4}}|of|o'|th'|the))*"
)
_CARE_OF = re.compile(rf"(?i:\bc/o)[ ]{{1,2}}(?P<a>{_PART}(?:,[ ]{{1,2}}{_PART}){{0,5}})")

# A police log or court heading in capitals holds an address or school only if it has one of these words.
# A word in capitals that ends a street's or a school's name, or names a house or a flat, long or short as a
# control room types it ("12 TITHE FARM RD", "16 SEAVIEW PARADE"): a line in capitals without one holds no address.
# Other house words ("MILL", "LODGE") are too often ordinary words in a log; a farm is read only after the log's
# own words ("SEEN AT HAZEL TOR FARM"; not "CERT HELD BY FARM OWNER": _farm_start).
_CAPS_PLACE_WORDS = tuple(
    sorted(
        {
            word.upper()
            # and the words an organisation's name ends with, for a heading in capitals ("NORBRIDGE
            # SAFEGUARDING CHILDREN PARTNERSHIP - RAPID REVIEW", "GRANGE SURGERY")
            for word in (
                f"{STREET_TYPES}|House|Cottage|Cottages|Farm|Flat|School|Academy|Primary|College|Partnership|Trust|"
                "Council|Service|Services|Hospital|Hosp|Surgery|Practice|Foyer|Board"
            ).split("|")
        }
    )
)
_CAPS_PLACE_WORD = re.compile(trie(set(_CAPS_PLACE_WORDS)))  # whole words: normalise.has_word
_SCHOOL_WORDS = frozenset({"School", "Academy", "Primary", "College", "Junior", "Infant", "High", "Nursery"})
_HAS_DIGIT = re.compile(r"[A-Za-z]*[0-9][A-Za-z0-9]*")
_CAPS_LINE = re.compile(r"[^\n]*[A-Z]{4,}[^\n]*")

# "... Hospital for Children", "... Hospitals NHS Foundation Trust", "... Hospital for Women NHS Trust": what may
# end a hospital's or a trust's name after the words found.
TRUST_TAIL = re.compile(
    r"(?:[ ]for[ ](?:Sick[ ])?(?:Children|Women|Wales|Scotland)(?:[ ](?:and|&)[ ](?:Children|Babies))?\b)?"
    r"(?:(?:[ ]University)?[ ](?:NHS(?:[ ]Foundation)?[ ])?Trust\b|[ ]University[ ]NHS[ ](?:Foundation[ ])?Trust\b|"
    r"(?:[ ]University)?[ ]NHS[ ]FT\b|"
    # in capitals, as a letter's or a record's heading writes it ("WREXLEY DISTRICT HOSPITAL NHS TRUST")
    r"(?:[ ]UNIVERSITY)?[ ]NHS(?:[ ]FOUNDATION)?[ ]TRUST\b)?"
)
# A school's or organisation's town after it: ", Wenmoor" at the end of a phrase or before a dash, or
# "(Harwick Central)".
_TOWN_TAIL = re.compile(
    r"(?:,[ ](?P<c>[A-Z][a-z'\-]{2,30}(?:[ ][A-Z][a-z'\-]{2,30})?)(?=[ ]?[\n.;:|)\],]|[ ]-[ ]|$)"
    r"|[ ]\((?P<b>[A-Z][a-z'\-]{2,30}(?:[ ][A-Z][a-z'\-]{2,30})?)\))"
)
# What a school or college is of or for: "School of Arts & Trades", "Academy for Girls", "College of Sport and
# Media", "College of Further Education".
_TAUGHT_HEADS = ("School", "Academy", "College")
_AND_MORE = re.compile(
    r"[ ](?:and|&)[ ](?!(?:Mr|Mrs|Ms|Miss|Mx|Dr)\b)[A-Z][a-z'\-]+(?![\w'\-])"
)  # "School of Arts" found, "& Trades" after
_WHAT_IS_TAUGHT = re.compile(
    r"[ ](?:of|for)[ ](?:the[ ])?[A-Z][a-z'\-]+(?:(?:[ ]|[ ](?:and|&)[ ]|,[ ])[A-Z][a-z'\-]+){0,4}(?![\w'\-])"
)
_TAIL_KINDS = (EntityKind.SCHOOL, EntityKind.ORG, EntityKind.GP_PRACTICE)
_PLACES = (EntityKind.ADDRESS, EntityKind.SCHOOL, EntityKind.ORG, EntityKind.GP_PRACTICE)
_NOUN_ENDINGS = ("ant", "ent", "er", "or", "ee", "ist", "ian", "ive", "ing", "ion", "ary", "ess")


def _proper(word: str) -> bool:
    """A word of a place's own name: not a role, function, institution or ordinary word, nor a person's name."""
    folded = fold(word)
    return not (
        folded in ROLE_WORDS
        or folded in FUNCTION_WORDS
        or folded in INSTITUTION_WORDS
        or folded in common_words()
        or classify(word) in {"FIRST", "AMBIG", "SURNAME", "CAPS_NAME"}
    )


def headed_places(text: str) -> list[Span]:
    spans: list[Span] = []
    for match in (
        _HEADED.finditer(text) if ("HM" in text or " of " in text or "Sure" in text or "Univ" in text) else ()
    ):
        words = [w for w in match.group("name").split() if w != "and"]
        # "Sure Start Harwick North": a direction may follow the town, but the first word is the town's own.
        if not match.group("head").endswith(_PLACE_HEADS) and (
            not _proper(words[0]) or not all(_proper(w) or fold(w) in _DIRECTION for w in words[1:])
        ):
            continue
        kind = EntityKind.ADDRESS if match.group("head").startswith("HM") else EntityKind.ORG  # a prison
        spans.append(Span(match.start(), match.end(), kind, norm(match.group(0))))
    return spans


@lru_cache(maxsize=1)
def _regional() -> re.Pattern[str]:
    names = data_lines("regional_services.txt")
    names += [name.upper() for name in names if " " in name]  # as a log in capitals writes them
    # A trie starts with its first letters, so the engine skips to where a name could start (a leading
    # look-behind would make it try all 800 names at every character); the start is checked below.
    return re.compile(trie(names) + r"(?![\w'\-])")


def regional_services(text: str) -> list[Span]:
    """Police forces, ambulance services and hospitals named by region or initials (data/regional_services.txt)."""
    return [
        Span(m.start(), m.end(), EntityKind.ORG, norm(m.group(0)))
        for m in _regional().finditer(text)
        if not joined_before(text, m.start(), "_'-")
    ]


# A pub named as English pubs are: "the Red Lion", "the Fox and Hounds", "the Nag's Head", "The Royal Oak". After
# "the", a colour, a crown's or a trade's word and a beast or an emblem name only a pub ("the Red Cross", "the Black
# Country" and "the Old Bailey" are none of these). "Arms", "Inn" and "Tavern" are found as heads (identifiers.py).
_PUB_FIRST = (
    "Red|White|Black|Golden|Royal|Green|Blue|Grey|Old|Jolly|Three|Nag's|Nags|King's|Kings|Queen's|Queens|"
    "Bishop's|Bull's|Saracen's|Turk's|Coach|Fox|Hare|Dog|Cat|Rose|Horse|Lamb|Fleece|Plough|Wheatsheaf|"
    "Rising|Eight|Seven|Five|Cross|Crossed|Flying|Spread|Hop|Shoulder|Pig|Swan|Cock|Bird"
)
_PUB_LAST = (
    "Lion|Hart|Bull|Bear|Swan|Horse|Horses|Oak|Crown|Anchor|Plough|Head|Fleece|Star|Bell|Bells|Ship|Castle|"
    "Cock|Hound|Hounds|Fox|Stag|Dragon|Eagle|Falcon|Pheasant|Griffin|Unicorn|Boar|Ram|Lamb|Duck|Goose|Cow|"
    "Compasses|Horseshoe|Harp|Feathers|Horns|Keys|Tun|Barrels|Greyhound|Buck|Lantern|Globe|Sun|Moon|Rose|"
    "Partridge|Pelican|Peacock|Ferret|Bells|Bottle|Whistle|Mutton|Man|Men|Ox|Bush|Pole|Magpie|Sheaf"
)
_PUB_NAME = re.compile(
    rf"(?:the|The|THE)[ ](?P<n>(?:{_PUB_FIRST})(?:[ ](?:and|&|of|in|on)[ ](?:the[ ])?|[ ])(?:[A-Z][a-z']+[ ])?"
    rf"(?:{_PUB_LAST})(?:[ ](?:Inn|Hotel|Tavern))?)(?![\w'\-])"
)


# A team or a court named by its city or town and what it is: "Bristol CAIT", "Bradford CSC", "Wolverhampton
# Magistrates", "East London Family Court". A city alone is too large to identify anyone; its team or court is one
# office of people. The place must be listed (or a city's public name); an unknown word is found by the proper-noun
# rule already.
_PLACE_TEAM = re.compile(
    r"(?P<p>[A-Z][a-z'\-]+(?:[ ](?:upon[ ]|on[ ])?[A-Z][a-z'\-]+){0,2})[ ](?P<t>CAIT|CSC|MASH|EDT|CAMHS|YOS|YOT|YJS|"
    r"SARC|PPU|CID|MACE|MARAC|Magistrates'?(?:[ ]Court)?|Family[ ]Court|Crown[ ]Court|County[ ]Court|Youth[ ]Court|"
    r"Combined[ ]Court|Coroner's[ ]Court)(?![\w'\-])"
)


def place_teams(text: str) -> list[Span]:
    spans: list[Span] = []
    for match in _PLACE_TEAM.finditer(text) if " " in text else ():
        words = match.group("p").split()
        # "Seen by Bristol CAIT": the place is the last one, two or three words that are a place.
        for k in range(len(words)):
            place = " ".join(words[k:])
            if norm(place) in place_names() or fold(place) in public_names():
                start = match.start("p") + len(" ".join(words[:k])) + (1 if k else 0)
                if not joined_before(text, start, "'-"):
                    spans.append(Span(start, match.end(), EntityKind.ORG, norm(text[start : match.end()])))
                break
    return spans


def pubs(text: str) -> list[Span]:
    """A pub named as English pubs are, after "the" (which stays): "the Red Lion", "The Fox and Hounds"."""
    return [
        Span(m.start("n"), m.end("n"), EntityKind.ORG, norm(m.group("n"))) for m in _PUB_NAME.finditer(text)
    ]


# Towns joined by little lower-case words: "Barrow-in-Furness", "Ashby-de-la-Zouch", "Weston-super-Mare",
# "Marshby-on-Sea". No person's name is written so; a relative is ("Mother-in-Law"), and so is a city too large
# to identify anyone ("Stoke-on-Trent", "Newcastle-upon-Tyne": the first word is a public name).
_LINKED_TOWN = re.compile(
    r"[A-Z](?<![\w'\-].)[a-z']{1,30}+(?:-(?:[a-z]{1,5}+-){1,3}+[A-Z][a-z']{1,30}+)++(?![\w'\-])"
)


def linked_towns(text: str) -> list[Span]:
    spans: list[Span] = []
    for match in _LINKED_TOWN.finditer(text) if "-" in text else ():
        first = fold(match.group(0).split("-", 1)[0])
        if first in ROLE_WORDS or first in public_names() or classify(match.group(0)) == "ROLE":
            continue
        spans.append(Span(match.start(), match.end(), EntityKind.ADDRESS, norm(match.group(0))))
    return spans


def care_of(text: str) -> list[Span]:
    return [
        Span(m.start(), m.end(), EntityKind.ADDRESS, norm(m.group("a")))
        for m in (
            matches_near(_CARE_OF, text, ("c/o", "C/o", "c/O", "C/O")) if "/o" in text or "/O" in text else ()
        )
        # "c/o Mr Iain Macpherson, 12 ...": a person in whose care, found by the name rules (and the address after
        # him by the address rules), not an address that starts with a title
        if not _TITLE_FIRST.match(m.group("a"))
    ]


_TITLE_FIRST = re.compile(r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|MR|MRS|MS|MISS|DR)\.?(?:[ ]|$)")


def caps_places(text: str, finders: list[Callable[[str], list[Span]]]) -> list[Span]:
    """Addresses and schools in a line written in capitals ("LOC: 44 BRIARFIELD AVENUE, EAST HARDCASTLE"),
    found by reading the line as if it were written in title case (the same length, so offsets hold)."""
    spans: list[Span] = []
    # Plain substring checks first: far cheaper on a long text than one pass of the pattern.
    if not any(word in text for word in _CAPS_PLACE_WORDS) or not has_word(_CAPS_PLACE_WORD, text):
        return spans
    for line in _place_word_lines(text):
        value = line.group(0)
        # A blanked-out identifier (a placeholder already in the text) counts as letters not in capitals, as the
        # handle or name it stands for most often was: redacting twice must read the line as the first time did.
        letters = sum(c.isalpha() for c in value) + value.count(MASK)
        if letters < 8 or sum(c.isupper() for c in value) < 0.8 * letters:
            # In a line of mixed case, an address a control room typed in capitals ("999 from Sagal, 31 BEACON
            # CLOSE. EMAS attended"): the run of capitals alone is read.
            for run in _CAPS_RUN.finditer(value):
                start, words = line.start() + run.start(), run.group(0)
                if words[:1].isdigit() and text[start - 1 : start] == ":":
                    # "18:52 CALLER IS DR": the minutes of a time, not a house number
                    skip = len(words.split(" ", 1)[0]) + 1
                    start, words = start + skip, words[skip:]
                if has_word(_CAPS_PLACE_WORD, words):
                    found = _titled_places(text, start, words, finders)
                    spans += [s for s in found if s.kind is not EntityKind.SCHOOL]  # "UR SCHOOL" is no school
            continue
        if has_word(_CAPS_PLACE_WORD, value):
            spans += _titled_places(text, line.start(), value, finders)
    return spans


def _place_word_lines(text: str) -> Iterator[re.Match[str]]:
    """The lines with a word of four capitals that hold one of `_CAPS_PLACE_WORDS` (as letters, not yet as a
    word): only those can hold a place in capitals. Found from the words, as most lines of a long text have none."""
    end = -1
    for word in _CAPS_PLACE_WORD.finditer(text):
        if word.start() < end:
            continue
        start = text.rfind("\n", 0, word.start()) + 1
        end = text.find("\n", word.end())
        end = len(text) if end < 0 else end
        line = _CAPS_LINE.fullmatch(text, start, end)
        if line is not None:
            yield line


# Two or more words in capitals in a row, a house number first, commas or "&" between: "31 BEACON CLOSE",
# "KINGSWAY LODGE, 204 LONDON RD, GRAYS", "THORNBY & DISTRICT HOSPITAL NHS TRUST".
_CAPS_RUN = re.compile(
    r"(?:[0-9]{1,4}[A-Z]?[ ])?[A-Z][A-Z'\-]+(?:(?:,|[ ]&)?[ ](?:[0-9]{1,4}[A-Z]?[ ])?[A-Z][A-Z'\-]+)+(?![\w'\-])"
)


_POSSESSIVE_S = re.compile(r"'S\b")
_TITLED_KINDS = frozenset({EntityKind.ADDRESS, EntityKind.SCHOOL, EntityKind.ORG, EntityKind.GP_PRACTICE})


def _titled_places(
    text: str, offset: int, value: str, finders: list[Callable[[str], list[Span]]]
) -> list[Span]:
    spans: list[Span] = []
    # Title case, but a word with a digit stays as written: "HX4 9PB" must still read as a postcode.
    # "CHILDREN'S" is "Children's", not "Children'S".
    titled = _POSSESSIVE_S.sub("'s", _HAS_DIGIT.sub(lambda m: m.group(0).upper(), value.title()))
    if len(titled) != len(value):
        return spans
    for finder in finders:
        for span in finder(titled):
            if span.kind not in _TITLED_KINDS:
                continue
            # A school needs a word of its own: "Notification To School" is none. An organisation in capitals is
            # named by its place first ("NORBRIDGE SAFEGUARDING CHILDREN PARTNERSHIP"), never by ordinary words
            # ("CAR WASH", "VICTIM'S MOTHER ... AT HOSPITAL").
            if span.kind is EntityKind.ADDRESS:
                begin: int | None = _farm_start(titled, span)
            elif span.kind is EntityKind.SCHOOL:
                begin = _school_start(titled, span)
            else:
                begin = _org_start(titled, span)
            if begin is None:
                continue
            if span.kind is EntityKind.ADDRESS and titled[:begin].strip().isdigit():
                begin = 0  # "2 LOW MILL COTTAGES, CLEATOR": the house number belongs to it
            start, end = offset + begin, offset + span.end
            spans.append(Span(start, end, span.kind, norm(text[start:end])))
    return spans


_IN_ORG_NAMES = word_set("of and for the on upon in")


def _farm_start(titled: str, span: Span) -> int | None:
    """A farm in a log's capitals is named by the words after the log's own ("SEEN AT HAZEL TOR FARM"); "CERT HELD
    BY FARM OWNER" names none. Other addresses start where their finder said."""
    if not titled[span.start : span.end].endswith("Farm"):
        return span.start
    begin = span.start
    for word in re.finditer(r"\S+", titled[span.start : span.end]):
        if fold(word.group(0)) in FUNCTION_WORDS and fold(word.group(0)) not in _IN_ORG_NAMES:
            begin = span.start + word.end() + 1
    return begin if len(titled[begin : span.end].split()) >= 2 else None


def _org_start(titled: str, span: Span) -> int | None:
    """Where an organisation's name starts in a title-cased line of capitals: after the log's own words, up to
    the last little word ("Rhi Requested From | Wenmoor Children's Trust"); None when its first word is an
    ordinary word or a role ("Car Wash", "Victim's Mother ... At Hospital")."""
    begin = span.start
    for word in re.finditer(r"\S+", titled[span.start : span.end]):
        if fold(word.group(0)) in FUNCTION_WORDS and fold(word.group(0)) not in _IN_ORG_NAMES:
            begin = span.start + word.end() + 1
    words = titled[begin : span.end].split()
    first = words[0] if words else ""
    # "NORTH PENNINE AMBULANCE SERVICE", "NORTH CLIFF HOSPITAL": a compass point and a word before the head name
    # an area's service, whatever the word, as "North Cliff Hospital" in title case does.
    area = fold(first) in COMPASS_WORDS and len(words) > 2
    if not first or (is_vocabulary(first) and not area) or fold(first) in ROLE_WORDS:
        return None
    return begin


def _school_start(titled: str, span: Span) -> int | None:
    """Where a school's name starts in a title-cased line: after the sentence's ordinary words ("Both Attend
    Hardcastle Park Junior School"); None when only ordinary words name it ("Notification To School")."""
    for word in re.finditer(r"\S+", titled[span.start : span.end]):
        if word.group(0) in _SCHOOL_WORDS:
            return None
        if fold(word.group(0)) not in common_words():
            return span.start + word.start()
    return None


# The last part of an address before its postcode: the town, whatever word it is ("site, March PE15 0AQ").
_TOWN_BEFORE_POSTCODE = re.compile(
    r"(?:,|\b(?:near|in|at|of|from|nr))[ ](?P<town>[A-Z][a-z'\-]+(?:[ ][A-Z][a-z'\-]+){0,2}),?[ ]{1,2}$"
)
# A letter's address block: the street on one line, the town alone on the next, then the postcode.
_TOWN_LINE_BEFORE_POSTCODE = re.compile(
    r"[0-9A-Za-z][^\n]{2,60}\n[ ]{0,4}(?P<town>[A-Z][a-z'\-]+(?:[ ][A-Z][a-z'\-]+){0,2}),?[ ]{0,4}\n[ ]{0,4}$"
)


def towns_before_postcodes(text: str, spans: list[Span]) -> list[Span]:
    """The capitalised words between an address's last comma and a postcode found after them."""
    towns: list[Span] = []
    for span in spans:
        if span.kind is not EntityKind.POSTCODE:
            continue
        before = _TOWN_BEFORE_POSTCODE.search(text, max(0, span.start - 40), span.start)
        if before is None and "\n" in text[max(0, span.start - 40) : span.start]:
            before = _TOWN_LINE_BEFORE_POSTCODE.search(text, max(0, span.start - 110), span.start)
            line_before = before is not None and any(
                s.kind is EntityKind.ADDRESS and s.start <= before.start() < s.end + 3 for s in spans
            )
            if not line_before:
                before = None
        if before is None:
            continue
        words = before.group("town").split()
        if any(fold(w) in ROLE_WORDS or fold(w) in FUNCTION_WORDS for w in words):
            continue
        towns.append(
            Span(before.start("town"), before.end("town"), EntityKind.ADDRESS, norm(before.group("town")))
        )
    return towns


# Capitalised words straight before a found organisation, after a word in lower case: the rest of its name
# ("signposted to Young Hackney", "attends Living Waters Pentecostal Church", "referral to Change Grow Live
# Fenland"). A sentence's first word, a role, a title or a month is not part of it.
_WORDS_BEFORE = re.compile(r"(?<![\w'\-])[a-z][\w'\-]*[ ](?P<run>(?:[A-Z][a-z'\-]+[ ](?:&[ ])?){1,3})$")


def _name_words_before(text: str, span: Span) -> int | None:
    if span.kind is not EntityKind.ORG or span.start < 3 or not text[span.start - 2].isalpha():
        return None
    before = _WORDS_BEFORE.search(text, max(0, span.start - 60), span.start)
    if before is None:
        return None
    words = before.group("run").split()
    if any(
        fold(w) in INSTITUTION_WORDS
        or fold(w) in MONTH_WORDS
        or fold(w) in WEEKDAY_WORDS
        or classify(w) in {"ROLE", "FUNCTION", "TITLE"}
        for w in words
    ):
        return None
    return before.start("run")


# A service's unit after a dash (the matching copy makes an en dash a hyphen): its area or its kind of team, and
# the town in brackets after it ("Sandwell CAMHS - Kaleidoscope" is not a unit; "Cornwall CAMHS - West",
# "Peterborough Children's Services - Assessment & Intervention" are).
_UNIT_AFTER = re.compile(
    r"[ ]?-[ ]?(?P<unit>[A-Z][\w'&]*(?:[ ](?:&|and|[A-Z][\w'&]*)){0,4})(?:[ ]\([A-Z][\w' ]{1,30}\))?"
)
_UNIT_WORDS = word_set(
    "locality localities team hub service services intervention advice duty assessment north south east west "
    "central mid area unit office adults children families pod cluster patch quadrant"
)


def _a_services_unit(unit: str) -> bool:
    words = [w for w in unit.split() if w not in ("&", "and")]
    if any(
        classify(w) in {"TITLE", "FIRST", "INITIAL"} or fold(w) in MONTH_WORDS | WEEKDAY_WORDS for w in words
    ):
        return False  # "Kent Police - PC Amir Khan", "... - Monday"
    if any(classify(w) == "ROLE" and fold(w) not in _UNIT_WORDS for w in words):
        return False  # "Kent Police - Officers attended"
    return any(fold(w) in _UNIT_WORDS or norm(w) in place_names() for w in words)


# A body named for the place it serves, head first with "of" or "for": "HM Senior Coroner for Cornwall", "Refugee
# Women of Bristol", "Friends of Canvey Lakes". The words before must hold such a body's word, and no person's
# role or title ("Head of Service for Bristol" is a job).
_OF_HEAD_BEFORE = re.compile(r"(?P<run>(?:[A-Z][\w'&\-]*[ ]){1,4})(?:of|for|OF|FOR)[ ](?:the[ ]|THE[ ])?$")
_OF_HEADS = word_set(
    "coroner women friends society association federation network alliance forum community trust foundation fund "
    "mission ministries congregation refugees families council hospital hospitals infirmary borough"
)


_HOSPITAL_QUALIFIERS = word_set(
    "university royal general district county community city memorial queen princess prince victoria children's "
    "women's maternity teaching london metropolitan"
)


def _head_of_place(text: str, span: Span) -> int | None:
    if (
        (span.kind not in _PLACES and span.kind is not EntityKind.PERSON)
        or span.start < 5
        or text[span.start - 1] != " "
    ):
        return None
    if not text.endswith(
        (" of ", " for ", " of the ", " for the ", " OF ", " FOR ", " OF THE "), 0, span.start
    ):
        return None  # most spans follow no "of": a look at the words before is cheaper than the pattern
    before = _OF_HEAD_BEFORE.search(text, max(0, span.start - 60), span.start)
    if before is None or joined_before(text, before.start()):
        return None
    words = before.group("run").split()
    start = before.start()
    if before.group("run").isupper():
        # A log's capitals run on from its own words ("CONVEYED UNIVERSITY HOSPITAL OF NORTH DURHAM"): the body's
        # name is its head and the words that qualify a hospital, read back from the "OF".
        keep = 0
        for word in reversed(words):
            if fold(word) not in _OF_HEADS and fold(word) not in _HOSPITAL_QUALIFIERS:
                break
            keep += 1
        start += sum(len(w) + 1 for w in words[: len(words) - keep])
        words = words[len(words) - keep :]
    while words and classify(words[0]) == "FUNCTION":
        start += len(words[0]) + 1  # "The HM Senior Coroner for ...": "The" stays, as before any name
        words = words[1:]
    if not any(fold(w) in _OF_HEADS for w in words) or any(
        classify(w) in {"TITLE", "FUNCTION"} or (classify(w) == "ROLE" and fold(w) not in _OF_HEADS)
        for w in words
    ):
        return None
    return start


# A firm's legal ending, or a health board's ("NHS Somerset ICB").
_SERVICE_WORDS_AFTER = re.compile(
    r"(?:[ ](?:in|for|and|&|of)(?=[ ][A-Z]))?(?:[ ][A-Z][a-z'’]+(?:-[a-z]+)?){1,3}(?![\w'’\-])"
)
# The words a body's name ends with ("Parkway Housing Co-operative", "Oakhurst Council of Mosques", "Brixbury New
# Testament Church of God", "Redeemed Light Ministries International").
_SERVICE_HEADS = word_set(
    "team teams service services support learning project hub centre center unit partnership network association "
    "group forum programme scheme clinic foundation alliance collective heating plumbing international "
    "co-operative cooperative mosques churches god trade commerce ministries interpreters tuition homecare"
)
_FIRM_TAIL = re.compile(r"[ ](?:Ltd|Limited|LLP|PLC|plc|CIC|ICB|ICS|CCG|Integrated[ ]Care[ ]Board)\b\.?")
_HEALTH_BOARDS = frozenset({"ICB", "ICS", "CCG", "Integrated Care Board"})
_BUILDING_AFTER = re.compile(r"[ ](?:House|Lodge|Hospital)\b(?![ ][A-Z])")
_BUILT = (EntityKind.ADDRESS, EntityKind.SCHOOL)
_PUB = re.compile(r"[ ](?:Inn|Arms|Tavern|Hotel)$")


def whole_org_names(text: str, spans: list[Span]) -> list[Span]:
    """Organisations found by part of their name, with the capitalised words before it and a firm's "Ltd"
    after it ("Hearth & Home Lettings Ltd"); and a saint's church or school named alone ("St Saviour's")."""
    longer: list[Span] = []
    starts = {span.start for span in spans}
    for span in spans:
        if text.startswith(("St ", "St. "), span.start) and text.startswith("'s", span.end):
            longer.append(Span(span.start, span.end + 2, span.kind, span.key))  # "at St Godric's"
            continue
        head = _head_of_place(text, span)
        if span.kind is EntityKind.PERSON:  # of what follows, only a head before a person's name applies
            if head is not None:
                longer.append(Span(head, span.end, EntityKind.ORG, norm(text[head : span.end])))
            continue
        if (
            span.kind is EntityKind.ORG
            and text.startswith("The ", span.start - 4)
            and _PUB.search(text, span.start, span.end)
        ):
            longer.append(Span(span.start - 4, span.end, span.kind, span.key))  # "from The Mount Inn"
            continue
        ages = _AGES_SERVED.match(text, span.end) if span.kind is EntityKind.ORG else None
        if ages is not None:
            longer.append(Span(span.start, ages.end(), span.kind, span.key))  # "Marlcombe North 0-19"
            continue
        number = _TEAM_NUMBER.match(text, span.end) if span.kind is EntityKind.ORG else None
        if number is not None and text[span.start : span.end].endswith(_NUMBERED_HEADS):
            longer.append(Span(span.start, number.end(), span.kind, span.key))  # "Croydon Assessment Team 3"
            continue
        if span.kind is EntityKind.SCHOOL and text.startswith((" Trust", " TRUST"), span.end):
            # "Coastal Shores Academy Trust": the trust that runs the school, named by it
            end = span.end + 6
            if end == len(text) or not text[end].isalnum():
                longer.append(Span(span.start, end, EntityKind.ORG, norm(text[span.start : end])))
                continue
        building = _BUILDING_AFTER.match(text, span.end) if span.kind in _BUILT else None
        if building is not None:
            # "Harbour View House", "King's College Hospital": the building's word after the name found.
            kind = EntityKind.ORG if building.group(0).strip() == "Hospital" else span.kind
            longer.append(Span(span.start, building.end(), kind, norm(text[span.start : building.end()])))
            continue
        unit = _UNIT_AFTER.match(text, span.end) if span.kind is EntityKind.ORG else None
        # Not a second body found on its own ("Kent County Council - Kent UASC Service"): two placeholders.
        if unit is not None and unit.start("unit") not in starts and _a_services_unit(unit.group("unit")):
            longer.append(Span(span.start, unit.end(), span.kind, span.key))
            continue  # "Cornwall CAMHS - West", "Shropshire Children's Social Care - South Locality (Ludlow)"
        if head is not None:
            longer.append(Span(head, span.end, EntityKind.ORG, norm(text[head : span.end])))
            continue  # "HM Coroner for Gwent", "Refugee Women of Bristol"
        more = _SERVICE_WORDS_AFTER.match(text, span.end) if span.kind is EntityKind.ORG else None
        if more is not None and fold(more.group(0).rsplit(" ", 1)[-1]) in _SERVICE_HEADS:
            # "Ashbury Children | in Care Team", "Harbourgate Adult | Learning": the service's own words after the
            # part found, up to the word a service's name ends with.
            longer.append(Span(span.start, more.end(), span.kind, span.key))
            continue
        start = _name_words_before(text, span)
        tail = _FIRM_TAIL.match(text, span.end) if span.kind is EntityKind.ORG else None
        if (
            tail is not None
            and tail.group(0).strip() in _HEALTH_BOARDS
            and text.startswith("NHS ", span.start - 4)
        ):
            start = span.start - 4  # "NHS Somerset ICB"
        if start is not None or tail is not None:  # its own key: "Young Hackney" is not "Hackney Council"
            start = span.start if start is None else start
            end = span.end if tail is None else tail.end()
            longer.append(Span(start, end, span.kind, norm(text[start:end])))
    return longer


# A street's type word at the end of a found address, and a town's name after it, as one word or more.
_STREET_END = re.compile(r"(?i:" + STREET_TYPES + r")")
_TOWN_AFTER_STREET = re.compile(r",?[ ]{1,2}(?=[A-Z])")
_WORD_AT = re.compile(r"[A-Za-z][A-Za-z'\-]*")


def _town_after_street(text: str, span: Span) -> int | None:
    """Where the town after a numbered street ends ("9 CHESTER ROAD, FLINT", "47 ELM ROAD MARCH"), when the
    word is a listed town, even an ordinary word or a month (not before a number: "Church Street March 2023")."""
    value = text[span.start : span.end]
    if not value[:1].isdigit() and value[:4].lower() not in ("flat", "unit"):
        return None
    last = value.rsplit(None, 1)[-1]
    if _STREET_END.fullmatch(last) is None:
        return None
    gap = _TOWN_AFTER_STREET.match(text, span.end)
    if gap is None:
        return None
    start = gap.end()
    end = place_at(text, start)
    if end is None:
        word = _WORD_AT.match(text, start)
        if word is None or fold(word.group(0)) not in ordinary_word_towns():
            return None
        end = word.end()
    if text[end : end + 1].isalnum() or _NOT_TOWN_AFTER.match(text, end):
        return None
    return end


# A team's number after its name: "Breckland Family Assessment Team 2", "Ward 4 Unit B" (not a time or a count:
# "Team 2:30", "Team 3 times").
_NUMBERED_HEADS = ("Team", "Unit", "Hub", "Locality", "Pod", "Cluster")
# The ages a health or youth service serves, after its place ("Oakhurst South 0-19", "Kelderby 0-25 Service").
_AGES_SERVED = re.compile(
    r"[ ]0-(?:5|19|25)(?![\w/\-]|[ ](?:years|yrs|months)\b)(?:[ ](?:Service|Services|Team))?"
)
_TEAM_NUMBER = re.compile(
    r"[ ](?:[0-9]{1,2}|[A-H])(?![\w'/\-]|[.:][0-9]|[ ](?:times|weeks|days|months|years)\b)"
)


# A postcode's outward code alone, not the first half of a whole postcode ("BL1 4AB") or a plate ("FD14 NWE").
_DISTRICT_AFTER = re.compile(
    r",?[ ]{1,2}[A-Z]{1,2}[0-9][0-9A-Z]?(?![\w'\-/]|[ ]{0,2}(?:[0-9][A-Z]{2}|[A-Z]{3})(?![\w'\-]))"
)


# A service's building after its name: "Campbell Square Police Station", "March Fire Station".
_STATION_SERVICES = ("Police", "POLICE", "Fire", "FIRE", "Ambulance", "AMBULANCE")
_STATION_AFTER = re.compile(r"[ ](?:Station|STATION|Custody Suite|CUSTODY SUITE)(?![\w'\-])")


_NUMBER_AFTER = re.compile(
    r",[ ](?:number|Number|no\.?|No\.?|flat|Flat)[ ]?[0-9]{1,4}[A-Za-z]?(?![\w/:.]|\.[0-9])"
)


def widened(text: str, spans: list[Span]) -> list[Span]:
    """Found places made whole: a school's or organisation's town after it, and the "The" of a house name
    before a street ("The Old Forge, Back Lane")."""
    longer: list[Span] = []
    # A word in brackets is a town if the case names it as part of a place elsewhere ("Tiny Toes Daycare
    # (Harwick Central)" after "1-3 Northgate, Harwick") or it does not end like an English noun for a
    # party or a person ("(Applicant)", "(Respondent)", "(Manager)").
    places: set[str] | None = None
    for span in spans:
        kind = span.kind
        if kind is EntityKind.ADDRESS:
            # "The Old Forge, Back Lane": not "The 4 Mill Street" nor a street alone.
            if (
                text[max(0, span.start - 4) : span.start] in ("The ", "THE ")
                and not text[span.start].isdigit()
            ) and "," in text[span.start : span.end]:
                longer.append(Span(span.start - 4, span.end, kind, span.key))
                continue
            town = _town_after_street(text, span)
            end = span.end if town is None else town
            # A postcode's district alone after an address ("21 Vallance Road, E1", "6 Kestrel Court, BL1"), or
            # the house's number written after its street ("Tenter Street, number 48").
            district = _DISTRICT_AFTER.match(text, end) or _NUMBER_AFTER.match(text, end)
            end = end if district is None else district.end()
            if end != span.end:
                longer.append(Span(span.start, end, kind, norm(text[span.start : end])))
            continue
        if kind is EntityKind.SCHOOL and text[span.end : span.end + 1] == " ":
            name = text[span.start : span.end]
            what = (
                _WHAT_IS_TAUGHT.match(text, span.end)
                if name.endswith(_TAUGHT_HEADS)
                else _AND_MORE.match(text, span.end)
                if " of " in name or " for " in name
                else None
            )
            if what is not None:
                longer.append(
                    Span(span.start, what.end(), kind, span.key)
                )  # "Oswestry School of Arts & Trades"
                continue
        if kind is EntityKind.ORG and text[span.start : span.end].endswith(_STATION_SERVICES):
            station = _STATION_AFTER.match(text, span.end)  # "Campbell Square Police Station"
            if station is not None:
                longer.append(Span(span.start, station.end(), kind, span.key))
                continue
        if kind is EntityKind.ORG and text.startswith((" NHS", " Trust", " University NHS"), span.end):
            trust = TRUST_TAIL.match(text, span.end)  # "University Hospitals Plymouth NHS Trust"
            if trust is not None and trust.end() > span.end:
                longer.append(Span(span.start, trust.end(), kind, span.key))
                continue
        if kind not in _TAIL_KINDS or text[span.end : span.end + 1] not in (",", " "):
            continue
        tail = _TOWN_TAIL.match(text, span.end)
        if tail is not None and tail.group("b"):
            if places is None:
                places = {w for s in spans if s.kind in _PLACES for w in text[s.start : s.end].split()}
            first = tail.group("b").split()[0]
            if first not in places and first.lower().endswith(_NOUN_ENDINGS):
                tail = None  # "(Applicant)", "(Respondent)": a party, not a town
        if tail is not None:
            words = (tail.group("c") or tail.group("b")).split()
            if tail.group("c") and len(words) == 1 and fold(words[0]) in ordinary_word_towns():
                longer.append(Span(span.start, tail.end(), kind, span.key))  # "Brookside Surgery, Street"
            elif (_proper(words[0]) or norm(" ".join(words)) in place_names()) and all(
                _proper(w) or fold(w) in _DIRECTION or norm(" ".join(words)) in place_names()
                for w in words[1:]
            ):  # "Conquest Hospital, Hastings": a listed town even when it is also a surname
                longer.append(Span(span.start, tail.end(), kind, span.key))
    return longer


# A street's type word as a message shortens it: "lumley rd" for Lumley Road.
_SHORT_TYPES = {
    "road": "rd",
    "street": "st",
    "avenue": "ave",
    "lane": "ln",
    "drive": "dr",
    "crescent": "cres",
    "gardens": "gdns",
    "close": "cl",
    "court": "ct",
    "square": "sq",
    "place": "pl",
}
_LEADING_NUMBER = re.compile(r"^(?:flat|unit|apartment|room)?[ ]?[0-9]{1,4}[a-z]?,?[ ]+", re.IGNORECASE)


# A shop, station or hall named by its street or district: "Broad Street Pharmacy", "Parkside police station".
_VENUE_AFTER = re.compile(
    r"[ ](?i:pharmacy|chemists?|police[ ]station|fire[ ]station|surgery|medical[ ]centre|health[ ]centre|"
    r"dental[ ]practice|stores?|garage|caf[eé]|takeaway|chippy|barbers?|salon|library|church|chapel|mosque|"
    r"masjid|gurdwara|temple|mandir|community[ ]centre|community[ ]hall|village[ ]hall|hall|social[ ]club|"
    r"club|gym|hostel|hotel|inn|pub|tavern|newsagents?|post[ ]office|car[ ]wash|launderette|site|"
    r"children's[ ]centre|family[ ]centre|youth[ ]centre|leisure[ ]centre|sports[ ]centre)(?![\w'\-])"
)
_GP_VENUES = ("surgery", "medical centre", "health centre")
# A flat's or a house's number written before an address found after it: "Fl 2 Irwell View", "no. 88 Psalter
# Lane", "flat 4B, Pescod House".
# A flat's letter too ("Flat A, 88 Regent Road"), in capitals only: "flat a" is no flat's name.
_FLAT_BEFORE = re.compile(
    r"(?<![\w'\-])(?:(?P<own>(?i:flat|fl|apt|apartment|unit|room|rm)\.?[ ]?(?:[0-9]{1,4}[A-Za-z]?|[A-H]),?)|"
    r"(?i:flat|fl|apt|apartment|no|number)\.?)[ ]$"
)
# A house's number before a building found without it: "22 DENBIGH HOUSE", "4B Pescod House" (not a time's
# minutes, "10:30 Acorn House", nor a count, "2, Acorn House").
_NUMBER_BEFORE = re.compile(r"[0-9]{1,4}[A-Za-z]?[ ]$")
_HOUSES_LISTED_BEFORE = re.compile(r"(?<![\w.,/])(?:[0-9]{1,3}[A-Za-z]?(?:,[ ]|[ ](?:and|&)[ ])){1,4}$")
_BUILDING_END = re.compile(r"(?i:" + HOUSE_TYPES + r")$")


# A house number before a street found by its name alone ("17 Maes-y-Coed", a Welsh street with no type word);
# not a time's minutes, a price, a date's part or a count run into other figures.
_HOUSE_NUMBER_BEFORE = re.compile(r"[0-9]{1,4}[A-Za-z]?[ ]$")


def numbered_streets(text: str, spans: list[Span]) -> list[Span]:
    """An address found from its name on, with the house number before it."""
    longer: list[Span] = []
    for span in spans:
        if span.kind is not EntityKind.ADDRESS or not text[span.start : span.start + 1].isupper():
            continue
        number = _HOUSE_NUMBER_BEFORE.search(text, max(0, span.start - 6), span.start)
        if number is not None and not joined_before(text, number.start(), ".,:/£$-"):
            longer.append(Span(number.start(), span.end, span.kind, span.key))
    return longer


# A unit, suite or floor of a building written before its address or its name ("Suite 4, 27 Brompton Place",
# "Floor 2, Civic Centre, Glebe Street", "2nd floor, 14 Perrymount Road", "Block C, Tai Cae Mair", "static caravan
# 6, Hendre Park"), in English or Welsh ("Fflat 2", "Uned 5", "Bloc C", "Ystafell 3"): part of where someone is, and
# writers mark it with the address. Without the comma ("Suite 4 27 ...") the number may be the house's own.
_A_KIND_OF_CARAVAN = r"(?i:static|touring|holiday|mobile)"
_UNIT_WORD = (
    r"(?:"
    + _A_KIND_OF_CARAVAN
    + r"[ ])?(?i:floor|suite|unit|office|block|apartment|flat|room|caravan|chalet|pitch|"
    r"plot|fflat|uned|bloc|ystafell)"
)
_UNIT_BEFORE = re.compile(
    r"(?<![\w\-])(?:" + _UNIT_WORD + r"[ ](?:[0-9]{1,3}[A-Za-z]?|[A-Z])|"
    r"[0-9]{1,2}(?:st|nd|rd|th)[ ](?i:floor)|(?:Ground|First|Second|Third|Top|ground|first|second|third|top)"
    r"[ ](?i:floor)),[ ]$"
)
_KIND_OF_CARAVAN_BEFORE = re.compile(r"(?<![\w\-])" + _A_KIND_OF_CARAVAN + r"[ ]$")
# Before an address that starts with the unit's number ("Suite 4, 27 ..."): not "the office 14 Mill Lane".
_UNIT_WORD_BEFORE = re.compile(
    r"(?<![\w\-])(?:"
    + _A_KIND_OF_CARAVAN
    + r"[ ])?(?i:suite|unit|block|apartment|caravan|chalet|pitch|plot|fflat|"
    r"uned|bloc|ystafell)[ ]$"
)

# A place's compass point or size, in letters or in words, is part of its name: "N Seaton", "Gt Yarmouth", "North of
# Tyne CDOP". A letter alone goes only before a place in title case: in a log's capitals ("N LOCATED SITTINGBOURNE")
# it is a child's label.
_COMPASS_BEFORE = re.compile(
    r"(?:(?<![\w.'&/\-])(?P<letter>[NSEW])|(?<![\w.'&/\-])(?:Gt|Lt|Nth|Sth)|\b(?:North|South|East|West)[ ]of)[ ]$"
)


def units_before_places(text: str, spans: list[Span]) -> list[Span]:
    """An address or a building found, with the unit, suite or floor written before it, or its compass point. A
    building's name read as a person's between a unit and a place is part of the address ("Uned 5, Stad
    Ddiwydiannol, Caernarfon")."""
    longer: list[Span] = []
    place_starts = {span.start for span in spans if span.kind is EntityKind.ADDRESS}
    for span in spans:
        if span.kind not in {EntityKind.ADDRESS, EntityKind.ORG} and not (
            span.kind is EntityKind.PERSON
            and text.startswith(", ", span.end)
            and span.end + 2 in place_starts
        ):
            continue
        unit = _UNIT_BEFORE.search(text, max(0, span.start - 32), span.start)
        if unit is None and span.kind is EntityKind.ADDRESS and text[span.start : span.start + 1].isdigit():
            unit = _UNIT_WORD_BEFORE.search(
                text, max(0, span.start - 20), span.start
            )  # "Suite " of "4, 27 ...", "Uned " of "5, Parc Menai"
        if unit is None and text[span.start : span.start + 7].lower() in {"caravan", "chalet "}:
            unit = _KIND_OF_CARAVAN_BEFORE.search(text, max(0, span.start - 9), span.start)  # "static " of it
        if unit is None and span.kind is not EntityKind.PERSON:
            unit = _COMPASS_BEFORE.search(text, max(0, span.start - 9), span.start)
            if (
                unit is not None
                and unit.group("letter")
                and not text[span.start + 1 : span.start + 2].islower()
            ):
                unit = None
        if unit is not None:
            kind = EntityKind.ADDRESS if span.kind is EntityKind.PERSON else span.kind
            longer.append(Span(unit.start(), span.end, kind, span.key))
    return longer


# A facility named by the place it stands in ("Hatherby bus station", "Ferndale flats", "Moor Lane skate park"):
# the phrase names one spot, so it goes whole with the place (and writers mark it so). A station after a word
# read as a person's name makes that word a place ("Stainsby train station", "Bedford Midland station").
_TRANSPORT_STATION_AFTER = re.compile(
    r"[ ](?:(?:bus|coach|train|railway)[ ])?station(?![\w'\-]|[ ](?i:road|rd|street|st|lane|approach)\b)"
)
_FACILITY_AFTER = re.compile(
    r"[ ](?:(?:bus|coach|train|railway)[ ]station|bus[ ]stop|flats|skate[ ]?park|playing[ ]fields?|"
    r"recreation[ ]ground|retail[ ]park|shopping[ ]centre|leisure[ ]centre|car[ ]park|"
    # where the police hold or interview someone ("Belle Vale custody", "Walton Lane ABE suite"), and a station
    # named by its place alone ("Bedford Midland station")
    r"station(?![ ](?:road|rd|street|st|lane|approach)\b)|custody(?:[ ]suite)?(?![ ](?:sergeant|officer|record|nurse))|"
    r"(?:ABE[ ]|SARC[ ]|interview[ ])?suite|"
    # a site named by its lane ("Marsh Lane Traveller Site", "Brandon Road Travellers' Site")
    r"(?i:travell?ers?'?|caravan|transit|residential)[ ](?i:site|park))(?![\w'\-])"
)


# A service's team or its part of a county, after its name ("Luton CME team", "Herts EP Service (West)"): the
# words name one team, and writers mark them with it. Not a team's job ("CAMHS team manager").
_TEAM_AFTER = re.compile(
    # Not before a name the team is called by in quotes ('CSE team ("Deter")'): a nickname reader reads that
    # after the name found before the word, on a second reading too.
    r"[ ](?:team(?![ ](?:manager|leader|lead|leads|members?|around|admin|secretary|clerk)\b|[ ]\([\"“])"
    # a service's rooms where children are interviewed or examined ("Kenneth Steps suite")
    r"|suite(?![ ](?:of|manager|staff)\b)"
    # a force's custody suite named by a station found as an organisation ("Bolton Central custody")
    r"|custody(?:[ ]suite)?(?![ ](?:sergeant|officer|record|nurse)\b)"
    r"|\((?:(?:North|South)(?:[ \-]?(?:East|West))?|East|West|Central|Mid)\)"
    r"|[a-z][A-Z]{2,5})(?![\w'\-])"  # its own letters in mixed case ("Cheshire West iART")
)
# ... and a district, county or borough council by its letters after its place ("Ashfield DC", "Anglesey CC")
_OWN_LETTERS_AFTER = re.compile(r"[ ](?:[a-z][A-Z]{2,5}|DC|CC|BC|MBC|CBC)(?![\w'\-]|[ ][A-Z][a-z])")
_ORG_KINDS = (EntityKind.ORG, EntityKind.GP_PRACTICE)
# A GP out-of-hours or a community health service named by its area ("Vale & Downs Out of Hours", "Tamar Valley
# OOH GP", "Wiltshire Health and Care", "Aldershot Centre for Health"): read only after an area or a name found,
# as "Rang Out of Hours" is no service's name.
_SERVICE_AFTER = re.compile(
    r"[ ](?:(?i:out[ ]of[ ]hours)|OOH)(?:[ ](?:GP|Service|[Dd]octors?))?(?![\w'\-])"
    r"|(?<=Health)[ ](?:and|&)[ ]Care(?![\w'\-])"
    r"|(?<=Centre|Center)[ ]for[ ](?:the[ ])?[A-Z][a-z]+(?:[ ](?:and|&)[ ][A-Z][a-z]+)?(?![\w'\-])"
)

_FACILITY_ENDS = (
    " team",
    " Hours",
    " hours",
    " HOURS",
    "OOH",
    " Care",
    "Centre for",
    "Center for",
    "C ",  # "C ", "C." and "C,": a council's letters after its place ("Ashfield DC", "Anglesey CC.")
    "C.",
    "C,",
    " i",
    "West)",
    "East)",
    "North)",
    "South)",
    "Central)",
    "Mid)",
    " custody",
    " suite",
    " station",
    " stop",
    " flats",
    "park",
    "Park",
    " fields",
    " field",
    " ground",
    " centre",
    " site",
    " Site",
)


def facilities_after_places(text: str, spans: list[Span]) -> list[Span]:
    """Each found place or one-word name followed by a facility's words, made one address with them; and an area
    or a service found followed by a health service's words, made one organisation."""
    longer: list[Span] = []
    if not any(word in text for word in _FACILITY_ENDS):
        return longer  # one look at the text: a long one finds a hundred thousand places and names
    for span in spans:
        if text[span.end : span.end + 1] != " ":
            continue
        kind = EntityKind.ADDRESS
        service = _SERVICE_AFTER.match(text, span.end)
        if service is not None and (span.kind is not EntityKind.PERSON or " " in text[span.start : span.end]):
            longer.append(
                Span(span.start, service.end(), EntityKind.ORG, norm(text[span.start : service.end()]))
            )
            continue
        if span.kind is EntityKind.ADDRESS:
            after = _FACILITY_AFTER.match(text, span.end)
            if after is None:
                # an area's service by its own letters in mixed case ("Cheshire East iART")
                after, kind = _OWN_LETTERS_AFTER.match(text, span.end), EntityKind.ORG
        elif span.kind in _ORG_KINDS:
            after, kind = _TEAM_AFTER.match(text, span.end), span.kind
        elif span.kind is EntityKind.PERSON and text.count(" ", span.start, span.end) <= 1:
            after = _TRANSPORT_STATION_AFTER.match(text, span.end)
        else:
            continue
        if after is not None:
            longer.append(Span(span.start, after.end(), kind, norm(text[span.start : after.end()])))
    return longer


def venues_on_streets(text: str, spans: list[Span]) -> list[Span]:
    """A street or district found without a number, with the venue named after it; and a flat's number
    before a found address. The longer span replaces the one found."""
    longer: list[Span] = []
    for span in spans:
        if span.kind not in _PLACES:
            continue
        start, end, kind = span.start, span.end, span.kind
        before = _FLAT_BEFORE.search(text, max(0, start - 16), start)
        # A flat's own number before any place; "no." or "flat" alone before a number ("no. 88 Psalter Lane").
        if before is not None and (before.group("own") or text[start : start + 1].isdigit()):
            start, kind = before.start(), EntityKind.ADDRESS
        elif _BUILDING_END.search(text, start, end) and not text[start : start + 1].isdigit():
            number = _NUMBER_BEFORE.search(text, max(0, start - 6), start)
            if number is not None and not joined_before(text, number.start(), "'-.,/:"):
                start, kind = number.start(), EntityKind.ADDRESS
                flat = _FLAT_BEFORE.search(text, max(0, start - 16), start)  # "FLAT 7, 21 VALLANCE ROAD"
                start = flat.start() if flat is not None and flat.group("own") else start
        if kind is EntityKind.ADDRESS and not text[span.start : span.start + 1].isdigit():
            venue = _VENUE_AFTER.match(text, end)
            if venue is not None:
                end = venue.end()
                kind = EntityKind.GP_PRACTICE if venue.group(0)[1:].lower() in _GP_VENUES else EntityKind.ORG
        if kind is EntityKind.ADDRESS and text[start : start + 1].isdigit():
            # "house-to-house at 46 and 50 Eastbourne St", "3, 5 and 7 Park Lane": the numbers before are houses
            # on the same street.
            listed = _HOUSES_LISTED_BEFORE.search(text, max(0, start - 40), start)
            if listed is not None and not joined_before(text, listed.start(), "'-.,/:£$"):
                start = listed.start()
        if (start, end) != (span.start, span.end):
            longer.append(Span(start, end, kind, norm(text[start:end])))
    return longer


def address_mentions(text: str, spans: list[Span], covered: bytearray) -> list[Span]:
    """A found address's street or place written again in a message's lower case ("lumley road", "lumley rd",
    "haughton green"), when it holds a word no English list knows or ends in a street's type word; a street in
    any case and either form of its type ("Home visit Trinity St." after "34 Trinity Street"); a numbered
    street in any case ("41 Kingsway" again)."""
    forms: set[str] = set()
    streets: set[str] = set()
    for span in spans:
        if span.kind is not EntityKind.ADDRESS:
            continue
        for part in text[span.start : span.end].split(","):
            numbered = part.strip().lower()
            part = _LEADING_NUMBER.sub("", numbered)
            words = part.split()
            if not words or len(part) < 5 or not all(w.isalpha() for w in words):
                continue
            if numbered != part and numbered[:1].isdigit():
                streets.add(numbered)  # "Premises: 41 Kingsway" after "41 Kingsway, Eastfleet", the house too
            typed = words[-1] in _SHORT_TYPES or words[-1] in _SHORT_TYPES.values()
            if typed and len(words) > 1:
                forms.add(part)
                streets.add(part)
                short = _SHORT_TYPES.get(words[-1])
                if short:
                    forms.add(" ".join([*words[:-1], short]))
                    streets.add(" ".join([*words[:-1], short]))
                    streets.update(
                        " ".join([*words[:-1], full]) for full, s in _SHORT_TYPES.items() if s == short
                    )
                else:
                    streets.update(
                        " ".join([*words[:-1], full]) for full, s in _SHORT_TYPES.items() if s == words[-1]
                    )
            elif any(w not in common_words() and not is_vocabulary(w) for w in words):
                forms.add(part)
    forms -= streets
    lowered = same_length_lower(text) if streets else text
    found: list[Span] = []
    # The streets are looked for in the lower-case copy, so every case is one pattern of literals.
    for group, searched in ((forms, text), (streets, lowered)):
        if not group:
            continue
        # A trie, not a list of alternatives: re then tries one branch per character at each place, not every form
        # (a megabyte of addresses has thousands).
        finder = re.compile("(?:" + trie(group) + r")(?![\w'\-])")
        found += [
            Span(m.start(), m.end(), EntityKind.ADDRESS, norm(text[m.start() : m.end()]))
            for m in finder.finditer(searched)
            if not covered[m.start()] and not joined_before(searched, m.start(), "'-")
        ]
    return found


def place_words_in_lower_case(text: str, spans: list[Span], covered: bytearray) -> list[Span]:
    """A word of a found place that no English list knows, written again alone in a message's lower case ("woodhorn
    now", "come to cranesbill" after "Woodhorn Road", "Cranesbill Close"): the place, wherever the rules or the
    learned reader found it. In the development sets all 32 such words were labelled places."""
    words: set[str] = set()
    for span in spans:
        if span.kind is EntityKind.ADDRESS:
            words.update(
                word.lower()
                for word in _WORD_IN_ADDRESS.findall(text, span.start, span.end)
                if len(word) >= 4 and not is_vocabulary(word) and word.lower() not in chat_words()
            )
    if not words:
        return []
    finder = re.compile(r"(?<![\w'\-@./])(?:" + trie(words) + r")(?![\w\-@]|\.[a-z])")
    return [
        Span(m.start(), m.end(), EntityKind.ADDRESS, norm(m.group(0)))
        for m in finder.finditer(text)
        if not covered[m.start()]
    ]


# A town named by an ordinary word or a month, once an address in the text names it ("23 Gaul Drove, March"),
# is that town wherever a place goes: "moved to March from Wisbech", "2 miles from March". Not before a year,
# a day or "of" ("in March 2022", "March 3rd", "the March of Dimes").
_TOWN_MENTION_BEFORE = re.compile(r"\b(?:in|to|from|near|at|outside|nr|around)[ ]$")
_NOT_TOWN_AFTER = re.compile(r"[ ]?(?:[0-9]|of\b|the[ ][0-9])")
_WORD_IN_ADDRESS = re.compile(r"[A-Z][a-z]+")


def ordinary_town_mentions(text: str, spans: list[Span], covered: bytearray) -> list[Span]:
    towns: set[str] = set()
    for span in spans:
        if span.kind is EntityKind.ADDRESS:
            towns.update(
                word
                for word in _WORD_IN_ADDRESS.findall(text, span.start, span.end)
                if fold(word) in ordinary_word_towns()
            )
    found: list[Span] = []
    for town in towns:
        for match in re.finditer(re.escape(town) + r"(?![\w'\-])", text):
            start = match.start()
            if covered[start] or (start and (text[start - 1].isalnum() or text[start - 1] in "'-")):
                continue
            if _TOWN_MENTION_BEFORE.search(text, max(0, start - 8), start) and not _NOT_TOWN_AFTER.match(
                text, match.end()
            ):
                found.append(Span(start, match.end(), EntityKind.ADDRESS, norm(town)))
    return found


# A business named by its owner ("Singh's Late Shop", "Sadie's Bakery", "Lisle's Pharmacy"): the name and its
# trade's word go together, the owner's name with them. In the development sets all 12 of this shape are labelled.
_POSSESSIVE_BUSINESS = re.compile(
    r"[A-Z](?<![\w'\-].)[a-z]+'s(?:[ ][A-Z][a-z]+){0,2}[ ](?:Shop|Pharmacy|Garage|Cafe|Café|Takeaway|Barbers?|"
    r"Stores?|Bakery|Motors|Kitchen|Salon|Chippy|Diner|Bar|Restaurant|Nails|Gym|Yard|Cars|Taxis|Autos|"
    r"Supermarket|Mini[ ]Market|Off[ ]Licence|Hair|Cuts|Deli|Butchers?|Recycling|Scrap|Scrapyard|Haulage|"
    r"Removals|Builders|Tyres|Kebabs?|Pizza|Launderette|Laundrette|Plaice)(?![\w'\-])"
)


# A church or school named for Mary ("Our Lady of Lourdes", "Our Lady Star of the Sea", "Our Lady's"): every one
# of the 14 in the development sets is labelled, and the place in its name names the parish.
# Not "Our Lady of" before a placeholder (blanked out in the matching copy): the place after it was taken as its own
# span the first time, and "Our Lady" alone names no one church.
_OUR_LADY = re.compile(
    r"Our[ ]Lady(?:'s)?(?:[ ](?:of|Star[ ]of|Queen[ ]of|Immaculate)(?:[ ]the)?(?:[ ][A-Z][\w\-]+)+)?"
    r"(?![\w'\-]|[ ]of[ ]" + MASK + ")"
)


# A community's own group, named by its people ("Kurdish Community Centre", "Somali Women's Association of
# Westhaven", "Roma Links", "Romanian Orthodox Parish"): a people alone stays by the convention, but its group
# is a place someone goes. Of the 100 of this shape in the development sets, 92 are labelled.
_PEOPLE_WORDS = {
    w.title()
    for w in NATIONALITIES
    if w.isalpha() and w not in {"black", "white", "english", "british", "christian"}
}
_PEOPLES = trie(_PEOPLE_WORDS)
_GROUP_HEADS = (
    "Community|Communities|Association|Centre|Union|Mission|Forum|Network|Voice|Links|Project|Society|Youth|"
    "Women's|Welfare|Support|Group|Church|Parish|Mosque|Temple|Gurdwara|Club"
)
_COMMUNITY_GROUP = re.compile(
    trie_not_after(r"[\w'\-]", _PEOPLE_WORDS)
    + rf"(?:[ ](?:{_PEOPLES}))?(?:[ ][A-Z][a-z']+){{0,2}}[ ](?:{_GROUP_HEADS})"
    r"(?:[ ](?:Association|Centre|Group|Project|Network|Forum|Trust|Service))?"
    r"(?:[ ](?:in|of|for)[ ](?:the[ ])?[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)?(?![\w'\-])"
)


def community_groups(text: str) -> list[Span]:
    """A community's group named by its people; not a job named so ("Roma Community Liaison")."""
    spans: list[Span] = []
    for match in _COMMUNITY_GROUP.finditer(text):
        after = _WORD_AFTER.match(text, match.end())
        if after is not None and (fold(after.group(1)) in ROLE_WORDS or classify(after.group(1)) == "ROLE"):
            continue
        end = match.end()
        # Its place after it, if it ends the name ("Roma Voice Skelbrook", "Kurdish Community Centre West Mids")
        for _ in range(2):
            after = _WORD_AFTER.match(text, end)
            if (
                after is None
                or not after.group(1)[:1].isupper()
                or classify(after.group(1)) not in _PLACE_WORD_CLASSES
            ):
                break
            end = after.end()
        if len(_CAPITALISED.findall(text, match.start(), end)) < 3:
            continue  # two words name a kind of group, not one ("the Polish Association", "the Catholic Church")
        spans.append(Span(match.start(), end, EntityKind.ORG, norm(text[match.start() : end])))
    return spans


_CAPITALISED = re.compile(r"[A-Z][\w'\-]*")
_WORD_AFTER = re.compile(r"[ ]([A-Za-z][\w\-]*)")
_PLACE_WORD_CLASSES = frozenset({"UNKNOWN", "COMMON", "CAPS"})


# A coroner named by the area they serve ("HM Senior Coroner for Kent and Medway", "HM Coroner, Fellside"): the
# area names where the child died. All 10 of this shape in the development sets are labelled whole.
_CORONER = re.compile(
    r"(?<![\w'\-])(?:HM[ ]|H\.M\.[ ])?(?:(?:Senior|Assistant|Area)[ ])?Coroner(?:[ ]for|,)[ ]"
    r"(?:the[ ])?[A-Z][\w'\-]*(?:[ ](?:(?:and|&|of)[ ](?:the[ ])?)?[A-Z][\w'\-]*)*"
)


def coroners(text: str) -> list[Span]:
    if "Coroner" not in text:
        return []
    # "H.M. Assistant Coroner": the word is at most 15 characters into a match
    return [
        Span(m.start(), m.end(), EntityKind.ORG, norm(m.group(0)))
        for m in matches_near(_CORONER, text, ("Coroner",), reach=15)
    ]


# A company by its legal ending: every capitalised word before "Ltd", "CIC" or "LLP" is its name, with "of",
# "&", a particle or a place in brackets between ("Sentinel Guarding (Luton) Ltd", "Van der Meer Haulage Ltd",
# "Second Chance Dads CIC").
_COMPANY_ENDS = ("Ltd", "Limited", "LLP", "CIC", "PLC", "plc", "LTD", "LIMITED")
# ... or by the family that runs it, in the middle of its name ("Ward Bros Metals", "J Hughes & Sons Haulage").
_FAMILY_FIRM_WORDS = ("Bros", "BROS", "& Son", "& SON")
_FAMILY_FIRM = r"[ ](?:Bros|BROS|&[ ]Sons?|&[ ]SONS?)\.?(?:[ ][A-Z][\w'\-]*){0,2}"
_COMPANY = re.compile(
    r"[A-Z](?<![\w'&\-].)[\w'&\-]*(?:[ ](?:[A-Z][\w'&\-]*|&|and|of|der|van|de|la|\([A-Z][a-z]+(?:[ ][A-Z][a-z]+)?\))){0,6}"
    rf"(?:[ ](?:{'|'.join(_COMPANY_ENDS)})\b\.?|{_FAMILY_FIRM}(?![\w'\-]))"
)


def companies(text: str) -> list[Span]:
    """Companies named before their legal ending; a sentence's first word ("The", "By") is not part of one."""
    if not any(end in text for end in _COMPANY_ENDS + _FAMILY_FIRM_WORDS):
        return []
    spans: list[Span] = []
    for match in _COMPANY.finditer(text):
        start, value = match.start(), match.group(0).rstrip(".")
        words = value.split(" ")
        # A log in capitals runs the sentence into the name ("RETURNED TO LLANRHOS BY SECURE TRANSPORT LTD"): the
        # name starts after its last ordinary small word.
        cut = max(
            (
                k + 1
                for k, w in enumerate(words[:-1])
                if fold(w) in FUNCTION_WORDS and (k == 0 or w.isupper())
            ),
            default=0,
        )
        if cut == len(words) - 1:
            continue  # "BY LTD": no name left
        start += sum(len(w) + 1 for w in words[:cut])
        spans.append(
            Span(
                start,
                match.start() + len(value),
                EntityKind.ORG,
                norm(text[start : match.start() + len(value)]),
            )
        )
    return spans


# A business a parent trades as is named after the words that say so ("trades as C.B. Roofing & Guttering", 't/a
# "KB Lettings (Skelbrook)"'), whatever words its name is made of: the capitalised run, with "&", "and", "at" or
# "of" inside it and a bracketed place after it.
_TRADING_AS = re.compile(r"\b(?:[Tt]rades|[Tt]rading|[Tt]raded)[ ]as[ ][\"“']?|\bt/a[ ][\"“']?")
# Where a match can start: with its \b first, re would try the pattern at every character.
_TRADING_AS_WORDS = ("trad", "Trad", "t/a ")
_TRADE_NAME = re.compile(
    r"[A-Z0-9][\w'’.\-]*(?:[ ](?:&|and|at|of|[A-Z0-9][\w'’.\-]*))*(?:[ ]\([A-Z][\w'’\- ]{0,30}\))?"
)
_TRADE_NAME_LINKS = frozenset({"&", "and", "at", "of"})


def _trade_names(text: str) -> list[Span]:
    spans: list[Span] = []
    for cue in matches_near(_TRADING_AS, text, _TRADING_AS_WORDS):
        name = _TRADE_NAME.match(text, cue.end())
        if name is None:
            continue
        words = name.group(0).split(" ")
        while words and words[-1] in _TRADE_NAME_LINKS:
            words.pop()  # a name ends on a word of its own, read word by word: a pattern anchored at the end backtracks
        value = " ".join(words).removesuffix(".")
        if value:
            spans.append(Span(name.start(), name.start() + len(value), EntityKind.ORG, norm(value)))
    return spans


def owned_businesses(text: str) -> list[Span]:
    """Businesses named by their owner or said to be traded as, and churches named for Mary, found whole; the
    longer span replaces the owner's name or the place found."""
    spans: list[Span] = _trade_names(text) if " as " in text or "t/a " in text else []
    if "'s " in text:
        spans += [
            Span(m.start(), m.end(), EntityKind.ORG, norm(m.group(0)))
            for m in _POSSESSIVE_BUSINESS.finditer(text)
        ]
    if "Our Lady" in text:
        spans += [
            Span(m.start(), m.end(), EntityKind.ORG, norm(m.group(0))) for m in _OUR_LADY.finditer(text)
        ]
    return spans
