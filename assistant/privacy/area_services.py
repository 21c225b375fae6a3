"""Services and groups named with a county, region, city or town at one end: "Kent Refugee Action Network",
"Bristol First Response", "Warwickshire LADO", "ROYAL STOKE UNIVERSITY HOSPITAL", "Roma Families Together
Rotherham".

A county or a large city names no one alone, so it stays where it stands alone (the README's convention). The
head-noun rules (identifiers.py) find a service by the word it ends in ("Police", "Council"), but a local team or
charity is often named with ordinary words no list of heads can finish ("Action Network", "First Response",
"Children First"). What such names share is the area at one end, written with the rest in capitals or in title
case: the run of capitalised words that an area starts or ends is taken whole, as an organisation.
"""

from __future__ import annotations

import re
from functools import cache

from assistant.lexicon import MONTH_WORDS, WEEKDAY_WORDS
from assistant.privacy.kinds import EntityKind, Span
from assistant.privacy.names import classify
from assistant.privacy.normalise import joined_before, matches_near
from assistant.privacy.words import (
    ACRONYMS,
    FUNCTION_WORDS,
    INSTITUTION_WORDS,
    POST_NOMINALS,
    ROLE_WORDS,
    STREET_OR_HOUSE_WORDS,
    common_words,
    data_lines,
    fold,
    is_vocabulary,
    norm,
    place_names,
    public_names,
    trie,
    word_set,
)

# The word a service's or a group's name ends in, after its area ("Kent Refugee Action Network", "EAST LONDON
# FAMILY COURT") or before it ("Roma Families Together Rotherham").
_HEADS = word_set(
    "network alliance court courts trust hospital hospitals service services team teams hub centre center "
    "council police constabulary probation partnership project foundation association unit clinic helpline "
    "fostering support response contact first together voice voices group care hall station suite ministries "
    "society collective consortium forum initiative aid action advice housing futures connect matters works "
    "company ltd cic limited charity refuge community families youth welfare health interpreting interpreters "
    "translation mind carers rescue ambulance safeguarding door options children's childrens disabilities nursing "
    "therapy link"
)
# A children's hospital or service is named by its area alone ("at Manchester Children's last month"), and its
# teams by who they serve ("Calderbrook Children with Disabilities Team", "Chesterfield Children in Care Team").
_AFTER_CHILDREN = frozenset({"in", "with"})
# Teams' acronyms that a log in capitals names after an area ("KENT CSC", "BARROW CID").
_TEAM_ACRONYMS = word_set(
    "csc cs cid cait caiu edt yot yos yjs mash camhs lado sarc ppu ipu dau miu picu nicu icb cads fh rfc afc fc"
)
# Words of a service's name that a person's role list also holds ("Kent Children's Services", "Bristol Youth
# Support", "SHEFFIELD EDT"): they run on; any other role word ends the name ("Kent Police Officers", "Leeds
# Mother").
_SERVICE_ROLE_WORDS = (
    _HEADS
    | INSTITUTION_WORDS
    | _TEAM_ACRONYMS
    | word_set("children's childrens young people visiting justice")
)
# Before an area: part of its name ("East London", "Royal Stoke", "Greater Manchester", "NHS Somerset ICB").
_AREA_PREFIXES = word_set("north south east west mid central greater inner outer upper lower royal nhs")
_CONNECTORS = frozenset({"and", "&", "of"})
# "First" is a little word of a sentence, but a service's too ("Bristol First Response", "Slough Children First").
# An operation's name is no service's ("Merseyside Police Op Orochi").
_NOT_NAME_WORDS = (FUNCTION_WORDS - {"first"}) | WEEKDAY_WORDS | MONTH_WORDS | word_set("op operation")
# Labels and record words written in capitals after a name, not an acronym of a service ("Kent DOB").
# System names are not part of an identifier either (the README's convention: "Kent LCS").
_NOT_ACRONYMS = (
    word_set(
        "dob dod age tel mob nhs ni ref aka nfa tbc n/a uk storm lcs crn mosaic ehm pnc niche cin cp cpp lac cla "
        "ehcp ehc plo cse cce fgm adhd asd send sen sgo cao icpc rcpc yr"
    )
    | POST_NOMINALS
)
_CAPITALISED_WORD = re.compile(r"[A-Z][\w']*+")
_WORD = re.compile(r"[A-Za-z0-9][\w'&\-]*|&")
_AGE_RANGE = re.compile(r"[0-9]{1,2}-[0-9]{1,2}")  # a service's ages ("Sirona Bristol 0-19")
# Classes of a word that starts something else: a title and a person's name ("Kent Police DC Amir Khan").
_NOT_SERVICE_CLASSES = frozenset({"TITLE", "FIRST", "INITIAL"})
_PERSON_CLASSES = frozenset({"FIRST", "AMBIG", "SURNAME", "CAPS_NAME", "TITLE", "INITIAL"})
_SCHOOL_WORDS = word_set("academy school college nursery university infants juniors surgery")
_HOSPITAL_WORDS = word_set("hospital hospitals infirmary")
_WELSH_COUNCIL_BEFORE = re.compile(
    r"(?:Cyngor|CYNGOR)(?:[ ](?:Sir|SIR|Bwrdeistref[ ]Sirol|BWRDEISTREF[ ]SIROL))?[ ]$"
)
_MOST_WORDS = 8  # "Kent and Medway NHS and Social Care Partnership Trust"


