"""Proper nouns that no list and no cue names: a capitalised word that is no English word, no listed name
and no public name is somebody's or some place's own name ("Kesterby", "Okonjo"), and so is the run of
capitalised words it heads or ends ("Hollinbrook Magistrates", "Safe Haven Ribblesdale").

The name rules need a list or a cue (a title, a role, a label); a new writer's towns, surnames and local
services often have neither, and each writer brings new ones, so no list of them can be finished. The
converse can: SCOWL's ordinary English words (115,000 of them), this genre's vocabulary and a list of public
names (countries, large cities, platforms, brands, medicines) say what a capitalised word is when it is not
a name. What none of them knows is taken for one.

A word alone is a place after "in", "at", "from", "to"... and a person otherwise; a run with an ordinary
word in it is a service or organisation, a school or a GP practice by its last word. A word taken here in
one place is a place everywhere the text uses it, so it keeps one placeholder.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from assistant.privacy.kinds import MASK, EntityKind, Span
from assistant.privacy.names import Tok, Tokens, classify, log_verb
from assistant.privacy.normalise import joined_before, same_length_lower
from assistant.privacy.places import first_words, place_at
from assistant.privacy.words import (
    ACRONYMS,
    INSTITUTION_WORDS,
    POLICE_RANKS,
    POST_NOMINALS,
    ROLE_WORDS,
    fold,
    is_vocabulary,
    norm,
    ordinary_word_towns,
    place_names,
    surnames,
    word_set,
)

# Capitalised words a service's or organisation's name is made of, after or before the place's own word.
_NAME_CLASSES = frozenset({"UNKNOWN", "FIRST", "AMBIG", "SURNAME", "CAPS_NAME"})
_RUN_CLASSES = _NAME_CLASSES | {"COMMON", "CAPS", "ROLE"}
# Role words that are a service's, not a person's: they stay in a run's name ("Kesterby Children's Services").
_SERVICE_WORDS = INSTITUTION_WORDS | word_set("care community visiting youth offending justice")
# What may join two words of one name: a space, "&", "and", "of", "upon" between spaces, and a possessive
# ("Barnardale Children's Charity").
_GLUE = frozenset({" ", " & ", " and ", " of ", " upon ", " of the ", "'s ", "’s "})
_AND = frozenset({" & ", " and "})
# Labels in capitals that follow a name in a record, not part of it ("Freya DOB", "G Storr RM").
_LABELS = word_set("dob dod age tel mob nhs ni ref aka nfa") | POST_NOMINALS
# "to", "from" and "of" are left out: "spoke to Colette", "a text from Colette".
_PLACE_BEFORE = word_set("in at near towards toward into around via outside inside across within nr")
# A police log's location label: "LOCATION: HELSTON", "Scene: Kesterby" (not "ON SCENE. SUSP MADE OFF").
_LOCATION_LABEL = re.compile(r"(?i:\b(?:location|loc|scene|venue))[ ]?:[ ]{1,2}$")
_SCHOOL_ENDS = word_set(
    "school academy primary college nursery infants juniors preschool pre-school pru university sixth form "
    "montessori"
)
_GP_ENDS = word_set("surgery practice partnership")
# A capitalised word before these is part of a thing's name, not a name: "Moses basket".
_NAMED_BY = re.compile(r"[ ]{1,2}(?:basket|baskets|syndrome|disease|technique|test|scale)\b")
# The last word of a house's or a street's name, and a house number before one.
_BUILDING_WORDS = word_set(
    "house cottage cottages farm farmhouse lodge court mews hall barn mill manor grange villa villas flats "
    "road street lane close drive avenue way place gardens terrace crescent grove walk row square hill park "
    "estate view rise croft fold green yard wharf chase"
)
_DIGITS = frozenset("0123456789")
_HOUSE_NUMBER = re.compile(r"(?<![\w,])[0-9]{1,4}[A-Za-z]?[ ]$")
# A blanked-out identifier (\x00) between counts as a word: "at ORG_3 (ULHT)" is not "at ULHT".
_LAST_WORD = re.compile(r"([A-Za-z][\w'\-]*)[^\w\x00]*$")
# A collar number before a surname in capitals, and a first name after one ("KILBRIDE, Dwayne").
_COLLAR_BEFORE = re.compile(rf"{POLICE_RANKS}[ ][0-9]{{2,5}}[A-Z]{{0,2}}[ ]$")
_FIRST_AFTER = re.compile(r",[ ][A-Z][a-z]+")


def _unheard_of(tokens: Tokens, k: int) -> bool:
    """No English word, no listed name or role, no acronym: somebody's or some place's own name."""
    tok, text = tokens.items[k], tokens.text
    if len(tok.text) < 3:
        return False
    if tok.cls == "UNKNOWN":
        # Most unknown words are names: the town check (a dictionary look-up and more) is for the rest.
        if not is_vocabulary(tok.text) and _NAMED_BY.match(text, tok.end) is None:
            return True
        return _town_here(tokens, k)
    if tok.cls in _TOWN_CLASSES and _town_here(tokens, k):
        return True
    if tok.cls == "CAPS":
        # A surname in a police log's capitals ("PC 4120 TRENWITH", "KILBRIDE, Dwayne"), not an acronym
        # nobody listed ("SUDIC"): only next to a title, a collar number or a name, or with two vowels in a
        # line written in capitals ("SALEH ARRESTED"; not "ARRD", "DETD").
        word = tok.text
        return (
            len(word) >= 4
            and fold(word) not in ACRONYMS
            and any(c in "AEIOUY" for c in word)
            and not is_vocabulary(word)
            and (_spoken_in_a_caps_line(tokens, tok) or _caps_name_context(tokens, k))
        )
    if tok.cls == "CAPS_NAME":
        # A listed name that is no English word, alone in a police log's capitals ("DOBSON NOT PRESENT").
        return len(tok.text) >= 4 and not is_vocabulary(tok.text) and _spoken_in_a_caps_line(tokens, tok)
    return False


_VOWELS = re.compile(r"[AEIOUY]")
_VERB_ENDINGS = ("ED", "ING")


def _spoken_in_a_caps_line(tokens: Tokens, tok: Tok) -> bool:
    if len(_VOWELS.findall(tok.text)) < 2 and fold(tok.text) not in place_names():
        return False  # an abbreviation ("ARRD", "DETD"), but a town has few vowels too ("RHYL")
    starts, capitals = tokens.capital_lines
    return bool(capitals[bisect.bisect_right(starts, tok.start) - 1])


_TOWN_CLASSES = frozenset({"COMMON", "FIRST", "AMBIG", "SURNAME", "UNKNOWN", "CAPS_NAME", "CAPS"})
# Where a town named with ordinary words is read as one: after these ("moved to Reading") or before a
# council's or a public service's name ("Tower Hamlets YJS", "Reading Borough Council").
_TOWN_BEFORE = _PLACE_BEFORE | word_set("to from of")
_SERVICE_AFTER = re.compile(
    r"[ ](?:Council|Borough|District|Police|YJS|YOT|YOS|MASH|CAMHS|Hospital|Station|Magistrates|Crown|"
    r"Children's|Childrens|Family|Youth|Early|Safeguarding|Housing|Social)\b"
)


# After these, a capitalised town that is an ordinary word is the town ("met someone from Street", "a
# pharmacist at Wells", "her Nain in Hope"); not after "to", and never a month ("in March") or a word writers
# capitalise for itself ("at Church").
_ORDINARY_TOWN_BEFORE = word_set("in from at near outside")
_ORDINARY_TOWN_NOT_ALONE = word_set("church march")
# A capitalised word after the town joins it to a longer name ("Street Lane"); a postcode does not.
_NEXT_CAPITAL = re.compile(r"[ ]{1,2}(?:[A-Z](?![A-Z]?[0-9])|of\b)")


@cache
def _ordinary_town_forms() -> frozenset[str]:
    """The ordinary-word towns as written capitalised ("Street"): a token is looked up as it stands."""
    return frozenset(town.title() for town in ordinary_word_towns() - _ORDINARY_TOWN_NOT_ALONE)


def _ordinary_town_here(tokens: Tokens, k: int) -> bool:
    tok, text = tokens.items[k], tokens.text
    if tok.text not in _ordinary_town_forms():
        return False
    before = _LAST_WORD.search(text, max(0, tok.start - 12), tok.start)
    return (
        before is not None
        and before.end(1) == tok.start - 1
        and fold(before.group(1)) in _ORDINARY_TOWN_BEFORE
        and _NEXT_CAPITAL.match(text, tok.end) is None
    )


def _town_here(tokens: Tokens, k: int) -> bool:
    """Token k starts a listed town named with ordinary words, where a place goes."""
    tok, text = tokens.items[k], tokens.text
    town = _town_at(text, tok)
    if town is None:
        return _ordinary_town_here(tokens, k)
    before = _LAST_WORD.search(text, max(0, tok.start - 16), tok.start)
    if before is not None and before.end(1) == tok.start - 1:
        word = fold(before.group(1))
        # "the Isle of Wight", "the Black Country"; not "the Reading list"
        if word in _TOWN_BEFORE or (word == "the" and " " in text[tok.start : town]):
            return True
    return _SERVICE_AFTER.match(text, town) is not None


def _town_at(text: str, tok: Tok) -> int | None:
    """Where the listed place that starts at `tok` ends, if one does (places.py)."""
    return place_at(text, tok.start) if fold(tok.text) in first_words() else None


def _caps_name_context(tokens: Tokens, k: int) -> bool:
    items, text = tokens.items, tokens.text
    tok = items[k]
    if _COLLAR_BEFORE.search(text, max(0, tok.start - 16), tok.start) or _FIRST_AFTER.match(text, tok.end):
        return True
    word = _LAST_WORD.search(text, max(0, tok.start - 12), tok.start)
    if (word is not None and fold(word.group(1)) in _PLACE_BEFORE) or _after_location_label(text, tok.start):
        return True  # "SITTING AT KELDERBY", "LOCATION: HELSTON": a town
    before = items[k - 1] if k and text[items[k - 1].end : tok.start] == " " else None
    after = items[k + 1] if k + 1 < len(items) and text[tok.end : items[k + 1].start] == " " else None
    return any(near is not None and _name_beside(near) for near in (before, after))


# Where a word after "in", "at", "near"... starts: found in one pass over the text in lower case, as a lookup
# for every word after. The pattern starts with the words themselves, so the engine skips to their letters.
_AFTER_PLACE_WORD = re.compile(
    "(?:" + "|".join(sorted(_PLACE_BEFORE, key=len, reverse=True)) + r")[^\w\x00]{1,15}(?=[a-z])"
)


def _after_place_words(text: str) -> set[int]:
    lower = same_length_lower(text)
    return {
        match.end()
        for match in _AFTER_PLACE_WORD.finditer(lower)
        if not joined_before(lower, match.start(), "_'-")
    }


def _after_location_label(text: str, start: int) -> bool:
    if ":" not in text[max(0, start - 3) : start]:
        return False  # most words follow no label: a slice is cheaper than the pattern
    return _LOCATION_LABEL.search(text, max(0, start - 12), start) is not None


def _name_beside(near: Tok) -> bool:
    """A title, a listed name or another unknown word in capitals: "Harley QUINN-MORTIMER", "JO TRENWITH"."""
    if near.cls in {"TITLE", "CAPS_NAME", "FIRST", "AMBIG"}:
        return True
    word = near.text
    return near.cls == "CAPS" and len(word) >= 4 and fold(word) not in ACRONYMS and not is_vocabulary(word)


def _a_places_size(tokens: Tokens, k: int) -> bool:
    """'Great' or 'Little' before a word that is no kin word starts a place's name ("Great Yarmouth", "Little
    Sutton"), though before one it says how a relative is related ("Great Aunt")."""
    items = tokens.items
    return (
        items[k].text in _PLACE_SIZES
        and k + 1 < len(items)
        and tokens.text[items[k].end : items[k + 1].start] == " "
        and items[k + 1].cls != "ROLE"
        and items[k + 1].text[:1].isupper()
    )


