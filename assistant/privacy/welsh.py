"""Dates and addresses written in Welsh.

Records from Wales reach English partnerships when a family crosses the border, and many are bilingual: a
chronology dated "12fed Rhagfyr" or "11 Ion 2023", a home on "Heol y Bryn" or in "Tŷ Derwen". Welsh puts a
street's kind before its name, so the English rules, which look for "Road" at the end, miss them. The words
here were written from general knowledge; Welsh's ordinary words are in data/welsh_words.txt, so a heading
("Enw", "Cyfeiriad") is not taken for a name.
"""

from __future__ import annotations

import re

from assistant.privacy.kinds import EntityKind, Span
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
# A day's number with its Welsh ordinal ending: "1af", "2il", "3ydd", "5ed", "7fed", "11eg", "21ain".
_DAY = r"(?:3[01]|[12][0-9]|[1-9])(?:af|il|ydd|fed|ed|eg|ain)?"
_DATE = re.compile(rf"(?<![\w/.\-]){_DAY}[ ](?i:{_MONTH})\b\.?(?:[ ][0-9]{{4}})?(?![\w/])")
# Named days, dated only with their year ("Noswyl Nadolig 2022"): alone they are every year's.
_NAMED_DAY = re.compile(
    r"(?i:\b(?:noswyl[ ]nadolig|dydd[ ]nadolig|g[ŵw]yl[ ]san[ ]steffan|dydd[ ]calan|nos[ ]galan|"
    r"dydd[ ]g[ŵw]yl[ ]dewi|sul[ ]y[ ]pasg|llun[ ]y[ ]pasg|gwener[ ]y[ ]groglith))[ ][0-9]{4}(?![\w/])"
)
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
    rf"(?<![\w'\-])(?:[0-9]{{1,4}}[A-Za-z]?,?[ ])?(?:{_STREET}|{_HOUSE})[ ](?:(?:y|yr|'r)[ ])?"
    rf"{_NAME_WORD}(?:[ ](?:(?:y|yr)[ ])?{_NAME_WORD})?(?![\w'\-])"
)


# Schools, practices and services, named head first: "Ysgol Gymraeg Pant", "Meddygfa'r Bont", "Ysbyty Glan
# Clwyd", "Cartrefi Cwm". Up to three words after the head, with "y", "yr" or "'r" between.
_HEADED = re.compile(
    r"(?<![\w'\-])(?P<head>Ysgol|Meddygfa|Ysbyty|Canolfan|Cartrefi|Cyngor|Heddlu|Capel|Eglwys)(?:'r|[ ](?:y|yr)[ ]|[ ])"
    rf"{_NAME_WORD}(?:[ ](?:(?:y|yr)[ ])?{_NAME_WORD}){{0,2}}(?![\w'\-])"
)
_HEAD_KIND = {"Ysgol": EntityKind.SCHOOL, "Meddygfa": EntityKind.GP_PRACTICE}
# "Ty Newydd", "Ty Gwyn": "Ty" without its accent is a house only before a Welsh word (alone it may be Tyler).
_TY = re.compile(rf"(?<![\w'\-])Ty[ ](?P<w>{_NAME_WORD})(?![\w'\-])")


def welsh_dates(text: str) -> list[Span]:
    spans = [Span(m.start(), m.end(), EntityKind.DATE, norm(m.group(0))) for m in _DATE.finditer(text)]
    spans += [Span(m.start(), m.end(), EntityKind.DATE, norm(m.group(0))) for m in _NAMED_DAY.finditer(text)]
    return spans


def welsh_places(text: str) -> list[Span]:
    spans = [Span(m.start(), m.end(), EntityKind.ADDRESS, norm(m.group(0))) for m in _PLACE.finditer(text)]
    spans += [
        Span(m.start(), m.end(), _HEAD_KIND.get(m.group("head"), EntityKind.ORG), norm(m.group(0)))
        for m in _HEADED.finditer(text)
    ]
    spans += [
        Span(m.start(), m.end(), EntityKind.ADDRESS, norm(m.group(0)))
        for m in _TY.finditer(text)
        if fold(m.group("w")) in welsh_words()
    ]
    return spans