@cache
def _areas() -> dict[str, list[list[str]]]:
    """First word → every area or listed town starting with it, as word lists, longest first. A town that is
    also a name or a public name is left out ("Harley", "Haworth", "Vauxhall"): after a person's name it would
    join the person to what follows ("Dr Ellen Haworth", "Tamsin Holloway and CAMHS")."""
    index: dict[str, list[list[str]]] = {}
    towns = {name for name in place_names() if _town_word(name.split()[0])}
    for name in set(data_lines("areas.txt")) | towns:
        words = name.split()
        index.setdefault(words[0], []).append(words)
    for names in index.values():
        names.sort(key=len, reverse=True)
    return index


def _town_word(word: str) -> bool:
    return word not in public_names() and classify(word.title()) in {"UNKNOWN", "COMMON"}


def _is_head(word: str, caps: bool, first: bool) -> bool:
    """Whether a service's name can end at `word`: a head word, a team's acronym ("Kent CSC", "Warwickshire
    LADO", "Stoke North CID") or the ages it serves ("Sirona Bristol 0-19"). In a log's capitals every word
    looks like an acronym ("WEST MIDLANDS POLICE ASKED", "BRYN AWEL"): there only a team's counts ("KENT CSC")."""
    folded = fold(word)
    if folded in _HEADS or folded in _TEAM_ACRONYMS or _AGE_RANGE.fullmatch(word):
        return True
    if not first or caps:
        return False  # after the name's own words ("Kent Police CAIU", not "... MOSOVO"), or in capitals
    # Any acronym straight after the area ("Kent ASU"), but a surname in capitals is no team ("Brook PASCOE").
    return (
        word.isupper()
        and word.isalpha()
        and 2 <= len(word) <= 5
        and folded not in _NOT_ACRONYMS
        and classify(word) == "CAPS"
    )


def _name_word(word: str, caps: bool) -> bool:
    """A word that can be part of a service's name in this run: capitalised (or its ages, "0-19"), no little
    word of a sentence, no person's role, title or name, no weekday or month, no number (a plate or a postcode
    after the name: "Crediton EX17 3AG")."""
    if _AGE_RANGE.fullmatch(word):
        return True
    if any(c.isdigit() for c in word) or not (word.isupper() if caps else word[:1].isupper()):
        return False
    folded = fold(word)
    if folded in _NOT_NAME_WORDS:
        return False
    cls = classify(word)
    if cls == "ROLE":
        return folded in _SERVICE_ROLE_WORDS  # "Kent Children's Services", not "Leeds Mother"
    return cls != "TITLE" and (caps or cls not in _NOT_SERVICE_CLASSES)