_PLACE_SIZES = frozenset({"Great", "Little", "GREAT", "LITTLE"})


def _run(tokens: Tokens, i: int) -> tuple[int, int]:
    """The first and last token of the capitalised run around token i."""
    items, text = tokens.items, tokens.text
    # Most words stand alone ("Quarrobe, "): no glue either side, so the run is the word.
    if (i == 0 or text[items[i - 1].end : items[i].start] not in _GLUE) and (
        i + 1 == len(items) or text[items[i].end : items[i + 1].start] not in _GLUE
    ):
        return i, i
    caps = items[i].text.isupper()

    def fits(tok: Tok, glue: str) -> bool:
        if glue not in _GLUE or tok.cls not in _RUN_CLASSES or not tok.text[:1].isupper():
            return False
        if text[tok.end : tok.end + 1].isdigit():
            return False  # the letters of a postcode or a plate ("Bransby CA17 4NB")
        if caps or tok.cls == "CAPS":
            # A name in capitals runs on in capitals; an acronym ends a service's name ("Wendale CAIU"),
            # but "Holloway and CAMHS" are two things.
            return tok.text.isupper() and fold(tok.text) not in _LABELS and (caps or glue == " ")
        return True

    first = i
    while first > 0 and (
        fits(items[first - 1], text[items[first - 1].end : items[first].start])
        or _a_places_size(tokens, first - 1)
    ):
        first -= 1
    last = i
    while last + 1 < len(items) and fits(items[last + 1], text[items[last].end : items[last + 1].start]):
        last += 1
    # A role or an acronym before a name is a job ("MASH Manager Olu Adebayo"); a person's role after one
    # is not part of it ("Okonjo Mother"), but a service's words are ("Fellbridge Early Help").
    for k in range(i - 1, first - 1, -1):
        if (
            items[k].cls == "ROLE"
            and fold(items[k].text) not in _SERVICE_WORDS
            and not _a_places_size(tokens, k)
        ):
            first = k + 1  # "Paediatric Liaison Nurse Tamsin Holloway": the job ends at its role word
            break
    while first < i and (
        items[first].cls == "ROLE" or (items[first].text.isupper() and fold(items[first].text) in ACRONYMS)
    ):
        first += 1
    for k in range(i + 1, last):
        if items[k].cls == "ROLE" and items[k].text.isupper() and items[k + 1].cls in _NAME_CLASSES:
            last = k - 1  # "HMP Wealdon OMU POM Abdi Warsame": a job's letters before a name start a person
            break
    if last > i and items[last].cls == "ROLE" and fold(items[last].text) not in _SERVICE_WORDS:
        while last > i and items[last].cls == "ROLE":
            last -= 1  # "Freya's Social Worker": the whole role goes, not only its last word
    for k in range(i + 1, last + 1):
        glue = text[items[k - 1].end : items[k].start]
        if items[k].cls in {"ROLE", "TITLE"} and glue.strip() in {"and", "&"}:
            last = k - 1  # "Aunty Bisi and Pastor Olaniyan": two people, the second with a title
            break
    return first, last


