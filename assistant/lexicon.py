"""The shared vocabulary: dates, roles, agencies, ethnicity, ages and the Panel's phrases.

One home for words that several layers read (critique, drafting, lines of enquiry, privacy), so a
phrase learned in one place is understood everywhere.
"""

from __future__ import annotations

import re


def rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


PLACEHOLDER = r"\[[^\]\n]{1,40}\]"
DATE = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s+\d{4}|" + PLACEHOLDER + ")"
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
