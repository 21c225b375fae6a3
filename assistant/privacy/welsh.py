"""Dates and addresses written in Welsh.

Records from Wales reach English partnerships when a family crosses the border, and many are bilingual: a
chronology dated "12fed Rhagfyr" or "11 Ion 2023", a home on "Heol y Bryn" or in "Tŷ Derwen". Welsh puts a
street's kind before its name, so the English rules, which look for "Road" at the end, miss them; so does
Cornish with its house names ("Chy an Mor", "house of the sea"), read here too. The words
here were written from general knowledge; Welsh's ordinary words are in data/welsh_words.txt, so a heading
("Enw", "Cyfeiriad") is not taken for a name.
"""

from __future__ import annotations

import re

from assistant.privacy.kinds import EntityKind, Span
from assistant.privacy.normalise import joined_before, matches_near
from assistant.privacy.words import fold, norm, welsh_words

# Each month with its short and mutated forms ("Ion", "fehefin" after "ym").
_MONTHS = [
    "ionawr",
    "ion",
    "chwefror",
    "chwef",
    "mawrth",
    "maw",
    "fawrth",
    "ebrill",
    "ebr",
    "mai",
    "fai",
    "mehefin",
    "meh",
    "fehefin",
    "gorffennaf",
    "gorff",
    "orffennaf",
    "ngorffennaf",
    "awst",
    "medi",
    "fedi",
    "hydref",
    "hyd",
    "tachwedd",
    "tach",
    "dachwedd",
    "nhachwedd",
    "thachwedd",
    "rhagfyr",
    "rhag",
    "ragfyr",
]
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
# A day's number with its Welsh ordinal ending ("1af", "2il", "3ydd", "5ed", "7fed", "11eg", "21ain"), then a
# month. Every pattern here starts with a digit or a capital word, so the engine skips to where one could
# start; what must not come before is checked in code.
_DATE = re.compile(
    rf"[0-9]{{1,2}}(?:af|il|ydd|fed|ed|eg|ain)?[ ](?i:{_MONTH})\b\.?(?:[ ][0-9]{{4}})?(?![\w/])"
)
# Named days, dated only with their year ("Noswyl Nadolig 2022"): alone they are every year's.
# Ignoring case, re knows no first letters to skip to, and tries every character: the first letter is a class of its
# cases here ("ſ" is an "s" ignoring case), the rest as before, ignoring case. No two days start alike.
_NAMED_DAY = re.compile(
    r"[NDGSLndgslſ](?:(?<=[Nn])(?i:oswyl[ ]nadolig|os[ ]galan)|(?<=[Dd])(?i:ydd[ ]nadolig|ydd[ ]calan|ydd[ ]g[ŵw]yl[ ]dewi)|"
    r"(?<=[Gg])(?i:[ŵw]yl[ ]san[ ]steffan|wener[ ]y[ ]groglith)|(?<=[Ssſ])(?i:ul[ ]y[ ]pasg)|(?<=[Ll])(?i:lun[ ]y[ ]pasg))"
    r"[ ][0-9]{4}(?![\w/])"
)
_NAMED_DAY_WORDS = ("adolig", "alan", "teffan", "ewi", "asg", "roglith")
# A piece of each named day in ASCII letters other than i, k and s (which, ignoring case, also match "ı", "K" and
# "ſ"): "alan", "ewi" and "asg" are in much English prose ("Alan", "new"), and the pattern ignoring case is tried
# at every letter; where none of these is there it cannot match.
_NAMED_DAY_PIECES = ("nadol", "teffan", "calan", "galan", "dydd g", "ul y pa", "un y pa", "y grog")
# A street's kind, then its name: "Heol y Bryn", "Ffordd y Capel", "Stryd Fawr", "9 Heol yr Orsaf".
_STREET = (
    r"Heol|Hewl|Ffordd|Stryd|Stryt|Lôn|Lon|Cilgant|Rhodfa|Teras|Rhes|Maes|Clos|Llys|Cwrt|Sgwâr|Sgwar|Parc|"
    r"Gerddi|Allt|Rhiw|Llwybr|Cei"
)
# A house or farm named by its kind first: "Tŷ Derwen", "Bwthyn y Nant", "Fferm Pen-y-bryn". ("Ty" without
# its accent is also a name, "Ty" for Tyler, so it is not here.)
_HOUSE = r"Tŷ|Tŷ'n|Ty'n|Bwthyn|Fferm|Ffarm|Plas|Hafod|Hendre|Tyddyn|Llety|Ysgubor|Melin|Efail"
_NAME_WORD = r"[A-ZÂÊÎÔÛŴŶ][\w'\-]{1,25}"
_PLACE = re.compile(
    rf"(?:{_STREET}|{_HOUSE})[ ](?:(?:y|yr|'r)[ ])?{_NAME_WORD}(?:[ ](?:(?:y|yr)[ ])?{_NAME_WORD})?(?![\w'\-])"
)
_NUMBER_BEFORE = re.compile(r"(?<![\w'\-])[0-9]{1,4}[A-Za-z]?,?[ ]$")