def _own_initials(tokens: Tokens, first: int, last: int) -> bool:
    """Whether the run's last word is the initials of the words before it ("Nana Kofi Agyeman NKA")."""
    items = tokens.items
    letters = items[last].text
    return (
        letters.isupper()
        and tokens.text[items[first].end : items[first + 1].start] == " "
        and items[first].text[:1].isupper()
        and last - first <= 4
        and not any(items[k].text.isupper() for k in range(first, last))
        and letters == "".join(items[k].text[0] for k in range(first, last)).upper()
    )


def _initials_first(tokens: Tokens, first: int, last: int) -> int | None:
    """Where the name ends whose initials the run's first word is ("GR Gwenllian Rees", "RMB Rhian Maddocks-Bell"),
    or None."""
    items = tokens.items
    letters = items[first].text
    if (
        not (letters.isupper() and 2 <= len(letters) <= 4)
        or tokens.text[items[first].end : items[first + 1].start] != " "
    ):
        return None
    for end in range(min(last, first + 4), first + 1, -1):
        words = [items[k].text for k in range(first + 1, end + 1)]
        if any(w.isupper() or not w[:1].isupper() for w in words):
            continue
        glue = all(tokens.text[items[k - 1].end : items[k].start] == " " for k in range(first + 2, end + 1))
        heads = {"".join(w[0] for w in words), "".join(p[:1] for w in words for p in w.split("-"))}
        if glue and letters in heads:
            return end
    return None


