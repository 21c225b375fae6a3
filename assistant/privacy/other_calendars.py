"""Dates in the calendars other than the Gregorian that families' papers use: a day, a month's name and a year.

A child who arrived from Iran or Afghanistan, Eritrea or Ethiopia, Nepal, or from a country that dates papers by the
Hijri calendar has a date of birth written as the papers give it ("3 Tir 1381", "12 Ginbot 2000", "14 Ramadan
1428", "2 Baisakh 2062"), beside or instead of the Gregorian one. Each is as identifying as "14/03/2009". A month's
name alone or with a year only is not a personal date, as in English ("in Ramadan", "Mordad 1386"); several of
the names are also given names or words ("Asad", "Azar", "Mehr", "Magh"), so the day and the year are required.
"""

from __future__ import annotations

import re

from assistant.privacy.kinds import EntityKind, Span
from assistant.privacy.normalise import matches_near
from assistant.privacy.words import norm

# The solar Hijri months (Iran's Persian names and Afghanistan's Dari ones), the Ethiopian and Eritrean months,
# the Nepali (Bikram Sambat) months and the lunar Hijri months, in the spellings English papers use.
_MONTH_NAMES = (
    # Persian
    "Farvardin Ordibehesht Khordad Tir Mordad Amordad Shahrivar Mehr Aban Azar Dey Bahman Esfand Espand "
    # Dari
    "Hamal Sawr Saur Jawza Jauza Saratan Asad Sonbola Sunbula Mizan Aqrab Qaws Jadi Dalw Hut Hoot "
    # Ethiopian and Eritrean (Ge'ez)
    "Meskerem Tikimt Tekemt Hidar Hedar Tahsas Tahisas Ter Yekatit Megabit Miyazya Miazia Ginbot Genbot Sene Hamle "
    "Nehase Nehasse Pagume Pagumen "
    # Nepali
    "Baisakh Baishakh Jestha Jeth Asar Ashadh Shrawan Saun Bhadra Bhadau Asoj Ashwin Kartik Mangsir Poush Push Magh "
    "Falgun Fagun Chaitra "
    # lunar Hijri, one-word names
    "Muharram Safar Rajab Shaban Sha'ban Ramadan Ramazan Shawwal"
)
_MONTHS = _MONTH_NAMES.split()
# The lunar Hijri months of two parts ("Rabi al-Awwal", "Jumada al-Thani", "Dhu al-Hijjah").
_HIJRI_PAIRS = (
    r"(?:Rabi|Rabia|Jumada|Jumadi)(?:[ ]al-|[ ]ul-|[ ]|-)(?:Awwal|Awal|Ula|Thani|Akhir|Akhira|Akhirah|Sani)"
    r"|(?:Dhu|Zul|Dhul)(?:[ ]al-|[ ]|-)(?:Qadah|Qa'dah|Qi'dah|Hijjah|Hijja|Hajj)"
)
_DATE = re.compile(
    r"(?<![\w/.\-])(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?[ ]{1,2}"
    rf"(?:{'|'.join(sorted(set(_MONTHS), key=len, reverse=True))}|{_HIJRI_PAIRS})"
    r",?[ ]{1,2}(?:1[2-4][0-9]{2}|19[0-9]{2}|20[0-9]{2})(?:[ ]?(?:AH|SH|EC|BS|HS))?(?![\w/\-])"
)
_CUES = tuple(sorted({month[:3] for month in _MONTHS} | {"Rab", "Jum", "Dhu", "Zul"}))


def other_calendar_dates(text: str) -> list[Span]:
    spans = []
    for match in matches_near(_DATE, text, _CUES, reach=7):  # the month starts after a day and a space or two
        day = int(match["d"])
        if 1 <= day <= 32:  # Ethiopian and Persian months run to 30 and 31, a Nepali one to 32
            spans.append(Span(match.start(), match.end(), EntityKind.DATE, norm(match.group(0))))
    return spans