def _words_from(text: str, at: int, direction: int, caps: bool) -> list[tuple[int, int, str]]:
    """The name words next to `at`, joined by single spaces (and "and", "&", "of" between two of them),
    reading forwards (direction 1) or backwards (direction -1)."""
    found: list[tuple[int, int, str]] = []
    while len(found) < _MOST_WORDS:
        if direction > 0:
            if text[at : at + 1] != " ":
                break
            match = _WORD.match(text, at + 1)
            if match is None:
                break
            start, end = match.span()
        else:
            if at < 2 or text[at - 1] != " ":
                break
            start = at - 1
            while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'&-_"):
                start -= 1
            end = at - 1
            if start == end or joined_before(text, start, "_"):
                break
        word = text[start:end]
        if (
            (word.lower() in _CONNECTORS and (word.islower() or caps))
            or (word in _AFTER_CHILDREN and direction > 0 and found and fold(found[-1][2]) == "children")
            or _name_word(word, caps)
        ):
            found.append((start, end, word))
        else:
            break
        at = end if direction > 0 else start
    # A run ends on a word of the name, not on "and", "&" or "of".
    while found and (found[-1][2].lower() in _CONNECTORS or found[-1][2] in _AFTER_CHILDREN):
        found.pop()
    return found


def _area_end(text: str, start: int, end: int) -> int | None:
    """Where the longest area or listed place written at `start` (its first word ends at `end`) ends."""
    first = fold(text[start:end])
    for words in _areas().get(first, ()):
        at = end
        for word in words[1:]:
            nxt = _WORD.match(text, at + 1) if text[at : at + 1] == " " else None
            if nxt is None or fold(nxt.group(0)) != word:
                break
            at = nxt.end()
        else:
            return at
    return None


# A local safeguarding partnership or board by its initials, the area's letters first ("HSCP", "IOWSCP",
# "WWSCP 2024/06"): in the development sets every such token but the generic "LSCP" (a local one, which writers
# label both ways) named one partnership.
_PARTNERSHIP_INITIALS = re.compile(r"(?<![\w\-/&])(?!LSC)[A-Z]{1,6}SC(?:P|B|SP)(?![\w\-])")


def partnership_initials(text: str) -> list[Span]:
    # Read only around each "SC": a match starts at most 6 characters before it and ends at most 4 after, with one
    # character either side for its look-arounds (the pattern, with a look-behind first, is slow over a text).
    windows: list[list[int]] = []
    at = text.find("SC")
    while at >= 0:
        if windows and at - 8 <= windows[-1][1]:
            windows[-1][1] = at + 8
        else:
            windows.append([max(0, at - 8), at + 8])
        at = text.find("SC", at + 1)
    return [
        Span(m.start(), m.end(), EntityKind.ORG, m.group(0))
        for start, end in windows
        for m in _PARTNERSHIP_INITIALS.finditer(text, start, end)
    ]


def area_services(text: str) -> list[Span]:
    index = _areas()
    # The text's distinct capitalised words say which areas could be here: most texts hold a handful, and
    # only those are looked for.
    heads = {word for word in set(_CAPITALISED_WORD.findall(text)) if fold(word) in index}
    if not heads:
        return []
    finder = re.compile("(?:" + trie(heads) + r")(?![\w'\-])")
    spans: list[Span] = []
    for match in finder.finditer(text):
        start = match.start()
        if joined_before(text, start, "'-") or (spans and start < spans[-1].end):
            continue
        end = _area_end(text, start, match.end())
        if end is None:
            continue
        caps = text[start:end].isupper()
        if caps and end - start <= 5:
            # An area's abbreviation is in capitals in any text ("RCT Children's Services"): the two words after
            # it say whether the log is ("IOW NHS Trust" is not; "KENT POLICE ATTENDED" is).
            after = [w for _, _, w in _words_from(text, end, 1, False)[:2]]
            nxt = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
            caps = nxt is None or (nxt.group(0).isupper() and all(w.isupper() for w in after))
        span = _service_around(text, start, end, caps)
        if span is not None:
            spans.append(span)
    return spans