def _kind(tokens: Tokens, first: int, last: int) -> EntityKind:
    items = tokens.items
    if last == first:
        return EntityKind.PERSON
    end = fold(items[last].text)
    if end in _SCHOOL_ENDS:
        return EntityKind.SCHOOL
    if end in _GP_ENDS:
        return EntityKind.GP_PRACTICE
    names = [items[k].cls in _NAME_CLASSES or _unheard_of(tokens, k) for k in range(first, last + 1)]
    if all(names) or (
        last == first + 1 and (_unheard_of(tokens, last) or fold(items[last].text) in surnames())
    ):
        return EntityKind.PERSON  # "Rubina Akhtar", "Olu Adebayo", "Liberty Gaskell"
    return EntityKind.ORG


def _house_before(tokens: Tokens, first: int) -> int | None:
    """The first token of a house or street named just before a town ("Riverside House, Trowbury",
    "4 The Paddocks, Harrowden"), or None."""
    items, text = tokens.items, tokens.text
    k = first - 1
    if k < 0 or text[items[k].end : items[first].start] != ", " or not items[k].text[:1].isupper():
        return None
    start = k
    while (
        start > 0
        and text[items[start - 1].end : items[start].start] == " "
        and items[start - 1].text[:1].isupper()
    ):
        start -= 1
    if start < k - 3:
        return None
    if fold(items[k].text) in _BUILDING_WORDS:
        return start
    before = max(0, items[start].start - 8)
    if _DIGITS.isdisjoint(text[before : items[start].start]):
        return None  # no number before the street: a slice is cheaper than the pattern
    return start if _HOUSE_NUMBER.search(text, before, items[start].start) is not None else None