# Schools, practices and services, named head first: "Ysgol Gymraeg Pant", "Meddygfa'r Bont", "Ysbyty Glan
# Clwyd", "Cartrefi Cwm", a Welsh-medium playgroup "Cylch Meithrin Seren Fach". Up to three words after the
# head, with "y", "yr" or "'r" between.
_HEADED = re.compile(
    # a school's kind may follow its head ("Ysgol Gynradd Gymraeg Heol y Graig"), or stand as letters ("YGG Heol y
    # Graig", "YG Bro Edern")
    r"(?P<head>(?P<school>Ysgol(?:[ ](?:Gynradd|Uwchradd|Gymraeg|Gyfun|Feithrin|Arbennig|Babanod|Iau))*|"
    r"YGG|YGGG|YGCC|YGC|YG)|Meddygfa|Ysbyty|Canolfan|Cartrefi|Cyngor|Heddlu|Capel|Eglwys|Cylch[ ]Meithrin|Meithrinfa)"
    r"(?:'r|[ ](?:y|yr)[ ]|[ ])"
    rf"{_NAME_WORD}(?:[ ](?:(?:y|yr)[ ])?{_NAME_WORD}){{0,2}}(?![\w'\-])"
)
# The heads a match starts with: the nested groups first give re no first letters to skip to.
_HEADS = (
    "Ysgol",
    "YG",
    "Meddygfa",
    "Ysbyty",
    "Canolfan",
    "Cartrefi",
    "Cyngor",
    "Heddlu",
    "Capel",
    "Eglwys",
    "Cylch Meithrin",
    "Meithrinfa",
)
_MARKS = "_'-/."  # what runs into a word, a number or a name before it
_HEAD_KIND = {
    "Ysgol": EntityKind.SCHOOL,
    "Cylch Meithrin": EntityKind.SCHOOL,
    "Meithrinfa": EntityKind.SCHOOL,
    "Meddygfa": EntityKind.GP_PRACTICE,
}
# A Cornish house named "house of ...": "Chy an Mor", "Chy-an-Dowr", "Chy Lowen".
_CHY = re.compile(r"Chy(?:[ \-](?:an|a|woles)[ \-]|[ ])[A-Z][a-z]{2,15}(?![\w'\-])")
# "Ty Newydd", "Ty Gwyn": "Ty" without its accent is a house only before a Welsh word (alone it may be Tyler).
_TY = re.compile(rf"Ty[ ](?P<w>{_NAME_WORD})(?![\w'\-])")


def welsh_dates(text: str, lower: str) -> list[Span]:
    """`lower` is `text` in lower case, the same length: it says cheaply whether a month or a named day is
    there at all. Without one, neither pattern is run: the dates' would try every digit (a log of numbers),
    and the named days', ignoring case, every letter."""
    months = any(month in lower for month in _MONTHS)
    spans = [
        Span(m.start(), m.end(), EntityKind.DATE, norm(m.group(0)))
        for m in (_DATE.finditer(text) if months else ())
        if not joined_before(text, m.start(), _MARKS)
    ]
    if any(word in lower for word in _NAMED_DAY_WORDS) and any(piece in lower for piece in _NAMED_DAY_PIECES):
        spans += [
            Span(m.start(), m.end(), EntityKind.DATE, norm(m.group(0)))
            for m in _NAMED_DAY.finditer(text)
            if not joined_before(text, m.start(), _MARKS)
        ]
    return spans


def welsh_places(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _PLACE.finditer(text):
        if joined_before(text, m.start(), _MARKS):
            continue
        number = _NUMBER_BEFORE.search(text, max(0, m.start() - 8), m.start())
        start = number.start() if number else m.start()
        spans.append(Span(start, m.end(), EntityKind.ADDRESS, norm(text[start : m.end()])))
    spans += [
        Span(
            m.start(),
            m.end(),
            EntityKind.SCHOOL if m.group("school") else _HEAD_KIND.get(m.group("head"), EntityKind.ORG),
            norm(m.group(0)),
        )
        for m in matches_near(_HEADED, text, _HEADS)
        if not joined_before(text, m.start(), _MARKS)
    ]
    spans += [
        Span(m.start(), m.end(), EntityKind.ADDRESS, norm(m.group(0)))
        for m in (_CHY.finditer(text) if "Chy" in text else ())
        if not joined_before(text, m.start(), _MARKS)
    ]
    spans += [
        Span(m.start(), m.end(), EntityKind.ADDRESS, norm(m.group(0)))
        for m in _TY.finditer(text)
        if not joined_before(text, m.start(), _MARKS) and fold(m.group("w")) in welsh_words()
    ]
    return spans