def _service_around(text: str, start: int, end: int, caps: bool) -> Span | None:
    after = _words_from(text, end, 1, caps)
    if after and fold(after[0][2]) in STREET_OR_HOUSE_WORDS:
        return None  # "London Road", "Kent House": an address, found by the address rules
    before = _words_from(text, start, -1, caps)
    if not caps and start > 1 and text[start - 1] == " " and _person_before(text, start - 1):
        return None  # "Tamsin Holloway and CAMHS": a surname that is also a place
    # "East London", "Royal Stoke": a compass word or "Royal" before the area is part of its name.
    prefix = 0
    while prefix < len(before) and fold(before[prefix][2]) in _AREA_PREFIXES:
        prefix += 1
    if after:
        return _area_first(text, start, before, prefix, after, caps)
    # The area ends the name ("Roma Families Together Rotherham", "Vita Health Group Bristol"), read back to the
    # nearest "of", "and" or "&" ("Mrs Bluma Halpern of Chesed Ladies Stamford Hill") or person's name
    # ("Marsha Feeney CID Burnley"): two words at least, one of them a service's.
    named: list[tuple[int, int, str]] = []
    for word in before[prefix:]:
        if word[2].lower() in _CONNECTORS or word[2].isupper() or classify(word[2]) in _PERSON_CLASSES:
            break
        named.append(word)
    if caps or len(named) < 2 or text[end : end + 1].isalnum() or _school(named):
        return None
    if not any(fold(w) in _HEADS for _, _, w in named):
        return None
    return _span(text, named[-1][0], end)


def _area_first(
    text: str,
    start: int,
    before: list[tuple[int, int, str]],
    prefix: int,
    after: list[tuple[int, int, str]],
    caps: bool,
) -> Span | None:
    """The area starts the name ("Kent Refugee Action Network"): it ends at its last head word. A log in
    capitals runs on into its verbs ("KENT POLICE ATTENDED"), and a head word then "and" starts a second
    name ("Cleveland Police Compact and RHI")."""
    last = -1
    for k, (_, _, word) in enumerate(after):
        if word.lower() in _CONNECTORS and _second_name(text, after, k, last, caps):
            break
        if _is_head(word, caps, k == 0) and not _role_follows(text, after[k][1]):
            last = k
    if last < 0:
        return None  # "Kingsbridge Wells", "Vauxhall Corsa", "Bristol Mum": no service's word ends it
    # "Ryde Academy Yr 7-8" is a school, found by the school rules; a university hospital is not.
    if fold(after[last][2]) not in _HOSPITAL_WORDS and _school(after[: last + 1]):
        return None
    # A word nobody's vocabulary holds before them is the service's own ("Sirona Bristol 0-19").
    own = prefix
    while own < len(before) and classify(before[own][2]) == "UNKNOWN" and not is_vocabulary(before[own][2]):
        own += 1
    first = before[own - 1][0] if own else start
    # "Cyngor Sir Ynys Môn Children and Families": a Welsh council's words before its area are its name too.
    council = _WELSH_COUNCIL_BEFORE.search(text, max(0, first - 32), first)
    return _span(text, council.start() if council is not None else first, after[last][1])


def _second_name(text: str, after: list[tuple[int, int, str]], k: int, last: int, caps: bool) -> bool:
    """Whether the "and", "&" or "of" at after[k] starts a second name. Straight after the area it joins a
    second area ("Kent and Medway NHS Trust"), not a name ("Holloway and CAMHS"). After a head word it starts a
    second service at an area or an acronym ("Kent Police and Kent CSC", "Cleveland Police Compact and RHI"),
    and continues one whose own head comes later ("Norfolk Children's Advice & Duty Service")."""
    start = after[k][1] + 1
    area = _area_end(text, start, _word_end(text, start)) is not None
    if k == 0:
        return not area
    if last < 0:
        return False
    nxt = text[start : _word_end(text, start)]
    head_later = any(_is_head(w, caps, False) for _, _, w in after[k + 2 :])
    return area or (not caps and nxt.isupper() and len(nxt) > 1) or not head_later