def _one_person(tokens: Tokens, first: int, last: int, i: int) -> tuple[int, int]:
    """The full name around token i in a run of full names joined by "and" or "&": two people, not one
    ("Arthur Labinjo-Hughes and Star Hobson"); places stay whole ("Harwick and Ellerby")."""
    items, text = tokens.items, tokens.text
    for k in range(i, first + 1, -1):
        if text[items[k - 1].end : items[k].start] in _AND and k - first >= 2:
            first = k
            break
    for k in range(i, last - 1):
        if text[items[k].end : items[k + 1].start] in _AND and last - k >= 2:
            last = k
            break
    return first, last


_PERSON_OR_PLACE = (EntityKind.PERSON, EntityKind.ADDRESS)
_BEFORE_A_PLACEHOLDER = " " + MASK  # a listed town is already a place


def lone_proper_nouns(tokens: Tokens) -> list[Span]:
    """Every run of capitalised words with a word in it that is nothing but a name."""
    items, text = tokens.items, tokens.text
    found: list[tuple[int, int, EntityKind]] = []
    places: set[str] = set()
    after_place = _after_place_words(text)
    i = 0
    while i < len(items):
        if not _unheard_of(tokens, i):
            i += 1
            continue
        first, last = _run(tokens, i)
        # A log in capitals runs a name into the verb after it ("SALEH ARRESTED", "TATA PUSHED HER").
        while (
            last > i
            and items[last].text.isupper()
            and (items[last].text.endswith(_VERB_ENDINGS) or log_verb(items[last]))
        ):
            last -= 1
        # "Claudette Ferrier CF;" in a minutes key: a name, then its initials (which the declared-initials reader
        # takes), not one organisation.
        if last - first >= 2 and _own_initials(tokens, first, last):
            last -= 1
        elif last > first and first > 0 and _own_initials(tokens, first - 1, last):
            # "Nana Kofi Agyeman NKA": initials that spell the word before the run too say it is part of the name
            found.append((first - 1, last - 1, EntityKind.PERSON))
            i = last + 1  # past the initials
            continue
        spelled = _initials_first(tokens, first, last) if last - first >= 2 else None
        if spelled is not None:
            # "RMB Rhian Maddocks-Bell (Named Nurse)", "GR Gwenllian Rees;": a minutes key gives the letters first,
            # then the name they spell; two people's parts, not one organisation.
            found.append((first, first, EntityKind.PERSON))
            found.append((first + 1, spelled, EntityKind.PERSON))
            i = spelled + 1
            continue
        kind = EntityKind.PERSON if first == last else _kind(tokens, first, last)
        if first == last and text.startswith(_BEFORE_A_PLACEHOLDER, items[i].end):
            # "Hull ADDRESS_11": a word left before a placeholder was part of a longer name the placeholder now
            # stands for ("Hull College Queen's Gardens"); read again, it is left as the first reading left it.
            i += 1
            continue
        town = _town_at(text, items[i])
        if town is not None and kind is EntityKind.PERSON:
            kind = EntityKind.ADDRESS  # "moved to Reading", "the Isle of Wight"
            last = max(last, tokens.by_end.get(town, last))
            places.add(fold(items[i].text))
        if kind is EntityKind.PERSON and last > first:
            first, last = _one_person(tokens, first, last, i)  # "Arthur Labinjo-Hughes and Star Hobson"
        house = _house_before(tokens, first) if kind in _PERSON_OR_PLACE and first == last else None
        if house is not None:
            found.append((house, last, EntityKind.ADDRESS))  # "Riverside House, Trowbury"
            places.add(fold(items[i].text))
            i = last + 1
            continue
        if kind is EntityKind.PERSON and (
            items[first].start in after_place or _after_location_label(text, items[first].start)
        ):
            kind = EntityKind.ADDRESS
            places.add(fold(items[i].text))
        found.append((first, last, kind))
        i = last + 1
    spans: list[Span] = []
    for first, last, kind in found:
        start, end = items[first].start, items[last].end
        if kind is EntityKind.PERSON and first == last and fold(items[first].text) in places:
            kind = EntityKind.ADDRESS  # one place, one placeholder
        spans.append(Span(start, end, kind, norm(text[start:end])))
    return spans


