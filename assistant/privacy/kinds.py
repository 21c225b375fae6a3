"""What the redactor finds: the kinds of identifier and the spans it reports."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# What blanks out a placeholder already in the input, or an identifier already found, in the matching copy
# before the next rules run: a control character that no pattern accepts as part of a value.
MASK = "\x00"


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
    VEHICLE = "VEHICLE"
    HANDLE = "HANDLE"
    REFERENCE = "REFERENCE"
    OTHER_SCRIPT = "OTHER_SCRIPT"  # words in a script the rules cannot read (Arabic, Cyrillic, Chinese...)


# Not frozen: a long text yields hundreds of thousands of spans, and a frozen dataclass's __init__ (object.__setattr__
# per field) cost four times as much. No rule changes a span once made; each makes a new one.
@dataclass(slots=True, unsafe_hash=True)
class Span:
    """text[start:end] is an identifier of `kind`; spans with the same kind and key share a placeholder."""

    start: int
    end: int
    kind: EntityKind
    key: str