def _school(words: list[tuple[int, int, str]]) -> bool:
    """A school's or a GP's name is read by its own rules, with its own kind ("Peele Academy Long Sutton")."""
    return any(fold(word) in _SCHOOL_WORDS for _, _, word in words)


def _role_follows(text: str, end: int) -> bool:
    """A head word before a person's role is the role's ("Ceredigion County Council Safeguarding Manager")."""
    if text[end : end + 1] != " ":
        return False
    word = text[end + 1 : _word_end(text, end + 1)]
    return bool(word) and classify(word) == "ROLE" and fold(word) not in _SERVICE_ROLE_WORDS


def _word_end(text: str, start: int) -> int:
    match = _WORD.match(text, start)
    return match.end() if match else start


def _person_before(text: str, end: int) -> bool:
    start = end
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] in "'-"):
        start -= 1
    return start < end and classify(text[start:end]) in {"FIRST", "AMBIG"}


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, EntityKind.ORG, norm(text[start:end]))


def found_area_services(text: str, spans: list[Span]) -> list[Span]:
    """The same reading around a town this text was found to name, not a listed one ("Brackenford Family
    Support", "Kettlesby 0-19", "Harbour View AP"): a small town no list holds names its services as a county
    does. A mention of the town read as a name by its cue ("Health visitor: Hallowby 0-19") is read so too.
    The longer span replaces the place found."""
    towns = {
        fold(text[span.start : span.end])
        for span in spans
        if span.kind is EntityKind.ADDRESS and _found_town(text, span)
    }
    longer: list[Span] = []
    if not towns:
        return longer  # a text of a hundred thousand names and no town reads no further
    for span in spans:
        if span.kind not in (EntityKind.ADDRESS, EntityKind.PERSON):
            continue
        if fold(text[span.start : span.end]) not in towns:
            continue
        caps = text[span.start : span.end].isupper()
        service = _service_around(text, span.start, span.end, caps)
        if (
            service is not None
            and service.start <= span.start
            and span.end <= service.end
            and service != span
        ):
            longer.append(service)
    return longer


def _found_town(text: str, span: Span) -> bool:
    """A place's name of capitalised words none of which is listed ("Brackenford", "Harbour View", "Heath
    Lane"). A service named after a street is named so too ("Heath Lane Immigration Advice")."""
    words = _WORD.findall(text, span.start, span.end)
    return bool(words) and all(word[:1].isupper() and _town_word(fold(word)) for word in words)


# A borough or a district of two words or more, named in full somewhere in a text, is named by its initials in the
# rest of it ("TH CSC", "B&D MASH", "RBWM Trading Standards", "Rachel (HV TL, TH)"). The letters are read only where
# the text spells the place out too: alone, two letters are anyone's initials. A borough's full style
# ("London Borough of Tower Hamlets", "Royal Borough of Windsor and Maidenhead") gives its letters first.
_LETTER_TOKEN = re.compile(r"(?<![\w&/\-])[A-Z](?:&?[A-Z]){1,4}(?![\w&/\-])")
_BOROUGH_STYLES = ("LB", "RB")
_AREA_LETTER_SKIP = word_set("and of on upon in under by the le")