def settled(found: list[Span], names: list[Span], places: list[Span], text: str) -> list[Span]:
    """The runs `lone_proper_nouns` found in the unmasked text, made to fit what other rules found: a run that
    cuts across a name or an identifier found by a surer rule gives way to it ("Tamsin Holloway and CAMHS",
    "Kia Picanto YX 19 KLN"), and a run around a place already found takes that place's kind
    ("Kingsmead Heath Library")."""
    if not found:
        return found
    owner = [0] * (len(text) + 1)  # which span (1-based) covers each character
    for number, span in enumerate(names + places, 1):
        owner[span.start : span.end] = [number] * (span.end - span.start)
    kind_at = {span.start: span.kind for span in places if span.kind is not EntityKind.PERSON}
    place_ends = {span.start: span.end for span in places if span.kind is not EntityKind.PERSON}
    place_starts = sorted(kind_at)
    exact = {(span.start, span.end) for span in names}
    # A word found alone that is part of an address elsewhere is that place ("Home: 2 Dye Lane, Oakworthy").
    place_words = {
        fold(word) for span in places if span.kind is EntityKind.ADDRESS for word in _words(span, text)
    }
    everything = names + places
    kept: list[Span] = []
    for span in found:
        start, end = span.start, span.end
        # A run that starts or ends inside an identifier a surer rule found keeps only what is outside it
        # ("58 Ropery Lane" found, "Ropery Lane, Marshby-on-Sea" run: "Marshby-on-Sea"; "D MCKENZIE" found,
        # "MCKENZIE HOUGHTON REGIS" run: "HOUGHTON REGIS", which a second pass would find after the
        # placeholder); a run that ends inside a name gives way to it.
        if _starts_inside(owner, start):
            start = _after_glue(text, _next_word(text, everything[owner[start] - 1].end, end), end)
        if end > start and _ends_inside(owner, end):
            if owner[end - 1] <= len(names):
                continue
            end = _word_end(text, start, everything[owner[end - 1] - 1].start)
        if (start, end) != (span.start, span.end):
            if end <= start or _starts_inside(owner, start) or _ends_inside(owner, end):
                continue
            if all(is_vocabulary(word) for word in _words(Span(start, end, span.kind, ""), text)):
                continue  # what is left is ordinary words ("The", "ED")
            span = Span(start, end, span.kind, norm(text[start:end]))
        if (start, end) in exact:
            continue  # the surer rule already has it, with its kind ("Our worker Gina Price")
        # The first place found that starts inside the run gives it its kind.
        k = bisect.bisect_left(place_starts, start)
        inner = kind_at[place_starts[k]] if k < len(place_starts) and place_starts[k] < end else None
        if inner is not None and span.kind is EntityKind.PERSON and place_starts[k] > start:
            # "DC Emily Shawcross" where "Shawcross" was read as an organisation's short name: a listed given
            # name before the word makes it her surname.
            first = _words(Span(start, end, span.kind, ""), text)[0]
            if classify(first) == "FIRST" and place_ends[place_starts[k]] == end:
                inner = None
        if (
            inner is None
            and place_words
            and span.kind is EntityKind.PERSON
            and fold(text[start:end]) in place_words
        ):
            inner = EntityKind.ADDRESS
        kept.append(Span(start, end, inner, span.key) if inner is not None else span)
    return kept