@cache
def _places_by_letters() -> dict[str, frozenset[str]]:
    """Letters → the places of two words or more they abbreviate ("th" → "tower hamlets"; "b&d", "bd", "lbbd" →
    "barking and dagenham")."""
    index: dict[str, set[str]] = {}
    for name in place_names():
        words = name.replace("-", " ").split()
        initials = [w[0].upper() for w in words if w not in _AREA_LETTER_SKIP and w[0].isalpha()]
        if len(initials) < 2:
            continue
        forms = {"".join(initials)}
        if len(initials) == 2 and any(w in {"and", "&"} for w in words):
            forms.add("&".join(initials))
        forms |= {style + "".join(initials) for style in _BOROUGH_STYLES}
        for form in forms:
            index.setdefault(form, set()).add(name)
    return {letters: frozenset(names) for letters, names in index.items()}


def area_letters(text: str) -> list[Span]:
    """A service named by its place's initials where the text names the place in full ("TH CSC", "B&D Children
    in Care Team"). The letters alone are left to the other rules: two letters are as often someone's initials."""
    index = _places_by_letters()
    spans: list[Span] = []
    # One pass for the tokens and one str.find per place: a regular expression per token over the whole text was
    # quadratic on long documents (7 s of 8 on 256 KB of the development sets' prose).
    tokens: dict[str, list[re.Match[str]]] = {}
    for token in _LETTER_TOKEN.finditer(text):
        tokens.setdefault(token.group(0), []).append(token)
    candidates: dict[str, frozenset[str]] = {}
    for letters in sorted(tokens):
        places = index.get(letters)
        folded = fold(letters)
        if not places or folded in ACRONYMS or folded in ROLE_WORDS or folded in _NOT_ACRONYMS:
            continue
        if folded not in common_words():
            candidates[letters] = places
    if not candidates:
        return spans
    # Every place the letters may stand for is looked for in one pass: a str.find per place scanned a long text
    # once for each (0.6 s of a megabyte's 6.4 s).
    spelled = _spelled_out(text.lower(), {place for places in candidates.values() for place in places})
    for letters, places in candidates.items():
        if not places & spelled:
            continue
        for match in tokens[letters]:
            start, end = match.span()
            nxt = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
            caps = (
                nxt is not None
                and nxt.group(0).isupper()
                and text[end + 1 : end + 40].split("\n")[0].isupper()
            )
            after = _words_from(text, end, 1, caps)
            service = _area_first(text, start, [], 0, after, caps) if after else None
            if service is not None:
                spans.append(service)
    return spans


def _spelled_out(lower: str, places: set[str]) -> set[str]:
    """The `places` (lower case) that stand in `lower` as whole words, an "and" written as "&" too, found in one
    pass: at each word's start the longest form there, and every form it starts with that ends a word."""
    forms: dict[str, set[str]] = {}
    for place in places:
        for form in {place, place.replace(" and ", " & ")}:
            forms.setdefault(form, set()).add(place)
    found: set[str] = set()
    for match in re.finditer(r"(?<!\w)(?=(" + trie(set(forms)) + "))", lower):
        longest, start = match.group(1), match.start()
        for n in range(1, len(longest) + 1):
            if longest[:n] in forms and not _word_char_at(lower, start + n):
                found |= forms[longest[:n]]
    return found


def _word_char_at(text: str, at: int) -> bool:
    return at < len(text) and (text[at].isalnum() or text[at] == "_")


# A council by its area's initials and its kind: city, borough, district, metropolitan or county borough council
# ("SoTCC", "NULBC", "MKCC", "DMBC", "CMCBC"). Over the development sets every such token named one council but
# national bodies' and clinical terms' (ACRONYMS: "NSPCC", "NPCC", "SUDC", "FLACC").
_COUNCIL_INITIALS = re.compile(r"(?<![\w&/\-])[A-Z][A-Za-z]{1,3}(?:MBC|CBC|BC|CC|DC)(?![\w&/\-])")


def council_initials(text: str) -> list[Span]:
    return [
        Span(m.start(), m.end(), EntityKind.ORG, m.group(0))
        for m in matches_near(_COUNCIL_INITIALS, text, ("BC", "CC", "DC"), reach=7)
        if fold(m.group(0)) not in ACRONYMS and fold(m.group(0)) not in common_words()
    ]