def _starts_inside(owner: list[int], start: int) -> bool:
    return bool(start and owner[start] and owner[start] == owner[start - 1])


def _ends_inside(owner: list[int], end: int) -> bool:
    return bool(owner[end - 1] and owner[end - 1] == owner[end])


def _next_word(text: str, at: int, end: int) -> int:
    while at < end and not text[at].isalpha():
        at += 1
    return at


_GLUE_WORD = re.compile(r"[^\W\d_]+[ ]")


def _after_glue(text: str, at: int, end: int) -> int:
    """Past the words that join a run to what it left ("and Stepmother" of "... and Stepmother Lacey")."""
    while at < end:
        word = _GLUE_WORD.match(text, at, end)
        if word is None or (
            word.group(0)[:1].isupper() and classify(word.group(0).strip()) not in _GLUE_CLASSES
        ):
            return at
        at = word.end()
    return at


_GLUE_CLASSES = frozenset({"ROLE", "FUNCTION", "TITLE", "LOWER", "PARTICLE"})


def _word_end(text: str, start: int, at: int) -> int:
    while at > start and not text[at - 1].isalpha():
        at -= 1
    return at


def _words(span: Span, text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text[span.start : span.end])


# "The Mill Lane Practice", "The Orchard Pupil Referral Unit": "The", a name of ordinary capitalised words, and
# the kind of place. Words that only describe ("The Local Practice", "The Primary School") name nothing.
_THE_NAMED = re.compile(
    r"T(?<![\w]T)he[ ](?P<name>(?:[A-Z][\w'\-]{1,30}[ ]){1,3})(?P<head>Practice|Surgery|Medical[ ]Centre|"
    r"Health[ ]Centre|School|Academy|Pupil[ ]Referral[ ]Unit|PRU|Nursery|College|Children's[ ]Home)(?![\w'\-]|[ ]Review)"
)
_HEAD_KINDS = {"Practice": EntityKind.GP_PRACTICE, "Surgery": EntityKind.GP_PRACTICE,
               "Medical Centre": EntityKind.GP_PRACTICE, "Health Centre": EntityKind.GP_PRACTICE,
               "Children's Home": EntityKind.ORG}  # fmt: skip
_DESCRIBING = word_set(
    "local same new former previous current registered family named other main primary secondary special "
    "high junior infant infants nursery community village local's child's children's early day"
)


# A hospital ward named after a bird, a tree or a person ("Kestrel Ward", "Rowan Ward"), not one named by
# what it is for ("Children's Ward", "Labour Ward").
_WARD = re.compile(r"(?P<name>[A-Z](?<![\w'\-].)[a-z'\-]{2,20})[ ]Ward(?![\w'\-])")
_WARD_PURPOSES = word_set(
    "children's childrens maternity labour postnatal antenatal paediatric neonatal surgical medical general "
    "acute assessment day observation isolation psychiatric mental adolescent admissions discharge the this "
    "that each same new old main elderly stroke cardiac respiratory orthopaedic trauma high secure private"
)


def the_named_places(text: str) -> list[Span]:
    """Schools, GP practices and homes named with ordinary words after "The" (see _THE_NAMED), and wards."""
    spans: list[Span] = []
    for match in _WARD.finditer(text) if " Ward" in text else ():
        name = match.group("name")
        if fold(name) not in _WARD_PURPOSES and classify(name) not in {"FIRST", "AMBIG", "TITLE", "ROLE"}:
            spans.append(Span(match.start(), match.end(), EntityKind.ORG, norm(match.group(0))))
    for match in _THE_NAMED.finditer(text) if "The " in text else ():
        words = match.group("name").split()
        if all(
            fold(word) in _DESCRIBING or fold(word) in INSTITUTION_WORDS or fold(word) in ROLE_WORDS
            for word in words
        ):
            continue
        kind = _HEAD_KINDS.get(match.group("head"), EntityKind.SCHOOL)
        spans.append(Span(match.start(), match.end(), kind, norm(match.group(0))))
    return spans
